package market_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/axl-market/axl/market"
)

var t0 = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// testRules make the phases easy to read: a commit phase of one minute
// after assignment (the tests' jobs have no work to speak of), a reveal
// phase of one minute.
var testRules = market.Rules{WorkerFLOPS: 1e30, WorkerBandwidth: 1e30, CommitMargin: time.Minute,
	Reveal: time.Minute, Settle: time.Minute, RefereeTries: 2, RetryAfter: time.Second}

// assigned is an intent of workers × replicas slots assigned at t0, due in
// an hour.
func assigned(workers, replicas uint32) market.Intent {
	return market.Intent{ID: market.Hash{0x1d}, Spec: market.Spec{Workers: workers, Replicas: replicas, Steps: 1},
		AssignedAt: t0, Deadline: t0.Add(time.Hour)}
}

// commitBy is the end of the commit phase of an intent of assigned.
func commitBy(t *testing.T, in market.Intent) time.Time {
	t.Helper()
	by := testRules.Phases(in).CommitBy
	// The minute of margin and two exchanges of five seconds.
	if d := by.Sub(t0); d != time.Minute+10*time.Second {
		t.Fatalf("commit phase of %v, want 1m10s", d)
	}
	return by
}

// slotReports makes the reports of a 2 × 2 job in which slot s sits in
// replica s/2 at rank s%2; every slot committed at t0 and revealed root
// rank+1 and weights 7 unless edit says otherwise.
func slotReports(edit func(r *market.SlotReport)) []market.SlotReport {
	var out []market.SlotReport
	for s := range uint32(4) {
		c := market.Hash{byte(s + 1)}
		r := market.SlotReport{Slot: s, Replica: s / 2, Rank: s % 2, State: market.SlotConfirmed, Registered: true, Commitment: &c, CommittedAt: t0,
			Reveal: &market.Reveal{TraceRoot: market.Hash{byte(s%2 + 1)}, Weights: market.ArtifactID{7}}, RevealedAt: t0}
		if edit != nil {
			edit(&r)
		}
		out = append(out, r)
	}
	return out
}

// vanished makes the reports of a run broken by a vanished peer: slot gone
// committed nothing, the slots partial revealed their traces up to the
// failure.
func vanished(gone uint32, partial ...uint32) func(r *market.SlotReport) {
	return func(r *market.SlotReport) {
		switch {
		case r.Slot == gone:
			r.Commitment, r.Reveal = nil, nil
		case slices.Contains(partial, r.Slot):
			r.Reveal = &market.Reveal{TraceRoot: market.Hash{0xdd, byte(r.Slot)}, Leaves: 3, Partial: true}
		}
	}
}

func ruled(t *testing.T, id int64, rank uint32, slots []uint32, guilty ...uint32) market.Dispute {
	t.Helper()
	b, err := json.Marshal(market.Ruling{Guilty: guilty, Reasons: []string{"perturbed step 3"}})
	if err != nil {
		t.Fatal(err)
	}
	return market.Dispute{ID: id, Rank: rank, Slots: slots, State: market.DisputeRuled, Ruling: b}
}

func failed(t *testing.T, id int64, slots []uint32) market.Dispute {
	t.Helper()
	b, err := json.Marshal(market.Ruling{Guilty: []uint32{}, Reasons: []string{}, Failed: "out of memory"})
	if err != nil {
		t.Fatal(err)
	}
	return market.Dispute{ID: id, Slots: slots, State: market.DisputeRuled, Ruling: b, Attempts: 2}
}

