package eip712_test

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/eip712"
)

var addrs = market.ChainAddresses{Escrow: market.Address{0xe5, 1}, USDC: market.Address{0x05, 2}, AI: market.Address{0xa1, 3}}

func quote(token market.Token) market.Quote {
	return market.Quote{
		Buyer: market.Address{0xb0, 0xb}, Token: token,
		Spec:     market.Spec{Steps: 10, Workers: 3, Replicas: 2},
		SpecHash: market.Hash{7, 7}, Price: big.NewInt(123_456_789), StakePerSlot: big.NewInt(1000),
		Deadline: time.Unix(1_900_000_000, 0), Nonce: new(big.Int).Lsh(big.NewInt(0xabc), 200),
		PermitNonce: big.NewInt(5), ExpiresAt: time.Unix(1_800_000_000, 0),
	}
}

// The escrow package computes the same digests by hand, as the contracts
// do; agreeing with it ties our typed data to what the chain checks.
func TestDigestsMatchTheContracts(t *testing.T) {
	chainID := big.NewInt(1337)
	d := eip712.DevDomains(chainID, addrs)
	for _, token := range []market.Token{market.TokenUSDC, market.TokenAI} {
		q := quote(token)
		tokenAddr := common.Address(d.Tokens[token].Address)
		terms := escrow.Terms{Buyer: common.Address(q.Buyer), Token: tokenAddr, Amount: q.Price, SpecHash: q.SpecHash,
			Slots: 6, StakePerSlot: q.StakePerSlot, Deadline: uint64(q.Deadline.Unix()), Nonce: q.Nonce}
		id, err := d.IntentID(q)
		if err != nil {
			t.Fatal(err)
		}
		want := escrow.IntentID(escrow.EscrowDomain(chainID, common.Address(addrs.Escrow)), terms)
		if id != market.Hash(want) {
			t.Fatalf("%s: intent id %s, the contract's %s", token, id, want.Hex())
		}
		q.IntentID = id
		td, err := d.FundingTypedData(q)
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := apitypes.TypedDataAndHash(td)
		if err != nil {
			t.Fatal(err)
		}
		var wantFunding common.Hash
		expiry := big.NewInt(q.ExpiresAt.Unix())
		if token == market.TokenUSDC {
			auth := escrow.Authorization{From: terms.Buyer, To: common.Address(addrs.Escrow), Value: q.Price,
				ValidAfter: big.NewInt(0), ValidBefore: expiry, Nonce: common.Hash(id)}
			wantFunding = auth.Digest(escrow.USDCDomain(chainID, tokenAddr), escrow.ReceiveWithAuthorizationType)
		} else {
			wantFunding = escrow.PermitDigest(escrow.AIDomain(chainID, tokenAddr), terms.Buyer, common.Address(addrs.Escrow),
				q.Price, q.PermitNonce, expiry)
		}
		if common.BytesToHash(got) != wantFunding {
			t.Fatalf("%s: funding digest %x, the token's %s", token, got, wantFunding.Hex())
		}
	}
}

func TestRecover(t *testing.T) {
	key, _ := crypto.GenerateKey()
	want := market.Address(crypto.PubkeyToAddress(key.PublicKey))
	msg := []byte("axl-request\nGET\n/jobs\n1\nabc")
	sig, _ := crypto.Sign(accounts.TextHash(msg), key)
	for _, v := range []byte{0, 27} {
		s := append([]byte{}, sig...)
		s[64] += v
		if got, err := eip712.RecoverPersonal(msg, s); err != nil || got != want {
			t.Fatalf("v+%d: %s %v", v, got, err)
		}
	}
	// The malleated twin (s → n − s, v flipped) recovers the same key and is refused.
	n := crypto.S256().Params().N
	high := append([]byte{}, sig...)
	new(big.Int).Sub(n, new(big.Int).SetBytes(sig[32:64])).FillBytes(high[32:64])
	high[64] ^= 1
	if _, err := eip712.RecoverPersonal(msg, high); market.ErrorKind(err) != market.KindBadSignature {
		t.Fatalf("high-s signature: %v", err)
	}
	for _, bad := range [][]byte{sig[:64], append(append([]byte{}, sig[:64]...), 9)} {
		if _, err := eip712.RecoverPersonal(msg, bad); market.ErrorKind(err) != market.KindBadSignature {
			t.Fatalf("bad signature %x: %v", bad, err)
		}
	}
	if got, _ := eip712.RecoverPersonal([]byte("other"), sig); got == want {
		t.Fatal("a signature over another message recovered the signer")
	}
}

func TestSpecHashCommitsToEveryField(t *testing.T) {
	base := market.Spec{BaseModel: market.ArtifactID{1}, Dataset: market.ArtifactID{2}, Steps: 10, Workers: 2, Replicas: 2,
		Hyperparameters: market.DefaultHyperparameters, Seed: 9}
	changes := map[string]func(*market.Spec){
		"base_model": func(s *market.Spec) { s.BaseModel[0] = 9 }, "dataset": func(s *market.Spec) { s.Dataset[31] = 1 },
		"steps": func(s *market.Spec) { s.Steps++ }, "workers": func(s *market.Spec) { s.Workers++ },
		"replicas": func(s *market.Spec) { s.Replicas++ }, "seed": func(s *market.Spec) { s.Seed++ },
		"learning_rate": func(s *market.Spec) { s.Hyperparameters.LearningRate *= 2 },
		"weight_decay":  func(s *market.Spec) { s.Hyperparameters.WeightDecay = 0 },
		"batch_size":    func(s *market.Spec) { s.Hyperparameters.BatchSize++ },
		"seq_len":       func(s *market.Spec) { s.Hyperparameters.SeqLen++ },
		"warmup_steps":  func(s *market.Spec) { s.Hyperparameters.WarmupSteps++ },
		"inner_steps":   func(s *market.Spec) { s.Hyperparameters.InnerSteps++ },
		// Workers and replicas swapped keep slots but not the spec.
		"swap": func(s *market.Spec) { s.Workers, s.Replicas = 4, 1 },
	}
	h := eip712.SpecHash(base)
	if eip712.SpecHash(base) != h {
		t.Fatal("spec hash is not deterministic")
	}
	for name, change := range changes {
		s := base
		change(&s)
		if eip712.SpecHash(s) == h {
			t.Errorf("changing %s keeps the spec hash", name)
		}
	}
}
