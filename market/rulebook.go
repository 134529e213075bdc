package market

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
)

// The rulebook of verification (DESIGN §7, §9): how long the phases
// between assignment and the result last, which slot is at fault, when a
// spot check is owed, and what a ruling sends to the escrow. It is pure:
// the store keeps what slots and the referee said, the referee plays the
// games, the operator relays what Decide says.

// Rules are the parameters of the verification policy.
type Rules struct {
	// WorkerFLOPS is the speed a worker is assumed to train at, in
	// floating-point operations per second: conservative, so that an honest
	// worker on a small machine commits within its allowance (default
	// DefaultWorkerFLOPS).
	WorkerFLOPS float64
	// WorkerBandwidth is the gossip bandwidth a worker is assumed to have,
	// in bytes per second (default DefaultWorkerBandwidth).
	WorkerBandwidth float64
	// CommitMargin is added to the work allowance: downloads, the start of
	// the swarm, the upload of the weights (default 5 minutes).
	CommitMargin time.Duration
	// Reveal is how long committed slots have to reveal once the commit
	// phase is over (default 5 minutes).
	Reveal time.Duration
	// Settle is the time kept before the deadline for the referee's games
	// and the chain's transactions: the commit phase ends Reveal + Settle
	// before the deadline at the latest (default 10 minutes).
	Settle time.Duration
	// RefereeTries bounds how often the referee tries one game before it
	// rules it failed (default 3): a failed game convicts nobody.
	RefereeTries int
	// RetryAfter is how long the referee waits after a failed try before
	// the next (default 30 seconds).
	RetryAfter time.Duration
}

// The defaults of Rules.
const (
	// DefaultWorkerFLOPS is 10^8 FLOP/s: a tenth of what the portable
	// kernels reach on one core of a 2020 laptop.
	DefaultWorkerFLOPS = 1e8
	// DefaultWorkerBandwidth is 1 MB/s of gossip between two workers.
	DefaultWorkerBandwidth = 1e6
)

// WithDefaults returns r with every zero field set to its default.
func (r Rules) WithDefaults() Rules {
	if r.WorkerFLOPS <= 0 {
		r.WorkerFLOPS = DefaultWorkerFLOPS
	}
	if r.WorkerBandwidth <= 0 {
		r.WorkerBandwidth = DefaultWorkerBandwidth
	}
	if r.CommitMargin <= 0 {
		r.CommitMargin = 5 * time.Minute
	}
	if r.Reveal <= 0 {
		r.Reveal = 5 * time.Minute
	}
	if r.Settle <= 0 {
		r.Settle = 10 * time.Minute
	}
	if r.RefereeTries <= 0 {
		r.RefereeTries = 3
	}
	if r.RetryAfter <= 0 {
		r.RetryAfter = 30 * time.Second
	}
	return r
}

// StepFLOPs is the work of one inner step of one worker on a model of
// modelSize bytes of float32 weights: 8·P·T for P parameters and T tokens
// (batch × sequence), the 6·P·T of forward and backward plus 2·P·T for
// the attention, AdamW and the trace's hashing, which 6·P·T leaves out.
func StepFLOPs(h Hyperparameters, modelSize int64) float64 {
	params := float64(modelSize) / 4
	return 8 * params * float64(h.BatchSize) * float64(h.SeqLen)
}

// ValidationFLOPs is the work of one validation pass of a worker: the
// forward pass of one batch, at most (the held-out sequences fill one
// batch at most), 2·P·T.
func ValidationFLOPs(h Hyperparameters, modelSize int64) float64 {
	return StepFLOPs(h, modelSize) / 4
}

// WorkAllowance is how long the commit phase of a job lasts from its
// assignment: its steps at WorkerFLOPS, with a validation pass at every
// outer step and one after the run, one exchange of about twice the model
// per outer step at WorkerBandwidth plus five seconds, and CommitMargin.
// It depends on the job alone, never on another slot.
func (r Rules) WorkAllowance(spec Spec, modelSize int64) time.Duration {
	r = r.WithDefaults()
	h := spec.Hyperparameters
	outer := float64(spec.Steps)
	if h.InnerSteps > 0 {
		outer = math.Ceil(float64(spec.Steps) / float64(h.InnerSteps))
	}
	compute := (float64(spec.Steps)*StepFLOPs(h, modelSize) + (outer+1)*ValidationFLOPs(h, modelSize)) / r.WorkerFLOPS
	gossip := (outer + 1) * (2*float64(modelSize)/r.WorkerBandwidth + 5)
	secs := compute + gossip
	if secs > float64(365*24*time.Hour/time.Second) {
		secs = float64(365 * 24 * time.Hour / time.Second)
	}
	return time.Duration(secs*float64(time.Second)) + r.CommitMargin
}