func TestDecide(t *testing.T) {
	t.Parallel()
	in := assigned(2, 2)
	by := commitBy(t, in)
	cheat := func(r *market.SlotReport) {
		if r.Slot == 3 {
			r.Reveal = &market.Reveal{TraceRoot: market.Hash{9}, Weights: market.ArtifactID{8}}
		}
	}
	noCommit := func(slot uint32) func(r *market.SlotReport) {
		return func(r *market.SlotReport) {
			if r.Slot == slot {
				r.Commitment, r.Reveal = nil, nil
			}
		}
	}
	spots := func(slots ...uint32) []market.Dispute {
		var out []market.Dispute
		for i, s := range slots {
			out = append(out, ruled(t, int64(10+i), s%2, []uint32{s}))
		}
		return out
	}
	tests := []struct {
		name     string
		in       market.Intent
		reports  []market.SlotReport
		disputes []market.Dispute
		now      time.Time
		action   market.Action
		refund   bool
		guilty   []uint32
		matches  []market.Match
		spot     []uint32
		deliver  uint64
		excused  []uint32
	}{
		{name: "all agree", reports: slotReports(nil), now: t0, action: market.Submit, deliver: 0b1111},
		{name: "not assigned", in: market.Intent{Spec: in.Spec, Deadline: in.Deadline}, reports: slotReports(nil), now: t0, action: market.Wait},
		{name: "nobody committed", reports: slotReports(func(r *market.SlotReport) { r.Commitment, r.Reveal = nil, nil }),
			now: by.Add(-time.Second), action: market.Wait},
		{name: "an early commitment does not shorten the others' phase", reports: slotReports(func(r *market.SlotReport) {
			if r.Slot != 3 {
				r.Commitment, r.Reveal = nil, nil
			}
		}), now: by.Add(-time.Second), action: market.Wait},
		{name: "a slot may still commit", reports: slotReports(noCommit(1)), now: by.Add(-time.Second), action: market.Wait},
		{name: "a slot that never committed: the other replica stands alone and is spot-checked",
			reports: slotReports(noCommit(1)), now: by, action: market.SpotCheck, guilty: []uint32{1}, spot: []uint32{2, 3}},
		{name: "then it is resolved", reports: slotReports(noCommit(1)), disputes: spots(2, 3), now: by,
			action: market.Resolve, guilty: []uint32{1}, deliver: 0b1101},
		{name: "nobody committed in time: refund, every slot at fault",
			reports: slotReports(func(r *market.SlotReport) { r.Commitment, r.Reveal = nil, nil }), now: by,
			action: market.Resolve, refund: true, guilty: []uint32{0, 1, 2, 3}},
		{name: "a worker that never registered: at fault; its replica excused, the other spot-checked",
			reports: slotReports(func(r *market.SlotReport) {
				if r.Slot == 1 {
					r.Registered = false
				}
				if r.Slot < 2 {
					r.Commitment, r.Reveal = nil, nil
				}
			}), disputes: spots(2, 3), now: by, action: market.Resolve, guilty: []uint32{1}, deliver: 0b1100},
		{name: "junk revealed in a replica whose run broke is held against the clean one",
			reports: slotReports(func(r *market.SlotReport) {
				cheat(r)
				if r.Slot == 2 {
					r.Commitment, r.Reveal = nil, nil
				}
			}), now: by, action: market.Play, guilty: []uint32{2}, matches: []market.Match{{Rank: 1, Slots: [2]uint32{1, 3}}}},
		{name: "and, convicted, is not paid", reports: slotReports(func(r *market.SlotReport) {
			cheat(r)
			if r.Slot == 2 {
				r.Commitment, r.Reveal = nil, nil
			}
		}), disputes: append([]market.Dispute{ruled(t, 1, 1, []uint32{1, 3}, 3)}, spots(0, 1)...), now: by,
			action: market.Resolve, guilty: []uint32{2, 3}, deliver: 0b0011},
		{name: "a slot may still reveal", reports: slotReports(func(r *market.SlotReport) {
			if r.Slot == 2 {
				r.Reveal = nil
			}
		}), now: t0.Add(59 * time.Second), action: market.Wait},
		{name: "a slot that never revealed loses", reports: slotReports(func(r *market.SlotReport) {
			if r.Slot == 2 {
				r.Reveal = nil
			}
		}), disputes: spots(0, 1), now: t0.Add(time.Minute), action: market.Resolve, guilty: []uint32{2}, deliver: 0b1011},
		{name: "replicas disagree", reports: slotReports(cheat), now: t0, action: market.Play,
			matches: []market.Match{{Rank: 1, Slots: [2]uint32{1, 3}}}},
		{name: "a dispute in play", reports: slotReports(cheat), now: t0,
			disputes: []market.Dispute{{ID: 1, Rank: 1, Slots: []uint32{1, 3}, State: market.DisputeOpen}}, action: market.Wait},
		{name: "the convicted replica loses; the winner is spot-checked", reports: slotReports(cheat), now: t0,
			disputes: []market.Dispute{ruled(t, 1, 1, []uint32{1, 3}, 3)}, action: market.SpotCheck, guilty: []uint32{3}, spot: []uint32{0, 1}},
		{name: "and resolved once it passed", reports: slotReports(cheat), now: t0,
			disputes: append([]market.Dispute{ruled(t, 1, 1, []uint32{1, 3}, 3)}, spots(0, 1)...), action: market.Resolve,
			guilty: []uint32{3}, deliver: 0b0111},
		{name: "a spot check that convicts: refund", reports: slotReports(cheat), now: t0,
			disputes: []market.Dispute{ruled(t, 1, 1, []uint32{1, 3}, 3), ruled(t, 2, 0, []uint32{0}), ruled(t, 3, 1, []uint32{1}, 1)},
			action:   market.Resolve, refund: true, guilty: []uint32{1, 3}},
		{name: "both convicted: refund", reports: slotReports(cheat), now: t0,
			disputes: []market.Dispute{ruled(t, 1, 1, []uint32{1, 3}, 1, 3)}, action: market.Resolve, refund: true, guilty: []uint32{1, 3}},
		{name: "a game convicting neither while they differ: refund, nobody slashed", reports: slotReports(cheat), now: t0,
			disputes: []market.Dispute{ruled(t, 1, 1, []uint32{1, 3})}, action: market.Resolve, refund: true},
		{name: "a failed game: refund, nobody slashed without evidence", reports: slotReports(cheat), now: t0,
			disputes: []market.Dispute{failed(t, 1, []uint32{1, 3})}, action: market.Resolve, refund: true},
		{name: "a failed game beside a fault: only the fault slashed", reports: slotReports(func(r *market.SlotReport) {
			cheat(r)
			if r.Slot == 2 {
				r.Reveal = nil
			}
		}), now: by.Add(time.Minute), disputes: []market.Dispute{failed(t, 1, []uint32{0})}, action: market.Resolve, refund: true,
			guilty: []uint32{2}},
		{name: "equal roots, different weights: refund", reports: slotReports(func(r *market.SlotReport) {
			if r.Slot == 3 {
				r.Reveal.Weights = market.ArtifactID{8}
			}
		}), now: t0, action: market.Resolve, refund: true},
		{name: "the deadline ends a game in play: refund", reports: slotReports(cheat), now: in.Deadline,
			disputes: []market.Dispute{{ID: 1, Rank: 1, Slots: []uint32{1, 3}, State: market.DisputeOpen}}, action: market.Resolve, refund: true},
		{name: "the deadline before the result stood: refund", reports: slotReports(cheat), now: in.Deadline,
			disputes: append([]market.Dispute{ruled(t, 1, 1, []uint32{1, 3}, 3)}, spots(0, 1)...), action: market.Resolve, refund: true,
			guilty: []uint32{3}},
		{name: "one replica is spot-checked", in: assigned(4, 1),
			reports: slotReports(func(r *market.SlotReport) {
				r.Replica, r.Rank = 0, r.Slot
				r.Reveal.TraceRoot = market.Hash{byte(r.Slot)}
			}),
			now: t0, action: market.SpotCheck, spot: []uint32{0, 1, 2, 3}},
		{name: "then submitted", in: assigned(4, 1),
			reports: slotReports(func(r *market.SlotReport) {
				r.Replica, r.Rank = 0, r.Slot
				r.Reveal.TraceRoot = market.Hash{byte(r.Slot)}
			}),
			disputes: []market.Dispute{ruled(t, 1, 0, []uint32{0}), ruled(t, 2, 1, []uint32{1}), ruled(t, 3, 2, []uint32{2}),
				ruled(t, 4, 3, []uint32{3})},
			now: t0, action: market.Submit, deliver: 0b1111},
		{name: "a peer vanished: its partner shows its part and is excused, the other replica spot-checked",
			reports: slotReports(vanished(0, 1)), now: by, action: market.SpotCheck, guilty: []uint32{0}, spot: []uint32{2, 3},
			excused: []uint32{1}},
		{name: "then resolved: the vanished slashed, the partial slot neither paid nor slashed",
			reports: slotReports(vanished(0, 1)), disputes: spots(2, 3), now: by, action: market.Resolve, guilty: []uint32{0},
			deliver: 0b1100, excused: []uint32{1}},
		{name: "every replica broke: refund, only the vanished slashed",
			reports: slotReports(func(r *market.SlotReport) { vanished(0, 1)(r); vanished(2, 3)(r) }), now: by, action: market.Resolve, refund: true, guilty: []uint32{0, 2},
			excused: []uint32{1, 3}},
		{name: "partial reveals are not matched against the clean replica, nor recorded as delivered",
			reports: slotReports(func(r *market.SlotReport) {
				if r.Slot == 1 {
					r.Reveal = &market.Reveal{TraceRoot: market.Hash{9}, Leaves: 5, Partial: true}
				}
			}), disputes: spots(2, 3), now: by, action: market.Submit, deliver: 0b1101, excused: []uint32{1}},
		{name: "a whole trace beside a partial one, with no clean replica, is spot-checked",
			reports: slotReports(func(r *market.SlotReport) {
				vanished(2, 3)(r)
				if r.Slot == 0 {
					r.Reveal = &market.Reveal{TraceRoot: market.Hash{9}, Leaves: 5, Partial: true}
				}
			}), now: by, action: market.SpotCheck, guilty: []uint32{2}, spot: []uint32{1}, excused: []uint32{0, 3}},
		{name: "and slashed when the spot check convicts it",
			reports: slotReports(func(r *market.SlotReport) {
				vanished(2, 3)(r)
				if r.Slot == 0 {
					r.Reveal = &market.Reveal{TraceRoot: market.Hash{9}, Leaves: 5, Partial: true}
				}
			}), disputes: []market.Dispute{ruled(t, 1, 1, []uint32{1}, 1)}, now: by, action: market.Resolve, refund: true,
			guilty: []uint32{1, 2}, excused: []uint32{0, 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			job := in
			if tc.in.Spec.Workers != 0 {
				job = tc.in
			}
			d, err := testRules.Decide(job, tc.reports, tc.disputes, tc.now)
			if err != nil {
				t.Fatal(err)
			}
			if d.Action != tc.action || d.Refund() != tc.refund {
				t.Fatalf("action %v (refund %t: %s), want %v (refund %t)", d.Action, d.Refund(), d.Why, tc.action, tc.refund)
			}
			if fmt.Sprint(d.GuiltySlots()) != fmt.Sprint(append([]uint32{}, tc.guilty...)) {
				t.Fatalf("guilty %v, want %v", d.Guilty, tc.guilty)
			}
			for _, s := range tc.excused {
				if _, ok := d.Excused[s]; !ok || d.Revealed&(1<<s) != 0 {
					t.Fatalf("slot %d not excused, or recorded as delivered (revealed %b): excused %v", s, d.Revealed, d.Excused)
				}
			}
			var want uint64
			for _, s := range tc.guilty {
				want |= 1 << s
			}
			if d.Action == market.Resolve || d.Action == market.Submit {
				if d.Result.LosingMask != want || d.Result.DeliveredMask != tc.deliver {
					t.Fatalf("losing %b delivered %b, want %b and %b (%s)", d.Result.LosingMask, d.Result.DeliveredMask, want, tc.deliver, d.Why)
				}
				if !tc.refund && d.Result.Weights != (market.Hash{7}) {
					t.Fatalf("weights %s, want the honest replica's", d.Result.Weights)
				}
			}
			if fmt.Sprint(d.Matches) != fmt.Sprint(tc.matches) {
				t.Fatalf("matches %v, want %v", d.Matches, tc.matches)
			}
			if fmt.Sprint(d.Spot) != fmt.Sprint(tc.spot) {
				t.Fatalf("spot checks of %v, want %v", d.Spot, tc.spot)
			}
		})
	}
}

