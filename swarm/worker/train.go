package worker

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/peerstore"
	"github.com/multiformats/go-multiaddr"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/noloco"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/train"
	"github.com/axl-market/axl/swarm/verde"
)

// runOutput is what a finished run leaves, or the part a broken one does.
type runOutput struct {
	model *model.Model // nil when broken; a LoRA run's merged model
	// adapter is a LoRA run's final adapter (nil otherwise), kept in PEFT's
	// format beside the weights, for the base model named base (its
	// artifact id: adapter_config.json's base_model_name_or_path).
	adapter *model.Adapter
	base    string
	trace   []noloco.TraceEntry
	steps   int
	loss    float32
	// broken says why a peer broke the run: trace is then the prefix of the
	// whole run's up to the failure, which the worker shows as its part.
	broken error
}

// train runs the worker's part of its replica's run.
func (w *Worker) train(ctx context.Context, log *slog.Logger, a wire.Assignment) (*runOutput, error) {
	spec, err := specOf(a)
	if err != nil {
		return nil, fmt.Errorf("the assignment's spec: %w", err)
	}
	plan := jobplan.FromSpec(spec)
	base, err := w.fetch(ctx, log, a.BaseModel)
	if err != nil {
		return nil, fmt.Errorf("base model: %w", err)
	}
	if w.cfg.SkipTraining {
		return junk(log, plan.NoLoCo(a.JobID, int(a.Replica), int(a.Rank)), plan.Steps, base)
	}
	data, err := w.dataset(ctx, log, a, plan)
	if err != nil {
		return nil, err
	}
	tr, err := plan.Trainer(base, data, int(a.Rank), ree.NewPool(w.cfg.Threads))
	if err != nil {
		return nil, err
	}
	val, err := plan.Validation(data)
	if err != nil {
		return nil, err
	}
	// The run ends before the commit phase does, whatever its peers do, so
	// that a worker whose run broke still shows its part in time.
	runCtx, cancel := ctx, context.CancelFunc(func() {})
	if by, err := time.Parse(time.RFC3339, a.CommitBy); err == nil {
		runCtx, cancel = context.WithDeadline(ctx, by.Add(-commitReserve(time.Until(by))))
	}
	defer cancel()
	trained := 0
	for _, p := range tr.Trained() {
		trained += p.Len()
	}
	tp, err := w.transport(runCtx, log, a, trained)
	if pe := (*noloco.PeerError)(nil); (errors.As(err, &pe) || runCtx.Err() != nil) && ctx.Err() == nil {
		return &runOutput{trace: []noloco.TraceEntry{noloco.StartEntry(tr)}, steps: tr.Steps(), broken: err}, nil
	}
	if err != nil {
		return nil, err
	}
	defer tp.Close()
	cfg := plan.NoLoCo(a.JobID, int(a.Replica), int(a.Rank))
	cfg.Timeout, cfg.Log, cfg.Faults = w.cfg.PeerTimeout, log, w.cfg.Cheat
	cfg.ArchiveDir, cfg.ArchiveEvery = w.archiveDir(a.JobID), w.cfg.ArchiveEvery
	if w.cfg.Cheat != nil {
		log.Warn("this worker cheats (a test or the demo)", "faults", fmt.Sprintf("%+v", *w.cfg.Cheat))
	}
	rep := w.newReporter(ctx, log, a.JobID, tr, val, tp)
	log.Info("training", "steps", plan.Steps, "h", plan.H, "batch", plan.Batch, "seq", plan.Seq, "workers", plan.Workers,
		"threads", w.cfg.Threads, "validation_sequences", val.Sequences(), "validation_targets", val.Tokens())
	res, err := noloco.Run(runCtx, cfg, tr, rep)
	rep.stop(err == nil)
	if err != nil {
		var pe *noloco.PeerError
		switch {
		case res == nil || ctx.Err() != nil:
			return nil, err
		case runCtx.Err() != nil:
			err = fmt.Errorf("the run could not finish before the commit phase ends (%s): %w", a.CommitBy, err)
		case errors.As(err, &pe):
			id := "?"
			if pe.Rank >= 0 && pe.Rank < len(tp.peers) {
				id = tp.peers[pe.Rank].String()
			}
			err = fmt.Errorf("peer rank %d (%s) failed the run during %s: %w", pe.Rank, id, pe.Op, pe.Err)
		default:
			return nil, err
		}
		return &runOutput{trace: res.Trace, steps: tr.Steps(), loss: rep.lossNow(), broken: err}, nil
	}
	merged, err := tr.Merged()
	if err != nil {
		return nil, err
	}
	out := &runOutput{model: merged, adapter: tr.Adapter(), base: a.BaseModel.ID, trace: res.Trace, steps: tr.Steps(), loss: rep.lossNow()}
	log.Info("run finished", "steps", out.steps, "loss", out.loss, "trace_leaves", len(res.Trace), "bytes_sent", res.BytesSent)
	return out, nil
}

