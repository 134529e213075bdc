package escrow_test

import (
	"fmt"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/bindings/axlescrow"
	"github.com/axl-market/axl/escrow/devchain"
)

// TestTermsFixedAtFunding: the admin raises the fee to its maximum and the
// challenge window after an intent is funded; that intent still pays the
// fee and gets the window it was funded with, while an intent funded after
// the change gets the new ones. Lowering them later changes neither.
func TestTermsFixedAtFunding(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	usdc := e.c.Addresses.USDC
	buyer := e.agents[0]
	setParams := func(fee uint16, window uint32) {
		e.exec(e.op, escrow.Call{To: e.c.Addresses.Escrow, Data: e.c.Escrow.PackSetParameters(fee, window, 64)})
	}
	funded := func(r *types.Receipt) *axlescrow.AXLEscrowFunded {
		t.Helper()
		for _, l := range r.Logs {
			if ev, err := e.c.Escrow.UnpackFundedEvent(l); err == nil {
				return ev
			}
		}
		t.Fatal("no Funded event")
		return nil
	}
	wantTerms := func(what string, id common.Hash, fee uint16, window int64) {
		t.Helper()
		rec := e.record(id)
		if rec.FeeBps != fee || rec.Window.Cmp(big.NewInt(window)) != 0 {
			t.Fatalf("%s: record fee %d bps, window %s; want %d bps, %d", what, rec.FeeBps, rec.Window, fee, window)
		}
	}
	const price, stake = 10_000_000, 1_000

	old := e.terms(buyer, usdc, price, stake, 2)
	oldID := e.c.IntentID(old)
	if ev := funded(e.exec(e.op, e.fundCall(buyer, old))); ev.FeeBps != 100 || ev.ChallengeWindow != 3600 {
		t.Fatalf("Funded of the old intent: fee %d, window %d; want 100, 3600", ev.FeeBps, ev.ChallengeWindow)
	}
	oldWs := e.stakeAll(old, 0)
	e.exec(e.op, e.c.Assign(old, oldWs, common.Hash{}))

	setParams(1_000, 2*3600)
	newer := e.terms(buyer, usdc, price, stake, 2)
	newID := e.c.IntentID(newer)
	if ev := funded(e.exec(e.op, e.fundCall(buyer, newer))); ev.FeeBps != 1_000 || ev.ChallengeWindow != 7200 {
		t.Fatalf("Funded of the new intent: fee %d, window %d; want 1000, 7200", ev.FeeBps, ev.ChallengeWindow)
	}
	wantTerms("old intent after the change", oldID, 100, 3600)
	wantTerms("new intent", newID, 1_000, 7200)
	newWs := e.stakeAll(newer, 2)
	e.exec(e.op, e.c.Assign(newer, newWs, common.Hash{}))

	// submitResult opens each intent's own window.
	submit := func(terms escrow.Terms, window uint64) {
		t.Helper()
		r := e.exec(e.op, e.c.SubmitResult(terms, crypto.Keccak256Hash([]byte("w")), common.Hash{}, 0b11))
		h, err := e.chain.Client().HeaderByNumber(e.ctx, r.BlockNumber)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range r.Logs {
			if ev, err := e.c.Escrow.UnpackResultSubmittedEvent(l); err == nil {
				if ev.WindowEnd.Uint64() != h.Time+window {
					t.Fatalf("window end %s, want block time %d + %d", ev.WindowEnd, h.Time, window)
				}
				if rec := e.record(e.c.IntentID(terms)); rec.Window.Cmp(ev.WindowEnd) != 0 {
					t.Fatalf("record window %s after submitResult, want the end %s", rec.Window, ev.WindowEnd)
				}
				return
			}
		}
		t.Fatal("no ResultSubmitted event")
	}
	submit(old, 3600)
	submit(newer, 7200)
	// Lowered again: the funded intents keep theirs; the next intent gets these.
	setParams(0, 60)
	if rec := e.record(newID); rec.FeeBps != 1_000 {
		t.Fatalf("fee of the new intent %d after lowering", rec.FeeBps)
	}

	e.advance(time.Hour)
	e.exec(buyer, e.c.Release(old, oldWs))
	e.revert(buyer, e.c.Release(newer, newWs), "WindowOpen")
	e.advance(time.Hour)
	e.exec(buyer, e.c.Release(newer, newWs))

	oldFee, newFee := int64(price)*100/10_000, int64(price)*1_000/10_000
	wantBig(t, "treasury: 1% of the old intent and 10% of the new one", e.withdrawAll(e.treasury, usdc), oldFee+newFee)
	for i, w := range e.workers[:4] {
		fee := oldFee
		if i >= 2 {
			fee = newFee
		}
		wantBig(t, "worker", e.withdrawAll(w, usdc), (price-fee)/2+stake)
	}

	last := e.terms(buyer, usdc, price, stake, 1)
	e.fund(buyer, last)
	wantTerms("intent funded after lowering", e.c.IntentID(last), 0, 60)
}

