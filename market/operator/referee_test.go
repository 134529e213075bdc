package operator_test

import (
	"context"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/devchain"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/operator"
	"github.com/axl-market/axl/market/referee"
)

// TestRefereeFailuresEndInARefund: the spot check of a single-slot job
// cannot be played (the referee cannot read the job's inputs); the
// referee tries again only once RetryAfter has passed on the clock, rules
// the game failed after RefereeTries tries, and the operator has the
// arbiter refund the buyer and return the worker's stake: both withdraw
// exactly what they put in.
func TestRefereeFailuresEndInARefund(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	w := e.workers[0]
	buyerBefore, workerBefore := e.balance(e.buyer.Address), e.balance(w.Address)
	in := e.newIntent(1, 1)
	e.until(market.IntentOpen, in.ID)
	e.register(w)
	c, err := e.claim(w.Address, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	e.stake(w, c)
	e.until(market.IntentRunning, in.ID)

	rules := market.Rules{CommitMargin: time.Minute, Reveal: time.Minute, Settle: time.Minute, RefereeTries: 2,
		RetryAfter: 30 * time.Second}
	ref := referee.New(e.ctx, referee.Config{Store: e.store, Clock: e.clock, Rules: rules,
		Play: referee.VerdeGame, Spot: referee.SpotCheckGame(1)})
	arbiter := escrow.NewRelayer(escrow.RelayerConfig{Client: e.chain.Client(), Store: e.store,
		Key: e.chain.Role(devchain.RoleArbiter)[0].Key, ChainID: e.chain.ChainID(), Clock: e.clock})
	op := operator.New(operator.Config{Store: e.store, Relayer: e.relayer, Arbiter: arbiter, Contracts: e.c, Clock: e.clock,
		Referee: ref})
	step := func() {
		t.Helper()
		seal := func(context.Context) error { e.chain.Commit(); return nil }
		for _, f := range []func(context.Context) error{e.relayer.Tick, arbiter.Tick, seal, e.relayer.Tick, arbiter.Tick,
			e.watcher.Poll, op.Tick} {
			if err := f(e.ctx); err != nil {
				t.Fatal(err)
			}
		}
	}

	root, salt := market.Hash{0xa1}, market.Hash{0x5a}
	worker := market.Address(w.Address)
	if _, err := e.store.Commit(e.ctx, in.ID, worker, market.Commitment(in.ID, worker, root, salt), e.clock.Now(), rules); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.StoreReveal(e.ctx, in.ID, worker, market.Reveal{TraceRoot: root, Salt: salt, Leaves: 3,
		Weights: market.ArtifactID{0xee}}, e.clock.Now(), rules); err != nil {
		t.Fatal(err)
	}
	// attempts waits until the spot check has failed n times.
	attempts := func(n int) market.Dispute {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); ; {
			ds, err := e.store.Disputes(e.ctx, in.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(ds) == 1 && ds[0].Attempts >= n {
				if ds[0].Attempts > n {
					t.Fatalf("%d tries, want %d: %+v", ds[0].Attempts, n, ds[0])
				}
				return ds[0]
			}
			if time.Now().After(deadline) {
				t.Fatalf("games %+v: want one with %d failed tries", ds, n)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	step() // the spot check opens and fails
	ds := attempts(1)
	if ds.State != market.DisputeOpen || !strings.Contains(ds.LastError, "artifact") {
		t.Fatalf("after one try: %s, %q", ds.State, ds.LastError)
	}
	step() // before RetryAfter: not tried again
	time.Sleep(200 * time.Millisecond)
	attempts(1)
	e.clock.Add(rules.RetryAfter)
	step()
	ds = attempts(2)
	for ds.State != market.DisputeRuled {
		ds = attempts(2)
	}
	if !strings.Contains(string(ds.Ruling), `"failed"`) {
		t.Fatalf("ruling %s, want failed", ds.Ruling)
	}
	for range 6 {
		if e.intent(in.ID).State == market.IntentRefunded {
			break
		}
		step()
	}
	if st := e.intent(in.ID).State; st != market.IntentRefunded {
		t.Fatalf("intent %s, want refunded", st)
	}
	if rec := e.record(in.ID); rec.LosingMask != 0 {
		t.Fatalf("losing mask %b: nobody may be slashed without evidence", rec.LosingMask)
	}
	e.paidAndCheck(in.ID, map[devchain.Account]*big.Int{e.buyer: buyerBefore, w: workerBefore})
}
