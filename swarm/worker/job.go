package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/cenkalti/backoff/v5"

	"github.com/axl-market/axl/api/client"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/swarm/train"
)

// Phase is where a job stands for this worker.
type Phase string

// The phases of a job, in order; Failed and Done end it.
const (
	PhaseClaimed   Phase = "claimed"   // a slot is reserved; the stake is not posted
	PhaseStaked    Phase = "staked"    // the stake is posted; waiting for the assignment
	PhaseTraining  Phase = "training"  // assigned and training
	PhaseTrained   Phase = "trained"   // the run ended: weights and trace on disk, salt drawn
	PhaseUploaded  Phase = "uploaded"  // the weights are an artifact on the server
	PhaseCommitted Phase = "committed" // the commitment is posted
	PhaseRevealed  Phase = "revealed"  // the reveal is accepted: answering challenges
	PhaseDone      Phase = "done"      // nothing more to do
	PhaseFailed    Phase = "failed"    // given up, for the reason in Error
)

// JobState is what the worker keeps of a job, in DataDir/jobs/<id>/state.json.
type JobState struct {
	JobID    string     `json:"job_id"`
	Phase    Phase      `json:"phase"`
	Claim    wire.Claim `json:"claim"`
	Slot     uint32     `json:"slot"`
	Replica  uint32     `json:"replica"`
	Rank     uint32     `json:"rank"`
	Deadline string     `json:"deadline,omitempty"`
	// The delivery: trace root, salt and leaves (0x hex), the weights'
	// artifact id and the commitment.
	TraceRoot string `json:"trace_root,omitempty"`
	Salt      string `json:"salt,omitempty"`
	Leaves    int    `json:"leaves,omitempty"`
	// FinalProof proves the trace's last leaf (the weights) under its root.
	FinalProof []string `json:"final_proof,omitempty"`
	Weights    string   `json:"weights,omitempty"`
	Commitment string   `json:"commitment,omitempty"`
	// Broken says why a peer broke the run: the worker delivers its trace
	// up to the failure as a partial reveal, with no weights.
	Broken    string `json:"broken,omitempty"`
	Error     string `json:"error,omitempty"`
	UpdatedAt string `json:"updated_at"`
}

// jobDir is where a job's state and outputs live.
func (w *Worker) jobDir(id string) string { return filepath.Join(w.cfg.DataDir, "jobs", id) }

// save writes the job's state atomically.
func (w *Worker) save(st *JobState) {
	st.UpdatedAt = w.clock.Now().UTC().Format(time.RFC3339Nano)
	if err := os.MkdirAll(w.jobDir(st.JobID), 0o700); err == nil {
		err = writeJSON(filepath.Join(w.jobDir(st.JobID), "state.json"), st)
		if err == nil {
			return
		}
		w.log.Error("cannot save the job's state", "job", st.JobID, "err", err)
	} else {
		w.log.Error("cannot save the job's state", "job", st.JobID, "err", err)
	}
}

// States returns the jobs a worker with this data dir has kept.
func States(dataDir string) ([]JobState, error) {
	entries, err := os.ReadDir(filepath.Join(dataDir, "jobs"))
	if err != nil {
		return nil, err
	}
	var out []JobState
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dataDir, "jobs", e.Name(), "state.json"))
		if err != nil {
			continue
		}
		var st JobState
		if err := json.Unmarshal(b, &st); err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		out = append(out, st)
	}
	return out, nil
}

// fail ends a job with a reason.
func (w *Worker) fail(log *slog.Logger, st *JobState, msg string, err error) {
	st.Phase, st.Error = PhaseFailed, msg
	if err != nil {
		st.Error += ": " + err.Error()
	}
	w.save(st)
	log.Error("job failed: "+msg+"; going on with the next job", "err", err)
}

