package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/postgres/pgtest"
)

// TestIntentWritesShareCommits: concurrent intent writes are committed in
// batches (far fewer transactions than writes, by pg_stat_database), each
// with its funding transaction and its two first events in order, and a
// write whose quote another took is a conflict without harming its batch.
// Then a write that breaks a constraint inside a batch (which aborts the
// batch's transaction) fails alone: the others are written.
func TestIntentWritesShareCommits(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := context.Background()
	const n = 64
	ins := make([]market.Intent, n+16)
	for i := range ins {
		q := testQuote(fmt.Sprint("q", i), addr(byte(i%7+1)), hash(byte(100+i)))
		if err := s.CreateQuote(ctx, q); err != nil {
			t.Fatal(err)
		}
		ins[i] = intentFrom(q)
	}
	transactions := func() int64 {
		t.Helper()
		flushed, err := s.FlushStats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n, err := s.Transactions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n - int64(flushed)
	}
	// write writes ins[from:to] at once, with the extra writes.
	write := func(from, to int, extra ...market.Intent) []error {
		errs := make([]error, to-from+len(extra))
		var wg sync.WaitGroup
		for i := from; i < to; i++ {
			wg.Go(func() {
				tx := market.Tx{Key: "fund:" + ins[i].ID.String(), Kind: market.TxFund, From: addr(9), To: addr(8), Data: []byte{byte(i)}}
				_, errs[i-from] = s.CreateFundedIntent(ctx, ins[i], nil, &tx)
			})
		}
		for k, in := range extra {
			wg.Go(func() { _, errs[to-from+k] = s.CreateIntent(ctx, in, nil) })
		}
		wg.Wait()
		return errs
	}
	refused := func(errs []error) (n int) {
		t.Helper()
		for i, err := range errs {
			switch {
			case err == nil:
			case market.ErrorKind(err) == market.KindConflict:
				n++
			default:
				t.Fatalf("write %d: %v", i, err)
			}
		}
		return n
	}
	written := func(from int, errs []error) {
		t.Helper()
		for i := from; i < from+len(errs) && i < len(ins); i++ {
			if errs[i-from] != nil {
				continue
			}
			evs, err := s.IntentEvents(ctx, ins[i].ID, 0, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(evs) != 2 || evs[0].Type != "state" || evs[0].State != market.IntentFunding || evs[1].Type != "transaction" ||
				!strings.Contains(string(evs[1].Data), `"status": "queued"`) || !strings.Contains(string(evs[1].Data), `"kind": "fund"`) {
				t.Fatalf("intent %d's events %+v", i, evs)
			}
			txs, err := s.TxsOfIntent(ctx, ins[i].ID)
			if err != nil || len(txs) != 1 || txs[0].Key != "fund:"+ins[i].ID.String() || txs[0].Status != market.TxQueued || txs[0].Data[0] != byte(i) {
				t.Fatalf("intent %d's transactions %+v %v", i, txs, err)
			}
		}
	}

	before := transactions()
	errs := write(0, n, ins[5]) // quote 5 twice: one is a conflict
	commits := transactions() - before
	t.Logf("%d concurrent intent writes in %d transactions", n+1, commits)
	if commits > n/2 {
		t.Fatalf("%d concurrent intent writes took %d transactions, want at most %d: commits are not shared", n+1, commits, n/2)
	}
	if r := refused(errs); r != 1 {
		t.Fatalf("%d writes refused, want 1 (quote 5's twin): %v", r, errs)
	}
	written(0, errs[:n])

	// A write of its own quote with intent n's id: a duplicate key.
	dq := testQuote("dup", addr(1), hash(99))
	if err := s.CreateQuote(ctx, dq); err != nil {
		t.Fatal(err)
	}
	dup := intentFrom(dq)
	dup.ID = ins[n].ID
	errs = write(n, n+16, dup)
	if r := refused(errs); r != 1 {
		t.Fatalf("%d writes refused, want 1 (one of intent %d's id): %v", r, n, errs)
	}
	written(n, errs[:16])
}
