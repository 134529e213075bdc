package postgres_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/postgres"
	"github.com/axl-market/axl/market/postgres/pgtest"
)

// chainSays stores events of intent id in the next block of a test stream,
// as the watcher would, and applies them.
func chainSays(t *testing.T, s *postgres.Store, id market.Hash, names ...string) {
	t.Helper()
	ctx := t.Context()
	cur, err := s.ChainCursor(ctx, "test")
	if err != nil {
		t.Fatal(err)
	}
	next := market.BlockRef{Number: cur.Number + 1, Hash: market.Hash{byte(cur.Number + 1), 0xb1}}
	var events []market.ChainEvent
	for i, name := range names {
		data := `{}`
		switch {
		case name == "Assigned":
			data = `{"seed":"` + market.Hash{0x5e, 0xed}.String() + `"}`
		case strings.HasPrefix(name, "Staked"):
			slot := name[len("Staked")] - '0'
			data = `{"slot":` + string('0'+slot) + `,"worker":"` + addr(10+slot).String() + `"}`
			name = "Staked"
		}
		events = append(events, market.ChainEvent{Block: next.Number, BlockHash: next.Hash, LogIndex: uint(i), Name: name,
			IntentID: id, Data: json.RawMessage(data)})
	}
	if err := s.ApplyChainBlocks(ctx, "test", next, events); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.ApplyChain(ctx, id, t0); err != nil {
		t.Fatal(err)
	}
}

// stakedJob is a funded job of 2 × 2 slots, slot i staked by addr(10+i),
// not assigned yet.
func stakedJob(t *testing.T, s *postgres.Store) market.Hash {
	t.Helper()
	q := testQuote("q", addr(1), hash(0x70))
	if err := s.CreateQuote(t.Context(), q); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateIntent(t.Context(), intentFrom(q), nil); err != nil {
		t.Fatal(err)
	}
	chainSays(t, s, q.IntentID, "Funded", "Staked0", "Staked1", "Staked2", "Staked3")
	return q.IntentID
}

// runningJob is stakedJob, assigned.
func runningJob(t *testing.T, s *postgres.Store) market.Hash {
	t.Helper()
	id := stakedJob(t, s)
	chainSays(t, s, id, "Assigned")
	return id
}

