package market

import (
	"context"
	"encoding/json"
	"math"
	"time"
)

// RunStore is what the run use cases read and write: the job, its
// intent and chain events (Ledger), the slots' reports (Verification) and
// the artifacts (Store); market/postgres implements it.
type RunStore interface {
	Job(ctx context.Context, id Hash) (Job, error)
	IntentByID(ctx context.Context, id Hash) (Intent, error)
	ChainEventsOf(ctx context.Context, intentID Hash) ([]ChainEvent, error)
	Artifact(ctx context.Context, id ArtifactID, viewer Address) (Artifact, error)
	RecordProgress(ctx context.Context, jobID Hash, worker Address, p Progress) (SlotReport, error)
	Commit(ctx context.Context, jobID Hash, worker Address, commitment Hash, now time.Time, rules Rules) (committed int, err error)
	StoreReveal(ctx context.Context, jobID Hash, worker Address, r Reveal, now time.Time, rules Rules) (SlotReport, error)
	SlotReports(ctx context.Context, jobID Hash) ([]SlotReport, error)
	OpenChallenges(ctx context.Context, jobID Hash, slot uint32, now time.Time) ([]Challenge, error)
	AnswerChallenge(ctx context.Context, jobID Hash, id int64, worker Address, answer json.RawMessage, now time.Time) error
}

// viewOf reads what the applied chain events say of intent id.
func viewOf(ctx context.Context, s interface {
	ChainEventsOf(ctx context.Context, intentID Hash) ([]ChainEvent, error)
}, id Hash) (ChainView, error) {
	events, err := s.ChainEventsOf(ctx, id)
	if err != nil {
		return ChainView{}, err
	}
	return ReadChain(events)
}

// Runs is the workers' side of a job's run, from its progress to the
// referee's questions, and the buyer's delivery of its result.
type Runs struct {
	Store RunStore
	// Deliveries checks that a reveal's weights open its trace; nil
	// refuses reveals as unavailable.
	Deliveries DeliveryCheck
	Clock      Clock
	Rules      Rules
}

// MaxTraceDepth is the depth of the deepest trace tree: a final proof
// holds at most this many hashes.
const MaxTraceDepth = 64

// CheckValues fails unless p's losses and throughput are finite numbers
// at least zero.
func (p Progress) CheckValues() error {
	for _, f := range []struct {
		x    float64
		what string
	}{{p.Loss, "loss"}, {p.ValidationLoss, "validation_loss"}, {p.TokensPerSecond, "tokens_per_second"}} {
		if math.IsNaN(f.x) || math.IsInf(f.x, 0) || f.x < 0 {
			return Errorf(KindInvalid, "%s must be a finite number at least 0", f.what)
		}
	}
	return nil
}

// CheckStep fails unless p's step is within job's steps.
func (p Progress) CheckStep(job Job) error {
	if p.Step > job.Steps {
		return Errorf(KindInvalid, "step %d is beyond the job's %d steps", p.Step, job.Steps)
	}
	return nil
}

// FinalValidationLoss returns the validation loss of the weights a result
// delivers, as the slots that delivered them reported it after their run
// (the last report of a slot whose reveal delivers weights, at step
// steps): only when there is one such slot at least and all of them say
// the same bits, since honest workers that hold the same weights measure
// the same loss. It is the workers' word, not verified: a buyer who wants
// certainty measures the delivered weights itself.
func FinalValidationLoss(reports []SlotReport, weights Hash, steps uint32) (float64, bool) {
	var loss float64
	n := 0
	for _, r := range reports {
		if r.Reveal == nil || r.Reveal.Partial || Hash(r.Reveal.Weights) != weights {
			continue
		}
		if r.Progress == nil || r.Progress.Step != steps || n > 0 && r.Progress.ValidationLoss != loss {
			return 0, false
		}
		loss, n = r.Progress.ValidationLoss, n+1
	}
	return loss, n > 0
}

// Progress records worker's report p on its slot of job id (appended to
// the intent's event log by the store), stamped with the time.
func (s *Runs) Progress(ctx context.Context, id Hash, worker Address, p Progress) error {
	if err := p.CheckValues(); err != nil {
		return err
	}
	job, err := s.Store.Job(ctx, id)
	if err != nil {
		return err
	}
	if err := p.CheckStep(job); err != nil {
		return err
	}
	p.At = s.Clock.Now().UTC()
	_, err = s.Store.RecordProgress(ctx, id, worker, p)
	return err
}

// Commit stores worker's commitment c on its slot of job id and returns
// how many of the job's slots have committed, and of how many.
func (s *Runs) Commit(ctx context.Context, id Hash, worker Address, c Hash) (committed int, slots uint32, err error) {
	job, err := s.Store.Job(ctx, id)
	if err != nil {
		return 0, 0, err
	}
	n, err := s.Store.Commit(ctx, id, worker, c, s.Clock.Now().UTC(), s.Rules)
	return n, job.Slots, err
}

