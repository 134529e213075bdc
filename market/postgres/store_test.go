package postgres_test

import (
	"context"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/postgres"
	"github.com/axl-market/axl/market/postgres/pgtest"
	"github.com/axl-market/axl/migrations"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

var t0 = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func addr(b byte) market.Address { return market.Address{19: b} }
func hash(b byte) market.Hash    { return market.Hash{31: b} }

func wantKind(t *testing.T, err error, kind market.Kind) {
	t.Helper()
	if err == nil || market.ErrorKind(err) != kind {
		t.Fatalf("error %v, want kind %s", err, kind)
	}
}

func TestRequestNonceOnceOnly(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := context.Background()
	if err := s.UseRequestNonce(ctx, hash(1), t0); err != nil {
		t.Fatal(err)
	}
	wantKind(t, s.UseRequestNonce(ctx, hash(1), t0), market.KindUnauthorized)
	if err := s.UseRequestNonce(ctx, hash(2), t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	n, err := s.PruneRequestNonces(ctx, t0.Add(time.Second))
	if err != nil || n != 1 {
		t.Fatalf("pruned %d, %v; want 1", n, err)
	}
	// Pruned digests are forgotten: their timestamps are outside the window anyway.
	if err := s.UseRequestNonce(ctx, hash(1), t0); err != nil {
		t.Fatal(err)
	}
}

func TestArtifactOwnership(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := context.Background()
	a := market.Artifact{ID: market.ArtifactID(hash(9)), Owner: addr(1), Size: 10, MediaType: "text/plain", Kind: market.ArtifactDataset, CreatedAt: t0}
	got, err := s.PutArtifact(ctx, a)
	if err != nil || !got.CreatedAt.Equal(t0) {
		t.Fatalf("put: %+v %v", got, err)
	}
	// Uploading the same bytes again keeps the first record.
	a2 := a
	a2.CreatedAt = t0.Add(time.Hour)
	if got, err = s.PutArtifact(ctx, a2); err != nil || !got.CreatedAt.Equal(t0) {
		t.Fatalf("put again: %+v %v", got, err)
	}
	if got, err = s.Artifact(ctx, a.ID, addr(1)); err != nil || got.Size != 10 || got.Kind != market.ArtifactDataset {
		t.Fatalf("get: %+v %v", got, err)
	}
	_, err = s.Artifact(ctx, a.ID, addr(2))
	wantKind(t, err, market.KindNotFound)
}

func testQuote(id string, buyer market.Address, intentID market.Hash) market.Quote {
	return market.Quote{
		ID: id, Buyer: buyer, Token: market.TokenAI,
		Spec: market.Spec{BaseModel: market.ArtifactID(hash(1)), Dataset: market.ArtifactID(hash(2)), Steps: 100,
			Workers: 2, Replicas: 2, Hyperparameters: market.DefaultHyperparameters, Seed: 1<<63 + 5},
		SpecHash: hash(3), ModelSize: 1 << 20, SlotMemory: 96 << 20,
		Price:        new(big.Int).Lsh(big.NewInt(1), 200), // beyond int64 on purpose
		StakePerSlot: big.NewInt(7), Deadline: t0.Add(24 * time.Hour),
		Nonce: new(big.Int).Lsh(big.NewInt(3), 250), PermitNonce: big.NewInt(0),
		IntentID: intentID, FundingDigest: market.Hash{9}, ExpiresAt: t0.Add(10 * time.Minute), CreatedAt: t0,
	}
}

func intentFrom(q market.Quote) market.Intent {
	return market.Intent{ID: q.IntentID, QuoteID: q.ID, Buyer: q.Buyer, Token: q.Token, Spec: q.Spec, SpecHash: q.SpecHash,
		ModelSize: q.ModelSize, SlotMemory: q.SlotMemory, Price: q.Price, StakePerSlot: q.StakePerSlot, Deadline: q.Deadline, Nonce: q.Nonce,
		State: market.IntentFunding, IntentSignature: []byte{1}, FundingSignature: []byte{2}, CreatedAt: t0.Add(time.Minute)}
}

func TestQuoteAndIntent(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := context.Background()
	q := testQuote("q1", addr(1), hash(50))
	if err := s.CreateQuote(ctx, q); err != nil {
		t.Fatal(err)
	}
	got, err := s.Quote(ctx, "q1", addr(1))
	if err != nil {
		t.Fatal(err)
	}
	if got.Price.Cmp(q.Price) != 0 || got.Nonce.Cmp(q.Nonce) != 0 || got.Spec != q.Spec || got.IntentID != q.IntentID || got.SlotMemory != q.SlotMemory ||
		got.PermitNonce.Sign() != 0 || !got.ExpiresAt.Equal(q.ExpiresAt) {
		t.Fatalf("quote round trip: got %+v want %+v", got, q)
	}
	_, err = s.Quote(ctx, "q1", addr(2))
	wantKind(t, err, market.KindNotFound)

	in, err := s.CreateIntent(ctx, intentFrom(q), nil)
	if err != nil {
		t.Fatal(err)
	}
	// The quote is consumed: a second intent from it is a conflict.
	in2 := intentFrom(q)
	in2.ID = hash(51)
	_, err = s.CreateIntent(ctx, in2, nil)
	wantKind(t, err, market.KindConflict)

	gotIn, err := s.Intent(ctx, in.ID, addr(1))
	if err != nil || gotIn.State != market.IntentFunding || gotIn.Price.Cmp(q.Price) != 0 || gotIn.Spec != q.Spec || gotIn.SlotMemory != q.SlotMemory {
		t.Fatalf("intent: %+v %v", gotIn, err)
	}
	_, err = s.Intent(ctx, in.ID, addr(2))
	wantKind(t, err, market.KindNotFound)

	evs, err := s.IntentEvents(ctx, in.ID, 0, 10)
	if err != nil || len(evs) != 1 || evs[0].State != market.IntentFunding {
		t.Fatalf("events: %+v %v", evs, err)
	}
	evs, err = s.IntentEvents(ctx, in.ID, evs[0].Seq, 10)
	if err != nil || len(evs) != 0 {
		t.Fatalf("events after the last: %+v %v", evs, err)
	}
	counts, err := s.CountIntentsByState(ctx)
	if err != nil || counts[market.IntentFunding] != 1 {
		t.Fatalf("counts %v %v", counts, err)
	}
}

func TestIntentWithIdempotentResponse(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := context.Background()
	q := testQuote("q", addr(1), hash(70))
	if err := s.CreateQuote(ctx, q); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"k1", "k2"} {
		if rec, err := s.BeginIdempotent(ctx, addr(1), key, hash(1)); err != nil || rec != nil {
			t.Fatalf("begin %s: %v %v", key, rec, err)
		}
	}
	done := func(key string) *market.IdempotentResponse {
		return &market.IdempotentResponse{Owner: addr(1), Key: key, Code: 201,
			Render: func(in market.Intent) []byte { return []byte(in.ID.String()) }}
	}
	if _, err := s.CreateIntent(ctx, intentFrom(q), done("k1")); err != nil {
		t.Fatal(err)
	}
	rec, err := s.BeginIdempotent(ctx, addr(1), "k1", hash(1))
	if err != nil || rec == nil || !rec.Done || rec.Code != 201 || string(rec.Body) != q.IntentID.String() {
		t.Fatalf("stored response: %+v %v", rec, err)
	}
	// A refused write stores nothing under its key.
	_, err = s.CreateIntent(ctx, intentFrom(q), done("k2"))
	wantKind(t, err, market.KindConflict)
	if rec, err := s.BeginIdempotent(ctx, addr(1), "k2", hash(1)); err != nil || rec == nil || rec.Done {
		t.Fatalf("key of a refused write: %+v %v", rec, err)
	}
}

func TestConcurrentIntentFromOneQuote(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := context.Background()
	q := testQuote("q", addr(1), hash(60))
	if err := s.CreateQuote(ctx, q); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			in := intentFrom(q)
			_, errs[i] = s.CreateIntent(ctx, in, nil)
		})
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else if market.ErrorKind(err) != market.KindConflict {
			t.Fatalf("unexpected error %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d intents created from one quote, want 1", ok)
	}
}