// wantWithdrawable fails unless each worker of slot i is owed want[i].
func (e *env) wantWithdrawable(token common.Address, workers []devchain.Account, want ...int64) {
	e.t.Helper()
	for i, w := range workers {
		wantBig(e.t, fmt.Sprintf("withdrawable of slot %d", i), e.withdrawable(token, w.Address), want[i])
	}
}

// TestResolveRefundSlashesOnlyTheLosers: a ruling that refunds the buyer
// (no result, or no honest delivered slot) slashes the losing slots to the
// buyer and gives every other slot its stake back.
func TestResolveRefundSlashesOnlyTheLosers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	usdc := e.c.Addresses.USDC
	const price, stake = 4_000_000, 100_000

	t.Run("no result", func(t *testing.T) {
		buyer := e.agents[0]
		terms := e.terms(buyer, usdc, price, stake, 4)
		id := e.fund(buyer, terms)
		ws := e.stakeAll(terms, 0)
		e.exec(e.op, e.c.Assign(terms, ws, common.Hash{}))
		// Slot 2 is convicted; slots 0 and 1 delivered; slot 3 delivered nothing but is not convicted.
		r := e.exec(e.arbiter, e.c.Resolve(terms, ws, 0b0100, 0b0011, common.Hash{}, common.Hash{}))
		e.wantState(id, stRefunded)
		if got := e.slashedSlots(r); !slices.Equal(got, []uint32{2}) {
			t.Fatalf("slashed slots %v, want [2]", got)
		}
		if got := e.returnedSlots(r); !slices.Equal(got, []uint32{0, 1, 3}) {
			t.Fatalf("returned stakes %v, want [0 1 3]", got)
		}
		e.wantWithdrawable(usdc, e.workers[:4], stake, stake, 0, stake)
		wantBig(t, "buyer: price and the losing stake", e.withdrawAll(buyer, usdc), price+stake)
		for _, i := range []int{0, 1, 3} {
			e.withdrawAll(e.workers[i], usdc)
		}
		wantBig(t, "escrow balance", e.balance(usdc, e.c.Addresses.Escrow), 0)
		wantBig(t, "liabilities", e.liabilities(usdc), 0)
	})
	t.Run("every delivered slot losing", func(t *testing.T) {
		buyer := e.agents[1]
		terms := e.terms(buyer, usdc, price, stake, 4)
		id := e.fund(buyer, terms)
		ws := e.stakeAll(terms, 4)
		e.exec(e.op, e.c.Assign(terms, ws, common.Hash{}))
		e.exec(e.op, e.c.SubmitResult(terms, crypto.Keccak256Hash([]byte("bad")), common.Hash{}, 0b1111))
		e.exec(e.arbiter, e.c.Dispute(terms, common.Hash{}))
		// Replica A (slots 0, 1) cheated and replica B (slots 2, 3) showed nothing it can be convicted of.
		r := e.exec(e.arbiter, e.c.Resolve(terms, ws, 0b0011, 0b0011, common.Hash{}, common.Hash{}))
		e.wantState(id, stRefunded)
		if got := e.slashedSlots(r); !slices.Equal(got, []uint32{0, 1}) {
			t.Fatalf("slashed slots %v, want [0 1]", got)
		}
		if got := e.returnedSlots(r); !slices.Equal(got, []uint32{2, 3}) {
			t.Fatalf("returned stakes %v, want [2 3]", got)
		}
		e.wantWithdrawable(usdc, e.workers[4:8], 0, 0, stake, stake)
		wantBig(t, "buyer: price and both losing stakes", e.withdrawable(usdc, buyer.Address), price+2*stake)
		e.revert(buyer, e.c.Release(terms, ws), "WrongState")
		e.revert(buyer, e.c.Refund(terms, ws), "WrongState")
	})
}

