package worker

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/axl-market/axl/api/client"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/noloco"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/verde"
)

func hex0x(b []byte) string { return "0x" + hex.EncodeToString(b) }

// finish keeps a finished run's outputs: the weights (model.Encode) and the
// trace on disk, the trace root and a fresh salt in the job's state, all
// before anything is sent, so that a restart can deliver them.
//
// A broken run keeps its partial trace alone: there are no weights to
// upload, so it goes on from PhaseUploaded.
func (w *Worker) finish(st *JobState, out *runOutput) error {
	weights, trace := w.outputPaths(st.JobID)
	if out.broken == nil {
		if err := writeFile(weights, 0o600, func(f io.Writer) error { return model.Encode(f, out.model) }); err != nil {
			return err
		}
		if out.adapter != nil {
			if err := model.SaveAdapter(w.adapterDir(st.JobID), out.adapter, out.base); err != nil {
				return fmt.Errorf("keeping the adapter: %w", err)
			}
		}
	}
	if err := writeFile(trace, 0o600, func(f io.Writer) error { return noloco.WriteTrace(f, out.trace) }); err != nil {
		return err
	}
	tree, err := verde.TraceTree(out.trace)
	if err != nil {
		return err
	}
	root := tree.Root()
	salt, err := verde.NewSalt()
	if err != nil {
		return err
	}
	st.TraceRoot, st.Salt, st.Leaves = hex0x(root[:]), hex0x(salt[:]), len(out.trace)
	if out.broken != nil {
		st.Phase, st.Broken = PhaseUploaded, out.broken.Error()
		w.save(st)
		return nil
	}
	proof, err := tree.Proof(tree.Len() - 1)
	if err != nil {
		return err
	}
	st.FinalProof = make([]string, len(proof))
	for i, h := range proof {
		st.FinalProof[i] = hex0x(h[:])
	}
	st.Phase = PhaseTrained
	w.save(st)
	return nil
}

// deliver uploads the weights, commits to the trace root, reveals it once
// every slot has committed, then answers challenges in the background.
func (w *Worker) deliver(ctx context.Context, log *slog.Logger, st *JobState) {
	weightsPath, _ := w.outputPaths(st.JobID)
	if st.Phase == PhaseTrained {
		sum, err := fileSHA256(weightsPath)
		if err != nil {
			w.fail(log, st, "the weights file is unreadable", err)
			return
		}
		var a struct{ ID string }
		err = w.retry(ctx, log, "uploading the weights", func() error {
			art, err := w.api.UploadArtifactFile(ctx, "application/vnd.safetensors", weightsPath)
			a.ID = art.ID
			return err
		})
		if err != nil {
			w.stopOrFail(ctx, log, st, "the weights upload failed", err)
			return
		}
		if a.ID != "sha256:"+sum {
			w.fail(log, st, fmt.Sprintf("the server stored the weights as %s, their sha256 is %s", a.ID, sum), nil)
			return
		}
		st.Phase, st.Weights = PhaseUploaded, a.ID
		w.save(st)
		log.Info("weights uploaded", "weights", a.ID, "trace_root", st.TraceRoot, "leaves", st.Leaves)
	}
	if st.Phase == PhaseUploaded {
		c, err := w.commitment(st)
		if err != nil {
			w.fail(log, st, "cannot make the commitment", err)
			return
		}
		if w.cfg.Commitment != nil {
			own := c
			if c, err = w.cfg.Commitment(ctx, st.JobID, own); err != nil {
				w.stopOrFail(ctx, log, st, "the copier found no commitment to copy", err)
				return
			}
			log.Warn("this worker cheats: it posts another commitment than its own", "own", own, "posted", c)
		}
		var res wire.Commitments
		err = w.retry(ctx, log, "committing to the trace root", func() error {
			res, err = w.api.Commit(ctx, st.JobID, c)
			return err
		})
		if missingRoute(err) {
			log.Warn("the server takes no commitments yet: the delivery waits here (weights uploaded, trace root kept); a restart resumes it",
				"trace_root", st.TraceRoot, "weights", st.Weights)
			return
		}
		if err != nil {
			w.stopOrFail(ctx, log, st, "the commitment was refused", err)
			return
		}
		st.Phase, st.Commitment = PhaseCommitted, c
		w.save(st)
		log.Info("committed to the trace root", "commitment", c, "committed", res.Committed, "slots", res.Slots)
	}
	if st.Phase == PhaseCommitted {
		if err := w.reveal(ctx, log, st); err != nil {
			w.stopOrFail(ctx, log, st, "the reveal failed", err)
			return
		}
		if st.Broken != "" {
			// A partial trace is never matched nor spot-checked: no question
			// will come.
			st.Phase = PhaseDone
			w.save(st)
			log.Info("revealed the trace of the broken run up to the failure (partial): the job is over for this slot",
				"trace_root", st.TraceRoot, "leaves", st.Leaves)
			return
		}
		st.Phase = PhaseRevealed
		w.save(st)
		log.Info("revealed the trace root and the weights", "trace_root", st.TraceRoot, "weights", st.Weights)
	}
	if st.Phase == PhaseRevealed {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			w.answerChallenges(ctx, log, st)
		}()
	}
}

