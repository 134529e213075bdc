package market

import (
	"context"
	"encoding/json"
	"time"
)

// Progress is a worker's latest report on its run.
type Progress struct {
	Step uint32
	// Loss is the training loss of the last inner step.
	Loss float64
	// ValidationLoss is the loss of the worker's weights on the job's
	// held-out validation sequences: at an outer step, or, in the report
	// that follows the run, of the weights it delivers. Like Loss, it is
	// the worker's word, not verified.
	ValidationLoss  float64
	TokensPerSecond float64
	At              time.Time
}

// Reveal opens a slot's commitment: the root of its trace tree, the salt,
// the number of leaves, and the weights it delivers (an uploaded model
// artifact).
//
// A partial reveal opens the trace of a run that broke: its replica's run
// failed (a peer vanished or sent what no run can use), and the worker
// shows its trace up to the failure, a prefix of the whole run's, with no
// weights. It delivers nothing, so it is never paid; it showed its part, so
// it is not at fault (DESIGN §7, the README's slashing rule).
type Reveal struct {
	TraceRoot Hash
	Salt      Hash
	Leaves    uint32
	Weights   ArtifactID // zero for a partial reveal
	Partial   bool
}

// SlotReport is everything a slot said about its run: where it was placed,
// its progress, its commitment and its reveal.
type SlotReport struct {
	Slot   uint32
	Worker Address
	// Registered says whether the slot's worker registered its network
	// address (POST /workers) before the job was assigned: without it, its
	// replica's peers cannot reach it, and the replica cannot run.
	Registered bool
	State      SlotState
	Replica    uint32 // meaningful once the job is assigned
	Rank       uint32
	Progress   *Progress
	Commitment *Hash
	Reveal     *Reveal
	// CommittedAt and RevealedAt are zero until it did.
	CommittedAt, RevealedAt time.Time
}

// Challenge is one question of the referee to a slot's worker, with the
// deadline of its answer. The market does not read questions or answers:
// the verification game does.
type Challenge struct {
	ID         int64
	JobID      Hash
	Slot       uint32
	Kind       string
	Args       json.RawMessage
	Answer     json.RawMessage // nil until answered
	Deadline   time.Time
	CreatedAt  time.Time
	AnsweredAt time.Time // zero until answered
}

// DisputeState is where a dispute is.
type DisputeState string

// The dispute states.
const (
	DisputeOpen  DisputeState = "open"
	DisputeRuled DisputeState = "ruled"
)

// Dispute is the referee's game between the slots of one rank in two
// replicas, and its transcript: enough for anyone to re-check the ruling.
type Dispute struct {
	ID         int64
	JobID      Hash
	Rank       uint32
	Slots      []uint32 // the slots it opposes, in replica order
	State      DisputeState
	Transcript json.RawMessage
	Ruling     json.RawMessage // nil while open
	CreatedAt  time.Time
	RuledAt    time.Time
	// Attempts counts the referee's failed tries at the game, LastError
	// says why the latest failed and FailedAt when (zero before any).
	Attempts  int
	LastError string
	FailedAt  time.Time
}

// Result is the outcome the server sent to the chain: the weights and trace
// root it stands by, the slots that delivered them and the slots slashed.
type Result struct {
	JobID         Hash
	Weights       Hash // sha256 of the safetensors file: the artifact id
	TraceRoot     Hash
	DeliveredMask uint64
	LosingMask    uint64
	DecidedAt     time.Time
}

// DeliveryCheck checks, at the reveal, that the weights a slot delivers
// are what its trace commits to: the canonical model file whose weights
// open the trace's last leaf (proved by finalProof), at the leaf count of
// the slot's place in the job. So equal roots deliver equal weights, and
// a root committed before the weights existed cannot be revealed with
// them. A partial reveal is checked for its shape alone (fewer leaves than
// the whole run's, no weights). A delivery that fails is KindInvalid,
// saying why.
type DeliveryCheck interface {
	CheckDelivery(ctx context.Context, in Intent, slot SlotReport, r Reveal, finalProof []Hash) error
}

// Verification is the persistence of what happens between assignment and
// release: progress, commitments and reveals, the referee's challenges,
// disputes and the decided result.
type Verification interface {
	// RecordProgress stores a confirmed slot's latest progress and appends a
	// "progress" event to the intent's log. It refuses a worker without a
	// confirmed slot in the job (KindNotFound) and a job that is not running
	// (KindConflict).
	RecordProgress(ctx context.Context, jobID Hash, worker Address, p Progress) (SlotReport, error)
	// Commit stores a slot's commitment once; the same again is no error,
	// another one, one that another slot of the job committed, or one after
	// the commit phase (Phases.CheckCommit of rules) is KindConflict. It
	// returns how many slots have committed.
	Commit(ctx context.Context, jobID Hash, worker Address, commitment Hash, now time.Time, rules Rules) (committed int, err error)
	// StoreReveal stores a slot's checked reveal once (the same again is no
	// error) and appends a "revealed" event. The caller checks that it opens
	// the commitment; the store refuses it while the commit phase lasts
	// (Phases.CheckReveal of rules: KindConflict).
	StoreReveal(ctx context.Context, jobID Hash, worker Address, r Reveal, now time.Time, rules Rules) (SlotReport, error)
	// SlotReports lists a job's slots with their reports, in slot order.
	SlotReports(ctx context.Context, jobID Hash) ([]SlotReport, error)

	// Ask stores a question to a slot, or returns the one stored for the
	// same (job, slot, kind, args), answered or not.
	Ask(ctx context.Context, c Challenge) (Challenge, error)
	// Challenge returns a question by id.
	Challenge(ctx context.Context, id int64) (Challenge, error)
	// OpenChallenges lists a slot's unanswered questions whose deadline is
	// after now, oldest first.
	OpenChallenges(ctx context.Context, jobID Hash, slot uint32, now time.Time) ([]Challenge, error)
	// AnswerChallenge stores a slot's answer before the deadline; a late or
	// second answer is KindConflict.
	AnswerChallenge(ctx context.Context, jobID Hash, id int64, worker Address, answer json.RawMessage, now time.Time) error

	// SaveDispute creates a dispute (ID zero) or updates it.
	SaveDispute(ctx context.Context, d Dispute) (Dispute, error)
	// Disputes lists a job's disputes, oldest first.
	Disputes(ctx context.Context, jobID Hash) ([]Dispute, error)

	// SaveResult records the decided result once; another one is KindConflict.
	SaveResult(ctx context.Context, r Result) error
	// Result returns a job's decided result.
	Result(ctx context.Context, jobID Hash) (Result, error)
}