// MinRun is the least time a job needs from its assignment to its
// deadline: the work allowance, the reveal phase and the settling time.
// A quote whose deadline leaves less is refused: the workers could not
// finish in time, and would be at fault for it.
func (r Rules) MinRun(spec Spec, modelSize int64) time.Duration {
	r = r.WithDefaults()
	return r.WorkAllowance(spec, modelSize) + r.Reveal + r.Settle
}

// Phases are the windows of an assigned job.
type Phases struct {
	AssignedAt time.Time
	// CommitBy ends the commit phase, unless every slot committed before.
	CommitBy time.Time
	// Reveal is how long the reveal phase lasts once the commit phase ended.
	Reveal time.Duration
}

// Phases returns the windows of an intent's job; its AssignedAt must be
// set. The commit phase lasts the work allowance, but ends Reveal + Settle
// before the deadline at the latest.
func (r Rules) Phases(in Intent) Phases {
	r = r.WithDefaults()
	by := in.AssignedAt.Add(r.WorkAllowance(in.Spec, in.ModelSize))
	if latest := in.Deadline.Add(-r.Reveal - r.Settle); latest.Before(by) {
		by = latest
	}
	return Phases{AssignedAt: in.AssignedAt, CommitBy: by, Reveal: r.Reveal}
}

// Commits is what the store counts of a job's commitments.
type Commits struct {
	Committed, Slots int
	// Last is the time of the latest commitment.
	Last time.Time
}

// CommitEnd is when the commit phase ends: when the last slot committed,
// if every slot did before CommitBy, else CommitBy.
func (p Phases) CommitEnd(c Commits) time.Time {
	if c.Slots > 0 && c.Committed == c.Slots && c.Last.Before(p.CommitBy) {
		return c.Last
	}
	return p.CommitBy
}

// CommitOver reports whether the commit phase is over at now.
func (p Phases) CommitOver(c Commits, now time.Time) bool {
	return c.Slots > 0 && c.Committed == c.Slots || !now.Before(p.CommitBy)
}

// RevealEnd is when the reveal phase ends.
func (p Phases) RevealEnd(c Commits) time.Time { return p.CommitEnd(c).Add(p.Reveal) }

// CheckCommit refuses a new commitment once the commit phase is over
// (KindConflict): it could be to a root revealed since.
func (p Phases) CheckCommit(c Commits, now time.Time) error {
	if !p.CommitOver(c, now) {
		return nil
	}
	return Errorf(KindConflict, "the commit phase ended at %s (the job's allowance from its assignment at %s)",
		p.CommitEnd(c).UTC().Format(time.RFC3339), p.AssignedAt.UTC().Format(time.RFC3339))
}

// CheckReveal refuses a reveal while the commit phase lasts (KindConflict):
// a revealed root could be copied by a slot yet to commit.
func (p Phases) CheckReveal(c Commits, now time.Time) error {
	if p.CommitOver(c, now) {
		return nil
	}
	return Errorf(KindConflict, "%d of %d slots committed: reveals open once every slot has, or at %s",
		c.Committed, c.Slots, p.CommitBy.UTC().Format(time.RFC3339))
}

// Commitment is a slot's commitment to its trace root: the sha256 of
// "axl-verde-commit/1", the job id, the worker's address, the root and the
// salt. Published first, it binds the worker to its root without showing
// it, so that no replica can copy another's answer; and it names the
// committer: a commitment copied from another worker does not open for the
// copier, whatever root and salt it reveals.
func Commitment(job Hash, worker Address, root, salt Hash) Hash {
	h := sha256.New()
	h.Write([]byte("axl-verde-commit/1"))
	h.Write(job[:])
	h.Write(worker[:])
	h.Write(root[:])
	h.Write(salt[:])
	return Hash(h.Sum(nil))
}

