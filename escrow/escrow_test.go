package escrow_test

import (
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/eip712"
)

// TestReleasePaysEveryone walks the happy path of a 4-slot USDC intent and
// checks every balance on chain after everyone withdrew.
func TestReleasePaysEveryone(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	usdc := e.c.Addresses.USDC
	buyer := e.agents[0]
	const price, stake = 1_000_000_003, 50_000_000
	terms := e.terms(buyer, usdc, price, stake, 4)
	buyerBefore := e.balance(usdc, buyer.Address)

	id := e.fund(buyer, terms)
	e.wantState(id, stFunded)
	wantBig(t, "buyer paid", new(big.Int).Sub(buyerBefore, e.balance(usdc, buyer.Address)), price)

	workers := e.stakeAll(terms, 0)
	e.exec(e.op, e.c.Assign(terms, workers, common.HexToHash("0x5eed")))
	e.wantState(id, stAssigned)
	// Assignment ends the right to cancel, for the buyer and the operator alike.
	e.revert(buyer, e.c.Cancel(terms, workers), "WrongState")
	e.revert(e.op, e.c.Cancel(terms, workers), "WrongState")
	e.revert(e.agents[1], e.c.Cancel(terms, workers), "NotAuthorised")

	weights := crypto.Keccak256Hash([]byte("weights"))
	e.exec(e.op, e.c.SubmitResult(terms, weights, crypto.Keccak256Hash([]byte("trace")), 0b1111))
	e.wantState(id, stSubmitted)
	e.revert(buyer, e.c.Release(terms, workers), "WindowOpen")
	e.advance(time.Hour)
	e.revert(buyer, e.c.Release(terms, []common.Address{workers[1], workers[0], workers[2], workers[3]}), "BadWorkers")
	r := e.exec(buyer, e.c.Release(terms, workers))
	e.wantState(id, stReleased)

	// The Released event carries the weights hash.
	var released bool
	for _, l := range r.Logs {
		if ev, err := e.c.Escrow.UnpackReleasedEvent(l); err == nil {
			released = true
			if ev.WeightsHash != weights || ev.Id != id {
				t.Fatalf("Released event %+v, want weights %x", ev, weights)
			}
		}
	}
	if !released {
		t.Fatal("no Released event")
	}

	fee := int64(price) * 100 / 10_000 // 1% default fee
	share := (price - fee) / 4
	dust := (price - fee) - share*4
	for _, w := range e.workers[:4] {
		wantBig(t, "worker payout", e.withdrawAll(w, usdc), share+stake)
	}
	wantBig(t, "treasury fee", e.withdrawAll(e.treasury, usdc), fee)
	wantBig(t, "buyer dust", e.withdrawAll(buyer, usdc), dust)
	wantBig(t, "escrow balance", e.balance(usdc, e.c.Addresses.Escrow), 0)
	wantBig(t, "liabilities", e.liabilities(usdc), 0)
	e.revert(buyer, e.c.Withdraw(usdc), "NothingToWithdraw")
	e.revert(buyer, e.c.Release(terms, workers), "WrongState")
	e.revert(buyer, e.c.Refund(terms, workers), "WrongState")
}