// resume continues the jobs a previous run of the worker left unfinished.
func (w *Worker) resume(ctx context.Context) {
	states, err := States(w.cfg.DataDir)
	if err != nil {
		w.log.Warn("cannot read the jobs a previous run left", "err", err)
		return
	}
	for i := range states {
		st := &states[i]
		log := w.log.With("job", st.JobID, "slot", st.Slot)
		switch st.Phase {
		case PhaseDone, PhaseFailed:
		case PhaseClaimed, PhaseStaked:
			log.Info("resuming a job claimed before a restart", "phase", st.Phase)
			w.pursue(ctx, log, st)
		case PhaseTraining:
			w.fail(log, st, "the run was interrupted by a restart; its peers cannot wait for this worker", nil)
		default:
			log.Info("resuming the delivery of a finished run", "phase", st.Phase)
			w.deliver(ctx, log, st)
		}
	}
}

// work takes a claimed slot through the job.
func (w *Worker) work(ctx context.Context, j wire.Job, cl wire.Claim) {
	st := &JobState{JobID: j.ID, Phase: PhaseClaimed, Claim: cl, Slot: cl.Slot, Deadline: j.Deadline}
	w.save(st)
	w.pursue(ctx, w.log.With("job", j.ID, "slot", cl.Slot), st)
}

// pursue stakes a claimed slot, waits for the assignment, trains and
// delivers.
func (w *Worker) pursue(ctx context.Context, log *slog.Logger, st *JobState) {
	if st.Phase == PhaseClaimed {
		log.Info("signing the permit and the stake binding, and posting the stake")
		s, err := w.api.Stake(ctx, st.JobID, st.Claim)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			w.fail(log, st, "the stake was refused", err)
			return
		}
		st.Phase = PhaseStaked
		w.save(st)
		log.Info("stake posted: the server relays it", "transaction", s.Transaction.Status)
	}
	a, err := w.awaitAssignment(ctx, log, st)
	if err != nil {
		if ctx.Err() == nil {
			w.fail(log, st, "no assignment", err)
		}
		return
	}
	st.Phase, st.Replica, st.Rank, st.Deadline = PhaseTraining, a.Replica, a.Rank, a.Deadline
	w.save(st)
	log = log.With("replica", a.Replica, "rank", a.Rank)
	out, err := w.train(ctx, log, a)
	if err == nil && out.broken != nil {
		log.Warn("a peer broke the run: this worker shows its part, its trace up to the failure (a partial reveal, "+
			"neither paid nor slashed)", "why", out.broken, "steps", out.steps, "trace_leaves", len(out.trace))
	}
	if err != nil {
		if ctx.Err() != nil {
			w.fail(log, st, "the run was stopped (the worker was asked to stop)", nil)
			return
		}
		w.fail(log, st, "the run failed", err)
		return
	}
	if err := w.finish(st, out); err != nil {
		w.fail(log, st, "cannot keep the run's outputs", err)
		return
	}
	w.deliver(ctx, log, st)
}

// awaitAssignment polls GET /jobs/{id}/assignment until the job is
// assigned: a 404 while the stake is not on chain yet, a 409 while other
// slots are not staked. It gives up when the claim expired without the
// stake being confirmed, or at the job's deadline.
func (w *Worker) awaitAssignment(ctx context.Context, log *slog.Logger, st *JobState) (wire.Assignment, error) {
	expires, _ := time.Parse(time.RFC3339, st.Claim.ExpiresAt)
	deadline, _ := time.Parse(time.RFC3339, st.Deadline)
	wait := &waitReason{log: log, what: "waiting for the assignment"}
	why := ""
	a, err := retryUntil(ctx, w, deadline, phaseWait, func() (wire.Assignment, error) {
		a, err := w.api.Assignment(ctx, st.JobID)
		why = ""
		switch {
		case err == nil:
			return a, nil
		case client.IsNotFound(err):
			if !expires.IsZero() && w.clock.Now().After(expires.Add(time.Minute)) {
				return a, backoff.Permanent(fmt.Errorf("the stake was not confirmed before the claim expired at %s: %w",
					st.Claim.ExpiresAt, err))
			}
			why = "the stake is not confirmed on chain yet"
		case client.IsConflict(err):
			why = "the job is not assigned yet: " + detail(err)
		case client.StatusOf(err) >= 400 && client.StatusOf(err) < 500:
			return a, backoff.Permanent(err)
		default:
			why = "the server does not answer: " + err.Error()
		}
		return a, err
	}, func(_ error, next time.Duration) { wait.note(why, next) })
	if err != nil {
		if ctx.Err() == nil && why != "" {
			return a, deadlineError(st.Deadline, why, err)
		}
		return a, err
	}
	log.Info("assigned", "replica", a.Replica, "rank", a.Rank, "workers", a.Workers, "replicas", a.Replicas,
		"steps", a.Steps, "peers", len(a.Peers))
	return a, nil
}