// Opens reports whether the reveal's root and salt open worker's
// commitment c for job.
func (r Reveal) Opens(c, job Hash, worker Address) bool {
	return Commitment(job, worker, r.TraceRoot, r.Salt) == c
}

// Action is what a decision asks of the operator.
type Action int

// The actions.
const (
	// Wait: workers are still training, committing or revealing, or a game
	// is being played.
	Wait Action = iota
	// Submit the agreed result: every slot delivered and at least two
	// replicas agree, or the single replica passed its spot checks. Release
	// follows the challenge window.
	Submit
	// Play the disputes listed: clean replicas disagree.
	Play
	// Resolve with the result: slots are at fault (they did not commit or
	// reveal in time, or were convicted) or the referee could not rule.
	// With weights, release follows at once; without, the buyer is
	// refunded and every stake not at fault returned.
	Resolve
	// SpotCheck the slots listed before their replica's result stands.
	SpotCheck
)

func (a Action) String() string {
	return [...]string{"wait", "submit", "play", "resolve", "spot-check"}[a]
}

// Match is a dispute to play: the slots of one rank in two replicas whose
// trace roots differ.
type Match struct {
	Rank  uint32
	Slots [2]uint32 // replica order: Slots[0] is in the lower replica
}

// Decision is the rulebook's word on a job at one moment.
type Decision struct {
	Action  Action
	Result  Result  // for Submit and Resolve
	Matches []Match // for Play
	// Spot lists the slots to spot-check, for SpotCheck.
	Spot []uint32
	// Guilty maps each slot found at fault to why.
	Guilty map[uint32]string
	// Excused maps each slot that delivered nothing through no fault of
	// its own to why: it is neither paid nor slashed, its stake returned.
	Excused map[uint32]string
	// Revealed is the mask of the slots that revealed a whole trace, once
	// the reveal phase is over (zero before): the operator records them on
	// chain as delivered, so that a refund after the deadline returns their
	// stakes. Partial reveals are not in it: they are excused by the ruling.
	Revealed uint64
	// Why says, for logs and the buyer, what the decision rests on.
	Why string
	// Next is when the decision may change though no fact of the job did
	// (a phase ends, the deadline, a failed game is tried again); zero if
	// never. The operator looks at the job again then.
	Next time.Time
}

// Refund reports whether a Resolve decision refunds the buyer (no weights
// are delivered).
func (d Decision) Refund() bool { return d.Action == Resolve && d.Result.Weights == (Hash{}) }

// Ruling is what the referee stores as a game's ruling: the slots it
// convicted with why, the game's own verdict for anyone to re-check, or
// why the referee could not rule.
type Ruling struct {
	Guilty  []uint32        `json:"guilty_slots"`
	Reasons []string        `json:"reasons"`
	Verdict json.RawMessage `json:"verdict,omitempty"`
	// Failed says why the referee could not rule (its game crashed, ran out
	// of its limits, or failed RefereeTries times): nobody is convicted
	// without evidence, and the buyer is refunded.
	Failed string `json:"failed,omitempty"`
}

// ResultRoot is the trace root the escrow records for a replica: the
// sha256 of a domain tag and its ranks' trace roots in rank order, so that
// one hash on chain names every worker's committed trace.
func ResultRoot(ranks []Hash) Hash {
	h := sha256.New()
	h.Write([]byte("axl-result-root/1"))
	for _, r := range ranks {
		h.Write(r[:])
	}
	return Hash(h.Sum(nil))
}

