package escrow_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/eip712"
)

// TestFundWithDeposit funds intents through their deposit addresses, as an
// x402 client of the exact scheme pays (an EIP-3009 transfer to payTo):
// relayed; front-run by a stranger who submits the authorisation straight
// to the token (the intent is funded all the same); short, then topped up
// by a plain transfer; and what arrives after funding is credited to the
// buyer. The escrow's balance equals its liabilities throughout.
func TestFundWithDeposit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	usdc := e.c.Addresses.USDC
	buyer, stranger := e.agents[0], e.workers[0]
	const price = 2_000_000
	inst := e.c.Escrow.Instance(e.chain.Client(), e.c.Addresses.Escrow)
	balanced := func(what string) {
		t.Helper()
		if bal, owes := e.balance(usdc, e.c.Addresses.Escrow), e.liabilities(usdc); bal.Cmp(owes) != 0 {
			t.Fatalf("%s: the escrow holds %s and owes %s", what, bal, owes)
		}
	}

	// Relayed: the escrow submits the authorisation, then sweeps the box.
	terms := e.terms(buyer, usdc, price, 10, 2)
	id := e.c.IntentID(terms)
	box := e.c.DepositAddress(id)
	onChain, err := bind.Call(inst, &bind.CallOpts{Context: e.ctx}, e.c.Escrow.PackDepositAddress(id), e.c.Escrow.UnpackDepositAddress)
	if err != nil || onChain != box {
		t.Fatalf("depositAddress = %s, %v; Go computes %s", onChain.Hex(), err, box.Hex())
	}
	before := e.balance(usdc, buyer.Address)
	nonce := crypto.Keccak256Hash([]byte("x402 nonce 1"))
	sig, err := e.c.SignDepositAuthorization(buyer.Key, terms, new(big.Int), e.validBefore(), nonce)
	if err != nil {
		t.Fatal(err)
	}
	e.exec(stranger, e.c.FundWithDeposit(terms, new(big.Int), e.validBefore(), nonce, sig))
	e.wantState(id, stFunded)
	wantBig(t, "the buyer paid the price", new(big.Int).Sub(before, e.balance(usdc, buyer.Address)), price)
	wantBig(t, "the box is empty", e.balance(usdc, box), 0)
	balanced("relayed")
	e.revert(stranger, e.c.FundWithDeposit(terms, new(big.Int), e.validBefore(), nonce, sig), "WrongState")

	// Front-run: the stranger submits the buyer's authorisation to the token
	// itself; the tokens sit in the box, and the funding still goes through.
	terms2 := e.terms(buyer, usdc, price, 10, 2)
	id2 := e.c.IntentID(terms2)
	nonce2 := crypto.Keccak256Hash([]byte("x402 nonce 2"))
	sig2, err := e.c.SignDepositAuthorization(buyer.Key, terms2, new(big.Int), e.validBefore(), nonce2)
	if err != nil {
		t.Fatal(err)
	}
	e.exec(stranger, escrow.Call{To: usdc, Data: e.c.USDC.PackTransferWithAuthorization(buyer.Address, e.c.DepositAddress(id2),
		big.NewInt(price), new(big.Int), e.validBefore(), nonce2, sig2.V, sig2.R, sig2.S)})
	wantBig(t, "front-run: the box holds the price", e.balance(usdc, e.c.DepositAddress(id2)), price)
	e.exec(e.op, e.c.FundWithDeposit(terms2, new(big.Int), e.validBefore(), nonce2, sig2))
	e.wantState(id2, stFunded)
	balanced("front-run")

	// Short: the buyer cancels its authorisation and sends half the price
	// by a plain transfer: refused, nothing lost; the other half makes it.
	terms3 := e.terms(buyer, usdc, price, 10, 2)
	id3 := e.c.IntentID(terms3)
	box3 := e.c.DepositAddress(id3)
	nonce3 := crypto.Keccak256Hash([]byte("x402 nonce 3"))
	sig3, err := e.c.SignDepositAuthorization(buyer.Key, terms3, new(big.Int), e.validBefore(), nonce3)
	if err != nil {
		t.Fatal(err)
	}
	dom, err := e.c.TokenDomain(usdc)
	if err != nil {
		t.Fatal(err)
	}
	cd, err := eip712.Digest(dom, eip712.CancelAuthorization{Authorizer: buyer.Address, Nonce: nonce3})
	if err != nil {
		t.Fatal(err)
	}
	cancel, err := escrow.SignDigest(buyer.Key, cd)
	if err != nil {
		t.Fatal(err)
	}
	e.exec(stranger, escrow.Call{To: usdc, Data: e.c.USDC.PackCancelAuthorization(buyer.Address, nonce3, cancel.V, cancel.R, cancel.S)})
	e.exec(buyer, escrow.Call{To: usdc, Data: e.c.USDC.PackTransfer(box3, big.NewInt(price/2))})
	e.revert(e.op, e.c.FundWithDeposit(terms3, new(big.Int), e.validBefore(), nonce3, sig3), "DepositShort")
	e.revert(stranger, e.c.SweepDeposit(terms3), "WrongState") // still fundable: not the buyer's yet
	e.exec(buyer, escrow.Call{To: usdc, Data: e.c.USDC.PackTransfer(box3, big.NewInt(price/2+5))})
	credited := e.withdrawable(usdc, buyer.Address)
	e.exec(e.op, e.c.FundWithDeposit(terms3, new(big.Int), e.validBefore(), nonce3, sig3))
	e.wantState(id3, stFunded)
	wantBig(t, "the excess is the buyer's", new(big.Int).Sub(e.withdrawable(usdc, buyer.Address), credited), 5)
	balanced("topped up")

	// After funding, what still reaches the box is the buyer's.
	e.exec(stranger, escrow.Call{To: usdc, Data: e.c.USDC.PackTransfer(box3, big.NewInt(77))})
	credited = e.withdrawable(usdc, buyer.Address)
	e.exec(stranger, e.c.SweepDeposit(terms3))
	wantBig(t, "a late deposit is the buyer's", new(big.Int).Sub(e.withdrawable(usdc, buyer.Address), credited), 77)
	e.revert(stranger, e.c.SweepDeposit(terms3), "NothingToWithdraw")
	balanced("swept")
}
