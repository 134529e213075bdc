package operator_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/axl-market/axl/market"
)

// TestOperatorGivesUpLoudly: a call the chain refuses every time (a refund
// the operator's clock thinks due while the chain's time is a day short of
// the deadline) is tried MaxRetries times more, then given up — not in
// silence: the last refused transaction becomes abandoned, saying so, and
// the intent's event log carries it. Giving up again adds nothing.
func TestOperatorGivesUpLoudly(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	in := e.newIntent(1, 1)
	e.until(market.IntentOpen, in.ID)
	e.clock.Add(25 * time.Hour)
	var gaveUp error
	for pass := 0; gaveUp == nil; pass++ {
		if pass > 10 {
			t.Fatal("the operator never gave up")
		}
		if err := e.relayer.Tick(e.ctx); err != nil {
			t.Fatal(err)
		}
		if err := e.op.Tick(e.ctx); err != nil {
			if !strings.Contains(err.Error(), "gave up") {
				t.Fatal(err)
			}
			gaveUp = err
		}
	}
	if !strings.Contains(gaveUp.Error(), "refund:") {
		t.Fatalf("gave up: %v, want the refund named", gaveUp)
	}
	refunds := func() []market.Tx {
		txs, err := e.store.TxsOfIntent(e.ctx, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		var out []market.Tx
		for _, tx := range txs {
			if tx.Kind == market.TxRefund {
				out = append(out, tx)
			}
		}
		return out
	}
	got := refunds()
	const tries = 6 // the first and MaxRetries (5) more
	if len(got) != tries {
		t.Fatalf("%d refund transactions, want %d", len(got), tries)
	}
	for i, tx := range got[:tries-1] {
		if tx.Status != market.TxFailed || tx.Nonce != -1 {
			t.Fatalf("refund %d: %+v, want refused at estimation", i, tx)
		}
	}
	last := got[tries-1]
	if last.Status != market.TxAbandoned || !strings.Contains(last.Error, "the operator gave up after 6 refused transactions") ||
		!strings.Contains(last.Error, "reverted") {
		t.Fatalf("the last refund: %+v, want abandoned with why", last)
	}
	abandoned := func() int {
		evs, err := e.store.IntentEvents(e.ctx, in.ID, 0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, ev := range evs {
			var d struct{ Kind, Status, Error string }
			if ev.Type == "transaction" && json.Unmarshal(ev.Data, &d) == nil && d.Kind == "refund" && d.Status == "abandoned" {
				if !strings.Contains(d.Error, "gave up") {
					t.Fatalf("abandoned event without its reason: %s", ev.Data)
				}
				n++
			}
		}
		return n
	}
	if n := abandoned(); n != 1 {
		t.Fatalf("%d abandoned-refund events, want 1", n)
	}
	t.Logf("gave up after %d refused refunds: %q", tries, last.Error)
	// The next passes give up again, quietly: no new transaction, no new event.
	for range 2 {
		if err := e.relayer.Tick(e.ctx); err != nil {
			t.Fatal(err)
		}
		if err := e.op.Tick(e.ctx); err == nil || !strings.Contains(err.Error(), "gave up") {
			t.Fatalf("a later pass: %v, want it still given up", err)
		}
	}
	if n, m := len(refunds()), abandoned(); n != tries || m != 1 {
		t.Fatalf("after more passes: %d refunds, %d abandoned events", n, m)
	}
}