// Decide reads an assigned job's slot reports and its games so far and
// says what is due at now. Spot checks are games of one slot.
//
// The rules, in order:
//   - The commit phase lasts the job's allowance from its assignment (or
//     until every slot committed); a slot that did not commit by then is at
//     fault. The reveal phase follows; a committed slot that did not reveal
//     by its end is at fault.
//   - A game's ruling convicts the slots it names; a game the referee could
//     not rule convicts nobody, and the buyer is refunded.
//   - A replica is clean when every one of its slots revealed and none is
//     at fault. Every other revealed trace not at fault is held against the
//     lowest clean replica's of its rank: a difference is a game (a game
//     convicting a sender of either side explains it; one convicting
//     nobody fails).
//   - A result stands when two clean replicas agree, or when the one clean
//     replica passed a spot check of each of its slots, and its workers
//     reveal the same weights. With nobody at
//     fault it is submitted (release after the challenge window); with
//     slots at fault it is resolved (release at once).
//   - No clean replica, or the deadline reached before a result stood: the
//     buyer is refunded; only the slots at fault are slashed.
//   - A slot whose worker never registered its network address is at
//     fault; the other slots of its replica, which could not run, are
//     excused: neither paid nor slashed.
//   - A replica whose run broke (a peer vanished): each worker that could
//     shows its part, a partial reveal of its trace up to the failure. It
//     is excused — never paid, never slashed, its stake returned — while
//     the slot that showed nothing (no commitment) is at fault. With no
//     clean replica, every whole trace revealed in a replica holding a
//     partial one is spot-checked before the refund, so that a worker claiming the run its
//     replica could not finish is slashed unless it shows it.
//   - Every slot that revealed a whole trace and is not at fault
//     delivered: it is paid when a result is released, its stake is
//     returned on a refund.
func (r Rules) Decide(in Intent, reports []SlotReport, disputes []Dispute, now time.Time) (Decision, error) {
	r = r.WithDefaults()
	c := commitsOf(reports)
	d, err := r.decide(in, c, reports, disputes, now)
	d.Next = r.next(in, c, disputes, now)
	return d, err
}

// commitsOf counts the commitments of a job's slots.
func commitsOf(reports []SlotReport) Commits {
	c := Commits{Slots: len(reports)}
	for _, s := range reports {
		if s.Commitment != nil {
			c.Committed++
			if s.CommittedAt.After(c.Last) {
				c.Last = s.CommittedAt
			}
		}
	}
	return c
}