// TestFundingPaths funds by permit with the intent signature and by the
// buyer's own transaction, in AI and USDC.
func TestFundingPaths(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ai, usdc := e.c.Addresses.AI, e.c.Addresses.USDC
	buyer := e.agents[1]

	terms := e.terms(buyer, ai, 7e18, 1e18, 2)
	deadline := e.validBefore()
	nonce, err := e.c.PermitNonce(e.ctx, e.chain.Client(), ai, buyer.Address)
	if err != nil {
		t.Fatal(err)
	}
	permit, err := e.c.SignPermit(buyer.Key, ai, terms.Amount, nonce, deadline)
	if err != nil {
		t.Fatal(err)
	}
	// A stranger's signature of the intent is refused though the permit is good.
	forged, _ := e.c.SignIntent(e.agents[0].Key, terms)
	e.revert(e.op, e.c.FundWithPermit(terms, deadline, permit, forged.Bytes()), "InvalidSignature")
	good, _ := e.c.SignIntent(buyer.Key, terms)
	// Changed terms (a higher price) do not match the buyer's signature.
	inflated := terms
	inflated.Amount = big.NewInt(8e18)
	e.revert(e.op, e.c.FundWithPermit(inflated, deadline, permit, good.Bytes()), "InvalidSignature")
	e.exec(e.op, e.c.FundWithPermit(terms, deadline, permit, good.Bytes()))
	e.wantState(e.c.IntentID(terms), stFunded)
	wantBig(t, "escrow AI", e.balance(ai, e.c.Addresses.Escrow), 7e18)
	e.revert(e.op, e.c.FundWithPermit(terms, deadline, permit, good.Bytes()), "WrongState")

	own := e.terms(buyer, usdc, 5_000_000, 0, 1)
	e.exec(buyer, escrow.Call{To: usdc, Data: e.c.USDC.PackApprove(e.c.Addresses.Escrow, own.Amount)})
	e.revert(e.agents[0], e.c.Fund(own), "NotBuyer")
	e.exec(buyer, e.c.Fund(own))
	e.wantState(e.c.IntentID(own), stFunded)
	wantBig(t, "escrow USDC", e.balance(usdc, e.c.Addresses.Escrow), 5_000_000)
}

func TestFundingRefusals(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	usdc := e.c.Addresses.USDC
	buyer := e.agents[0]

	base := e.terms(buyer, usdc, 1_000_000, 10, 2)
	tests := []struct {
		name   string
		mutate func(*escrow.Terms)
		want   string
	}{
		{"token not allowed", func(t *escrow.Terms) { t.Token = e.c.Addresses.Escrow }, "TokenNotAllowed"},
		{"zero amount", func(t *escrow.Terms) { t.Amount = big.NewInt(0) }, "InvalidTerms(amount)"},
		{"no slots", func(t *escrow.Terms) { t.Slots = 0 }, "InvalidTerms(slots)"},
		{"too many slots", func(t *escrow.Terms) { t.Slots = 65 }, "InvalidTerms(slots)"},
		{"deadline passed", func(t *escrow.Terms) { t.Deadline = uint64(e.now().Unix()) - 1 }, "DeadlinePassed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			terms := base
			tc.mutate(&terms)
			e.exec(buyer, escrow.Call{To: usdc, Data: e.c.USDC.PackApprove(e.c.Addresses.Escrow, big.NewInt(1_000_000))})
			e.revert(buyer, e.c.Fund(terms), tc.want)
		})
	}

	t.Run("expired authorisation", func(t *testing.T) {
		terms := e.terms(buyer, usdc, 1_000_000, 10, 2)
		vb := big.NewInt(e.now().Add(time.Minute).Unix())
		sig, _ := e.c.SignFundingAuthorization(buyer.Key, terms, big.NewInt(0), vb)
		e.advance(2 * time.Minute)
		e.revert(e.op, e.c.FundWithAuthorization(terms, big.NewInt(0), vb, sig), "AuthorizationExpired")
	})
	t.Run("authorisation not yet valid", func(t *testing.T) {
		terms := e.terms(buyer, usdc, 1_000_000, 10, 2)
		va, vb := big.NewInt(e.now().Add(time.Hour).Unix()), big.NewInt(e.now().Add(2*time.Hour).Unix())
		sig, _ := e.c.SignFundingAuthorization(buyer.Key, terms, va, vb)
		e.revert(e.op, e.c.FundWithAuthorization(terms, va, vb, sig), "AuthorizationNotYetValid")
	})
	t.Run("replayed authorisation", func(t *testing.T) {
		terms := e.terms(buyer, usdc, 1_000_000, 10, 2)
		call := e.fundCall(buyer, terms)
		e.exec(e.op, call)
		// The same call again: the intent is funded already.
		e.revert(e.op, call, "WrongState")
		// The signature replayed for other terms: its nonce is the old intent id.
		vb := e.validBefore()
		sig, _ := e.c.SignFundingAuthorization(buyer.Key, terms, big.NewInt(0), vb)
		other := terms
		other.Nonce = big.NewInt(424242)
		e.revert(e.op, e.c.FundWithAuthorization(other, big.NewInt(0), vb, sig), "InvalidAuthorizationSigner")
	})
	t.Run("signed by another key", func(t *testing.T) {
		terms := e.terms(buyer, usdc, 1_000_000, 10, 2)
		vb := e.validBefore()
		sig, _ := e.c.SignFundingAuthorization(e.agents[1].Key, terms, big.NewInt(0), vb)
		e.revert(e.op, e.c.FundWithAuthorization(terms, big.NewInt(0), vb, sig), "InvalidAuthorizationSigner")
	})
	t.Run("cancelled authorisation", func(t *testing.T) {
		terms := e.terms(buyer, usdc, 1_000_000, 10, 2)
		call := e.fundCall(buyer, terms)
		id := e.c.IntentID(terms)
		digest, err := eip712.Digest(eip712.USDCDomain(e.chain.ChainID(), usdc), eip712.CancelAuthorization{Authorizer: buyer.Address, Nonce: id})
		if err != nil {
			t.Fatal(err)
		}
		sig, _ := escrow.SignDigest(buyer.Key, digest)
		e.exec(e.agents[1], escrow.Call{To: usdc, Data: e.c.USDC.PackCancelAuthorization(buyer.Address, id, sig.V, sig.R, sig.S)})
		e.revert(e.op, call, "AuthorizationAlreadyUsed")
	})
}

