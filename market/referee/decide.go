// Package referee decides, once a job's workers have committed and revealed
// their traces, what the escrow should be told: every replica agrees (submit
// the result), or some do not (play the Verde game between them, then
// resolve: the guilty slots slashed, the honest replica paid). It asks its
// questions to the workers through the market's challenges, each with a
// deadline, and keeps every dispute's transcript for anyone to re-check.
package referee

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/axl-market/axl/market"
)

// Timeouts bound the phases between assignment and the result.
type Timeouts struct {
	// Commit is how long the other slots have to commit once the first one
	// did; a slot that has not committed by then delivered nothing.
	Commit time.Duration
	// Reveal is how long every committed slot has to reveal once the commit
	// phase is over.
	Reveal time.Duration
}

// Action is what a decision asks of the operator.
type Action int

// The actions.
const (
	// Wait: workers are still training, committing or revealing, or a
	// dispute is being played.
	Wait Action = iota
	// Submit the agreed result: every slot delivered and every replica
	// agrees. Release follows the challenge window.
	Submit
	// Play the disputes listed: replicas disagree.
	Play
	// Resolve with the result: slots are guilty (no commitment, no reveal,
	// or convicted), the honest replica delivers. Release follows at once.
	Resolve
	// SpotCheck the single replica before submitting its result.
	SpotCheck
)

func (a Action) String() string {
	return [...]string{"wait", "submit", "play", "resolve", "spot-check"}[a]
}

// Match is a dispute to play: the slots of one rank in two replicas whose
// trace roots (or weights) differ.
type Match struct {
	Rank  uint32
	Slots [2]uint32 // replica order: Slots[0] is in the lower replica
}

// Decision is the referee's word on a job at one moment.
type Decision struct {
	Action  Action
	Result  market.Result // for Submit and Resolve
	Matches []Match       // for Play
	// Guilty maps each slot found at fault to why.
	Guilty map[uint32]string
	// Why says, for logs, what the decision rests on.
	Why string
}

// Ruling is what the referee stores as a dispute's ruling: the slots the
// game convicted, and the game's own verdict for anyone to re-check.
type Ruling struct {
	Guilty  []uint32        `json:"guilty_slots"`
	Reasons []string        `json:"reasons"`
	Verdict json.RawMessage `json:"verdict,omitempty"`
}

// ResultRoot is the trace root the escrow records for a replica: the
// sha256 of a domain tag and its ranks' trace roots in rank order, so that
// one hash on chain names every worker's committed trace.
func ResultRoot(ranks []market.Hash) market.Hash {
	h := sha256.New()
	h.Write([]byte("axl-result-root/1"))
	for _, r := range ranks {
		h.Write(r[:])
	}
	return market.Hash(h.Sum(nil))
}