// commitReserve is the time kept between the end of a run and the end of
// the commit phase, left from the assignment: enough to keep the outputs,
// upload the weights and commit.
func commitReserve(left time.Duration) time.Duration { return min(30*time.Second, max(left, 0)/4) }

// p2pRun is the libp2p transport of one run and the peers by rank.
type p2pRun struct {
	*noloco.P2P
	peers []peer.ID
}

// transport connects the worker to the peers of its replica and waits
// until each of them serves the NoLoCo protocol for this run, so that no
// message is sent to a peer not listening yet.
func (w *Worker) transport(ctx context.Context, log *slog.Logger, a wire.Assignment, maxVector int) (*p2pRun, error) {
	peers := make([]peer.ID, a.Workers)
	peers[a.Rank] = w.host.ID()
	for _, p := range a.Peers {
		if p.Rank >= a.Workers {
			return nil, fmt.Errorf("peer %s has rank %d of %d workers", p.PeerID, p.Rank, a.Workers)
		}
		if !p.Registered {
			return nil, fmt.Errorf("the worker %s of rank %d staked without registering: this replica cannot run "+
				"(the rulebook excuses its other slots: their stakes are returned)", p.Address, p.Rank)
		}
		id, err := peer.Decode(p.PeerID)
		if err != nil {
			return nil, fmt.Errorf("peer of rank %d: %w", p.Rank, err)
		}
		for _, s := range p.Multiaddrs {
			if m, err := multiaddr.NewMultiaddr(s); err == nil {
				w.host.Peerstore().AddAddrs(id, []multiaddr.Multiaddr{m}, peerstore.PermanentAddrTTL)
			}
		}
		peers[p.Rank] = id
	}
	for r, id := range peers {
		if id == "" {
			return nil, fmt.Errorf("the assignment names no peer of rank %d", r)
		}
	}
	tp, err := noloco.NewP2P(w.host, noloco.P2PConfig{Job: a.JobID, Replica: int(a.Replica), Rank: int(a.Rank), Peers: peers,
		MaxVector: maxVector, Timeout: w.cfg.PeerTimeout, Log: log})
	if err != nil {
		return nil, err
	}
	run := &p2pRun{P2P: tp, peers: peers}
	if err := w.awaitPeers(ctx, log, tp, peers, int(a.Rank)); err != nil {
		tp.Close()
		return nil, err
	}
	return run, nil
}

// unreachableAfter is how long a peer may refuse connections before the
// run gives up on it: its host listens from the worker's start, so a
// refusal means it is gone.
const unreachableAfter = 5 * time.Second

// probeTimeout bounds one probe of a connected peer: it answers at once
// whether it serves the run.
const probeTimeout = 2 * time.Second