func TestPhases(t *testing.T) {
	t.Parallel()
	r := market.Rules{WorkerFLOPS: 1e8, WorkerBandwidth: 1e6, CommitMargin: 5 * time.Minute, Reveal: 5 * time.Minute, Settle: 10 * time.Minute}
	spec := market.Spec{Workers: 2, Replicas: 2, Steps: 100,
		Hyperparameters: market.Hyperparameters{BatchSize: 8, SeqLen: 64, InnerSteps: 10}}
	const size = 4 << 20 // one million parameters
	// 100 steps × 8·2²⁰·512 FLOPs at 10⁸ FLOP/s = 4,295 s; 11 validation
	// passes of 2·2²⁰·512 FLOPs = 118 s; 11 exchanges of 8 MiB at 1 MB/s
	// plus 5 s = 147 s; 5 minutes of margin.
	want := 4294967296*time.Microsecond + 11*10737418*time.Microsecond + 11*(8388608*time.Microsecond+5*time.Second) + 5*time.Minute
	if got := r.WorkAllowance(spec, size); got < want-time.Second || got > want+time.Second {
		t.Fatalf("allowance %v, want %v", got, want)
	}
	if got := r.MinRun(spec, size); got != r.WorkAllowance(spec, size)+15*time.Minute {
		t.Fatalf("minimum run %v", got)
	}
	in := market.Intent{Spec: spec, ModelSize: size, AssignedAt: t0, Deadline: t0.Add(10 * time.Hour)}
	if by := r.Phases(in).CommitBy; !by.Equal(t0.Add(r.WorkAllowance(spec, size))) {
		t.Fatalf("commit by %v", by)
	}
	in.Deadline = t0.Add(30 * time.Minute)
	if by := r.Phases(in).CommitBy; !by.Equal(in.Deadline.Add(-15 * time.Minute)) {
		t.Fatalf("commit by %v, want the deadline less the reveal and settling time", by)
	}

	ph := testRules.Phases(assigned(2, 2))
	c := market.Commits{Committed: 1, Slots: 4, Last: t0}
	if err := ph.CheckCommit(c, ph.CommitBy.Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	if err := ph.CheckCommit(c, ph.CommitBy); market.ErrorKind(err) != market.KindConflict ||
		!strings.Contains(err.Error(), "commit phase ended") {
		t.Fatalf("a commitment after the phase: %v", err)
	}
	if err := ph.CheckReveal(c, ph.CommitBy.Add(-time.Second)); market.ErrorKind(err) != market.KindConflict ||
		!strings.Contains(err.Error(), "1 of 4 slots committed") {
		t.Fatalf("a reveal during the phase: %v", err)
	}
	all := market.Commits{Committed: 4, Slots: 4, Last: t0.Add(10 * time.Second)}
	if err := ph.CheckReveal(all, t0.Add(10*time.Second)); err != nil {
		t.Fatalf("a reveal once every slot committed: %v", err)
	}
	if end := ph.RevealEnd(all); !end.Equal(t0.Add(70 * time.Second)) {
		t.Fatalf("reveal end %v", end)
	}
}

func TestResultRootNamesEveryRank(t *testing.T) {
	t.Parallel()
	a := market.ResultRoot([]market.Hash{{1}, {2}})
	if a == market.ResultRoot([]market.Hash{{2}, {1}}) || a == market.ResultRoot([]market.Hash{{1}}) {
		t.Fatal("the result root does not depend on every rank's root in order")
	}
}

// behaviour is what a simulated slot does.
type behaviour int

const (
	honest       behaviour = iota
	noCommit               // never commits
	lateCommit             // commits after the phase (refused, so: never)
	earlyJunk              // commits junk the moment the job is assigned, reveals it, answers nothing right
	noReveal               // commits, never reveals
	silent                 // reveals junk, answers no question
	unregistered           // stakes on chain, never registers: its replica cannot run
	vanish                 // leaves the run midway, commits nothing: its replica's run breaks
	behaviours
)

// schedule is one random run of the rulebook.
type schedule struct {
	in       market.Intent
	act      []behaviour
	commitAt []time.Time
	revealAt []time.Time
	fail     float64 // chance that one try of a game fails
	rng      *rand.Rand
}

// TestRulebookInvariants plays random schedules (commits, reveals,
// answers, timeouts, referee crashes) for 1–4 workers and 1–3 replicas
// and checks on each: the run ends in a ruling by the deadline; an honest
// slot that follows the protocol in time is never slashed, and is paid
// whenever a result is released; no dishonest slot is paid; nothing is released without two agreeing
// clean replicas or a passed spot check of every delivering slot; what is
// released is the honest replicas' result.
func TestRulebookInvariants(t *testing.T) {
	t.Parallel()
	const schedules = 20000
	rng := rand.New(rand.NewPCG(7, 11))
	var outcomes = map[string]int{}
	for i := range schedules {
		s := newSchedule(rng)
		outcome, err := s.run()
		if err != nil {
			t.Fatalf("schedule %d (%d workers × %d replicas, %v, fail %.2f): %v", i, s.in.Spec.Workers, s.in.Spec.Replicas,
				s.act, s.fail, err)
		}
		outcomes[outcome]++
	}
	t.Logf("%d schedules: %v", schedules, outcomes)
	for _, o := range []string{"submitted", "resolved", "refunded"} {
		if outcomes[o] == 0 {
			t.Errorf("no schedule ended %s: the generator misses a case", o)
		}
	}
}

func newSchedule(rng *rand.Rand) *schedule {
	w, r := uint32(1+rng.IntN(4)), uint32(1+rng.IntN(3))
	in := assigned(w, r)
	if rng.IntN(4) == 0 {
		in.Deadline = t0.Add(time.Duration(3+rng.IntN(4)) * time.Minute) // short: games may not finish
	}
	s := &schedule{in: in, rng: rng, fail: []float64{0, 0, 0.2, 0.7}[rng.IntN(4)]}
	ph := testRules.Phases(in)
	for range w * r {
		b := honest
		if rng.IntN(3) == 0 {
			b = behaviour(1 + rng.IntN(int(behaviours)-1))
		}
		s.act = append(s.act, b)
		var at time.Time
		switch b {
		case earlyJunk:
			at = t0
		case noCommit, lateCommit, vanish:
		case unregistered:
			if rng.IntN(2) == 0 { // it may even commit junk
				at = t0
			}
		default:
			at = t0.Add(time.Duration(rng.Int64N(int64(ph.CommitBy.Sub(t0)))))
		}
		s.commitAt = append(s.commitAt, at)
		s.revealAt = append(s.revealAt, time.Time{})
	}
	return s
}

// roots are the simulated trace roots: the honest one of each rank, and
// junk unique to each slot otherwise.
func honestRoot(rank uint32) market.Hash { return market.Hash{0xaa, byte(rank)} }
func junkRoot(slot uint32) market.Hash   { return market.Hash{0xbb, byte(slot)} }

var honestWeights = market.ArtifactID{0xaa}

func (s *schedule) run() (string, error) {
	in := s.in
	place := market.Place(market.Hash{0x5e}, in.Spec.Workers, in.Spec.Replicas)
	n := int(in.Spec.Slots())
	// A replica holding a dishonest slot spoils its honest slots' traces too
	// (through its gossip); the game convicts the dishonest sender.
	spoiled := map[uint32]bool{}
	for i, b := range s.act {
		if b != honest {
			spoiled[place[i].Replica] = true
		}
	}
	reports := make([]market.SlotReport, n)
	stranded := map[uint32]bool{}
	for i := range reports {
		reports[i] = market.SlotReport{Slot: uint32(i), Replica: place[i].Replica, Rank: place[i].Rank, State: market.SlotConfirmed,
			Registered: s.act[i] != unregistered}
		if s.act[i] == unregistered {
			stranded[place[i].Replica] = true
		}
	}
	// The other workers of a stranded replica cannot run: they commit nothing.
	broken := map[uint32]bool{} // replicas whose run a vanished peer broke
	for i := range reports {
		if stranded[place[i].Replica] && s.act[i] != unregistered {
			s.commitAt[i] = time.Time{}
		}
		if s.act[i] == vanish && !stranded[place[i].Replica] {
			broken[place[i].Replica] = true
		}
	}
	var disputes []market.Dispute
	ph := testRules.Phases(in)
	for now := t0; ; now = now.Add(5 * time.Second) {
		// The workers act: commit, then reveal once reveals open.
		c := market.Commits{Slots: n}
		for i := range reports {
			if !s.commitAt[i].IsZero() && !now.Before(s.commitAt[i]) && reports[i].Commitment == nil {
				if err := ph.CheckCommit(c, s.commitAt[i]); err == nil {
					h := market.Hash{byte(i), 0xcc}
					reports[i].Commitment, reports[i].CommittedAt = &h, s.commitAt[i]
				}
			}
			if reports[i].Commitment != nil {
				c.Committed++
				if reports[i].CommittedAt.After(c.Last) {
					c.Last = reports[i].CommittedAt
				}
			}
		}
		if ph.CommitOver(c, now) {
			for i := range reports {
				if reports[i].Commitment == nil || reports[i].Reveal != nil || s.act[i] == noReveal {
					continue
				}
				if s.revealAt[i].IsZero() {
					s.revealAt[i] = now.Add(time.Duration(s.rng.Int64N(int64(ph.Reveal - time.Second))))
				}
				if now.Before(s.revealAt[i]) {
					continue
				}
				rv := &market.Reveal{TraceRoot: honestRoot(place[i].Rank), Weights: honestWeights}
				if s.act[i] == honest && broken[place[i].Replica] {
					// Its run broke: it shows its trace up to the failure.
					rv = &market.Reveal{TraceRoot: market.Hash{0xdd, byte(place[i].Rank)}, Leaves: 3, Partial: true}
				} else if s.act[i] != honest || spoiled[place[i].Replica] {
					rv = &market.Reveal{TraceRoot: junkRoot(uint32(i)), Weights: market.ArtifactID{0xbb, byte(i)}}
				}
				reports[i].Reveal, reports[i].RevealedAt = rv, now
			}
		}
		// The referee plays the open games: a try may fail; the dishonest
		// lose.
		for k := range disputes {
			ds := &disputes[k]
			if ds.State != market.DisputeOpen {
				continue
			}
			if s.rng.Float64() < s.fail {
				ds.Attempts++
				if ds.Attempts >= testRules.RefereeTries {
					b, _ := json.Marshal(market.Ruling{Failed: "crashed"})
					ds.State, ds.Ruling = market.DisputeRuled, b
				}
				continue
			}
			ru := market.Ruling{Guilty: []uint32{}}
			for _, slot := range ds.Slots {
				for j, b := range s.act {
					if b != honest && place[j].Replica == place[slot].Replica && !contains(ru.Guilty, uint32(j)) {
						ru.Guilty = append(ru.Guilty, uint32(j))
					}
				}
			}
			b, _ := json.Marshal(ru)
			ds.State, ds.Ruling = market.DisputeRuled, b
		}
		d, err := testRules.Decide(in, reports, disputes, now)
		if err != nil {
			return "", err
		}
		switch d.Action {
		case market.Play:
			for _, m := range d.Matches {
				disputes = append(disputes, market.Dispute{ID: int64(len(disputes) + 1), Rank: m.Rank, Slots: m.Slots[:], State: market.DisputeOpen})
			}
		case market.SpotCheck:
			for _, slot := range d.Spot {
				disputes = append(disputes, market.Dispute{ID: int64(len(disputes) + 1), Slots: []uint32{slot}, State: market.DisputeOpen})
			}
		case market.Submit, market.Resolve:
			if now.After(in.Deadline) {
				return "", fmt.Errorf("ruled at %v, after the deadline %v", now, in.Deadline)
			}
			return s.check(d, reports, disputes, place, spoiled, stranded, broken)
		}
		if now.After(in.Deadline) {
			return "", fmt.Errorf("no ruling by the deadline: %s", d.Why)
		}
	}
}

// check asserts the invariants on a final decision.
func (s *schedule) check(d market.Decision, reports []market.SlotReport, disputes []market.Dispute, place []market.Placement,
	spoiled, stranded, broken map[uint32]bool) (string, error) {
	res := d.Result
	for i, b := range s.act {
		bit := uint64(1) << i
		if b != honest {
			if !d.Refund() && res.DeliveredMask&bit != 0 {
				return "", fmt.Errorf("dishonest slot %d (%v) paid by a release (%s)", i, b, d.Why)
			}
			continue
		}
		if res.LosingMask&bit != 0 {
			return "", fmt.Errorf("honest slot %d slashed: %s (%s)", i, d.Guilty[uint32(i)], d.Why)
		}
		if stranded[place[i].Replica] || broken[place[i].Replica] {
			// It could not run, or not to the end: neither paid nor slashed.
			if _, ok := d.Excused[uint32(i)]; !ok || res.DeliveredMask&bit != 0 || d.Revealed&bit != 0 {
				return "", fmt.Errorf("honest slot %d of a stranded or broken replica not excused (%s)", i, d.Why)
			}
			continue
		}
		if !d.Refund() && res.DeliveredMask&bit == 0 {
			return "", fmt.Errorf("honest slot %d unpaid by a release (%s)", i, d.Why)
		}
	}
	if res.DeliveredMask&res.LosingMask != 0 {
		return "", fmt.Errorf("slots both delivered and losing: %b", res.DeliveredMask&res.LosingMask)
	}
	if d.Refund() {
		if res.DeliveredMask != 0 {
			return "", fmt.Errorf("a refund that pays slots %b", res.DeliveredMask)
		}
		return "refunded", nil
	}
	if res.Weights != market.Hash(honestWeights) {
		return "", fmt.Errorf("released junk weights %s (%s)", res.Weights, d.Why)
	}
	// Two agreeing clean replicas, or a passed spot check of every slot of
	// the delivering replica.
	agree := 0
	for rep := range s.in.Spec.Replicas {
		clean := !spoiled[rep]
		for i, r := range reports {
			if place[i].Replica == rep && (r.Reveal == nil || r.Reveal.Weights != honestWeights || res.LosingMask&(1<<i) != 0) {
				clean = false
			}
		}
		if clean {
			agree++
		}
	}
	if agree < 2 {
		passed := map[uint32]bool{}
		for _, ds := range disputes {
			var ru market.Ruling
			if len(ds.Slots) == 1 && ds.State == market.DisputeRuled && json.Unmarshal(ds.Ruling, &ru) == nil && ru.Failed == "" && len(ru.Guilty) == 0 {
				passed[ds.Slots[0]] = true
			}
		}
		for i, r := range reports {
			if r.Reveal != nil && r.Reveal.Weights == honestWeights && !passed[uint32(i)] {
				return "", fmt.Errorf("released with %d agreeing clean replicas and slot %d not spot-checked (%s)", agree, i, d.Why)
			}
		}
	}
	if d.Action == market.Submit {
		return "submitted", nil
	}
	return "resolved", nil
}

func contains(list []uint32, x uint32) bool {
	for _, v := range list {
		if v == x {
			return true
		}
	}
	return false
}