// eventsOf lists an intent's log entries of one type.
func eventsOf(t *testing.T, s *postgres.Store, id market.Hash, typ string) []market.IntentEvent {
	t.Helper()
	all, err := s.IntentEvents(t.Context(), id, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []market.IntentEvent
	for _, e := range all {
		if e.Type == typ {
			out = append(out, e)
		}
	}
	return out
}

func wantError(t *testing.T, err error, kind market.Kind, text string) {
	t.Helper()
	wantKind(t, err, kind)
	if !strings.Contains(market.ErrorMessage(err), text) {
		t.Fatalf("error %q does not say %q", market.ErrorMessage(err), text)
	}
}

// rules is the verification policy of these tests: the commit phase
// lasts the 10 minutes of margin plus the job's tiny work.
var rules = market.Rules{CommitMargin: 10 * time.Minute, Reveal: 5 * time.Minute, Settle: time.Minute}

// commitBy is the end of the commit phase of an assigned job by rules.
func commitBy(t *testing.T, s *postgres.Store, id market.Hash) time.Time {
	t.Helper()
	in, err := s.IntentByID(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if !in.AssignedAt.Equal(t0) {
		t.Fatalf("assigned at %v, want the time the Assigned event was applied, %v", in.AssignedAt, t0)
	}
	return rules.Phases(in).CommitBy
}

// TestCommitPhaseLastsTheAllowance: the commit phase lasts the job's
// allowance from its assignment, whoever committed first and when (an
// early commitment to junk does not shorten it); once it has passed, the
// slots that committed reveal without the one that did not, and that one
// can no longer commit (to a root revealed since, say) nor reveal.
func TestCommitPhaseLastsTheAllowance(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := t.Context()
	id := runningJob(t, s)
	by := commitBy(t, s, id)
	if by.Sub(t0) < rules.CommitMargin {
		t.Fatalf("commit phase of %v, shorter than its margin", by.Sub(t0))
	}
	// The first commitment comes at once; the others just before the end.
	at := []time.Time{t0, by.Add(-2 * time.Second), by.Add(-time.Second)}
	for i, w := range []market.Address{addr(10), addr(11), addr(12)} {
		if _, err := s.Commit(ctx, id, w, hash(byte(0x70+i)), at[i], rules); err != nil {
			t.Fatalf("commitment %d at %v (phase until %v): %v", i, at[i], by, err)
		}
	}
	rv := market.Reveal{TraceRoot: hash(0xa1), Salt: hash(0x5a), Leaves: 9, Weights: market.ArtifactID(hash(0xee))}
	_, err := s.StoreReveal(ctx, id, addr(10), rv, by.Add(-time.Second), rules)
	wantError(t, err, market.KindConflict, "3 of 4 slots committed")
	if _, err := s.StoreReveal(ctx, id, addr(10), rv, by, rules); err != nil {
		t.Fatalf("a reveal once the phase ended: %v", err)
	}
	_, err = s.Commit(ctx, id, addr(13), hash(0x73), by, rules)
	wantError(t, err, market.KindConflict, "the commit phase ended")
	_, err = s.StoreReveal(ctx, id, addr(13), rv, by, rules)
	wantError(t, err, market.KindConflict, "did not commit")
}

func TestProgressRefusals(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := context.Background()
	staked := stakedJob(t, s)
	p := market.Progress{Step: 1, Loss: 2.5, TokensPerSecond: 100, At: t0}
	_, err := s.RecordProgress(ctx, staked, addr(10), p)
	wantError(t, err, market.KindConflict, "not running")
	_, err = s.Commit(ctx, staked, addr(10), hash(1), t0, rules)
	wantError(t, err, market.KindConflict, "not running")
	_, err = s.RecordProgress(ctx, hash(0x99), addr(10), p)
	wantKind(t, err, market.KindNotFound)
	chainSays(t, s, staked, "Assigned")
	_, err = s.RecordProgress(ctx, staked, addr(9), p)
	wantError(t, err, market.KindNotFound, "no confirmed slot")
	if _, err := s.RecordProgress(ctx, staked, addr(10), p); err != nil {
		t.Fatal(err)
	}
	chainSays(t, s, staked, "Refunded")
	_, err = s.RecordProgress(ctx, staked, addr(10), p)
	wantError(t, err, market.KindConflict, "refunded")
	_, err = s.StoreReveal(ctx, staked, addr(10), market.Reveal{}, t0, rules)
	wantError(t, err, market.KindConflict, "refunded")
}

func TestProgressCommitReveal(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := context.Background()
	id := runningJob(t, s)
	place := market.Place(market.Hash{0x5e, 0xed}, 2, 2)

	p := market.Progress{Step: 40, Loss: 2.25, ValidationLoss: 2.5, TokensPerSecond: 8400.5, At: t0.Add(time.Minute)}
	r, err := s.RecordProgress(ctx, id, addr(12), p)
	if err != nil {
		t.Fatal(err)
	}
	if r.Slot != 2 || r.Replica != place[2].Replica || r.Rank != place[2].Rank || *r.Progress != p {
		t.Fatalf("report %+v", r)
	}
	evs := eventsOf(t, s, id, "progress")
	if len(evs) != 1 || evs[0].State != market.IntentRunning || !evs[0].CreatedAt.Equal(p.At) {
		t.Fatalf("progress events %+v", evs)
	}
	var data map[string]any
	if err := json.Unmarshal(evs[0].Data, &data); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"slot": 2.0, "replica": float64(place[2].Replica), "rank": float64(place[2].Rank), "step": 40.0,
		"loss": 2.25, "validation_loss": 2.5, "tokens_per_second": 8400.5}
	for k, v := range want {
		if data[k] != v {
			t.Fatalf("progress event %s: %s is %v, want %v", evs[0].Data, k, data[k], v)
		}
	}

	commit := func(slot byte) market.Hash { return market.Hash{0xc0, slot} }
	steps := []struct {
		name          string
		worker        market.Address
		commitment    market.Hash
		wantCommitted int
		wantKind      market.Kind
		wantText      string
	}{
		{"first", addr(10), commit(0), 1, "", ""},
		{"the same again", addr(10), commit(0), 1, "", ""},
		{"a second one", addr(10), commit(9), 0, market.KindConflict, "committed " + commit(0).String() + " already"},
		{"a copy of another slot's", addr(11), commit(0), 0, market.KindConflict, "already committed by another slot"},
		{"not a worker of the job", addr(9), commit(9), 0, market.KindNotFound, "no confirmed slot"},
		{"second slot", addr(11), commit(1), 2, "", ""},
		{"third slot", addr(12), commit(2), 3, "", ""},
	}
	for _, st := range steps {
		n, err := s.Commit(ctx, id, st.worker, st.commitment, t0.Add(2*time.Minute), rules)
		if st.wantKind != "" {
			wantError(t, err, st.wantKind, st.wantText)
			continue
		}
		if err != nil || n != st.wantCommitted {
			t.Fatalf("%s: %d committed, %v; want %d", st.name, n, err, st.wantCommitted)
		}
	}

	rv := market.Reveal{TraceRoot: hash(0xa1), Salt: hash(0x5a), Leaves: 213, Weights: market.ArtifactID(hash(0xee))}
	_, err = s.StoreReveal(ctx, id, addr(10), rv, t0.Add(3*time.Minute), rules)
	wantError(t, err, market.KindConflict, "3 of 4 slots committed")
	if n, err := s.Commit(ctx, id, addr(13), commit(3), t0.Add(2*time.Minute), rules); err != nil || n != 4 {
		t.Fatalf("last commit: %d %v", n, err)
	}
	_, err = s.StoreReveal(ctx, id, addr(9), rv, t0.Add(3*time.Minute), rules)
	wantKind(t, err, market.KindNotFound)
	r, err = s.StoreReveal(ctx, id, addr(10), rv, t0.Add(3*time.Minute), rules)
	if err != nil || *r.Reveal != rv || !r.RevealedAt.Equal(t0.Add(3*time.Minute)) || *r.Commitment != commit(0) {
		t.Fatalf("reveal: %+v %v", r, err)
	}
	if _, err := s.StoreReveal(ctx, id, addr(10), rv, t0.Add(4*time.Minute), rules); err != nil {
		t.Fatalf("the same reveal again: %v", err)
	}
	other := rv
	other.Leaves++
	_, err = s.StoreReveal(ctx, id, addr(10), other, t0.Add(4*time.Minute), rules)
	wantError(t, err, market.KindConflict, "another opening")
	if evs := eventsOf(t, s, id, "revealed"); len(evs) != 1 || !strings.Contains(string(evs[0].Data), rv.Weights.String()) ||
		!strings.Contains(string(evs[0].Data), rv.TraceRoot.String()) {
		t.Fatalf("revealed events %+v", evs)
	}

	reports, err := s.SlotReports(ctx, id)
	if err != nil || len(reports) != 4 {
		t.Fatalf("reports %+v %v", reports, err)
	}
	for i, r := range reports {
		if r.Slot != uint32(i) || r.Worker != addr(10+byte(i)) || r.State != market.SlotConfirmed || r.Replica != place[i].Replica ||
			r.Rank != place[i].Rank || r.Commitment == nil || *r.Commitment != commit(byte(i)) || (r.Progress != nil) != (i == 2) ||
			(r.Reveal != nil) != (i == 0) || !r.CommittedAt.Equal(t0.Add(2*time.Minute)) {
			t.Fatalf("report %d: %+v", i, r)
		}
	}
	if got := *reports[2].Progress; got.ValidationLoss != p.ValidationLoss || got.Loss != p.Loss || !got.At.Equal(p.At) {
		t.Fatalf("slot 2 reads back progress %+v, it reported %+v", got, p)
	}
	if reports, err := s.SlotReports(ctx, hash(0x99)); err != nil || len(reports) != 0 {
		t.Fatalf("reports of no job: %+v %v", reports, err)
	}
}

func TestChallenges(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := context.Background()
	id := runningJob(t, s)
	deadline := t0.Add(time.Minute)
	ask := func(slot uint32, kind, args string) market.Challenge {
		t.Helper()
		c, err := s.Ask(ctx, market.Challenge{JobID: id, Slot: slot, Kind: kind, Args: json.RawMessage(args), Deadline: deadline, CreatedAt: t0})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c1 := ask(1, "children", `{"level": 3, "index": 5}`)
	if c1.ID == 0 || c1.Answer != nil || !c1.Deadline.Equal(deadline) || !c1.AnsweredAt.IsZero() {
		t.Fatalf("asked %+v", c1)
	}
	// The same question, however it is spelled, is the first row.
	if again := ask(1, "children", `{"index":5,"level":3}`); again.ID != c1.ID {
		t.Fatalf("asked again: %+v, want id %d", again, c1.ID)
	}
	c2 := ask(1, "children", `{"level": 3, "index": 6}`)
	c3 := ask(1, "leaf", `{"level": 3, "index": 5}`)
	c4 := ask(2, "children", `{"level": 3, "index": 5}`)
	if c2.ID == c1.ID || c3.ID == c1.ID || c4.ID == c1.ID {
		t.Fatalf("other questions share an id: %d %d %d %d", c1.ID, c2.ID, c3.ID, c4.ID)
	}
	_, err := s.Ask(ctx, market.Challenge{JobID: id, Slot: 7, Kind: "leaf", Args: json.RawMessage(`{}`), Deadline: deadline})
	wantError(t, err, market.KindNotFound, "no slot 7")
	_, err = s.Ask(ctx, market.Challenge{JobID: id, Slot: 1, Kind: "leaf", Args: json.RawMessage(`{`), Deadline: deadline})
	wantKind(t, err, market.KindInvalid)

	open, err := s.OpenChallenges(ctx, id, 1, t0)
	if err != nil || len(open) != 3 || open[0].ID != c1.ID || open[1].ID != c2.ID || open[2].ID != c3.ID {
		t.Fatalf("open %+v %v", open, err)
	}
	answer := json.RawMessage(`{"left":"0x01","right":"0x02"}`)
	tests := []struct {
		name   string
		job    market.Hash
		id     int64
		worker market.Address
		at     time.Time
		kind   market.Kind
		text   string
	}{
		{"another slot's worker", id, c1.ID, addr(12), t0, market.KindNotFound, "no challenge"},
		{"another job", hash(0x99), c1.ID, addr(11), t0, market.KindNotFound, "no challenge"},
		{"unknown", id, 9999, addr(11), t0, market.KindNotFound, "no challenge"},
		{"late", id, c2.ID, addr(11), deadline, market.KindConflict, "the deadline " + deadline.Format(time.RFC3339) + " passed"},
		{"in time", id, c1.ID, addr(11), deadline.Add(-time.Second), "", ""},
		{"twice", id, c1.ID, addr(11), deadline.Add(-time.Second), market.KindConflict, "answered already"},
	}
	for _, tt := range tests {
		err := s.AnswerChallenge(ctx, tt.job, tt.id, tt.worker, answer, tt.at)
		if tt.kind == "" {
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			continue
		}
		wantError(t, err, tt.kind, tt.text)
	}
	wantKind(t, s.AnswerChallenge(ctx, id, c3.ID, addr(11), json.RawMessage(`nope`), t0), market.KindInvalid)
	got, err := s.Challenge(ctx, c1.ID)
	if err != nil || got.Answer == nil || !got.AnsweredAt.Equal(deadline.Add(-time.Second)) || got.Kind != "children" || got.Slot != 1 {
		t.Fatalf("answered %+v %v", got, err)
	}
	var a, b any
	json.Unmarshal(got.Answer, &a)
	json.Unmarshal(answer, &b)
	if a.(map[string]any)["left"] != b.(map[string]any)["left"] {
		t.Fatalf("answer %s, want %s", got.Answer, answer)
	}
	// Asking it again (a referee replaying its game) gives the answer.
	if again := ask(1, "children", `{"level":3,"index":5}`); again.Answer == nil {
		t.Fatalf("replayed question without its answer: %+v", again)
	}
	if open, err = s.OpenChallenges(ctx, id, 1, t0); err != nil || len(open) != 2 || open[0].ID != c2.ID {
		t.Fatalf("open after an answer: %+v %v", open, err)
	}
	if open, err = s.OpenChallenges(ctx, id, 1, deadline); err != nil || len(open) != 0 {
		t.Fatalf("open past the deadline: %+v %v", open, err)
	}
	_, err = s.Challenge(ctx, 9999)
	wantKind(t, err, market.KindNotFound)
}

func TestDisputesAndResult(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := context.Background()
	id := runningJob(t, s)
	if list, err := s.Disputes(ctx, id); err != nil || len(list) != 0 {
		t.Fatalf("no disputes yet: %+v %v", list, err)
	}
	d, err := s.SaveDispute(ctx, market.Dispute{JobID: id, Rank: 1, Slots: []uint32{3, 0}, State: market.DisputeOpen,
		Transcript: json.RawMessage(`{"rounds":[]}`), CreatedAt: t0})
	if err != nil || d.ID == 0 || d.Ruling != nil || !d.RuledAt.IsZero() {
		t.Fatalf("created %+v %v", d, err)
	}
	// A game between two replicas makes the running intent disputed (the
	// escrow stays assigned while it is played off chain).
	if in, _, err := s.ApplyChain(ctx, id, t0); err != nil || in.State != market.IntentDisputed {
		t.Fatalf("intent with a dispute: %s %v", in.State, err)
	}
	d2, err := s.SaveDispute(ctx, market.Dispute{JobID: id, Rank: 0, Slots: []uint32{1, 2}, State: market.DisputeOpen, CreatedAt: t0})
	if err != nil || string(d2.Transcript) != "{}" {
		t.Fatalf("second %+v %v", d2, err)
	}
	d.State, d.Ruling, d.RuledAt = market.DisputeRuled, json.RawMessage(`{"guilty":[{"replica":1,"rank":1}]}`), t0.Add(time.Hour)
	d.Transcript = json.RawMessage(`{"rounds":[1]}`)
	if _, err := s.SaveDispute(ctx, d); err != nil {
		t.Fatal(err)
	}
	bad := d2
	bad.State = market.DisputeRuled // without a ruling
	_, err = s.SaveDispute(ctx, bad)
	wantKind(t, err, market.KindInvalid)
	_, err = s.SaveDispute(ctx, market.Dispute{JobID: hash(0x99), State: market.DisputeOpen, CreatedAt: t0})
	wantKind(t, err, market.KindNotFound)
	_, err = s.SaveDispute(ctx, market.Dispute{ID: 9999, JobID: id, State: market.DisputeOpen})
	wantKind(t, err, market.KindNotFound)
	list, err := s.Disputes(ctx, id)
	if err != nil || len(list) != 2 || list[0].ID != d.ID || list[0].State != market.DisputeRuled || list[0].Slots[0] != 3 ||
		list[0].Slots[1] != 0 || list[0].Rank != 1 || !list[0].RuledAt.Equal(t0.Add(time.Hour)) || list[1].State != market.DisputeOpen {
		t.Fatalf("disputes %+v %v", list, err)
	}
	// The buyer's stream hears of each opening and of the ruling.
	type disputeEvent struct {
		ID     int64           `json:"id"`
		State  string          `json:"state"`
		Ruling json.RawMessage `json:"ruling"`
	}
	var said []disputeEvent
	for _, e := range eventsOf(t, s, id, "dispute") {
		var x disputeEvent
		if err := json.Unmarshal(e.Data, &x); err != nil {
			t.Fatal(err)
		}
		said = append(said, x)
	}
	if len(said) != 3 || said[0].ID != d.ID || said[0].State != "open" || said[2].ID != d.ID || said[2].State != "ruled" ||
		!strings.Contains(string(said[2].Ruling), "guilty") {
		t.Fatalf("dispute events %+v", said)
	}

	_, err = s.Result(ctx, id)
	wantKind(t, err, market.KindNotFound)
	res := market.Result{JobID: id, Weights: hash(0xee), TraceRoot: hash(0xa1), DeliveredMask: 1<<63 | 0b0110, LosingMask: 0b1001, DecidedAt: t0}
	if err := s.SaveResult(ctx, res); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveResult(ctx, res); err != nil {
		t.Fatalf("the same result again: %v", err)
	}
	other := res
	other.LosingMask = 0
	wantError(t, s.SaveResult(ctx, other), market.KindConflict, "another result")
	got, err := s.Result(ctx, id)
	if got.DecidedAt.Equal(res.DecidedAt) {
		got.DecidedAt = res.DecidedAt
	}
	if err != nil || got != res {
		t.Fatalf("result %+v %v, want %+v", got, err, res)
	}
	res.JobID = hash(0x99)
	wantKind(t, s.SaveResult(ctx, res), market.KindNotFound)
}

// TestSpotChecksDoNotDispute: the spot checks of a single replica are
// disputes of one slot; they leave the intent running.
func TestSpotChecksDoNotDispute(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := t.Context()
	id := runningJob(t, s)
	if _, err := s.SaveDispute(ctx, market.Dispute{JobID: id, Rank: 0, Slots: []uint32{2}, State: market.DisputeOpen, CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	if in, _, err := s.ApplyChain(ctx, id, t0); err != nil || in.State != market.IntentRunning {
		t.Fatalf("intent with a spot check: %s %v", in.State, err)
	}
}
