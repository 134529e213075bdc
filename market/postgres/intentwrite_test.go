package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

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

// TestIntentRequestsShareRoundTrips: concurrent BeginIntentRequest are
// batched (far fewer transactions than requests), and each gets its own
// exact answer: its quote (or none), its claim; of two requests with one
// digest in flight together one is a replay; of two with one key one
// holds it and the other finds it in flight; one whose key the database
// refuses fails alone. Then a finished key gives its stored response.
func TestIntentRequestsShareRoundTrips(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := context.Background()
	const n = 48
	quotes := make([]market.Quote, n)
	for i := range quotes {
		quotes[i] = testQuote(fmt.Sprint("rq", i), addr(byte(i%5+1)), hash(byte(150+i)))
		if err := s.CreateQuote(ctx, quotes[i]); err != nil {
			t.Fatal(err)
		}
	}
	req := func(i int) market.IntentRequest {
		return market.IntentRequest{Nonce: market.Hash{0: 1, 1: byte(i)}, NonceExpires: t0.Add(time.Hour), Owner: quotes[i].Buyer,
			Key: fmt.Sprint("key", i), RequestHash: hash(byte(i)), QuoteID: quotes[i].ID}
	}
	reqs := make([]market.IntentRequest, n)
	for i := range reqs {
		reqs[i] = req(i)
	}
	reqs[1].QuoteID = "no such quote"
	reqs[2].Owner = addr(77) // not the quote's buyer: no quote
	twinDigest := req(3)
	twinDigest.Key = "another key"
	twinKey := req(4)
	twinKey.Nonce = market.Hash{0: 2}
	reqs = append(reqs, twinDigest, twinKey)

	type answer struct {
		rec *market.Idempotent
		q   *market.Quote
		err error
	}
	begin := func(reqs []market.IntentRequest) []answer {
		out := make([]answer, len(reqs))
		var wg sync.WaitGroup
		for i, r := range reqs {
			wg.Go(func() { out[i].rec, out[i].q, out[i].err = s.BeginIntentRequest(ctx, r) })
		}
		wg.Wait()
		return out
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
	before := transactions()
	got := begin(reqs)
	commits := transactions() - before
	t.Logf("%d concurrent intent requests in %d transactions", len(reqs), commits)
	if commits > int64(len(reqs))/2 {
		t.Fatalf("%d concurrent intent requests took %d transactions: they are not batched", len(reqs), commits)
	}
	replays, inFlight := 0, 0
	for i, a := range got {
		r := reqs[i]
		switch {
		case market.ErrorKind(a.err) == market.KindUnauthorized && (i == 3 || i == n):
			replays++
			continue
		case a.err != nil:
			t.Fatalf("request %d: %v", i, a.err)
		}
		if i == 4 || i == n+1 {
			if a.rec != nil {
				if a.rec.Done || a.rec.RequestHash != r.RequestHash {
					t.Fatalf("request %d: the twin key's record %+v", i, a.rec)
				}
				inFlight++
			}
		} else if a.rec != nil {
			t.Fatalf("request %d: key %s not claimed: %+v", i, r.Key, a.rec)
		}
		want := map[int]int{n: 3, n + 1: 4}[i] // the twins' quotes
		if i < n {
			want = i
		}
		switch {
		case i == 1 || i == 2:
			if a.q != nil {
				t.Fatalf("request %d: a quote %+v, want none", i, a.q)
			}
		case a.q == nil || a.q.ID != quotes[want].ID || a.q.IntentID != quotes[want].IntentID || a.q.Price.Cmp(quotes[want].Price) != 0:
			t.Fatalf("request %d: quote %+v, want %+v", i, a.q, quotes[want])
		}
	}
	if replays != 1 || inFlight != 1 {
		t.Fatalf("of two requests with one digest, %d replays (want 1); of two with one key, %d in flight (want 1)", replays, inFlight)
	}

	// A request whose key the database refuses (text cannot hold NUL)
	// fails its batch's statement: it fails alone, the others are done.
	// (The API refuses such keys first; a quote id that text cannot hold
	// names no quote.)
	fresh := make([]market.IntentRequest, 16)
	for i := range fresh {
		fresh[i] = req(i)
		fresh[i].Nonce, fresh[i].Key = market.Hash{0: 5, 1: byte(i)}, fmt.Sprint("fresh", i)
	}
	fresh[7].Key = "nul\x00"
	fresh[3].QuoteID = quotes[3].ID + "\x00" // no quote's id: none, not an error
	for i, a := range begin(fresh) {
		switch {
		case i == 7:
			if a.err == nil || market.ErrorKind(a.err) == market.KindUnauthorized {
				t.Fatalf("a key the database refuses: %v", a.err)
			}
		case i == 3:
			if a.err != nil || a.rec != nil || a.q != nil {
				t.Fatalf("a quote id with a NUL: %+v %+v %v", a.rec, a.q, a.err)
			}
		case a.err != nil || a.rec != nil || a.q == nil || a.q.ID != quotes[i].ID:
			t.Fatalf("request %d beside a bad one: %+v %+v %v", i, a.rec, a.q, a.err)
		}
	}

	// Replayed: every digest again is refused; a finished key's record
	// comes back with its response.
	if err := s.FinishIdempotent(ctx, reqs[0].Owner, reqs[0].Key, 201, []byte(`{"id":"x"}`)); err != nil {
		t.Fatal(err)
	}
	for i, a := range begin(reqs[:n]) {
		if market.ErrorKind(a.err) != market.KindUnauthorized {
			t.Fatalf("request %d replayed: %v", i, a.err)
		}
	}
	again := reqs[0]
	again.Nonce = market.Hash{0: 4}
	rec, _, err := s.BeginIntentRequest(ctx, again)
	if err != nil || rec == nil || !rec.Done || rec.Code != 201 || string(rec.Body) != `{"id":"x"}` || rec.RequestHash != again.RequestHash {
		t.Fatalf("a retry of a finished key: %+v %v", rec, err)
	}
}
