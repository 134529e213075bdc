package eip712_test

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/axl-market/axl/escrow/eip712"
	"github.com/axl-market/axl/market"
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

// rebuild is what a signer does with a document it is shown: it hashes
// the domain, types and message, not the digest it was told.
func rebuild(td market.TypedData) apitypes.TypedData {
	out := apitypes.TypedData{
		Types: apitypes.Types{"EIP712Domain": {{Name: "name", Type: "string"}, {Name: "version", Type: "string"},
			{Name: "chainId", Type: "uint256"}, {Name: "verifyingContract", Type: "address"}}},
		PrimaryType: td.PrimaryType,
		Domain: apitypes.TypedDataDomain{Name: td.Domain.Name, Version: td.Domain.Version,
			ChainId: (*math.HexOrDecimal256)(td.Domain.ChainID), VerifyingContract: td.Domain.VerifyingContract},
		Message: apitypes.TypedDataMessage{},
	}
	for name, fields := range td.Types {
		for _, f := range fields {
			out.Types[name] = append(out.Types[name], apitypes.Type{Name: f.Name, Type: f.Type})
		}
	}
	for k, v := range td.Message {
		out.Message[k] = v
	}
	return out
}

// TestDocumentsHashAsShown: the digest the market keeps of each document
// is the hash of the document as a signer is shown it, so that a buyer or
// worker who signs what it reads signs what the server checks.
func TestDocumentsHashAsShown(t *testing.T) {
	t.Parallel()
	d := eip712.DevDomains(big.NewInt(1337), addrs)
	claim := market.Claim{JobID: market.Hash{9}, Slot: 3, Worker: market.Address{0x77}, ExpiresAt: time.Unix(1_800_000_100, 0),
		PermitNonce: big.NewInt(2)}
	docs := map[string]func() (market.TypedData, error){}
	for _, token := range []market.Token{market.TokenUSDC, market.TokenAI} {
		q := quote(token)
		docs[string(token)+" intent"] = func() (market.TypedData, error) { return d.IntentTypedData(q) }
		docs[string(token)+" funding"] = func() (market.TypedData, error) {
			in, err := d.IntentTypedData(q)
			q.IntentID = in.Digest
			if err != nil {
				return in, err
			}
			return d.FundingTypedData(q)
		}
		docs[string(token)+" permit"] = func() (market.TypedData, error) {
			p, _, err := d.StakeTypedData(token, big.NewInt(1000), claim)
			return p, err
		}
		docs[string(token)+" stake"] = func() (market.TypedData, error) {
			_, s, err := d.StakeTypedData(token, big.NewInt(1000), claim)
			return s, err
		}
	}
	for name, build := range docs {
		td, err := build()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want, err := eip712.Hash(rebuild(td))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if td.Digest != market.Hash(want) || td.Digest == (market.Hash{}) {
			t.Errorf("%s: digest %s, the document hashes to %s", name, td.Digest, want.Hex())
		}
		if _, ok := td.Types["EIP712Domain"]; ok {
			t.Errorf("%s: the types list EIP712Domain, which signTypedData refuses", name)
		}
	}
	// A token the deployment does not know, and a quote without the permit
	// nonce its Permit needs, are refused.
	if _, err := d.IntentTypedData(quote("DAI")); market.ErrorKind(err) != market.KindInvalid {
		t.Errorf("unknown token: %v", err)
	}
	q := quote(market.TokenAI)
	q.PermitNonce = nil
	if _, err := d.FundingTypedData(q); err == nil {
		t.Error("an AI funding without a permit nonce was built")
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

func TestSpecHashOfLoRA(t *testing.T) {
	full := market.Spec{BaseModel: market.ArtifactID{1}, Dataset: market.ArtifactID{2}, Steps: 10, Workers: 2, Replicas: 2,
		Hyperparameters: market.DefaultHyperparameters, Seed: 9}
	lora := full
	lora.Method, lora.LoRA = market.MethodLoRA, market.LoRA{R: 4, Alpha: 8, Targets: market.TargetCAttn | market.TargetCProj}
	h := eip712.SpecHash(lora)
	if h == eip712.SpecHash(full) {
		t.Fatal("a LoRA spec hashes as the full fine-tune of the same spec")
	}
	// The LoRA settings are ignored unless the method is LoRA: a full spec's
	// hash is the one it had before LoRA.
	stray := full
	stray.LoRA = lora.LoRA
	if eip712.SpecHash(stray) != eip712.SpecHash(full) {
		t.Fatal("LoRA settings of a full spec changed its hash")
	}
	tokenized := lora
	tokenized.Format, tokenized.Tokens = market.FormatJSONL, market.TokenStream{Hash: market.Hash{3}, Count: 100}
	for name, change := range map[string]func(*market.Spec){
		"r": func(s *market.Spec) { s.LoRA.R++ }, "alpha": func(s *market.Spec) { s.LoRA.Alpha = 16 },
		"targets": func(s *market.Spec) { s.LoRA.Targets |= market.TargetCFC },
		"tokens":  func(s *market.Spec) { *s = tokenized },
	} {
		s := lora
		change(&s)
		if eip712.SpecHash(s) == h {
			t.Errorf("changing %s keeps the LoRA spec hash", name)
		}
	}
}