// specOf is the job's spec as the assignment gives it.
func specOf(a wire.Assignment) (market.Spec, error) {
	var s market.Spec
	var err error
	if s.BaseModel, err = market.ParseArtifactID(a.BaseModel.ID); err != nil {
		return s, err
	}
	if s.Dataset, err = market.ParseArtifactID(a.Dataset.ID); err != nil {
		return s, err
	}
	if s.Seed, err = strconv.ParseUint(a.Seed, 10, 64); err != nil {
		return s, fmt.Errorf("seed %q: %w", a.Seed, err)
	}
	if a.Tokenizer != nil {
		if s.Tokenizer, err = market.ParseArtifactID(a.Tokenizer.ID); err != nil {
			return s, fmt.Errorf("tokenizer: %w", err)
		}
	}
	s.Format = market.DatasetFormat(a.DatasetFormat)
	if a.Tokens != nil {
		if s.Tokens.Hash, err = market.ParseHash(a.Tokens.Hash); err != nil {
			return s, fmt.Errorf("tokens: %w", err)
		}
		s.Tokens.Count = a.Tokens.Count
	}
	if s.Method, s.LoRA, err = client.ParseLoRA(a.LoRASettings); err != nil {
		return s, err
	}
	h := a.Hyperparameters
	s.Steps, s.Workers, s.Replicas = a.Steps, a.Workers, a.Replicas
	s.Hyperparameters = market.Hyperparameters{LearningRate: h.LearningRate, WeightDecay: h.WeightDecay, BatchSize: h.BatchSize,
		SeqLen: h.SeqLen, WarmupSteps: h.WarmupSteps, InnerSteps: h.InnerSteps}
	return s, nil
}

// fetch returns the bytes of an input artifact, downloaded once into
// DataDir/artifacts and checked against its sha256 each time.
func (w *Worker) fetch(ctx context.Context, log *slog.Logger, ref wire.ArtifactRef) ([]byte, error) {
	want, err := client.ParseArtifactHash(ref.ID)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(w.cfg.DataDir, "artifacts", want)
	if got, err := fileSHA256(path); err == nil && got == want {
		return os.ReadFile(path)
	}
	log.Info("downloading an input", "artifact", ref.ID)
	if _, err := w.api.DownloadArtifact(ctx, ref.ID, path); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
}

// missingRoute reports a 404 of the router (not of a handler): an endpoint
// the server does not have.
func missingRoute(err error) bool {
	var e *client.Error
	return errors.As(err, &e) && e.Status == 404 && strings.HasPrefix(e.Detail, "no route ")
}

// dataset fetches the job's dataset (and its tokenizer) and builds the
// token stream the plan names, refusing one that differs from it.
func (w *Worker) dataset(ctx context.Context, log *slog.Logger, a wire.Assignment, plan jobplan.Plan) (*train.Dataset, error) {
	data, err := w.fetch(ctx, log, a.Dataset)
	if err != nil {
		return nil, fmt.Errorf("dataset: %w", err)
	}
	var tok []byte
	if a.Tokenizer != nil {
		if tok, err = w.fetch(ctx, log, *a.Tokenizer); err != nil {
			return nil, fmt.Errorf("tokenizer: %w", err)
		}
	}
	return plan.Dataset(data, tok)
}