// TestFrontRunAuthorisation: whoever copies the buyer's funding signature
// from the mempool can neither move the money elsewhere nor strand it in
// the escrow without a record.
func TestFrontRunAuthorisation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	usdc := e.c.Addresses.USDC
	buyer, thief := e.agents[0], e.agents[1]
	terms := e.terms(buyer, usdc, 2_000_000, 10, 2)
	id := e.c.IntentID(terms)
	vb := e.validBefore()
	sig, err := e.c.SignFundingAuthorization(buyer.Key, terms, big.NewInt(0), vb)
	if err != nil {
		t.Fatal(err)
	}
	escrowAddr := e.c.Addresses.Escrow
	// As a transferWithAuthorization: the signature is for ReceiveWithAuthorization, a different type.
	e.revert(thief, escrow.Call{To: usdc, Data: e.c.USDC.PackTransferWithAuthorization(buyer.Address, escrowAddr, terms.Amount, big.NewInt(0), vb, id, sig.V, sig.R, sig.S)}, "InvalidAuthorizationSigner")
	// As a receiveWithAuthorization of its own: only the payee, the escrow, may submit it.
	e.revert(thief, escrow.Call{To: usdc, Data: e.c.USDC.PackReceiveWithAuthorization(buyer.Address, escrowAddr, terms.Amount, big.NewInt(0), vb, id, sig.V, sig.R, sig.S)}, "CallerMustBePayee")
	// Submitted through the escrow by the thief: it funds exactly the buyer's intent.
	e.exec(thief, e.c.FundWithAuthorization(terms, big.NewInt(0), vb, sig))
	e.wantState(id, stFunded)
	e.revert(e.op, e.c.FundWithAuthorization(terms, big.NewInt(0), vb, sig), "WrongState")
	wantBig(t, "escrow balance", e.balance(usdc, escrowAddr), 2_000_000)
	if e.liabilities(usdc).Cmp(e.balance(usdc, escrowAddr)) != 0 {
		t.Fatal("escrow holds tokens it has no record of")
	}
	// The buyer can still get everything back.
	e.exec(buyer, e.c.Cancel(terms, []common.Address{{}, {}}))
	wantBig(t, "refund", e.withdrawAll(buyer, usdc), 2_000_000)
}