// stopOrFail fails the job unless the worker is stopping (then the state
// stays, for a restart to resume).
func (w *Worker) stopOrFail(ctx context.Context, log *slog.Logger, st *JobState, msg string, err error) {
	if ctx.Err() != nil {
		log.Info("stopping in the middle of the delivery; a restart resumes it", "phase", st.Phase)
		return
	}
	w.fail(log, st, msg, err)
}

// commitment computes the job's commitment from the state.
func (w *Worker) commitment(st *JobState) (string, error) {
	job, err := market.ParseHash(st.JobID)
	if err != nil {
		return "", err
	}
	root, err := parse32(st.TraceRoot)
	if err != nil {
		return "", err
	}
	salt, err := parse32(st.Salt)
	if err != nil {
		return "", err
	}
	c := verde.Commitment(job, w.api.Address(), root, salt)
	return hex0x(c[:]), nil
}

func parse32(s string) ([32]byte, error) {
	var out [32]byte
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil || len(b) != 32 {
		return out, fmt.Errorf("%q is not 32 bytes of hex", s)
	}
	copy(out[:], b)
	return out, nil
}

// reveal posts the reveal until every slot has committed (409 until then),
// or the job's deadline passes.
func (w *Worker) reveal(ctx context.Context, log *slog.Logger, st *JobState) error {
	r := wire.RevealRequest{TraceRoot: st.TraceRoot, Salt: st.Salt, Leaves: uint32(st.Leaves), Weights: st.Weights,
		FinalProof: st.FinalProof, Partial: st.Broken != ""}
	deadline, _ := time.Parse(time.RFC3339, st.Deadline)
	wait := &waitReason{log: log, what: "waiting to reveal"}
	_, err := retryUntil(ctx, w, deadline, phaseWait, func() (struct{}, error) {
		_, err := w.api.Reveal(ctx, st.JobID, r)
		if client.IsConflict(err) { // reveals are not open yet
			return struct{}{}, err
		}
		return struct{}{}, unlessServerFailed(err)
	}, func(err error, next time.Duration) {
		if client.IsConflict(err) {
			wait.note(detail(err), next)
		} else {
			log.Warn("revealing: the server failed; retrying", "in", next.Round(time.Millisecond), "err", err)
		}
	})
	if client.IsConflict(err) && ctx.Err() == nil {
		return fmt.Errorf("the deadline %s passed before reveals opened: %w", st.Deadline, err)
	}
	return err
}