// signerSlot returns worker's confirmed slot among job id's reports.
func (s *Runs) signerSlot(ctx context.Context, id Hash, worker Address) (SlotReport, error) {
	reports, err := s.Store.SlotReports(ctx, id)
	if err != nil {
		return SlotReport{}, err
	}
	for _, sl := range reports {
		if sl.Worker == worker && sl.State == SlotConfirmed {
			return sl, nil
		}
	}
	return SlotReport{}, Errorf(KindNotFound, "the signer has no staked slot in job %s", id)
}

// CheckForm fails unless r, with finalProof, is a well-formed reveal: at
// least one leaf, a proof no deeper than a trace tree, and a partial
// reveal delivers neither weights nor proof.
func (r Reveal) CheckForm(finalProof []Hash) error {
	switch {
	case r.Partial && (r.Weights != ArtifactID{} || len(finalProof) > 0):
		return Errorf(KindInvalid, "a partial reveal delivers no weights: leave weights and final_proof out")
	case r.Leaves == 0:
		return Errorf(KindInvalid, "leaves must be at least 1")
	case len(finalProof) > MaxTraceDepth:
		return Errorf(KindInvalid, "final_proof has %d hashes; a trace tree is at most %d deep", len(finalProof), MaxTraceDepth)
	}
	return nil
}

// CheckOpens fails unless r opens the commitment of worker's slot of job.
func (r Reveal) CheckOpens(slot SlotReport, job Hash, worker Address) error {
	if slot.Commitment == nil {
		return Errorf(KindConflict, "slot %d did not commit: it has nothing to reveal", slot.Slot)
	}
	if !r.Opens(*slot.Commitment, job, worker) {
		return Errorf(KindInvalid, "trace_root and salt do not open the commitment %s of slot %d", slot.Commitment, slot.Slot)
	}
	return nil
}

// Reveal opens worker's commitment on its slot of job id with r: the
// weights (unless partial) must be a model the worker uploaded that opens
// the trace's last leaf by finalProof. It returns the slot's report.
func (s *Runs) Reveal(ctx context.Context, id Hash, worker Address, r Reveal, finalProof []Hash) (SlotReport, error) {
	if err := r.CheckForm(finalProof); err != nil {
		return SlotReport{}, err
	}
	mine, err := s.signerSlot(ctx, id, worker)
	if err != nil {
		return SlotReport{}, err
	}
	if err := r.CheckOpens(mine, id, worker); err != nil {
		return SlotReport{}, err
	}
	if !r.Partial {
		a, err := s.Store.Artifact(ctx, r.Weights, worker)
		if err == nil && (a.Owner != worker || a.Kind != ArtifactModel) {
			err = Errorf(KindNotFound, "not the signer's model")
		}
		if ErrorKind(err) == KindNotFound {
			err = Errorf(KindInvalid, "weights %s is not a model artifact the signer uploaded", r.Weights)
		}
		if err != nil {
			return SlotReport{}, err
		}
	}
	if s.Deliveries == nil {
		return SlotReport{}, Errorf(KindUnavailable, "this server checks no deliveries: it takes no reveals")
	}
	in, err := s.Store.IntentByID(ctx, id)
	if err != nil {
		return SlotReport{}, err
	}
	if err := s.Deliveries.CheckDelivery(ctx, in, mine, r, finalProof); err != nil {
		return SlotReport{}, err
	}
	return s.Store.StoreReveal(ctx, id, worker, r, s.Clock.Now().UTC(), s.Rules)
}

// Challenges returns the referee's open questions to worker's slot of job
// id, and whether the intent is final (no question will come).
func (s *Runs) Challenges(ctx context.Context, id Hash, worker Address) ([]Challenge, bool, error) {
	mine, err := s.signerSlot(ctx, id, worker)
	if err != nil {
		return nil, false, err
	}
	open, err := s.Store.OpenChallenges(ctx, id, mine.Slot, s.Clock.Now())
	if err != nil {
		return nil, false, err
	}
	in, err := s.Store.IntentByID(ctx, id)
	if err != nil {
		return nil, false, err
	}
	return open, in.State.Final(), nil
}

// Answer stores worker's answer to question cid of job id before its
// deadline; the answer is any JSON value but null.
func (s *Runs) Answer(ctx context.Context, id Hash, cid int64, worker Address, answer json.RawMessage) error {
	if len(answer) == 0 || string(answer) == "null" {
		return Errorf(KindInvalid, "answer is required")
	}
	return s.Store.AnswerChallenge(ctx, id, cid, worker, answer, s.Clock.Now().UTC())
}

// ReleasedWeights returns the weights the chain released for intent id,
// for its buyer only (KindForbidden for anyone else), once released
// (KindConflict before).
func (s *Runs) ReleasedWeights(ctx context.Context, id Hash, buyer Address) (ArtifactID, error) {
	in, err := s.Store.IntentByID(ctx, id)
	if err != nil {
		return ArtifactID{}, err
	}
	if in.Buyer != buyer {
		return ArtifactID{}, Errorf(KindForbidden, "only the buyer of intent %s may download its weights", id)
	}
	view, err := viewOf(ctx, s.Store, id)
	if err != nil {
		return ArtifactID{}, err
	}
	if !view.Released {
		return ArtifactID{}, Errorf(KindConflict, "intent %s is %s: its weights are delivered once the chain released them", id, in.State)
	}
	return ArtifactID(view.ReleasedWeights), nil
}