func TestStakeRefusals(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	usdc := e.c.Addresses.USDC
	terms := e.terms(e.agents[0], usdc, 1_000_000, 100, 3)
	e.fund(e.agents[0], terms)
	w0, w1 := e.workers[0], e.workers[1]

	e.revert(e.op, e.stakeCall(w0, terms, 3), "BadSlot")
	e.exec(e.op, e.stakeCall(w0, terms, 0))
	e.revert(e.op, e.stakeCall(w1, terms, 0), "SlotTaken")
	e.revert(e.op, e.stakeCall(w0, terms, 1), "WorkerHasSlot")

	// A Stake signature binds slot and intent: used for another slot, it
	// fails. Every signing must succeed, so that each revert below is the
	// contract's refusal of a well-formed signature, not of a broken one.
	deadline := e.validBefore()
	nonce, err := e.c.PermitNonce(e.ctx, e.chain.Client(), usdc, w1.Address)
	must(t, err)
	permit, err := e.c.SignPermit(w1.Key, usdc, terms.StakePerSlot, nonce, deadline)
	must(t, err)
	sig, err := e.c.SignStake(w1.Key, terms, 1, deadline)
	must(t, err)
	e.revert(e.op, e.c.StakeWithPermit(terms, 2, w1.Address, deadline, permit, sig.Bytes()), "InvalidSignature")
	// Signed by someone else than the worker named.
	bad, err := e.c.SignStake(e.workers[2].Key, terms, 1, deadline)
	must(t, err)
	e.revert(e.op, e.c.StakeWithPermit(terms, 1, w1.Address, deadline, permit, bad.Bytes()), "InvalidSignature")
	// An expired stake authorisation.
	past := big.NewInt(e.now().Unix() - 1)
	oldSig, err := e.c.SignStake(w1.Key, terms, 1, past)
	must(t, err)
	e.revert(e.op, e.c.StakeWithPermit(terms, 1, w1.Address, past, permit, oldSig.Bytes()), "AuthorisationExpired")
	// The worker's own transaction without an allowance.
	e.revert(w1, e.c.Stake(terms, 1), "ERC20InsufficientAllowance")
	e.exec(e.op, e.c.StakeWithPermit(terms, 1, w1.Address, deadline, permit, sig.Bytes()))

	// Assignment needs every slot, the right map and the operator.
	ws := []common.Address{w0.Address, w1.Address, e.workers[2].Address}
	e.revert(e.op, e.c.Assign(terms, ws, common.Hash{}), "NotFullyStaked")
	e.exec(e.op, e.stakeCall(e.workers[2], terms, 2))
	e.revert(e.agents[0], e.c.Assign(terms, ws, common.Hash{}), "AccessControlUnauthorizedAccount")
	e.revert(e.op, e.c.Assign(terms, []common.Address{w1.Address, w0.Address, e.workers[2].Address}, common.Hash{}), "BadWorkers")
	e.revert(e.op, e.c.Assign(terms, ws[:2], common.Hash{}), "BadWorkers")
	e.revert(e.op, e.c.SubmitResult(terms, common.HexToHash("0x1"), common.Hash{}, 1), "WrongState")
	e.exec(e.op, e.c.Assign(terms, ws, common.Hash{}))
	e.revert(e.op, e.stakeCall(e.workers[3], terms, 0), "WrongState")

	// Past the deadline nothing more happens but a refund.
	terms2 := e.terms(e.agents[1], usdc, 1_000_000, 100, 2)
	e.fund(e.agents[1], terms2)
	e.advance(25 * time.Hour)
	e.revert(e.op, e.stakeCall(w0, terms2, 0), "DeadlinePassed")
	e.revert(e.op, e.c.SubmitResult(terms, common.HexToHash("0x1"), common.Hash{}, 1), "DeadlinePassed")
}