func TestIntentsPagination(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := context.Background()
	var ids []market.Hash
	for i := range 5 {
		q := testQuote(fmt.Sprint("q", i), addr(1), hash(byte(100+i)))
		if err := s.CreateQuote(ctx, q); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateIntent(ctx, intentFrom(q), nil); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, q.IntentID)
	}
	other := testQuote("other", addr(2), hash(200))
	s.CreateQuote(ctx, other)
	if _, err := s.CreateIntent(ctx, intentFrom(other), nil); err != nil {
		t.Fatal(err)
	}
	var seen []market.Hash
	var after *market.Hash
	for page := 0; ; page++ {
		list, more, err := s.Intents(ctx, market.IntentFilter{Buyer: addr(1), StartingAfter: after, Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range list {
			seen = append(seen, in.ID)
		}
		if !more {
			break
		}
		after = &list[len(list)-1].ID
		if page > 5 {
			t.Fatal("pagination does not end")
		}
	}
	if len(seen) != 5 {
		t.Fatalf("saw %d intents, want 5", len(seen))
	}
	for i := range seen { // newest first
		if seen[i] != ids[4-i] {
			t.Fatalf("order: %v", seen)
		}
	}
}

func TestIdempotencyKeys(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := context.Background()
	rec, err := s.BeginIdempotent(ctx, addr(1), "k", hash(1))
	if err != nil || rec != nil {
		t.Fatalf("first begin: %+v %v", rec, err)
	}
	rec, err = s.BeginIdempotent(ctx, addr(1), "k", hash(1))
	if err != nil || rec == nil || rec.Done {
		t.Fatalf("begin while in flight: %+v %v", rec, err)
	}
	// Keys are per owner.
	if rec, err := s.BeginIdempotent(ctx, addr(2), "k", hash(9)); err != nil || rec != nil {
		t.Fatalf("other owner: %+v %v", rec, err)
	}
	if err := s.FinishIdempotent(ctx, addr(1), "k", 201, []byte("body")); err != nil {
		t.Fatal(err)
	}
	rec, err = s.BeginIdempotent(ctx, addr(1), "k", hash(2))
	if err != nil || rec == nil || !rec.Done || rec.Code != 201 || string(rec.Body) != "body" || rec.RequestHash != hash(1) {
		t.Fatalf("after finish: %+v %v", rec, err)
	}
	// A released key may be claimed again.
	if err := s.ReleaseIdempotent(ctx, addr(2), "k"); err != nil {
		t.Fatal(err)
	}
	if rec, err := s.BeginIdempotent(ctx, addr(2), "k", hash(3)); err != nil || rec != nil {
		t.Fatalf("after release: %+v %v", rec, err)
	}
}

func TestWorkerUpsert(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := context.Background()
	w := market.Worker{Address: addr(1), PeerID: "12D3KooW", Multiaddrs: []string{"/ip4/127.0.0.1/tcp/4001"}, Capacity: 2, UpdatedAt: t0}
	got, err := s.PutWorker(ctx, w)
	if err != nil || !got.CreatedAt.Equal(t0) {
		t.Fatalf("%+v %v", got, err)
	}
	w.Capacity, w.UpdatedAt = 3, t0.Add(time.Hour)
	got, err = s.PutWorker(ctx, w)
	if err != nil || !got.CreatedAt.Equal(t0) || !got.UpdatedAt.Equal(t0.Add(time.Hour)) {
		t.Fatalf("update: %+v %v", got, err)
	}
}

// seedJobs creates n open jobs (alternating tokens) plus one full job.
// seededLoRA is the LoRA of the third job seedJobs makes; the others are
// full fine-tunes.
var seededLoRA = market.LoRA{R: 16, Alpha: 0.5, Targets: market.TargetCFC | market.TargetCProj}

func seedJobs(t *testing.T, s *postgres.Store, n int) []market.Hash {
	t.Helper()
	ctx := context.Background()
	var ids []market.Hash
	for i := range n + 1 {
		q := testQuote(fmt.Sprint("jq", i), addr(1), hash(byte(10+i)))
		if i%2 == 1 {
			q.Token = market.TokenUSDC
		}
		if i == 2 {
			q.Spec.Method, q.Spec.LoRA = market.MethodLoRA, seededLoRA
		}
		if err := s.CreateQuote(ctx, q); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Quote(ctx, q.ID, q.Buyer); err != nil || got.Spec != q.Spec {
			t.Fatalf("quote round trip: got %+v (%v), want the spec %+v", got.Spec, err, q.Spec)
		}
		if _, err := s.CreateIntent(ctx, intentFrom(q), nil); err != nil {
			t.Fatal(err)
		}
		free := uint32(4)
		if i == n {
			free = 0
		}
		err := s.CreateJob(ctx, market.Job{ID: q.IntentID, Token: q.Token, Slots: 4, FreeSlots: free,
			PayPerSlot: big.NewInt(int64(100 * (i + 1))), StakePerSlot: big.NewInt(50), ModelSize: int64(1000 * (i + 1)),
			SlotMemory: int64(i+1) << 30, Steps: 10, Deadline: t0.Add(time.Hour), CreatedAt: t0})
		if err != nil {
			t.Fatal(err)
		}
		if i < n {
			ids = append(ids, q.IntentID)
		}
	}
	return ids
}

func TestOpenJobs(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := context.Background()
	ids := seedJobs(t, s, 5)
	tests := []struct {
		name string
		f    market.JobFilter
		want []int // indexes into ids
		more bool
	}{
		{"all open, full job hidden", market.JobFilter{Limit: 10}, []int{0, 1, 2, 3, 4}, false},
		{"page", market.JobFilter{Limit: 2}, []int{0, 1}, true},
		{"after", market.JobFilter{Limit: 2, StartingAfter: &ids[1]}, []int{2, 3}, true},
		{"token", market.JobFilter{Limit: 10, Token: market.TokenUSDC}, []int{1, 3}, false},
		{"min pay", market.JobFilter{Limit: 10, MinPayPerSlot: big.NewInt(300)}, []int{2, 3, 4}, false},
		{"max size", market.JobFilter{Limit: 10, MaxModelSize: 2000}, []int{0, 1}, false},
		{"max memory", market.JobFilter{Limit: 10, MaxSlotMemory: 3 << 30}, []int{0, 1, 2}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, more, err := s.OpenJobs(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if more != tt.more || len(list) != len(tt.want) {
				t.Fatalf("got %d jobs more=%v, want %d more=%v", len(list), more, len(tt.want), tt.more)
			}
			for i, j := range list {
				// The spec's hyper-parameters and the memory a slot needs are listed.
				if j.ID != ids[tt.want[i]] || j.FreeSlots != 4 || j.SlotMemory != int64(tt.want[i]+1)<<30 ||
					j.Hyperparameters != market.DefaultHyperparameters {
					t.Fatalf("job %d: %+v", i, j)
				}
				// And what a slot trains.
				if lora := tt.want[i] == 2; lora != (j.Method == market.MethodLoRA) || lora && j.LoRA != seededLoRA || !lora && j.LoRA != (market.LoRA{}) {
					t.Fatalf("job %d: method %q, LoRA %+v", i, j.Method, j.LoRA)
				}
			}
		})
	}
}

func TestMigrateDownUp(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDatabase(t)
	ups, err := fs.Glob(migrations.FS, "*.up.sql")
	if err != nil || len(ups) == 0 {
		t.Fatalf("migrations: %v %v", ups, err)
	}
	// The versions in order (a branch may hold a later number without the
	// one before it), 0 first: each down step goes to the one before.
	versions := []uint{0}
	for _, up := range ups { // fs.Glob sorts them
		var n uint
		if _, err := fmt.Sscanf(up, "%d_", &n); err != nil {
			t.Fatalf("migration %s: %v", up, err)
		}
		versions = append(versions, n)
	}
	latest := versions[len(versions)-1]
	if latest != migrations.Latest() {
		t.Fatalf("latest migration %d, migrations.Latest %d", latest, migrations.Latest())
	}
	v, dirty, err := postgres.MigrateVersion(url)
	if err != nil || v != latest || dirty {
		t.Fatalf("version %d dirty %v err %v, want %d", v, dirty, err, latest)
	}
	for i := len(versions) - 2; i >= 0; i-- {
		want := versions[i]
		if err := postgres.MigrateDown(url); err != nil {
			t.Fatal(err)
		}
		if v, _, err = postgres.MigrateVersion(url); err != nil || v != want {
			t.Fatalf("after down: %d %v, want %d", v, err, want)
		}
	}
	if err := postgres.MigrateUp(url); err != nil {
		t.Fatal(err)
	}
	if err := postgres.MigrateUp(url); err != nil {
		t.Fatalf("up with nothing to do: %v", err)
	}
	if err := postgres.MigrateUp("mysql://x"); err == nil {
		t.Fatal("a non-postgres URL was accepted")
	}
}
