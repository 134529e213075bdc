package market_test

import (
	"testing"
	"time"

	"github.com/axl-market/axl/market"
)

// TestDecisionNext: a decision says when it may change by time alone, so
// that the operator looks at the job then and not at every pass; looking
// at that time, the decision is another.
func TestDecisionNext(t *testing.T) {
	in := assigned(2, 2)
	by := commitBy(t, in)
	soon := t0.Add(5 * time.Second) // every slot committed 5 s after the assignment
	failed := market.Dispute{ID: 1, Slots: []uint32{0, 2}, State: market.DisputeOpen, Attempts: 1, FailedAt: t0.Add(2 * time.Minute)}
	for _, tc := range []struct {
		name     string
		in       market.Intent
		reports  []market.SlotReport
		disputes []market.Dispute
		now      time.Time
		want     time.Time
		// same: at want, the rulebook still says the same (the referee
		// tries the failed game again).
		same bool
	}{
		{"not assigned: nothing by time", market.Intent{Spec: in.Spec, Deadline: in.Deadline}, slotReports(nil), nil, t0, time.Time{}, false},
		{"committing: the end of the commit phase", in, slotReports(func(r *market.SlotReport) {
			if r.Slot == 3 {
				r.Commitment, r.Reveal = nil, nil
			}
		}), nil, t0, by, false},
		{"revealing: the end of the reveal phase", in, slotReports(func(r *market.SlotReport) {
			if r.Slot == 3 {
				r.Reveal = nil
			}
		}), nil, t0.Add(30 * time.Second), t0.Add(time.Minute), false},
		{"every slot committed early: the reveal phase ends a minute after the last", in, slotReports(func(r *market.SlotReport) {
			r.CommittedAt, r.Reveal = soon, nil
		}), nil, t0.Add(20 * time.Second), soon.Add(time.Minute), false},
		{"a failed game: its retry", in, slotReports(nil), []market.Dispute{failed}, failed.FailedAt, failed.FailedAt.Add(time.Second), true},
		{"past every phase: the deadline", in, slotReports(nil), nil, t0.Add(10 * time.Minute), in.Deadline, false},
		{"past the deadline: nothing more", in, slotReports(nil), nil, in.Deadline, time.Time{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := testRules.Decide(tc.in, tc.reports, tc.disputes, tc.now)
			if err != nil {
				t.Fatal(err)
			}
			if !d.Next.Equal(tc.want) {
				t.Fatalf("next %s, want %s (%s)", d.Next, tc.want, d.Why)
			}
			if d.Next.IsZero() {
				return
			}
			then, err := testRules.Decide(tc.in, tc.reports, tc.disputes, d.Next)
			if err != nil {
				t.Fatal(err)
			}
			if same := then.Action == d.Action && then.Why == d.Why; same != tc.same {
				t.Fatalf("at %s the decision is %s (%s), was %s (%s)", d.Next, then.Action, then.Why, d.Action, d.Why)
			}
		})
	}
}

func TestEarliest(t *testing.T) {
	for _, tc := range []struct {
		name  string
		times []time.Time
		want  time.Time
	}{
		{"none", nil, time.Time{}},
		{"only past and now", []time.Time{t0.Add(-time.Second), t0}, time.Time{}},
		{"the earliest future", []time.Time{t0.Add(time.Hour), t0.Add(-time.Hour), t0.Add(time.Minute), {}}, t0.Add(time.Minute)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := market.Earliest(t0, tc.times...); !got.Equal(tc.want) {
				t.Fatalf("earliest %s, want %s", got, tc.want)
			}
		})
	}
}