func TestCancelReturnsEverything(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ai := e.c.Addresses.AI
	buyer := e.agents[0]
	terms := e.terms(buyer, ai, 3e18, 1e18, 3)
	buyerBefore := e.balance(ai, buyer.Address)
	w0Before, w2Before := e.balance(ai, e.workers[0].Address), e.balance(ai, e.workers[2].Address)
	id := e.fund(buyer, terms)
	e.exec(e.op, e.stakeCall(e.workers[0], terms, 0))
	e.exec(e.op, e.stakeCall(e.workers[2], terms, 2))

	stakers := []common.Address{e.workers[0].Address, {}, e.workers[2].Address}
	e.revert(e.agents[1], e.c.Cancel(terms, stakers), "NotAuthorised")
	e.revert(buyer, e.c.Cancel(terms, []common.Address{e.workers[0].Address, {}, {}}), "BadWorkers")
	e.revert(buyer, e.c.Cancel(terms, []common.Address{e.workers[0].Address, e.workers[1].Address, e.workers[2].Address}), "BadWorkers")
	e.exec(e.op, e.c.Cancel(terms, stakers))
	e.wantState(id, stCancelled)
	e.revert(buyer, e.c.Cancel(terms, stakers), "WrongState")

	e.withdrawAll(buyer, ai)
	e.withdrawAll(e.workers[0], ai)
	e.withdrawAll(e.workers[2], ai)
	for _, c := range []struct {
		who    common.Address
		before *big.Int
	}{{buyer.Address, buyerBefore}, {e.workers[0].Address, w0Before}, {e.workers[2].Address, w2Before}} {
		if got := e.balance(ai, c.who); got.Cmp(c.before) != 0 {
			t.Fatalf("balance of %s = %s, want %s as before", c.who, got, c.before)
		}
	}
	wantBig(t, "escrow balance", e.balance(ai, e.c.Addresses.Escrow), 0)
}

// TestDisputeSlashesTheLosers: replica B (slots 2, 3) loses; its stakes are
// split by the documented rule and replica A alone is paid.
func TestDisputeSlashesTheLosers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	usdc := e.c.Addresses.USDC
	buyer := e.agents[0]
	const price, stake = 10_000_000, 1_000_001
	terms := e.terms(buyer, usdc, price, stake, 4)
	id := e.fund(buyer, terms)
	ws := e.stakeAll(terms, 0)
	e.exec(e.op, e.c.Assign(terms, ws, common.Hash{}))
	bad := crypto.Keccak256Hash([]byte("bad weights"))
	good := crypto.Keccak256Hash([]byte("good weights"))
	e.exec(e.op, e.c.SubmitResult(terms, bad, common.Hash{}, 0b1111))

	e.revert(e.op, e.c.Dispute(terms, common.Hash{}), "AccessControlUnauthorizedAccount")
	e.exec(e.arbiter, e.c.Dispute(terms, crypto.Keccak256Hash([]byte("replicas disagree"))))
	e.wantState(id, stDisputed)
	e.advance(2 * time.Hour) // a dispute holds the release past the window
	e.revert(buyer, e.c.Release(terms, ws), "WrongState")
	e.revert(e.op, e.c.Resolve(terms, ws, 0b1100, 0b0011, good, common.Hash{}), "AccessControlUnauthorizedAccount")
	e.revert(e.arbiter, e.c.Resolve(terms, ws, 0, 0b0011, good, common.Hash{}), "BadMask(0)")
	e.revert(e.arbiter, e.c.Resolve(terms, ws, 1<<4, 0b0011, good, common.Hash{}), "BadMask")
	e.exec(e.arbiter, e.c.Resolve(terms, ws, 0b1100, 0b0011, good, common.Hash{}))
	e.wantState(id, stResolved)
	if got := e.record(id).WeightsHash; got != good {
		t.Fatalf("weights hash %x after resolution, want %x", got, good)
	}
	e.exec(e.agents[1], e.c.Release(terms, ws))

	fee := int64(price) / 100
	share := (price - fee) / 2
	bonus := (int64(stake) * 2 / 2) / 2 // half of two slashed stakes, split between two honest slots
	slashedToBuyer := int64(stake)*2 - bonus*2
	for _, w := range e.workers[:2] {
		wantBig(t, "honest worker", e.withdrawAll(w, usdc), share+stake+bonus)
	}
	for _, w := range e.workers[2:4] {
		wantBig(t, "losing worker", e.withdrawable(usdc, w.Address), 0)
	}
	wantBig(t, "buyer", e.withdrawAll(buyer, usdc), (price-fee)-share*2+slashedToBuyer)
	wantBig(t, "treasury", e.withdrawAll(e.treasury, usdc), fee)
	wantBig(t, "escrow balance", e.balance(usdc, e.c.Addresses.Escrow), 0)
}

