package market

import (
	"context"
	"time"
)

// The operator's agenda: a pass works on the intents that have something
// due — a change to what they are derived from (their chain events, a
// request, a relayed transaction that failed, a game), or a timer (the
// deadline, the end of a phase, a challenge window) — so that an idle
// intent costs nothing per pass. The store marks an intent due in the
// transaction of each change; the operator stores the next time of each
// intent it derived.

// Due names an intent with the version of its agenda entry as read
// before its facts: every change gives the entry a new version.
type Due struct {
	IntentID Hash
	// Version is zero for an intent without an entry.
	Version int64
	// At is when the entry was due; zero without one, or when a change
	// made it due at once.
	At time.Time
}

// Agenda is the persistence of the operator's schedule.
type Agenda interface {
	// DueIntents lists up to limit intents due by now, the longest due
	// first.
	DueIntents(ctx context.Context, now time.Time, limit int) ([]Due, error)
	// AgendaOf reads the entries of the intents ids, in their order.
	AgendaOf(ctx context.Context, ids []Hash) ([]Due, error)
	// Reschedule makes d's intent due at at (zero: not until it changes),
	// unless its entry changed since d was read: a change during the pass
	// keeps it due at once.
	Reschedule(ctx context.Context, d Due, at time.Time) error
}

// Earliest returns the earliest of times that is after now, or zero.
func Earliest(now time.Time, times ...time.Time) time.Time {
	var first time.Time
	for _, t := range times {
		if t.After(now) && (first.IsZero() || t.Before(first)) {
			first = t
		}
	}
	return first
}

// next is when Decide may say otherwise although no fact of the job
// changed: the end of the commit phase, the end of the reveal phase, the
// deadline, the retry of a failed game; zero if never.
func (r Rules) next(in Intent, c Commits, disputes []Dispute, now time.Time) time.Time {
	if in.AssignedAt.IsZero() {
		return time.Time{}
	}
	ph := r.Phases(in)
	times := []time.Time{ph.CommitBy, ph.RevealEnd(c), in.Deadline}
	for _, ds := range disputes {
		if ds.State == DisputeOpen && !ds.FailedAt.IsZero() {
			times = append(times, ds.FailedAt.Add(r.RetryAfter))
		}
	}
	return Earliest(now, times...)
}