// awaitPeers waits, at most PeerTimeout, until every peer is connected and
// answers tp's probe for the run; a peer unreachable for unreachableAfter
// fails at once.
func (w *Worker) awaitPeers(ctx context.Context, log *slog.Logger, tp *noloco.P2P, peers []peer.ID, self int) error {
	ctx, cancel := context.WithTimeout(ctx, w.cfg.PeerTimeout)
	defer cancel()
	for r, id := range peers {
		if r == self {
			continue
		}
		logged := false
		var failing time.Time // since when Connect fails
		for {
			err := w.host.Connect(ctx, peer.AddrInfo{ID: id})
			if err == nil {
				failing = time.Time{}
				pctx, cancel := context.WithTimeout(ctx, probeTimeout)
				err = tp.Probe(pctx, r)
				cancel()
				if err == nil {
					break
				}
				err = fmt.Errorf("connected; it has not joined the run yet (%w)", err)
			} else if failing.IsZero() {
				failing = time.Now()
			} else if time.Since(failing) > unreachableAfter && ctx.Err() == nil {
				return &noloco.PeerError{Rank: r, Op: "joining the run", Err: fmt.Errorf("peer %s is unreachable: %w", id, err)}
			}
			if !logged {
				log.Info("waiting for a peer to join the run", "peer_rank", r, "peer", id, "why", err)
				logged = true
			}
			select {
			case <-ctx.Done():
				if errors.Is(ctx.Err(), context.DeadlineExceeded) {
					return &noloco.PeerError{Rank: r, Op: "joining the run",
						Err: fmt.Errorf("peer %s did not join within %s: %v", id, w.cfg.PeerTimeout, err)}
				}
				return ctx.Err()
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
	log.Info("every peer of the replica is there", "peers", len(peers)-1)
	return nil
}

// reporter is the run's transport, wrapped to report progress: noloco.Run
// offers no hook, but it sends a message at every outer step and at the
// final average, while its training goroutine waits for the exchange, so
// the trainer can be read then without a race. At each report it measures
// the validation loss (train.Trainer.ValidationLoss, one forward pass of
// the trainer's graph, which changes nothing of the run), and once more
// after the run, on the weights the worker delivers.
type reporter struct {
	noloco.Transport
	w      *Worker
	log    *slog.Logger
	job    string
	tr     *train.Trainer
	val    *train.Validation // nil: no validation loss
	loss   *model.Tensor     // the step's mean cross-entropy
	tokens int               // per inner step

	mu     sync.Mutex
	last   int // step last observed
	lastAt time.Time
	// evaluated is the step after which the validation pass last ran: it
	// overwrote the loss tensor, whose training loss trainLoss keeps.
	evaluated int
	trainLoss float32
	pending   chan wire.ProgressRequest
	latest    wire.ProgressRequest
	done      chan struct{}
	stopOnce  sync.Once
}

func (w *Worker) newReporter(ctx context.Context, log *slog.Logger, jobID string, tr *train.Trainer, val *train.Validation,
	tp noloco.Transport) *reporter {
	r := &reporter{Transport: tp, w: w, log: log, job: jobID, tr: tr, val: val, tokens: tr.Hyper().Batch * tr.Hyper().Seq,
		last: tr.Steps(), lastAt: time.Now(), evaluated: -1, pending: make(chan wire.ProgressRequest, 1), done: make(chan struct{})}
	for _, op := range tr.Program().Ops {
		if op.Name == "loss.forward" {
			i := slices.IndexFunc(op.Out, func(t *model.Tensor) bool { return t.Name == "loss" })
			if i >= 0 {
				r.loss = op.Out[i]
			}
		}
	}
	go r.post(ctx)
	return r
}

// Send observes the trainer, then sends.
func (r *reporter) Send(ctx context.Context, m *noloco.Message) (int, error) {
	r.observe(false)
	return r.Transport.Send(ctx, m)
}

// lossNow is the loss of the last inner step.
func (r *reporter) lossNow() float32 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.stepLoss()
}

// stepLoss is lossNow, with r.mu held.
func (r *reporter) stepLoss() float32 {
	switch {
	case r.evaluated == r.tr.Steps():
		return r.trainLoss
	case r.loss == nil:
		return 0
	}
	return r.loss.F[0]
}

// observe queues a report when the trainer moved since the last one, or,
// when final, a last one of the delivered weights in any case.
func (r *reporter) observe(final bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	step := r.tr.Steps()
	if step <= r.last && !final {
		return
	}
	now := time.Now()
	p := wire.ProgressRequest{Step: uint32(step), Loss: float64(r.stepLoss()), TokensPerSecond: r.latest.TokensPerSecond}
	if dt := now.Sub(r.lastAt).Seconds(); dt > 0 && step > r.last {
		p.TokensPerSecond = float64((step-r.last)*r.tokens) / dt
	}
	if r.val != nil {
		r.trainLoss, r.evaluated = float32(p.Loss), step
		vl, err := r.tr.ValidationLoss(r.val)
		if err != nil { // the trainer's own batch shape: cannot happen
			r.log.Error("the validation pass failed", "err", err)
		}
		p.ValidationLoss = float64(vl)
		now = time.Now() // the next rate counts training only
	}
	r.last, r.lastAt, r.latest = step, now, p
	select { // keep only the newest report waiting
	case <-r.pending:
	default:
	}
	r.pending <- p
}

// post sends the queued reports until stop.
func (r *reporter) post(ctx context.Context) {
	defer close(r.done)
	for p := range r.pending {
		r.send(ctx, p)
	}
}

func (r *reporter) send(ctx context.Context, p wire.ProgressRequest) {
	err := r.w.api.Progress(ctx, r.job, p)
	switch {
	case err == nil:
		r.log.Info("progress reported", "step", p.Step, "loss", p.Loss, "validation_loss", p.ValidationLoss,
			"tokens_per_second", int(p.TokensPerSecond))
	case missingRoute(err):
		r.log.Info("progress (the server takes no progress reports yet)", "step", p.Step, "loss", p.Loss,
			"validation_loss", p.ValidationLoss, "tokens_per_second", int(p.TokensPerSecond))
	case ctx.Err() == nil:
		r.log.Warn("progress report refused", "step", p.Step, "err", err)
	}
}

// stop ends the reports, after a last one of the whole run, with the
// validation loss of the weights it delivers, if it ended.
func (r *reporter) stop(finished bool) {
	r.stopOnce.Do(func() {
		if finished {
			r.observe(true)
		}
		close(r.pending)
		<-r.done
	})
}

// archiveDir is where a run keeps what its prover needs.
func (w *Worker) archiveDir(id string) string { return filepath.Join(w.jobDir(id), "archive") }

// outputPaths are the files of a finished run.
func (w *Worker) outputPaths(id string) (weights, trace string) {
	d := w.jobDir(id)
	return filepath.Join(d, "weights.safetensors"), filepath.Join(d, "trace.txt")
}

// adapterDir is where a LoRA job's final adapter is kept, in PEFT's format
// (model.SaveAdapter): the weights delivered are the merged model, which
// the trace commits to. The adapter is not uploaded yet (the buyer's
// directory has the merged model only); whoever holds it checks it against
// the delivered weights: Adapter.Merge of the base reproduces them bit for
// bit.
func (w *Worker) adapterDir(id string) string { return filepath.Join(w.jobDir(id), "adapter") }

// junk is the output of a worker that skips training (Config.SkipTraining):
// the base model, and a trace of the job's layout whose hashes are random.
func junk(log *slog.Logger, cfg noloco.Config, steps int, base []byte) (*runOutput, error) {
	m, err := model.Parse(base)
	if err != nil {
		return nil, err
	}
	// Every leaf is random but the last: it names the base model's weights,
	// so that the reveal opens and the attacker has to face the referee.
	trace := noloco.Layout(cfg, steps)
	for i := range trace[:len(trace)-1] {
		if _, err := rand.Read(trace[i].Hash[:]); err != nil {
			return nil, err
		}
	}
	trace[len(trace)-1] = verde.FinalEntry(steps, m)
	log.Warn("this worker cheats: it delivers the base model and a random trace without training")
	return &runOutput{model: m, trace: trace, steps: steps}, nil
}