// TestResolveWithNoHonestSlotRefunds: when every replica cheated, the buyer
// gets the price and every stake.
func TestResolveWithNoHonestSlotRefunds(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	usdc := e.c.Addresses.USDC
	buyer := e.agents[0]
	terms := e.terms(buyer, usdc, 4_000_000, 500_000, 2)
	id := e.fund(buyer, terms)
	ws := e.stakeAll(terms, 0)
	e.exec(e.op, e.c.Assign(terms, ws, common.Hash{}))
	// Straight from running (the replicas disagreed before any submission).
	e.exec(e.arbiter, e.c.Resolve(terms, ws, 0b11, 0b11, common.Hash{}, common.Hash{}))
	e.wantState(id, stRefunded)
	wantBig(t, "buyer", e.withdrawAll(buyer, usdc), 4_000_000+2*500_000)
	e.revert(buyer, e.c.Release(terms, ws), "WrongState")
}

func TestRefundAfterDeadline(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	usdc := e.c.Addresses.USDC
	buyer := e.agents[0]

	// Not assigned: the stakes go back.
	open := e.terms(buyer, usdc, 1_000_000, 300, 3)
	e.fund(buyer, open)
	e.exec(e.op, e.stakeCall(e.workers[0], open, 1))
	stakers := []common.Address{{}, e.workers[0].Address, {}}

	// Assigned, two slots delivered their trace, two did not.
	run := e.terms(buyer, usdc, 2_000_000, 1_000, 4)
	runID := e.fund(buyer, run)
	ws := e.stakeAll(run, 1)
	e.exec(e.op, e.c.Assign(run, ws, common.Hash{}))
	e.exec(e.op, e.c.RecordDelivery(run, 0b0101))
	e.revert(e.op, e.c.RecordDelivery(run, 1<<4), "BadMask")

	e.revert(buyer, e.c.Refund(open, stakers), "DeadlineNotPassed")
	e.revert(buyer, e.c.Refund(run, ws), "DeadlineNotPassed")
	e.advance(25 * time.Hour)
	e.revert(buyer, e.c.Refund(open, []common.Address{{}, {}, {}}), "BadWorkers")
	e.exec(e.agents[1], e.c.Refund(open, stakers)) // anyone may call it
	r := e.exec(e.agents[1], e.c.Refund(run, ws))
	e.wantState(runID, stRefunded)
	// No ruling: the slots not recorded as delivered are slashed to the buyer.
	if got := e.slashedSlots(r); !slices.Equal(got, []uint32{1, 3}) {
		t.Fatalf("slashed slots %v, want [1 3]", got)
	}
	if got := e.returnedSlots(r); !slices.Equal(got, []uint32{0, 2}) {
		t.Fatalf("returned stakes %v, want [0 2]", got)
	}

	wantBig(t, "buyer", e.withdrawAll(buyer, usdc), 1_000_000+2_000_000+2*1_000)
	wantBig(t, "unassigned staker", e.withdrawAll(e.workers[0], usdc), 300)
	wantBig(t, "delivered slot 0", e.withdrawable(usdc, e.workers[1].Address), 1_000)
	wantBig(t, "undelivered slot 1", e.withdrawable(usdc, e.workers[2].Address), 0)
	wantBig(t, "delivered slot 2", e.withdrawable(usdc, e.workers[3].Address), 1_000)
	wantBig(t, "undelivered slot 3", e.withdrawable(usdc, e.workers[4].Address), 0)
	e.revert(buyer, e.c.Refund(run, ws), "WrongState")
}