// answerChallenges polls the referee's questions to the slot and answers
// each with a verde.Prover over the run's archive, until the server no
// longer knows the slot (404) or the job's deadline passed: the API tells
// a worker nothing of the job's end, so a worker keeps listening until then.
func (w *Worker) answerChallenges(ctx context.Context, log *slog.Logger, st *JobState) {
	deadline, _ := time.Parse(time.RFC3339, st.Deadline)
	delay := time.Second
	var prover *verde.Prover
	var lastQuestion time.Time
	failed := map[string]bool{}
	log.Info("listening for the referee's challenges until the job's deadline", "deadline", st.Deadline)
	if w.cfg.IgnoreReferee {
		log.Warn("this worker cheats: it leaves the referee's challenges unanswered")
	}
	for ctx.Err() == nil {
		cs, err := w.api.Challenges(ctx, st.JobID)
		switch {
		case client.IsNotFound(err), errors.Is(err, client.ErrJobFinal):
			log.Info("the job is over for this slot: no more challenges", "why", detail(err))
			st.Phase = PhaseDone
			w.save(st)
			w.dropArchive(log, st)
			return
		case err != nil && ctx.Err() == nil:
			log.Warn("cannot read the challenges; retrying", "err", err)
		}
		for _, c := range cs {
			if failed[c.ID] {
				continue
			}
			if w.cfg.IgnoreReferee {
				failed[c.ID] = true
				log.Warn("a challenge left unanswered on purpose", "challenge", c.ID, "kind", c.Kind)
				continue
			}
			if prover == nil {
				if prover, err = w.prover(ctx, log, st); err != nil {
					log.Error("cannot answer the referee: no prover for this run", "err", err)
					failed[c.ID] = true
					continue
				}
			}
			if err := w.answer(ctx, log, st, prover, c); err != nil {
				failed[c.ID] = true
				if ctx.Err() == nil {
					log.Error("challenge not answered: the referee will count it lost", "challenge", c.ID, "kind", c.Kind, "err", err)
				}
			}
		}
		if !deadline.IsZero() && w.clock.Now().After(deadline) {
			log.Info("the job's deadline passed: no more challenges")
			st.Phase = PhaseDone
			w.save(st)
			return
		}
		if len(cs) > 0 {
			lastQuestion = time.Now()
		}
		if time.Since(lastQuestion) < 10*time.Second {
			delay = 250 * time.Millisecond // a game is on: its next question follows soon
		}
		if !w.sleep(ctx, delay) {
			return
		}
		delay = min(2*delay, 5*time.Second)
	}
}

// answer answers one challenge.
func (w *Worker) answer(ctx context.Context, log *slog.Logger, st *JobState, p *verde.Prover, c client.Challenge) error {
	ans, err := p.Answer(ctx, verde.Question{Kind: c.Kind, Args: c.Args})
	if err != nil {
		return err
	}
	err = w.retry(ctx, log, "answering a challenge", func() error { return w.api.Answer(ctx, st.JobID, c.ID, ans) })
	if err != nil {
		return err
	}
	log.Info("answered a challenge of the referee", "challenge", c.ID, "kind", c.Kind, "bytes", len(ans))
	return nil
}

// prover opens the run's archive to answer for it, on the job's inputs.
func (w *Worker) prover(ctx context.Context, log *slog.Logger, st *JobState) (*verde.Prover, error) {
	a, err := w.api.Assignment(ctx, st.JobID)
	if err != nil {
		return nil, fmt.Errorf("assignment: %w", err)
	}
	spec, err := specOf(a)
	if err != nil {
		return nil, err
	}
	base, err := w.fetch(ctx, log, a.BaseModel)
	if err != nil {
		return nil, err
	}
	plan := jobplan.FromSpec(spec)
	data, err := w.dataset(ctx, log, a, plan)
	if err != nil {
		return nil, err
	}
	p, err := verde.NewProver(w.archiveDir(st.JobID), plan, base, data, int(a.Rank), ree.NewPool(w.cfg.Threads))
	if err != nil {
		return nil, err
	}
	if r := p.Root(); hex0x(r[:]) != st.TraceRoot {
		return nil, fmt.Errorf("the archive's trace root 0x%s is not the committed %s", r, st.TraceRoot)
	}
	return p, nil
}

// dropArchive removes a finished job's archive (every outer period's state
// and every message: the bulk of a job's files) once no referee can ask
// about it; the weights, the trace and the state stay.
func (w *Worker) dropArchive(log *slog.Logger, st *JobState) {
	if err := os.RemoveAll(w.archiveDir(st.JobID)); err != nil {
		log.Warn("cannot remove the finished job's archive", "err", err)
		return
	}
	log.Info("removed the finished job's archive", "dir", w.archiveDir(st.JobID))
}
