package escrow_test

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/eip712"
	"github.com/axl-market/axl/market"
)

// TestTypedDataMatchesContract: every document a buyer or a worker signs,
// as the market builds it (escrow/eip712.Domains) and as this package signs
// it, hashes as the contracts hash it on the simulated chain: the intent
// id and the stake binding by the escrow's own view functions, the domains
// by each contract's EIP-5267 domain and EIP-2612 DOMAIN_SEPARATOR, and the
// permit and the EIP-3009 authorisations by the tokens accepting a
// signature of our digest (and refusing it for other values).
func TestTypedDataMatchesContract(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	opts := &bind.CallOpts{Context: e.ctx}
	chainID := e.chain.ChainID()
	domains := eip712.DevDomains(chainID, market.ChainAddresses{Escrow: market.Address(e.c.Addresses.Escrow),
		USDC: market.Address(e.c.Addresses.USDC), AI: market.Address(e.c.Addresses.AI)})
	buyer, worker := e.agents[0], e.workers[0]
	// call runs data on to from from without sending it: the contract's
	// verdict on a signature, with no state changed.
	call := func(from, to common.Address, data []byte) error {
		_, err := e.chain.Client().CallContract(e.ctx, ethereum.CallMsg{From: from, To: &to, Data: data}, nil)
		return err
	}

	t.Run("domains", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			addr common.Address
			want eip712.Domain
		}{
			{"escrow", e.c.Addresses.Escrow, e.c.EscrowDomain()},
			{"usdc", e.c.Addresses.USDC, domains.Tokens[market.TokenUSDC]},
			{"ai", e.c.Addresses.AI, domains.Tokens[market.TokenAI]},
		} {
			inst := e.c.AI.Instance(e.chain.Client(), tc.addr)
			d, err := bind.Call(inst, opts, e.c.AI.PackEip712Domain(), e.c.AI.UnpackEip712Domain)
			if err != nil {
				t.Fatalf("%s eip712Domain: %v", tc.name, err)
			}
			got := eip712.Domain{Name: d.Name, Version: d.Version, ChainID: d.ChainId, VerifyingContract: d.VerifyingContract}
			gotSep, err := got.Separator()
			if err != nil {
				t.Fatal(err)
			}
			wantSep, err := tc.want.Separator()
			if err != nil {
				t.Fatal(err)
			}
			if gotSep != wantSep {
				t.Errorf("%s: contract domain %+v, Go %+v", tc.name, got, tc.want)
			}
			if tc.name == "escrow" {
				continue
			}
			sep, err := bind.Call(inst, opts, e.c.AI.PackDOMAINSEPARATOR(), e.c.AI.UnpackDOMAINSEPARATOR)
			if err != nil {
				t.Fatalf("%s DOMAIN_SEPARATOR: %v", tc.name, err)
			}
			if common.Hash(sep) != wantSep {
				t.Errorf("%s: DOMAIN_SEPARATOR %x, Go %s", tc.name, sep, wantSep.Hex())
			}
		}
	})

	for _, token := range []market.Token{market.TokenUSDC, market.TokenAI} {
		t.Run(string(token), func(t *testing.T) {
			tokenAddr := common.Address(domains.Tokens[token].VerifyingContract)
			terms := e.terms(buyer, tokenAddr, 1_000_000, 1_000, 3)
			permitNonce, err := e.c.PermitNonce(e.ctx, e.chain.Client(), tokenAddr, buyer.Address)
			if err != nil {
				t.Fatal(err)
			}
			expires := e.now().Add(time.Hour).Truncate(time.Second)
			q := market.Quote{Buyer: market.Address(buyer.Address), Token: token,
				Spec:     market.Spec{Workers: 3, Replicas: 1},
				SpecHash: market.Hash(terms.SpecHash), Price: terms.Amount, StakePerSlot: terms.StakePerSlot,
				Deadline: time.Unix(int64(terms.Deadline), 0), Nonce: terms.Nonce, PermitNonce: permitNonce, ExpiresAt: expires}

			// The intent: the escrow's intentId, this package's and the market's.
			id, err := bind.Call(e.escrowInst(), opts, e.c.Escrow.PackIntentId(terms), e.c.Escrow.UnpackIntentId)
			if err != nil {
				t.Fatal(err)
			}
			intent, err := domains.IntentTypedData(q)
			if err != nil {
				t.Fatal(err)
			}
			if common.Hash(id) != e.c.IntentID(terms) || intent.Digest != market.Hash(id) {
				t.Fatalf("contract intent id %x, escrow %s, market %s", id, e.c.IntentID(terms).Hex(), intent.Digest)
			}
			q.IntentID = intent.Digest

			// The funding: the buyer signs the market's document, and the escrow
			// funds with it (by EIP-3009 or by permit and the intent signature).
			funding, err := domains.FundingTypedData(q)
			if err != nil {
				t.Fatal(err)
			}
			fsig, err := escrow.SignDigest(buyer.Key, common.Hash(funding.Digest))
			if err != nil {
				t.Fatal(err)
			}
			vb := big.NewInt(expires.Unix())
			var fund escrow.Call
			if token == market.TokenUSDC {
				fund = e.c.FundWithAuthorization(terms, big.NewInt(0), vb, fsig)
			} else {
				isig, err := escrow.SignDigest(buyer.Key, common.Hash(intent.Digest))
				if err != nil {
					t.Fatal(err)
				}
				fund = e.c.FundWithPermit(terms, vb, fsig, isig.Bytes())
			}
			good := fund
			if err := call(e.op.Address, fund.To, fund.Data); err != nil {
				t.Fatalf("funding signed over the market's %s digest refused: %v (%s)", funding.PrimaryType, err, escrow.RevertReason(err))
			}
			other := terms
			other.Amount = big.NewInt(999_999)
			if token == market.TokenUSDC {
				fund = e.c.FundWithAuthorization(other, big.NewInt(0), vb, fsig)
			} else {
				fund = e.c.FundWithPermit(other, vb, fsig, fsig.Bytes())
			}
			if err := call(e.op.Address, fund.To, fund.Data); err == nil {
				t.Fatal("the funding signature funded other terms")
			}
			e.exec(e.op, good)

			// The stake: the worker signs the market's permit and slot binding,
			// the escrow's stakeDigest agrees, and the escrow stakes with them.
			wnonce, err := e.c.PermitNonce(e.ctx, e.chain.Client(), tokenAddr, worker.Address)
			if err != nil {
				t.Fatal(err)
			}
			claim := market.Claim{JobID: market.Hash(id), Slot: 1, Worker: market.Address(worker.Address), ExpiresAt: expires,
				PermitNonce: wnonce}
			permit, binding, err := domains.StakeTypedData(token, terms.StakePerSlot, claim)
			if err != nil {
				t.Fatal(err)
			}
			sd, err := bind.Call(e.escrowInst(), opts, e.c.Escrow.PackStakeDigest(id, 1, worker.Address, vb), e.c.Escrow.UnpackStakeDigest)
			if err != nil {
				t.Fatal(err)
			}
			if binding.Digest != market.Hash(sd) {
				t.Fatalf("contract stake digest %x, market %s", sd, binding.Digest)
			}
			psig, err := escrow.SignDigest(worker.Key, common.Hash(permit.Digest))
			if err != nil {
				t.Fatal(err)
			}
			bsig, err := escrow.SignDigest(worker.Key, common.Hash(binding.Digest))
			if err != nil {
				t.Fatal(err)
			}
			for slot, want := range map[uint32]bool{1: true, 2: false} {
				stake := e.c.StakeWithPermit(terms, slot, worker.Address, vb, psig, bsig.Bytes())
				if err := call(e.op.Address, stake.To, stake.Data); (err == nil) != want {
					t.Errorf("stake of slot %d with the slot-1 signatures: %v (%s), want accepted %v", slot, err, escrow.RevertReason(err), want)
				}
			}
		})
	}

	t.Run("transfer authorisation", func(t *testing.T) {
		usdc := e.c.Addresses.USDC
		vb := e.validBefore()
		auth := eip712.Authorization{Kind: eip712.TransferWithAuthorization, From: buyer.Address, To: worker.Address,
			Value: big.NewInt(5), ValidAfter: big.NewInt(0), ValidBefore: vb, Nonce: common.Hash{0x30, 0x09}}
		d, err := eip712.Digest(eip712.USDCDomain(chainID, usdc), auth)
		if err != nil {
			t.Fatal(err)
		}
		sig, err := escrow.SignDigest(buyer.Key, d)
		if err != nil {
			t.Fatal(err)
		}
		for value, want := range map[int64]bool{5: true, 6: false} {
			data := e.c.USDC.PackTransferWithAuthorization(buyer.Address, worker.Address, big.NewInt(value), big.NewInt(0), vb, auth.Nonce, sig.V, sig.R, sig.S)
			if err := call(worker.Address, usdc, data); (err == nil) != want {
				t.Errorf("transferWithAuthorization of %d signed for 5: %v, want accepted %v", value, err, want)
			}
		}
	})
}