func (r Rules) decide(in Intent, c Commits, reports []SlotReport, disputes []Dispute, now time.Time) (Decision, error) {
	d := Decision{Guilty: map[uint32]string{}, Excused: map[uint32]string{}}
	spec := in.Spec
	n := int(spec.Slots())
	if len(reports) != n {
		return d, fmt.Errorf("rulebook: %d slot reports for %d slots", len(reports), n)
	}
	if in.AssignedAt.IsZero() {
		d.Why = "the job is not assigned yet"
		return d, nil
	}
	late := !now.Before(in.Deadline)
	ph := r.Phases(in)
	if !ph.CommitOver(c, now) {
		d.Why = fmt.Sprintf("%d of %d slots committed; the others have until %s", c.Committed, n,
			ph.CommitBy.UTC().Format(time.RFC3339))
		return r.atDeadline(d, late), nil
	}
	commitEnd, revealEnd := ph.CommitEnd(c), ph.RevealEnd(c)
	// A replica holding a slot whose worker never registered its network
	// address could not run: that slot is at fault, and its replica's other
	// slots are excused for not committing.
	stranded := map[uint32]bool{}
	for _, s := range reports {
		if !s.Registered {
			stranded[s.Replica] = true
		}
	}
	revealed := 0
	for _, s := range reports {
		switch {
		case !s.Registered:
			d.Guilty[s.Slot] = "its worker had not registered a network address by the assignment: its replica could not run"
		case s.Commitment == nil && stranded[s.Replica]:
			d.Excused[s.Slot] = "a worker of its replica never registered: the replica could not run"
		case s.Commitment == nil:
			d.Guilty[s.Slot] = "did not commit by " + commitEnd.UTC().Format(time.RFC3339)
		case s.Reveal != nil:
			revealed++
		case !now.Before(revealEnd):
			d.Guilty[s.Slot] = "did not reveal by " + revealEnd.UTC().Format(time.RFC3339)
		}
	}
	if revealed+len(d.Guilty)+len(d.Excused) < n {
		d.Why = fmt.Sprintf("%d of %d committed slots revealed; the others have until %s", revealed, c.Committed,
			revealEnd.UTC().Format(time.RFC3339))
		return r.atDeadline(d, late), nil
	}
	for _, s := range reports {
		switch {
		case s.Reveal == nil:
		case s.Reveal.Partial:
			// Recorded as delivered it would be paid by a submitted result
			// (submitResult adds to the recorded mask); the arbiter's ruling
			// returns its stake instead.
			if _, bad := d.Guilty[s.Slot]; !bad {
				d.Excused[s.Slot] = fmt.Sprintf("its replica's run broke: it showed its trace up to the failure (%d leaves), no weights",
					s.Reveal.Leaves)
			}
		default:
			d.Revealed |= 1 << s.Slot
		}
	}

	// The games so far: convictions, failures, open games.
	var failed []string
	spotPassed := map[uint32]bool{}
	played := map[Match]Ruling{}
	for _, ds := range disputes {
		if ds.State != DisputeRuled {
			d.Why = fmt.Sprintf("game %d over slots %v is being played", ds.ID, ds.Slots)
			return r.atDeadline(d, late), nil
		}
		var ru Ruling
		if err := json.Unmarshal(ds.Ruling, &ru); err != nil {
			return d, fmt.Errorf("rulebook: ruling of game %d: %w", ds.ID, err)
		}
		if ru.Failed != "" {
			failed = append(failed, fmt.Sprintf("game %d: %s", ds.ID, ru.Failed))
			continue
		}
		for i, s := range ru.Guilty {
			why := fmt.Sprintf("convicted in game %d", ds.ID)
			if i < len(ru.Reasons) {
				why += ": " + ru.Reasons[i]
			}
			if _, ok := d.Guilty[s]; !ok {
				d.Guilty[s] = why
			}
		}
		switch len(ds.Slots) {
		case 1:
			// A spot check passes its slot unless it convicts it (it may
			// convict a sender whose message the slot's step used).
			if !slices.Contains(ru.Guilty, ds.Slots[0]) {
				spotPassed[ds.Slots[0]] = true
			}
		case 2:
			played[Match{Rank: ds.Rank, Slots: [2]uint32{ds.Slots[0], ds.Slots[1]}}] = ru
		}
	}
	if len(failed) > 0 {
		return d.refund("the referee could not rule (" + strings.Join(failed, "; ") + "): nobody is convicted without evidence"), nil
	}

	// The clean replicas, each with its slots in rank order.
	byReplica := make([][]SlotReport, spec.Replicas)
	for _, s := range reports {
		if int(s.Replica) < len(byReplica) {
			byReplica[s.Replica] = append(byReplica[s.Replica], s)
		}
	}
	var clean []int
	for rep, rs := range byReplica {
		slices.SortFunc(rs, func(a, b SlotReport) int { return int(a.Rank) - int(b.Rank) })
		ok := len(rs) == int(spec.Workers)
		for _, s := range rs {
			if _, bad := d.Guilty[s.Slot]; bad || s.Reveal == nil || s.Reveal.Partial {
				ok = false
				break
			}
		}
		if ok {
			clean = append(clean, rep)
		}
	}
	if len(clean) == 0 {
		// Whole traces beside broken runs claim what their replicas could
		// not finish: they face a spot check before the refund.
		broke := map[uint32]bool{}
		for _, s := range reports {
			if s.Reveal != nil && s.Reveal.Partial {
				broke[s.Replica] = true
			}
		}
		for _, s := range reports {
			if _, bad := d.Guilty[s.Slot]; !bad && broke[s.Replica] && s.Reveal != nil && !s.Reveal.Partial && !spotPassed[s.Slot] {
				d.Spot = append(d.Spot, s.Slot)
			}
		}
		if len(d.Spot) > 0 {
			d.Action, d.Why = SpotCheck, "no replica is clean: the whole traces revealed beside broken runs are spot-checked before the refund"
			return r.atDeadline(d, late), nil
		}
		return d.refund("no replica delivered a result untouched by fault"), nil
	}
	base := byReplica[clean[0]]
	// Every other revealed trace not at fault is held against the clean
	// base, rank by rank: the other clean replicas', and those of replicas
	// that did not complete, whose slots are paid only if they match (a
	// worker that reveals junk while its replica's run broke is no free
	// rider).
	for rep, rs := range byReplica {
		if rep == clean[0] {
			continue
		}
		for _, b := range rs {
			if _, bad := d.Guilty[b.Slot]; bad || b.Reveal == nil || b.Reveal.Partial || int(b.Rank) >= len(base) {
				continue // a partial trace delivers nothing: it is not paid, so not matched
			}
			a := base[b.Rank]
			if a.Reveal.TraceRoot == b.Reveal.TraceRoot {
				if a.Reveal.Weights != b.Reveal.Weights {
					// Equal roots commit to equal weights: a reveal's weights
					// open its trace's last leaf. This cannot be, and no game
					// can rule on it.
					return d.refund(fmt.Sprintf("slots %d and %d reveal equal roots but different weights", a.Slot, b.Slot)), nil
				}
				continue
			}
			m := matchOf(a, b)
			if ru, ok := played[m]; ok {
				if len(ru.Guilty) == 0 {
					// Ruled, convicting nobody, yet they differ: the game
					// failed, and no result can stand on it.
					return d.refund(fmt.Sprintf("slots %d and %d still differ after their game convicted nobody", a.Slot, b.Slot)), nil
				}
				continue // the difference is explained: a sender of theirs was convicted
			}
			d.Matches = append(d.Matches, m)
		}
	}
	if len(d.Matches) > 0 {
		d.Action, d.Why = Play, fmt.Sprintf("%d revealed traces differ from replica %d's", len(d.Matches), clean[0])
		return r.atDeadline(d, late), nil
	}
	// One clean replica stands alone: nothing is released unchecked.
	if len(clean) == 1 {
		for _, s := range base {
			if !spotPassed[s.Slot] {
				d.Spot = append(d.Spot, s.Slot)
			}
		}
		if len(d.Spot) > 0 {
			d.Action, d.Why = SpotCheck, fmt.Sprintf("replica %d stands alone: its slots are spot-checked before its result stands", clean[0])
			return r.atDeadline(d, late), nil
		}
	}
	if late {
		return d.refund("the deadline passed before a result was submitted"), nil
	}
	// Every worker of a replica ends with the same averaged weights, the
	// last leaf of its trace: workers whose weights differ have a liar among
	// them that no game named, so no result stands on them.
	for _, s := range base {
		if s.Reveal.Weights != base[0].Reveal.Weights {
			return d.refund(fmt.Sprintf("the workers of replica %d reveal different weights (slots %d and %d)",
				clean[0], base[0].Slot, s.Slot)), nil
		}
	}
	roots := make([]Hash, len(base))
	for i, s := range base {
		roots[i] = s.Reveal.TraceRoot
	}
	d.Result = Result{JobID: in.ID, Weights: Hash(base[0].Reveal.Weights), TraceRoot: ResultRoot(roots),
		DeliveredMask: d.delivered(), LosingMask: d.losing()}
	if len(d.Guilty) > 0 {
		d.Action, d.Why = Resolve, fmt.Sprintf("%d slots at fault; replica %d delivers", len(d.Guilty), clean[0])
	} else {
		d.Action, d.Why = Submit, fmt.Sprintf("%d clean replicas agree", len(clean))
		if len(clean) == 1 {
			d.Why = "the replica passed its spot checks"
		}
	}
	return d, nil
}

