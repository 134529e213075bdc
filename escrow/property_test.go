package escrow_test

import (
	"fmt"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/devchain"
)

// model is the escrow as the documented money rules say it should be.
type model struct {
	intents      []*modelIntent
	withdrawable map[common.Address]map[common.Address]*big.Int // token -> account -> amount
	// feeBps and window are the parameters for intents funded from now on.
	feeBps int64
	window time.Duration
}

type modelIntent struct {
	terms     escrow.Terms
	state     uint8
	stakers   []common.Address // by slot, zero for free
	delivered uint64
	losing    uint64
	weights   common.Hash // the result the escrow holds, zero before any
	windowEnd time.Time
	// feeBps and window are the terms fixed when the intent was funded.
	feeBps int64
	window time.Duration
}

func (m *model) credit(token, who common.Address, amount *big.Int) {
	if amount.Sign() == 0 {
		return
	}
	if m.withdrawable[token] == nil {
		m.withdrawable[token] = map[common.Address]*big.Int{}
	}
	cur := m.withdrawable[token][who]
	if cur == nil {
		cur = new(big.Int)
	}
	m.withdrawable[token][who] = new(big.Int).Add(cur, amount)
}

// owed is what the escrow owes in token: open escrows, stakes, withdrawable.
func (m *model) owed(token common.Address) *big.Int {
	sum := new(big.Int)
	for _, in := range m.intents {
		if in.terms.Token != token {
			continue
		}
		switch in.state {
		case stFunded, stAssigned, stSubmitted, stDisputed, stResolved:
			sum.Add(sum, in.terms.Amount)
			for _, s := range in.stakers {
				if s != (common.Address{}) {
					sum.Add(sum, in.terms.StakePerSlot)
				}
			}
		}
	}
	for _, v := range m.withdrawable[token] {
		sum.Add(sum, v)
	}
	return sum
}

// settleStakes is the money rule for the stakes of an assigned intent,
// written from the README rather than from the contract: each losing slot
// is slashed, half to the buyer and half shared equally by the paid slots
// (all of it to the buyer when none is paid); each paid slot gets its stake
// back with its part; every other slot, excused, gets its stake back, no
// more. Remainders go to the buyer. It returns the event each slot must
// have: Slashed or StakeReturned (a paid slot's Paid is the caller's).
func (m *model) settleStakes(in *modelIntent, paid, losing uint64) map[uint32]settlement {
	t := in.terms
	stake := t.StakePerSlot
	nPaid, nLosing := int64(bits.OnesCount64(paid)), int64(bits.OnesCount64(losing))
	if paid&losing != 0 {
		panic("a slot both paid and losing")
	}
	halfSlashed := new(big.Int).Div(new(big.Int).Mul(stake, big.NewInt(nLosing)), big.NewInt(2))
	bonus := new(big.Int)
	if nPaid != 0 {
		bonus.Div(halfSlashed, big.NewInt(nPaid))
	}
	slashed := new(big.Int).Mul(stake, big.NewInt(nLosing))
	m.credit(t.Token, t.Buyer, slashed.Sub(slashed, new(big.Int).Mul(bonus, big.NewInt(nPaid))))
	events := map[uint32]settlement{}
	for i, w := range in.stakers {
		bit := uint64(1) << i
		switch {
		case losing&bit != 0:
			events[uint32(i)] = settlement{Kind: "Slashed", Worker: w, Amount: stake}
		case paid&bit != 0:
			m.credit(t.Token, w, new(big.Int).Add(stake, bonus))
		default:
			m.credit(t.Token, w, stake)
			events[uint32(i)] = settlement{Kind: "StakeReturned", Worker: w, Amount: stake}
		}
	}
	return events
}