// Decide reads a job's slot reports and its disputes so far and says what
// is due now. The spot checks of a single-replica job are disputes of one
// slot each.
func Decide(spec market.Spec, reports []market.SlotReport, disputes []market.Dispute, now time.Time, to Timeouts) (Decision, error) {
	d := Decision{Guilty: map[uint32]string{}}
	n := int(spec.Slots())
	if len(reports) != n {
		return d, fmt.Errorf("referee: %d slot reports for %d slots", len(reports), n)
	}
	// The commit phase ends when every slot committed, or Commit after the
	// first commitment; the reveal phase Reveal after that.
	var first, last time.Time
	committed := 0
	for _, r := range reports {
		if r.Commitment == nil {
			continue
		}
		committed++
		if first.IsZero() || r.CommittedAt.Before(first) {
			first = r.CommittedAt
		}
		if r.CommittedAt.After(last) {
			last = r.CommittedAt
		}
	}
	if committed == 0 {
		d.Why = "no slot has committed yet"
		return d, nil
	}
	commitEnd := last
	if committed < n {
		commitEnd = first.Add(to.Commit)
		if now.Before(commitEnd) {
			d.Why = fmt.Sprintf("%d of %d slots committed; the others have until %s", committed, n, commitEnd.Format(time.RFC3339))
			return d, nil
		}
	}
	revealEnd := commitEnd.Add(to.Reveal)
	revealed := 0
	for _, r := range reports {
		switch {
		case r.Commitment == nil:
			d.Guilty[r.Slot] = "did not commit by " + commitEnd.Format(time.RFC3339)
		case r.Reveal != nil:
			revealed++
		case !now.Before(revealEnd):
			d.Guilty[r.Slot] = "did not reveal by " + revealEnd.Format(time.RFC3339)
		}
	}
	if revealed+len(d.Guilty) < n {
		d.Why = fmt.Sprintf("%d of %d committed slots revealed; the others have until %s", revealed, committed, revealEnd.Format(time.RFC3339))
		return d, nil
	}
	for _, ds := range disputes {
		if ds.State != market.DisputeRuled {
			d.Why = fmt.Sprintf("dispute %d over rank %d is being played", ds.ID, ds.Rank)
			return d, nil
		}
		var r Ruling
		if err := json.Unmarshal(ds.Ruling, &r); err != nil {
			return d, fmt.Errorf("referee: ruling of dispute %d: %w", ds.ID, err)
		}
		for i, s := range r.Guilty {
			why := "convicted in dispute " + fmt.Sprint(ds.ID)
			if i < len(r.Reasons) {
				why += ": " + r.Reasons[i]
			}
			if _, ok := d.Guilty[s]; !ok {
				d.Guilty[s] = why
			}
		}
	}

	// The replicas with no guilty slot are the candidates; within them
	// every rank must agree, and so must the weights.
	byReplica := make([][]market.SlotReport, spec.Replicas)
	for _, r := range reports {
		byReplica[r.Replica] = append(byReplica[r.Replica], r)
	}
	var clean []uint32
	for rep, rs := range byReplica {
		slices.SortFunc(rs, func(a, b market.SlotReport) int { return int(a.Rank) - int(b.Rank) })
		ok := len(rs) == int(spec.Workers)
		for _, r := range rs {
			if _, bad := d.Guilty[r.Slot]; bad || r.Reveal == nil {
				ok = false
			}
		}
		if ok {
			clean = append(clean, uint32(rep))
		}
	}
	if len(clean) == 0 {
		d.Action, d.Why = Resolve, "no replica delivered a result untouched by fault: the buyer is refunded"
		d.Result = market.Result{LosingMask: mask(d.Guilty)}
		return d, nil
	}
	base := byReplica[clean[0]]
	played := map[Match]bool{}
	for _, ds := range disputes {
		if len(ds.Slots) == 2 {
			played[Match{Rank: ds.Rank, Slots: [2]uint32{ds.Slots[0], ds.Slots[1]}}] = true
		}
	}
	for _, rep := range clean[1:] {
		other := byReplica[rep]
		for k := range base {
			a, b := base[k], other[k]
			if a.Reveal.TraceRoot == b.Reveal.TraceRoot && a.Reveal.Weights == b.Reveal.Weights {
				continue
			}
			m := Match{Rank: a.Rank, Slots: [2]uint32{a.Slot, b.Slot}}
			if played[m] {
				// Its ruling convicted neither replica, yet they differ: the
				// game failed, and no result can stand on it.
				return d, fmt.Errorf("referee: slots %d and %d still disagree after their dispute convicted neither replica", a.Slot, b.Slot)
			}
			d.Matches = append(d.Matches, m)
		}
	}
	if len(d.Matches) > 0 {
		d.Action, d.Why = Play, fmt.Sprintf("replicas %d and others disagree on %d ranks", clean[0], len(d.Matches))
		return d, nil
	}
	// Within the winning replica every worker ends with the same averaged
	// weights; a replica whose workers disagree on them has a liar among them
	// that the other replica's games did not name, so it cannot deliver.
	weights := base[0].Reveal.Weights
	for _, r := range base {
		if r.Reveal.Weights != weights {
			d.Action, d.Why = Wait, fmt.Sprintf("replica %d's workers reveal different weights", clean[0])
			return d, fmt.Errorf("referee: replica %d's workers reveal different weights (slot %d)", clean[0], r.Slot)
		}
	}
	roots := make([]market.Hash, len(base))
	for i, r := range base {
		roots[i] = r.Reveal.TraceRoot
	}
	// Every slot that revealed and broke no rule delivered: the workers of a
	// replica a cheat spoiled did their work, on a placement they did not
	// choose, so they are paid too (the price is split among the delivering
	// slots: the buyer pays the same) and keep their stakes.
	var delivered uint64
	for _, r := range reports {
		if _, bad := d.Guilty[r.Slot]; !bad && r.Reveal != nil {
			delivered |= 1 << r.Slot
		}
	}
	d.Result = market.Result{Weights: market.Hash(weights), TraceRoot: ResultRoot(roots), DeliveredMask: delivered,
		LosingMask: mask(d.Guilty)}
	switch {
	case len(d.Guilty) > 0:
		d.Action, d.Why = Resolve, fmt.Sprintf("%d slots at fault; replica %d delivers", len(d.Guilty), clean[0])
	case spec.Replicas == 1 && spotChecks(disputes) < int(spec.Workers):
		d.Action, d.Why = SpotCheck, "one replica: spot checks before the result is submitted"
	default:
		d.Action, d.Why = Submit, "every replica agrees"
	}
	return d, nil
}

func spotChecks(disputes []market.Dispute) int {
	n := 0
	for _, d := range disputes {
		if len(d.Slots) == 1 {
			n++
		}
	}
	return n
}

func mask(slots map[uint32]string) uint64 {
	var m uint64
	for s := range slots {
		m |= 1 << s
	}
	return m
}
