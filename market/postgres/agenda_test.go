package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/postgres"
	"github.com/axl-market/axl/market/postgres/pgtest"
)

// far is a time no test reaches: an entry rescheduled there is not due.
var far = t0.Add(1000 * time.Hour)

// entry reads the agenda entry of id.
func entry(t *testing.T, s *postgres.Store, id market.Hash) market.Due {
	t.Helper()
	d, err := s.AgendaOf(t.Context(), []market.Hash{id})
	if err != nil || len(d) != 1 || d[0].IntentID != id {
		t.Fatalf("agenda of %s: %v, %v", id, d, err)
	}
	return d[0]
}

// isDue reports whether id is among the intents due at now.
func isDue(t *testing.T, s *postgres.Store, id market.Hash, now time.Time) bool {
	t.Helper()
	due, err := s.DueIntents(t.Context(), now, 100)
	if err != nil {
		t.Fatal(err)
	}
	return slices.ContainsFunc(due, func(d market.Due) bool { return d.IntentID == id })
}

// idle reschedules id far away, as a pass that found nothing to do would.
func idle(t *testing.T, s *postgres.Store, id market.Hash) {
	t.Helper()
	if err := s.Reschedule(t.Context(), entry(t, s, id), far); err != nil {
		t.Fatal(err)
	}
	if isDue(t, s, id, t0.Add(time.Hour)) {
		t.Fatalf("%s is due after it was rescheduled", id)
	}
}