// matchOf is the game between two slots of one rank, the lower replica's
// first.
func matchOf(a, b SlotReport) Match {
	if b.Replica < a.Replica {
		a, b = b, a
	}
	return Match{Rank: a.Rank, Slots: [2]uint32{a.Slot, b.Slot}}
}

// atDeadline turns a decision that waits for more into a refund once the
// deadline has passed: every game ends by then.
func (r Rules) atDeadline(d Decision, late bool) Decision {
	if !late {
		return d
	}
	return d.refund("the deadline passed while " + d.Why)
}

// refund makes d a Resolve that refunds the buyer: only the slots at fault
// are slashed, every other stake is returned.
func (d Decision) refund(why string) Decision {
	d.Action, d.Matches, d.Spot = Resolve, nil, nil
	d.Result = Result{LosingMask: d.losing()}
	d.Why = why + ": the buyer is refunded"
	if len(d.Guilty) > 0 {
		d.Why += fmt.Sprintf(", the %d slots at fault slashed", len(d.Guilty))
	}
	return d
}

// delivered is the mask of the slots that revealed a whole trace and are
// not at fault.
func (d Decision) delivered() uint64 { return d.Revealed &^ d.losing() }

func (d Decision) losing() uint64 {
	var m uint64
	for s := range d.Guilty {
		m |= 1 << s
	}
	return m
}

// GuiltySlots lists the slots at fault in order.
func (d Decision) GuiltySlots() []uint32 {
	out := make([]uint32, 0, len(d.Guilty))
	for s := range d.Guilty {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