// TestResolveWithoutConviction: the referee's "no slot convicted without
// evidence" ruling (losingMask 0) refunds the buyer and returns every
// stake; a losingMask of 0 that would release a result is refused, as is
// a ruling from any key but the arbiter's.
func TestResolveWithoutConviction(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	usdc := e.c.Addresses.USDC
	good := crypto.Keccak256Hash([]byte("good"))
	const price, stake = 3_000_000, 7_000

	t.Run("before any result", func(t *testing.T) {
		buyer := e.agents[0]
		terms := e.terms(buyer, usdc, price, stake, 2)
		id := e.fund(buyer, terms)
		ws := e.stakeAll(terms, 0)
		e.exec(e.op, e.c.Assign(terms, ws, common.Hash{}))
		for _, who := range []devchain.Account{e.op, buyer, e.workers[0], e.treasury} {
			e.revert(who, e.c.Resolve(terms, ws, 0, 0, common.Hash{}, common.Hash{}), "AccessControlUnauthorizedAccount")
			e.revert(who, e.c.Resolve(terms, ws, 0b01, 0b10, good, common.Hash{}), "AccessControlUnauthorizedAccount")
		}
		// Honest delivered slots and a result with nobody convicted: that is a release, refused.
		e.revert(e.arbiter, e.c.Resolve(terms, ws, 0, 0b11, good, common.Hash{}), "BadMask(0)")
		e.revert(e.arbiter, e.c.Resolve(terms, ws, 0, 0b01, good, common.Hash{}), "BadMask(0)")
		e.wantState(id, stAssigned)
		r := e.exec(e.arbiter, e.c.Resolve(terms, ws, 0, 0, common.Hash{}, common.Hash{}))
		e.wantState(id, stRefunded)
		if got := e.slashedSlots(r); len(got) != 0 {
			t.Fatalf("slashed slots %v, want none", got)
		}
		if got := e.returnedSlots(r); !slices.Equal(got, []uint32{0, 1}) {
			t.Fatalf("returned stakes %v, want [0 1]", got)
		}
		e.wantWithdrawable(usdc, e.workers[:2], stake, stake)
		wantBig(t, "buyer", e.withdrawable(usdc, buyer.Address), price)
	})
	t.Run("with a disputed result", func(t *testing.T) {
		buyer := e.agents[1]
		terms := e.terms(buyer, usdc, price, stake, 2)
		id := e.fund(buyer, terms)
		ws := e.stakeAll(terms, 2)
		e.exec(e.op, e.c.Assign(terms, ws, common.Hash{}))
		e.exec(e.op, e.c.SubmitResult(terms, good, common.Hash{}, 0b11))
		// Not even inside the window without a dispute.
		e.revert(e.arbiter, e.c.Resolve(terms, ws, 0, 0b11, common.Hash{}, common.Hash{}), "BadMask(0)")
		e.exec(e.arbiter, e.c.Dispute(terms, crypto.Keccak256Hash([]byte("referee failed"))))
		// The stored result with honest delivered slots would be released: refused.
		e.revert(e.arbiter, e.c.Resolve(terms, ws, 0, 0b11, common.Hash{}, common.Hash{}), "BadMask(0)")
		e.revert(e.arbiter, e.c.Resolve(terms, ws, 0, 0b10, good, common.Hash{}), "BadMask(0)")
		e.revert(e.op, e.c.Resolve(terms, ws, 0, 0, common.Hash{}, common.Hash{}), "AccessControlUnauthorizedAccount")
		e.wantState(id, stDisputed)
		r := e.exec(e.arbiter, e.c.Resolve(terms, ws, 0, 0, common.Hash{}, common.Hash{}))
		e.wantState(id, stRefunded)
		if got := e.slashedSlots(r); len(got) != 0 {
			t.Fatalf("slashed slots %v, want none", got)
		}
		if got := e.returnedSlots(r); !slices.Equal(got, []uint32{0, 1}) {
			t.Fatalf("returned stakes %v, want [0 1]", got)
		}
		e.wantWithdrawable(usdc, e.workers[2:4], stake, stake)
		wantBig(t, "buyer", e.withdrawable(usdc, buyer.Address), price)
		e.revert(buyer, e.c.Release(terms, ws), "WrongState")
	})
}