// TestAgendaMarks: each change to what an intent is derived from makes it
// due at once, in the change's own transaction; what the operator does
// not read (progress, claims, answers, a transaction sent or mined) does
// not.
func TestAgendaMarks(t *testing.T) {
	t.Parallel()
	committed := func(t *testing.T, s *postgres.Store, id market.Hash) {
		t.Helper()
		for i := range byte(4) {
			if _, err := s.Commit(t.Context(), id, addr(10+i), hash(0x70+i), t0, rules); err != nil {
				t.Fatal(err)
			}
		}
	}
	tx := func(t *testing.T, s *postgres.Store, id market.Hash) market.Tx {
		t.Helper()
		tx, err := s.EnqueueTx(t.Context(), market.Tx{Key: "k", Kind: market.TxCancel, IntentID: id, From: addr(1), To: addr(2)})
		if err != nil {
			t.Fatal(err)
		}
		return tx
	}
	for _, tc := range []struct {
		name string
		// setup makes the intent; change changes it after it was made idle.
		setup  func(t *testing.T, s *postgres.Store) market.Hash
		change func(t *testing.T, s *postgres.Store, id market.Hash)
		marks  bool
	}{
		{"a chain event applied", stakedJob, func(t *testing.T, s *postgres.Store, id market.Hash) {
			chainSays(t, s, id, "Assigned")
		}, true},
		{"a chain event removed", stakedJob, func(t *testing.T, s *postgres.Store, id market.Hash) {
			if _, err := s.RewindChain(t.Context(), "test", market.BlockRef{}); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a cancel request", stakedJob, func(t *testing.T, s *postgres.Store, id market.Hash) {
			if _, err := s.RequestCancel(t.Context(), id, addr(1), t0); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a transaction abandoned", stakedJob, func(t *testing.T, s *postgres.Store, id market.Hash) {
			if err := s.AbandonTx(t.Context(), tx(t, s, id).ID, "given up"); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a transaction reverted", stakedJob, func(t *testing.T, s *postgres.Store, id market.Hash) {
			if err := s.FinishTx(t.Context(), tx(t, s, id).ID, market.TxFailed, hash(5), 9, 1, "reverted"); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a transaction mined", stakedJob, func(t *testing.T, s *postgres.Store, id market.Hash) {
			if err := s.FinishTx(t.Context(), tx(t, s, id).ID, market.TxMined, hash(5), 9, 1, ""); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"a commitment", runningJob, func(t *testing.T, s *postgres.Store, id market.Hash) {
			if _, err := s.Commit(t.Context(), id, addr(10), hash(0x70), t0, rules); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a reveal", func(t *testing.T, s *postgres.Store) market.Hash {
			id := runningJob(t, s)
			committed(t, s, id)
			return id
		}, func(t *testing.T, s *postgres.Store, id market.Hash) {
			rv := market.Reveal{TraceRoot: hash(0xa1), Salt: hash(0x5a), Leaves: 9, Weights: market.ArtifactID(hash(0xee))}
			if _, err := s.StoreReveal(t.Context(), id, addr(10), rv, t0, rules); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"progress", runningJob, func(t *testing.T, s *postgres.Store, id market.Hash) {
			if _, err := s.RecordProgress(t.Context(), id, addr(10), market.Progress{Step: 3, Loss: 2.5, At: t0}); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"a game opened", runningJob, func(t *testing.T, s *postgres.Store, id market.Hash) {
			if _, err := s.SaveDispute(t.Context(), market.Dispute{JobID: id, Slots: []uint32{0, 2}, State: market.DisputeOpen,
				CreatedAt: t0}); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a game failed", func(t *testing.T, s *postgres.Store) market.Hash {
			id := runningJob(t, s)
			if _, err := s.SaveDispute(t.Context(), market.Dispute{JobID: id, Slots: []uint32{0, 2}, State: market.DisputeOpen,
				CreatedAt: t0}); err != nil {
				t.Fatal(err)
			}
			return id
		}, func(t *testing.T, s *postgres.Store, id market.Hash) {
			ds, err := s.Disputes(t.Context(), id)
			if err != nil || len(ds) != 1 {
				t.Fatalf("disputes %v, %v", ds, err)
			}
			ds[0].Attempts, ds[0].LastError, ds[0].FailedAt = 1, "crashed", t0
			if _, err := s.SaveDispute(t.Context(), ds[0]); err != nil {
				t.Fatal(err)
			}
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := pgtest.NewStore(t)
			id := tc.setup(t, s)
			idle(t, s, id)
			before := entry(t, s, id)
			tc.change(t, s, id)
			after := entry(t, s, id)
			if got := isDue(t, s, id, t0) && after.Version != before.Version; got != tc.marks {
				t.Fatalf("due at once after the change: %v (version %d -> %d), want %v", got, before.Version, after.Version, tc.marks)
			}
		})
	}
}

// TestAgendaNewIntent: a new intent is due at once; AgendaOf reads an
// intent without an entry as version 0; DueIntents lists the longest due
// first, as many as asked.
func TestAgendaNewIntent(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := t.Context()
	var ids []market.Hash
	for i := range byte(3) {
		q := testQuote(fmt.Sprint("q", i), addr(1), hash(0x71+i))
		if err := s.CreateQuote(ctx, q); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateIntent(ctx, intentFrom(q), nil); err != nil {
			t.Fatal(err)
		}
		if !isDue(t, s, q.IntentID, time.Time{}) || entry(t, s, q.IntentID).Version == 0 {
			t.Fatalf("a new intent is not due at once: %+v", entry(t, s, q.IntentID))
		}
		ids = append(ids, q.IntentID)
	}
	if d := entry(t, s, hash(0x99)); d.Version != 0 {
		t.Fatalf("an intent without an entry: %+v", d)
	}
	// Due in the order 2, 0, 1.
	for i, at := range []time.Time{t0.Add(2 * time.Minute), t0.Add(3 * time.Minute), t0.Add(time.Minute)} {
		if err := s.Reschedule(ctx, entry(t, s, ids[i]), at); err != nil {
			t.Fatal(err)
		}
	}
	due, err := s.DueIntents(ctx, t0.Add(time.Hour), 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 2 || due[0].IntentID != ids[2] || due[1].IntentID != ids[0] || !due[0].At.Equal(t0.Add(time.Minute)) {
		t.Fatalf("due %+v, want intents 2 then 0", due)
	}
}

// TestReschedule: a pass's schedule is stored only if nothing changed
// since the pass read the entry; the same schedule again writes nothing; a
// schedule of nothing removes the entry, and a later one makes it again.
func TestReschedule(t *testing.T) {
	t.Parallel()
	s, url := pgtest.NewStoreURL(t)
	ctx := t.Context()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	id := stakedJob(t, s)
	at := t0.Add(time.Hour)
	read := entry(t, s, id)
	if err := s.Reschedule(ctx, read, at); err != nil {
		t.Fatal(err)
	}
	if isDue(t, s, id, at.Add(-time.Second)) || !isDue(t, s, id, at) {
		t.Fatal("not due exactly at its time")
	}
	// The same schedule again: the row is not written (nor locked).
	version := func() string {
		t.Helper()
		var v string
		if err := conn.QueryRow(ctx, `SELECT xmin::text || '/' || xmax::text FROM intent_agenda WHERE intent_id = $1`, id[:]).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	v := version()
	if err := s.Reschedule(ctx, read, at); err != nil {
		t.Fatal(err)
	}
	if v2 := version(); v2 != v {
		t.Fatalf("the same schedule wrote the row: %s -> %s", v, v2)
	}
	// A change after the pass read the entry keeps it due at once.
	chainSays(t, s, id, "Assigned")
	if err := s.Reschedule(ctx, read, at); err != nil {
		t.Fatal(err)
	}
	if !isDue(t, s, id, t0) {
		t.Fatal("a change made during the pass was overwritten by its schedule")
	}
	// Nothing due: the entry goes; a later schedule makes one of version 0,
	// which the next schedule moves.
	if err := s.Reschedule(ctx, entry(t, s, id), time.Time{}); err != nil {
		t.Fatal(err)
	}
	if isDue(t, s, id, far) || entry(t, s, id).Version != 0 {
		t.Fatalf("an entry scheduled for nothing: %+v", entry(t, s, id))
	}
	for _, when := range []time.Time{at, at.Add(time.Minute)} {
		if err := s.Reschedule(ctx, entry(t, s, id), when); err != nil {
			t.Fatal(err)
		}
		if isDue(t, s, id, when.Add(-time.Second)) || !isDue(t, s, id, when) {
			t.Fatalf("not due exactly at %s", when)
		}
	}
}
