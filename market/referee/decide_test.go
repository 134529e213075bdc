package referee_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/referee"
)

var t0 = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

var timeouts = referee.Timeouts{Commit: time.Minute, Reveal: time.Minute}

// slotReports makes the reports of a 2 × 2 job in which slot s sits in
// replica s/2 at rank s%2; every slot committed at t0 and revealed root
// rank+1 and weights 7 unless edit says otherwise.
func slotReports(edit func(r *market.SlotReport)) []market.SlotReport {
	var out []market.SlotReport
	for s := range uint32(4) {
		c := market.Hash{byte(s + 1)}
		r := market.SlotReport{Slot: s, Replica: s / 2, Rank: s % 2, State: market.SlotConfirmed, Commitment: &c, CommittedAt: t0,
			Reveal: &market.Reveal{TraceRoot: market.Hash{byte(s%2 + 1)}, Weights: market.ArtifactID{7}}, RevealedAt: t0}
		if edit != nil {
			edit(&r)
		}
		out = append(out, r)
	}
	return out
}

func ruled(t *testing.T, rank uint32, slots []uint32, guilty ...uint32) market.Dispute {
	t.Helper()
	b, err := json.Marshal(referee.Ruling{Guilty: guilty, Reasons: []string{"perturbed step 3"}})
	if err != nil {
		t.Fatal(err)
	}
	return market.Dispute{ID: 1, Rank: rank, Slots: slots, State: market.DisputeRuled, Ruling: b}
}

func TestDecide(t *testing.T) {
	t.Parallel()
	spec := market.Spec{Workers: 2, Replicas: 2}
	cheat := func(r *market.SlotReport) {
		if r.Slot == 3 {
			r.Reveal = &market.Reveal{TraceRoot: market.Hash{9}, Weights: market.ArtifactID{8}}
		}
	}
	tests := []struct {
		name     string
		spec     market.Spec
		reports  []market.SlotReport
		disputes []market.Dispute
		now      time.Time
		action   referee.Action
		guilty   []uint32
		matches  []referee.Match
		deliver  uint64
	}{
		{name: "all agree", reports: slotReports(nil), now: t0, action: referee.Submit, deliver: 0b1111},
		{name: "nobody committed", reports: slotReports(func(r *market.SlotReport) { r.Commitment, r.Reveal = nil, nil }),
			now: t0.Add(time.Hour), action: referee.Wait},
		{name: "a slot may still commit", reports: slotReports(func(r *market.SlotReport) {
			if r.Slot == 1 {
				r.Commitment, r.Reveal = nil, nil
			}
		}), now: t0.Add(30 * time.Second), action: referee.Wait},
		{name: "a slot that never committed loses its replica", reports: slotReports(func(r *market.SlotReport) {
			if r.Slot == 1 {
				r.Commitment, r.Reveal = nil, nil
			}
		}), now: t0.Add(time.Minute), action: referee.Resolve, guilty: []uint32{1}, deliver: 0b1101},
		{name: "a slot may still reveal", reports: slotReports(func(r *market.SlotReport) {
			if r.Slot == 2 {
				r.Reveal = nil
			}
		}), now: t0.Add(59 * time.Second), action: referee.Wait},
		{name: "a slot that never revealed loses", reports: slotReports(func(r *market.SlotReport) {
			if r.Slot == 2 {
				r.Reveal = nil
			}
		}), now: t0.Add(time.Minute), action: referee.Resolve, guilty: []uint32{2}, deliver: 0b1011},
		{name: "replicas disagree", reports: slotReports(cheat), now: t0, action: referee.Play,
			matches: []referee.Match{{Rank: 1, Slots: [2]uint32{1, 3}}}},
		{name: "a dispute in play", reports: slotReports(cheat), now: t0,
			disputes: []market.Dispute{{ID: 1, Rank: 1, Slots: []uint32{1, 3}, State: market.DisputeOpen}}, action: referee.Wait},
		{name: "the convicted replica loses", reports: slotReports(cheat), now: t0,
			disputes: []market.Dispute{ruled(t, 1, []uint32{1, 3}, 3)}, action: referee.Resolve, guilty: []uint32{3}, deliver: 0b0111},
		{name: "both convicted: refund", reports: slotReports(cheat), now: t0,
			disputes: []market.Dispute{ruled(t, 1, []uint32{1, 3}, 1, 3)}, action: referee.Resolve, guilty: []uint32{1, 3}},
		{name: "one replica is spot-checked", spec: market.Spec{Workers: 4, Replicas: 1},
			reports: slotReports(func(r *market.SlotReport) {
				r.Replica, r.Rank = 0, r.Slot
				r.Reveal.TraceRoot = market.Hash{byte(r.Slot)}
			}),
			now: t0, action: referee.SpotCheck, deliver: 0b1111},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sp := spec
			if tc.spec.Workers != 0 {
				sp = tc.spec
			}
			d, err := referee.Decide(sp, tc.reports, tc.disputes, tc.now, timeouts)
			if err != nil {
				t.Fatal(err)
			}
			if d.Action != tc.action {
				t.Fatalf("action %v (%s), want %v", d.Action, d.Why, tc.action)
			}
			if len(d.Guilty) != len(tc.guilty) {
				t.Fatalf("guilty %v, want %v", d.Guilty, tc.guilty)
			}
			var want uint64
			for _, s := range tc.guilty {
				if _, ok := d.Guilty[s]; !ok {
					t.Fatalf("slot %d not guilty: %v", s, d.Guilty)
				}
				want |= 1 << s
			}
			if d.Action == referee.Resolve || d.Action == referee.Submit || d.Action == referee.SpotCheck {
				if d.Result.LosingMask != want || d.Result.DeliveredMask != tc.deliver {
					t.Fatalf("losing %b delivered %b, want %b and %b", d.Result.LosingMask, d.Result.DeliveredMask, want, tc.deliver)
				}
				if tc.deliver != 0 && d.Result.Weights != (market.Hash{7}) {
					t.Fatalf("weights %s, want the honest replica's", d.Result.Weights)
				}
			}
			if len(d.Matches) != len(tc.matches) || (len(tc.matches) > 0 && d.Matches[0] != tc.matches[0]) {
				t.Fatalf("matches %v, want %v", d.Matches, tc.matches)
			}
		})
	}
}

// TestDecideRefusesAnIdleRuling: a dispute ruled without convicting either
// replica leaves them disagreeing; the referee says so rather than submit.
func TestDecideRefusesAnIdleRuling(t *testing.T) {
	t.Parallel()
	reports := slotReports(func(r *market.SlotReport) {
		if r.Slot == 3 {
			r.Reveal = &market.Reveal{TraceRoot: market.Hash{9}, Weights: market.ArtifactID{8}}
		}
	})
	_, err := referee.Decide(market.Spec{Workers: 2, Replicas: 2}, reports, []market.Dispute{ruled(t, 1, []uint32{1, 3})}, t0, timeouts)
	if err == nil || !strings.Contains(err.Error(), "still disagree") {
		t.Fatalf("err %v, want the disagreement named", err)
	}
}

func TestResultRootNamesEveryRank(t *testing.T) {
	t.Parallel()
	a := referee.ResultRoot([]market.Hash{{1}, {2}})
	if a == referee.ResultRoot([]market.Hash{{2}, {1}}) || a == referee.ResultRoot([]market.Hash{{1}}) {
		t.Fatal("the result root does not depend on every rank's root in order")
	}
}