func TestDisputeWindowAndAdmin(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	usdc := e.c.Addresses.USDC
	terms := e.terms(e.agents[0], usdc, 1_000_000, 0, 1)
	e.fund(e.agents[0], terms)
	ws := e.stakeAll(terms, 0)
	e.exec(e.op, e.c.Assign(terms, ws, common.Hash{}))
	e.revert(e.op, e.c.SubmitResult(terms, common.Hash{}, common.Hash{}, 1), "InvalidTerms(weights hash)")
	e.revert(e.op, e.c.SubmitResult(terms, common.HexToHash("0x1"), common.Hash{}, 0b10), "BadMask")
	e.exec(e.op, e.c.SubmitResult(terms, common.HexToHash("0x1"), common.Hash{}, 1))
	e.advance(time.Hour)
	e.revert(e.arbiter, e.c.Dispute(terms, common.Hash{}), "WindowClosed")
	e.revert(e.arbiter, e.c.Resolve(terms, ws, 1, 1, common.Hash{}, common.Hash{}), "WindowClosed")

	admin := e.op
	setParams := func(fee uint16, window uint32, slots uint8) escrow.Call {
		return escrow.Call{To: e.c.Addresses.Escrow, Data: e.c.Escrow.PackSetParameters(fee, window, slots)}
	}
	e.revert(admin, setParams(1_001, 3600, 64), "OutOfBounds(fee)")
	e.revert(admin, setParams(100, 59, 64), "OutOfBounds(challenge window)")
	e.revert(admin, setParams(100, 31*24*3600, 64), "OutOfBounds(challenge window)")
	e.revert(admin, setParams(100, 3600, 65), "OutOfBounds(slots)")
	e.revert(e.agents[0], setParams(100, 3600, 8), "AccessControlUnauthorizedAccount")
	e.exec(admin, setParams(250, 600, 8))
	big9 := e.terms(e.agents[0], usdc, 1_000_000, 0, 9)
	e.revert(e.agents[0], e.c.Fund(big9), "InvalidTerms(slots)")
	e.revert(e.agents[0], escrow.Call{To: e.c.Addresses.Escrow, Data: e.c.Escrow.PackSetTokenAllowed(usdc, false)}, "AccessControlUnauthorizedAccount")
	e.exec(admin, escrow.Call{To: e.c.Addresses.Escrow, Data: e.c.Escrow.PackSetTokenAllowed(usdc, false)})
	e.revert(e.op, e.fundCall(e.agents[0], e.terms(e.agents[0], usdc, 1, 0, 1)), "TokenNotAllowed")
	e.exec(admin, escrow.Call{To: e.c.Addresses.Escrow, Data: e.c.Escrow.PackSetTokenAllowed(usdc, true)})

	// The treasury moves, with its role; the next fee goes to the new one.
	newTreasury := e.agents[1]
	setTreasury := escrow.Call{To: e.c.Addresses.Escrow, Data: e.c.Escrow.PackSetTreasury(newTreasury.Address)}
	e.revert(e.agents[0], setTreasury, "AccessControlUnauthorizedAccount")
	e.revert(admin, escrow.Call{To: e.c.Addresses.Escrow, Data: e.c.Escrow.PackSetTreasury(common.Address{})}, "OutOfBounds(treasury)")
	e.exec(admin, setTreasury)
	role, err := bind.Call(e.escrowInst(), &bind.CallOpts{Context: e.ctx}, e.c.Escrow.PackTREASURYROLE(), e.c.Escrow.UnpackTREASURYROLE)
	if err != nil {
		t.Fatal(err)
	}
	for who, want := range map[common.Address]bool{e.treasury.Address: false, newTreasury.Address: true} {
		has, err := bind.Call(e.escrowInst(), &bind.CallOpts{Context: e.ctx}, e.c.Escrow.PackHasRole(role, who), e.c.Escrow.UnpackHasRole)
		if err != nil || has != want {
			t.Fatalf("treasury role of %s = %v (%v), want %v", who, has, err, want)
		}
	}
	paid := e.terms(e.agents[0], usdc, 1_000_000, 0, 1)
	e.fund(e.agents[0], paid)
	pws := e.stakeAll(paid, 3)
	e.exec(e.op, e.c.Assign(paid, pws, common.Hash{}))
	e.exec(e.op, e.c.SubmitResult(paid, common.HexToHash("0x2"), common.Hash{}, 1))
	e.advance(10 * time.Minute)
	e.exec(e.agents[0], e.c.Release(paid, pws))
	wantBig(t, "new treasury fee", e.withdrawable(usdc, newTreasury.Address), 1_000_000*250/10_000)
	wantBig(t, "old treasury", e.withdrawable(usdc, e.treasury.Address), 0)
}

// must fails the test on err: a step of a scenario that cannot fail.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
