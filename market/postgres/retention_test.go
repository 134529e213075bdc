package postgres_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/blobstore"
	"github.com/axl-market/axl/market/clocktest"
	"github.com/axl-market/axl/market/postgres"
	"github.com/axl-market/axl/market/postgres/pgtest"
)

// counts are the rows of the tables that requests leave behind.
type counts struct{ nonces, quotes, idempotency, progress, workers, artifacts int64 }

func tableCounts(t *testing.T, s *postgres.Store) counts {
	t.Helper()
	var c counts
	err := s.Pool().QueryRow(context.Background(), `SELECT
		(SELECT count(*) FROM request_nonces), (SELECT count(*) FROM quotes), (SELECT count(*) FROM idempotency_keys),
		(SELECT count(*) FROM intent_events WHERE type = 'progress'), (SELECT count(*) FROM workers),
		(SELECT count(*) FROM artifacts)`).
		Scan(&c.nonces, &c.quotes, &c.idempotency, &c.progress, &c.workers, &c.artifacts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestRetentionKeepsTablesFlat: a sustained load (every 6 hours of the
// injected clock, replay digests, unused quotes, idempotency records,
// progress events, registrations of fresh keys and unused uploads) with a
// janitor pass after each
// round: the counts reach a plateau and stay on it, what is in use (the
// intent's quote and inputs, a delivery) is never pruned, and the bytes
// of a pruned artifact leave the disk.
func TestRetentionKeepsTablesFlat(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := context.Background()
	blobs, err := blobstore.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	clk := clocktest.New(t0)
	ret := market.Retention{Quotes: 12 * time.Hour, Idempotency: 12 * time.Hour, Progress: 24 * time.Hour, Artifacts: 12 * time.Hour,
		Workers: 12 * time.Hour}
	j := &market.Janitor{Store: s, Blobs: blobs, Clock: clk, Retention: ret}

	// One live intent, whose inputs and quote stay whatever the load.
	buyer := addr(1)
	q := testQuote("q-live", buyer, hash(50))
	in := intentFrom(q)
	for _, id := range []market.ArtifactID{q.Spec.BaseModel, q.Spec.Dataset} {
		if _, err := s.PutArtifact(ctx, market.Artifact{ID: id, Owner: buyer, Size: 100, MediaType: "text/plain", Kind: market.ArtifactDataset, CreatedAt: t0}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CreateQuote(ctx, q); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateIntent(ctx, in, nil); err != nil {
		t.Fatal(err)
	}
	// A worker that holds a slot of it stays registered.
	staker := addr(9)
	if _, err := s.PutWorker(ctx, market.Worker{Address: staker, PeerID: "p", Multiaddrs: []string{}, Capacity: 1, UpdatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateJob(ctx, market.Job{ID: in.ID, Token: in.Token, Slots: 4, FreeSlots: 3, PayPerSlot: in.Price, StakePerSlot: in.StakePerSlot,
		Deadline: in.Deadline, CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pool().Exec(ctx, `INSERT INTO job_slots (job_id, slot, state, worker) VALUES ($1, 0, 'confirmed', $2)`,
		in.ID[:], staker[:]); err != nil {
		t.Fatal(err)
	}

	const perRound = 10
	upload := func(body string, now time.Time) market.ArtifactID {
		p, err := blobs.Write(strings.NewReader(body), 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.PutArtifact(ctx, market.Artifact{ID: p.ID, Owner: addr(2), Size: p.Size, MediaType: "text/plain",
			Kind: market.ArtifactDataset, CreatedAt: now}); err != nil {
			t.Fatal(err)
		}
		if err := p.Commit(); err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	var first market.ArtifactID
	var plateau counts
	for round := range 12 {
		now := clk.Add(6 * time.Hour)
		for i := range perRound {
			n := round*perRound + i
			if err := s.UseRequestNonce(ctx, hash(byte(n)), now.Add(5*time.Minute)); err != nil {
				t.Fatal(err)
			}
			uq := testQuote(fmt.Sprintf("q-%d", n), buyer, market.Hash{1, byte(n), byte(n >> 8)})
			uq.CreatedAt, uq.ExpiresAt = now, now.Add(10*time.Minute)
			if err := s.CreateQuote(ctx, uq); err != nil {
				t.Fatal(err)
			}
			key := fmt.Sprintf("key-%d", n)
			if _, err := s.BeginIdempotent(ctx, buyer, key, hash(7)); err != nil {
				t.Fatal(err)
			}
			// The record's time is the database's; the test's clock stands for it.
			if _, err := s.Pool().Exec(ctx, `UPDATE idempotency_keys SET created_at = $3 WHERE owner = $1 AND key = $2`,
				buyer[:], key, now); err != nil {
				t.Fatal(err)
			}
			if _, err := s.PutWorker(ctx, market.Worker{Address: market.Address{0, byte(n), byte(n >> 8), 1}, PeerID: "p",
				Multiaddrs: []string{}, Capacity: 1, UpdatedAt: now}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Pool().Exec(ctx, `INSERT INTO intent_events (intent_id, type, state, data, created_at)
				VALUES ($1, 'progress', 'running', '{}', $2)`, in.ID[:], now); err != nil {
				t.Fatal(err)
			}
		}
		id := upload(fmt.Sprintf("upload of round %d", round), now)
		if round == 0 {
			first = id
		}
		p, err := j.Pass(ctx)
		if err != nil {
			t.Fatal(err)
		}
		c := tableCounts(t, s)
		t.Logf("round %2d: pruned %+v, left %+v", round, p, c)
		// Nonces expire within minutes; quotes, idempotency records and
		// uploads live 12 h (three rounds with this one), progress 24 h (five).
		want := counts{nonces: perRound, quotes: 1 + min(3, int64(round+1))*perRound, idempotency: min(3, int64(round+1)) * perRound,
			progress: min(5, int64(round+1)) * perRound, workers: 1 + min(3, int64(round+1))*perRound, artifacts: 2 + min(3, int64(round+1))}
		if c != want {
			t.Fatalf("round %d: %+v, want %+v", round, c, want)
		}
		if round >= 5 {
			if plateau != (counts{}) && c != plateau {
				t.Fatalf("round %d: the tables grew from %+v to %+v", round, plateau, c)
			}
			plateau = c
		}
	}
	// The first upload's bytes went with its record; the live inputs stay.
	if _, err := blobs.Open(first); market.ErrorKind(err) != market.KindNotFound {
		t.Fatalf("the pruned upload's bytes: %v", err)
	}
	if _, err := s.Intent(ctx, in.ID, buyer); err != nil {
		t.Fatalf("the live intent: %v", err)
	}
	if _, err := s.Quote(ctx, q.ID, buyer); err != nil {
		t.Fatalf("the live intent's quote: %v", err)
	}
	if _, err := s.Worker(ctx, staker); err != nil {
		t.Fatalf("the staked worker: %v", err)
	}
	for _, id := range []market.ArtifactID{q.Spec.BaseModel, q.Spec.Dataset} {
		if _, err := s.Artifact(ctx, id, buyer); err != nil {
			t.Fatalf("the intent's input %s: %v", id, err)
		}
	}
}

// TestStoredBytesCountsWhatNothingUses: the quota counts an owner's
// uploads that no intent, open quote or delivery uses.
func TestStoredBytesCountsWhatNothingUses(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := context.Background()
	owner := addr(3)
	put := func(id market.ArtifactID, size int64) {
		t.Helper()
		if _, err := s.PutArtifact(ctx, market.Artifact{ID: id, Owner: owner, Size: size, MediaType: "text/plain", Kind: market.ArtifactDataset, CreatedAt: t0}); err != nil {
			t.Fatal(err)
		}
	}
	stored := func(now time.Time, want int64) {
		t.Helper()
		if n, err := s.StoredBytes(ctx, owner, now); err != nil || n != want {
			t.Fatalf("stored %d, %v; want %d", n, err, want)
		}
	}
	q := testQuote("q-s", owner, hash(60))
	put(q.Spec.BaseModel, 1000)
	put(q.Spec.Dataset, 200)
	put(market.ArtifactID(hash(77)), 30)
	stored(t0, 1230)
	if err := s.CreateQuote(ctx, q); err != nil {
		t.Fatal(err)
	}
	stored(t0, 30)                             // the open quote uses the model and the dataset
	stored(q.ExpiresAt.Add(time.Second), 1230) // an expired quote uses nothing
	if _, err := s.CreateIntent(ctx, intentFrom(q), nil); err != nil {
		t.Fatal(err)
	}
	stored(q.ExpiresAt.Add(time.Hour), 30) // the intent does, for good
	// Another owner's bytes are not this one's.
	if _, err := s.PutArtifact(ctx, market.Artifact{ID: market.ArtifactID(hash(78)), Owner: addr(4), Size: 5, MediaType: "text/plain", Kind: market.ArtifactDataset, CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	stored(t0, 30)
}

// TestJanitorKeepsBytesAnUploadRecords: bytes whose artifact an owner
// records again between the prune and the removal stay on disk.
func TestJanitorKeepsBytesAnUploadRecords(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	blobs, err := blobstore.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := blobs.Write(strings.NewReader("kept bytes"), 1<<10)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		kept    bool
		removed bool
	}{{kept: true, removed: false}, {kept: false, removed: true}, {kept: false, removed: false}} {
		removed, err := blobs.Remove(p.ID, func() (bool, error) { return tc.kept, nil })
		if err != nil || removed != tc.removed {
			t.Fatalf("kept %v: removed %v, %v; want %v", tc.kept, removed, err, tc.removed)
		}
	}
	if entries, _ := os.ReadDir(dir + "/tmp"); len(entries) != 0 {
		t.Fatalf("temporary files left: %v", entries)
	}
}