// TestInvariantUnderRandomOperations drives thousands of random operations,
// valid and invalid, and after each checks that the escrow's token balance
// equals what it owes (open escrows + stakes + withdrawable balances), on
// chain and in the model, and that refused operations change nothing. The
// admin changes the fee and window at random: each intent keeps its own.
func TestInvariantUnderRandomOperations(t *testing.T) {
	if raceDetector {
		// Ten times slower under the detector, and it exercises the contract,
		// not Go concurrency: `make test` runs it in a pass of its own.
		t.Skip("runs without -race: go test -run TestInvariantUnderRandomOperations ./escrow/")
	}
	t.Parallel()
	ops := 3000
	if testing.Short() {
		ops = 300
	}
	e := newEnv(t)
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("AXL_PROPERTY_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("AXL_PROPERTY_SEED: %v", err)
		}
	}
	t.Logf("seed %d (AXL_PROPERTY_SEED=%d replays this run)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 7))
	m := &model{withdrawable: map[common.Address]map[common.Address]*big.Int{}, feeBps: 100, window: time.Hour}
	tokens := []common.Address{e.c.Addresses.USDC, e.c.Addresses.AI}
	accounts := append(append([]devchain.Account{}, e.agents...), e.workers...)
	accounts = append(accounts, e.treasury)
	byAddr := map[common.Address]devchain.Account{}
	for _, a := range accounts {
		byAddr[a.Address] = a
	}
	counts := map[string]int{}

	pick := func(states ...uint8) *modelIntent {
		var c []*modelIntent
		for _, in := range m.intents {
			for _, s := range states {
				if in.state == s {
					c = append(c, in)
				}
			}
		}
		if len(c) == 0 {
			return nil
		}
		return c[rng.IntN(len(c))]
	}
	now := func() time.Time { return e.now() }
	// near reports whether the next call's block may fall on either side
	// of t: its time is the latest block's plus one second, or more when
	// the wall clock (which the simulated chain follows) is ahead, so the
	// model cannot tell whether the contract will see t passed. Calls whose
	// outcome depends on such a t are skipped.
	near := func(t time.Time) bool {
		d := t.Sub(now())
		return d > 0 && d <= 30*time.Second
	}
	nearDeadline := func(in *modelIntent) bool { return near(time.Unix(int64(in.terms.Deadline), 0)) }
	// settled checks a settlement's receipt against the model: each slot's
	// one event (kind, worker, amount), and what the buyer, the treasury
	// and every staker of the intent may now withdraw.
	settled := func(step int, op string, r *types.Receipt, in *modelIntent, want map[uint32]settlement) {
		t.Helper()
		got := e.settlements(r, e.c.IntentID(in.terms))
		if len(got) != int(in.terms.Slots) || len(want) != int(in.terms.Slots) {
			t.Fatalf("step %d (%s): %d slots, events %v, model %v", step, op, in.terms.Slots, got, want)
		}
		for slot, w := range want {
			g := got[slot]
			if g.Kind != w.Kind || g.Worker != w.Worker || g.Amount.Cmp(w.Amount) != 0 {
				t.Fatalf("step %d (%s): slot %d event %+v, model %+v", step, op, slot, g, w)
			}
		}
		for _, who := range append([]common.Address{in.terms.Buyer, e.treasury.Address}, in.stakers...) {
			want := m.withdrawable[in.terms.Token][who]
			if want == nil {
				want = new(big.Int)
			}
			if got := e.withdrawable(in.terms.Token, who); got.Cmp(want) != 0 {
				t.Fatalf("step %d (%s): withdrawable of %s = %s, model %s", step, op, who.Hex(), got, want)
			}
		}
	}
	isFull := func(in *modelIntent) bool {
		for _, s := range in.stakers {
			if s == (common.Address{}) {
				return false
			}
		}
		return true
	}

	for step := range ops {
		var op string
		switch r := rng.IntN(100); {
		case r < 8: // fund a new intent
			op = "fund"
			buyer := e.agents[rng.IntN(len(e.agents))]
			token := tokens[rng.IntN(2)]
			terms := e.terms(buyer, token, 1+rng.Int64N(1_000_000), rng.Int64N(5_000), uint32(1+rng.IntN(4)))
			terms.Deadline = uint64(now().Add(time.Duration(1+rng.IntN(6)) * time.Hour).Unix())
			if rng.IntN(3) == 0 {
				e.exec(buyer, escrow.Call{To: token, Data: e.c.AI.PackApprove(e.c.Addresses.Escrow, terms.Amount)})
				e.exec(buyer, e.c.Fund(terms))
			} else {
				e.exec(e.op, e.fundCall(buyer, terms))
			}
			m.intents = append(m.intents, &modelIntent{terms: terms, state: stFunded, stakers: make([]common.Address, terms.Slots),
				feeBps: m.feeBps, window: m.window})
		case r < 40: // stake a free slot
			in := pick(stFunded)
			if in == nil || now().Unix() >= int64(in.terms.Deadline) || nearDeadline(in) {
				continue
			}
			var free []int
			for i, s := range in.stakers {
				if s == (common.Address{}) {
					free = append(free, i)
				}
			}
			if len(free) == 0 {
				continue
			}
			slot := free[rng.IntN(len(free))]
			w := e.workers[rng.IntN(len(e.workers))]
			already := false
			for _, s := range in.stakers {
				already = already || s == w.Address
			}
			op = "stake"
			if already {
				op = "stake (refused)"
				e.revert(e.op, e.stakeCall(w, in.terms, uint32(slot)), "WorkerHasSlot")
				break
			}
			if rng.IntN(2) == 0 {
				e.exec(w, escrow.Call{To: in.terms.Token, Data: e.c.AI.PackApprove(e.c.Addresses.Escrow, in.terms.StakePerSlot)})
				e.exec(w, e.c.Stake(in.terms, uint32(slot)))
			} else {
				e.exec(e.op, e.stakeCall(w, in.terms, uint32(slot)))
			}
			in.stakers[slot] = w.Address
		case r < 45: // cancel
			in := pick(stFunded)
			if in == nil {
				continue
			}
			op = "cancel"
			who := e.op
			if rng.IntN(2) == 0 {
				who = byAddr[in.terms.Buyer]
			}
			e.exec(who, e.c.Cancel(in.terms, in.stakers))
			in.state = stCancelled
			m.credit(in.terms.Token, in.terms.Buyer, in.terms.Amount)
			for _, s := range in.stakers {
				if s != (common.Address{}) {
					m.credit(in.terms.Token, s, in.terms.StakePerSlot)
				}
			}
		case r < 55: // assign, mostly intents whose slots are all staked
			var ready []*modelIntent
			for _, in := range m.intents {
				if in.state == stFunded && now().Unix() < int64(in.terms.Deadline) && isFull(in) {
					ready = append(ready, in)
				}
			}
			in := pick(stFunded)
			if len(ready) > 0 && rng.IntN(5) != 0 {
				in = ready[rng.IntN(len(ready))]
			}
			if in == nil || now().Unix() >= int64(in.terms.Deadline) || nearDeadline(in) {
				continue
			}
			if !isFull(in) {
				op = "assign (refused)"
				e.revert(e.op, e.c.Assign(in.terms, in.stakers, common.Hash{}), "NotFullyStaked")
				break
			}
			op = "assign"
			e.exec(e.op, e.c.Assign(in.terms, in.stakers, common.Hash{}))
			in.state = stAssigned
		case r < 58: // record delivery
			in := pick(stAssigned)
			if in == nil {
				continue
			}
			op = "recordDelivery"
			mask := 1 + rng.Uint64N(1<<in.terms.Slots-1)
			e.exec(e.op, e.c.RecordDelivery(in.terms, mask))
			in.delivered |= mask
		case r < 66: // submit a result
			in := pick(stAssigned)
			if in == nil || now().Unix() >= int64(in.terms.Deadline) || nearDeadline(in) {
				continue
			}
			op = "submitResult"
			mask := 1 + rng.Uint64N(1<<in.terms.Slots-1)
			in.weights = crypto.Keccak256Hash([]byte{byte(step)})
			e.exec(e.op, e.c.SubmitResult(in.terms, in.weights, common.Hash{}, mask))
			in.delivered |= mask
			in.state = stSubmitted
			in.windowEnd = now().Add(in.window)
		case r < 70: // dispute
			in := pick(stSubmitted)
			if in == nil || near(in.windowEnd) {
				continue
			}
			if !now().Before(in.windowEnd) {
				op = "dispute (refused)"
				e.revert(e.arbiter, e.c.Dispute(in.terms, common.Hash{}), "WindowClosed")
				break
			}
			op = "dispute"
			e.exec(e.arbiter, e.c.Dispute(in.terms, common.Hash{}))
			in.state = stDisputed
		case r < 75: // resolve
			in := pick(stAssigned, stDisputed, stSubmitted)
			if in == nil || (in.state == stSubmitted && (!now().Before(in.windowEnd) || near(in.windowEnd))) {
				continue
			}
			full := uint64(1)<<in.terms.Slots - 1
			// A third of the rulings convict nobody: a third of those with
			// nothing delivered (the refund), a third with a result and
			// delivered slots (a release without conviction: refused).
			var losing uint64
			if rng.IntN(3) != 0 {
				losing = 1 + rng.Uint64N(full)
			}
			delivered := rng.Uint64N(full + 1)
			weights := common.Hash{}
			if rng.IntN(4) != 0 {
				weights = crypto.Keccak256Hash([]byte{byte(step), 1})
			}
			if losing != 0 && in.terms.Slots >= 3 && rng.IntN(3) == 0 {
				// A ruling that keeps a result with an excused slot: one
				// slot at fault, another neither at fault nor delivered
				// (its replica could not run), the rest delivered; the
				// result replaced or (zero hash) the submitted one kept.
				perm := rng.Perm(int(in.terms.Slots))
				losing = 1 << perm[0]
				delivered = full &^ losing &^ (1 << perm[1])
				if rng.IntN(2) == 0 || in.weights == (common.Hash{}) {
					weights = crypto.Keccak256Hash([]byte{byte(step), 3})
				} else {
					weights = common.Hash{}
				}
			}
			if losing == 0 {
				switch rng.IntN(3) {
				case 0:
					delivered = 0
				case 1:
					delivered = 1 + rng.Uint64N(full)
					weights = crypto.Keccak256Hash([]byte{byte(step), 2})
				}
			}
			call := e.c.Resolve(in.terms, in.stakers, losing, delivered, weights, common.Hash{})
			if rng.IntN(10) == 0 {
				op = "resolve (not arbiter)"
				e.revert([]devchain.Account{e.op, e.agents[0], e.workers[0]}[rng.IntN(3)], call, "AccessControlUnauthorizedAccount")
				break
			}
			result := weights
			if result == (common.Hash{}) {
				result = in.weights
			}
			refunds := delivered&^losing == 0 || result == (common.Hash{})
			if losing == 0 && !refunds {
				op = "resolve (refused)"
				e.revert(e.arbiter, call, "BadMask(0)")
				break
			}
			op = "resolve"
			if losing == 0 {
				op = "resolve (no conviction)"
			} else if refunds {
				op = "resolve (refund)"
			}
			r := e.exec(e.arbiter, call)
			in.losing, in.delivered, in.weights = losing, delivered, result
			if refunds {
				// The buyer gets the price and the losing stakes; every other slot its stake.
				in.state = stRefunded
				m.credit(in.terms.Token, in.terms.Buyer, in.terms.Amount)
				settled(step, op, r, in, m.settleStakes(in, 0, losing))
			} else {
				if full&^delivered&^losing != 0 {
					op = "resolve (result kept, excused slot)"
				}
				in.state = stResolved
			}
		case r < 83: // release
			in := pick(stSubmitted, stResolved)
			if in == nil || (in.state == stSubmitted && near(in.windowEnd)) {
				continue
			}
			if in.state == stSubmitted && now().Before(in.windowEnd) {
				op = "release (refused)"
				e.revert(e.agents[0], e.c.Release(in.terms, in.stakers), "WindowOpen")
				break
			}
			op = "release"
			t := in.terms
			full := uint64(1)<<t.Slots - 1
			if full&^in.delivered&^in.losing != 0 {
				op = "release (excused)"
				if in.state == stResolved {
					op = "release (ruled, excused)"
				}
			}
			r := e.exec(e.agents[rng.IntN(len(e.agents))], e.c.Release(in.terms, in.stakers))
			in.state = stReleased
			honest := in.delivered &^ in.losing
			fee := new(big.Int).Div(new(big.Int).Mul(t.Amount, big.NewInt(in.feeBps)), big.NewInt(10_000))
			m.credit(t.Token, e.treasury.Address, fee)
			rest := new(big.Int).Sub(t.Amount, fee)
			n := big.NewInt(int64(bits.OnesCount64(honest)))
			share := new(big.Int).Div(rest, n)
			m.credit(t.Token, t.Buyer, new(big.Int).Sub(rest, new(big.Int).Mul(share, n)))
			events := m.settleStakes(in, honest, in.losing)
			for i, s := range in.stakers {
				if honest&(1<<i) != 0 {
					m.credit(t.Token, s, share)
					events[uint32(i)] = settlement{Kind: "Paid", Worker: s, Amount: share}
				}
			}
			settled(step, op, r, in, events)
		case r < 88: // refund
			in := pick(stFunded, stAssigned)
			if in == nil || nearDeadline(in) {
				continue
			}
			if now().Unix() < int64(in.terms.Deadline) {
				op = "refund (refused)"
				e.revert(e.agents[0], e.c.Refund(in.terms, in.stakers), "DeadlineNotPassed")
				break
			}
			op = "refund"
			r := e.exec(e.agents[rng.IntN(len(e.agents))], e.c.Refund(in.terms, in.stakers))
			m.credit(in.terms.Token, in.terms.Buyer, in.terms.Amount)
			if in.state == stFunded {
				for _, s := range in.stakers {
					if s != (common.Address{}) {
						m.credit(in.terms.Token, s, in.terms.StakePerSlot)
					}
				}
			} else {
				// No ruling: every slot not recorded as delivered is slashed to the buyer.
				op = "refund (assigned)"
				full := uint64(1)<<in.terms.Slots - 1
				settled(step, op, r, in, m.settleStakes(in, 0, full&^in.delivered))
			}
			in.state = stRefunded
		case r < 92: // anyone pays a few accounts their balances (withdrawFor)
			op = "withdrawFor"
			token := tokens[rng.IntN(2)]
			caller := accounts[rng.IntN(len(accounts))]
			var list []common.Address
			for range 1 + rng.IntN(4) {
				list = append(list, accounts[rng.IntN(len(accounts))].Address) // repeats allowed
			}
			want := map[common.Address]*big.Int{}
			for _, a := range list {
				if _, seen := want[a]; seen {
					continue
				}
				want[a] = new(big.Int).Set(e.balance(token, a))
				if owed := m.withdrawable[token][a]; owed != nil {
					want[a].Add(want[a], owed)
				}
			}
			// The caller pays the gas in ETH, not in the token: its token
			// balance moves only if it is listed.
			e.exec(caller, e.c.WithdrawFor(token, list))
			for a, w := range want {
				if got := e.balance(token, a); got.Cmp(w) != 0 {
					t.Fatalf("step %d (withdrawFor): %s holds %s, model %s", step, a.Hex(), got, w)
				}
				if m.withdrawable[token] != nil {
					m.withdrawable[token][a] = new(big.Int)
				}
			}
		case r < 95: // withdraw
			a := accounts[rng.IntN(len(accounts))]
			token := tokens[rng.IntN(2)]
			owed := m.withdrawable[token][a.Address]
			if owed == nil || owed.Sign() == 0 {
				op = "withdraw (refused)"
				e.revert(a, e.c.Withdraw(token), "NothingToWithdraw")
				break
			}
			op = "withdraw"
			if got := e.withdrawAll(a, token); got.Cmp(owed) != 0 {
				t.Fatalf("step %d: withdrew %s, model owes %s", step, got, owed)
			}
			m.withdrawable[token][a.Address] = new(big.Int)
		case r < 96: // the admin changes the terms of intents funded from now on
			op = "setParameters"
			fee, window := uint16(rng.IntN(1_001)), uint32(60+rng.IntN(3*3600))
			if rng.IntN(5) == 0 {
				op = "setParameters (refused)"
				e.revert(e.agents[0], escrow.Call{To: e.c.Addresses.Escrow, Data: e.c.Escrow.PackSetParameters(fee, window, 64)}, "AccessControlUnauthorizedAccount")
				break
			}
			e.exec(e.op, escrow.Call{To: e.c.Addresses.Escrow, Data: e.c.Escrow.PackSetParameters(fee, window, 64)})
			m.feeBps, m.window = int64(fee), time.Duration(window)*time.Second
		default: // time passes
			op = "time"
			e.advance(time.Duration(1+rng.IntN(90)) * time.Minute)
		}
		if op == "" {
			continue
		}
		counts[op]++
		for _, token := range tokens {
			bal, owes, want := e.balance(token, e.c.Addresses.Escrow), e.liabilities(token), m.owed(token)
			if bal.Cmp(owes) != 0 || owes.Cmp(want) != 0 {
				t.Fatalf("step %d (%s): token %s: balance %s, contract liabilities %s, model %s", step, op, token, bal, owes, want)
			}
		}
		if step%50 == 0 {
			for _, token := range tokens {
				for _, a := range accounts {
					want := m.withdrawable[token][a.Address]
					if want == nil {
						want = new(big.Int)
					}
					if got := e.withdrawable(token, a.Address); got.Cmp(want) != 0 {
						t.Fatalf("step %d: withdrawable of %s %d = %s, model %s", step, a.Role, a.Index, got, want)
					}
				}
			}
		}
	}
	t.Log(fmt.Sprint(counts))
	for _, must := range []string{"fund", "stake", "cancel", "assign", "submitResult", "dispute", "resolve", "resolve (refund)",
		"resolve (no conviction)", "resolve (refused)", "resolve (result kept, excused slot)", "release",
		"release (excused)", "release (ruled, excused)", "refund", "refund (assigned)", "withdraw", "withdrawFor", "setParameters"} {
		if counts[must] == 0 && !testing.Short() {
			t.Errorf("operation %s never ran", must)
		}
	}
}