// TestReleaseReturnsExcusedStakes: only a slot at fault is slashed. A
// ruling that keeps the result names slot 2 losing and leaves slot 3 out of
// the delivered slots without blaming it (say, its replica could not run
// because a peer never registered its address): release pays slots 0 and 1
// (share, stake and half of slot 2's stake between them), slashes slot 2
// (the other half to the buyer) and returns slot 3's stake, with no share
// and no bonus. Likewise a result submitted with a slot missing from its
// delivered mask returns that slot's stake at release.
func TestReleaseReturnsExcusedStakes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	usdc := e.c.Addresses.USDC
	// Odd amounts, so that every division leaves a remainder to the buyer.
	const price, stake = 10_000_007, 1_000_003

	wantSettled := func(t *testing.T, r *types.Receipt, id common.Hash, ws []common.Address, want map[uint32]settlement) {
		t.Helper()
		got := e.settlements(r, id)
		if len(got) != len(want) {
			t.Fatalf("settlement events %v, want %v", got, want)
		}
		for slot, w := range want {
			g, ok := got[slot]
			if !ok || g.Kind != w.Kind || g.Worker != ws[slot] || g.Amount.Cmp(w.Amount) != 0 {
				t.Fatalf("slot %d: event %+v, want %s of %s to %s", slot, g, w.Kind, w.Amount, ws[slot].Hex())
			}
		}
	}

	t.Run("resolve keeps the result", func(t *testing.T) {
		buyer := e.agents[0]
		terms := e.terms(buyer, usdc, price, stake, 4)
		id := e.fund(buyer, terms)
		ws := e.stakeAll(terms, 0)
		e.exec(e.op, e.c.Assign(terms, ws, common.Hash{}))
		weights := crypto.Keccak256Hash([]byte("weights"))
		e.exec(e.op, e.c.SubmitResult(terms, weights, common.Hash{}, 0b1111))
		e.exec(e.arbiter, e.c.Dispute(terms, common.Hash{}))
		// A zero weights hash keeps the submitted result.
		e.exec(e.arbiter, e.c.Resolve(terms, ws, 0b0100, 0b0011, common.Hash{}, common.Hash{}))
		e.wantState(id, stResolved)
		if rec := e.record(id); rec.WeightsHash != weights || rec.LosingMask != 0b0100 || rec.DeliveredMask != 0b0011 {
			t.Fatalf("record after resolve: %+v", rec)
		}
		buyerBefore := e.balance(usdc, buyer.Address)
		r := e.exec(e.agents[1], e.c.Release(terms, ws))
		e.wantState(id, stReleased)

		fee := int64(price) / 100
		share := (price - fee) / 2
		bonus := (int64(stake) / 2) / 2 // half of the one slashed stake, split between two paid slots
		toBuyer := (price - fee - 2*share) + (stake - 2*bonus)
		wantSettled(t, r, id, ws, map[uint32]settlement{
			0: {Kind: "Paid", Amount: big.NewInt(share)},
			1: {Kind: "Paid", Amount: big.NewInt(share)},
			2: {Kind: "Slashed", Amount: big.NewInt(stake)},
			3: {Kind: "StakeReturned", Amount: big.NewInt(stake)},
		})
		if got := e.slashedSlots(r); !slices.Equal(got, []uint32{2}) {
			t.Fatalf("slashed slots %v, want [2]", got)
		}
		e.wantWithdrawable(usdc, e.workers[:4], share+stake+bonus, share+stake+bonus, 0, stake)
		wantBig(t, "treasury", e.withdrawable(usdc, e.treasury.Address), fee)
		wantBig(t, "buyer", e.withdrawable(usdc, buyer.Address), toBuyer)

		for i, want := range []int64{share + stake + bonus, share + stake + bonus, 0, stake} {
			if want != 0 {
				wantBig(t, fmt.Sprintf("slot %d withdraws", i), e.withdrawAll(e.workers[i], usdc), want)
			}
		}
		wantBig(t, "treasury withdraws", e.withdrawAll(e.treasury, usdc), fee)
		wantBig(t, "buyer withdraws", e.withdrawAll(buyer, usdc), toBuyer)
		wantBig(t, "buyer's balance after all", new(big.Int).Sub(e.balance(usdc, buyer.Address), buyerBefore), toBuyer)
		wantBig(t, "escrow balance", e.balance(usdc, e.c.Addresses.Escrow), 0)
		wantBig(t, "liabilities", e.liabilities(usdc), 0)
		e.revert(buyer, e.c.Release(terms, ws), "WrongState")
	})

	t.Run("submitted result, window passed", func(t *testing.T) {
		buyer := e.agents[1]
		terms := e.terms(buyer, usdc, price, stake, 3)
		id := e.fund(buyer, terms)
		ws := e.stakeAll(terms, 4)
		e.exec(e.op, e.c.Assign(terms, ws, common.Hash{}))
		// Nobody at fault; slot 1 delivered nothing and is not blamed.
		e.exec(e.op, e.c.SubmitResult(terms, crypto.Keccak256Hash([]byte("w")), common.Hash{}, 0b101))
		e.advance(time.Hour)
		r := e.exec(buyer, e.c.Release(terms, ws))
		e.wantState(id, stReleased)

		fee := int64(price) / 100
		share := (price - fee) / 2
		wantSettled(t, r, id, ws, map[uint32]settlement{
			0: {Kind: "Paid", Amount: big.NewInt(share)},
			1: {Kind: "StakeReturned", Amount: big.NewInt(stake)},
			2: {Kind: "Paid", Amount: big.NewInt(share)},
		})
		e.wantWithdrawable(usdc, e.workers[4:7], share+stake, stake, share+stake)
		wantBig(t, "buyer: the remainder only", e.withdrawable(usdc, buyer.Address), price-fee-2*share)
		for _, w := range e.workers[4:7] {
			e.withdrawAll(w, usdc)
		}
		e.withdrawAll(buyer, usdc)
		e.withdrawAll(e.treasury, usdc)
		wantBig(t, "escrow balance", e.balance(usdc, e.c.Addresses.Escrow), 0)
		wantBig(t, "liabilities", e.liabilities(usdc), 0)
	})
}
