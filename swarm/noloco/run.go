package noloco

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"log/slog"
	"math"
	"slices"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/train"
)

// Method is how the workers of a replica combine their training.
type Method uint8

// The methods: NoLoCo, and the two baselines it is measured against.
const (
	// NoLoCo runs an outer step with a random partner every H inner steps.
	NoLoCo Method = iota
	// DiLoCo all-reduces the outer gradient every H inner steps and applies
	// it with Nesterov momentum.
	DiLoCo
	// DataParallel all-reduces the gradients at every inner step.
	DataParallel
)

// String returns the method's name in benchmarks and logs.
func (m Method) String() string {
	switch m {
	case NoLoCo:
		return "noloco"
	case DiLoCo:
		return "diloco"
	case DataParallel:
		return "dp"
	}
	return fmt.Sprintf("Method(%d)", uint8(m))
}

// DiLoCoParams are the constants of DiLoCo's outer optimiser.
type DiLoCoParams struct {
	LR, Momentum float32
}

// DefaultDiLoCo returns DiLoCo's published outer optimiser: Nesterov
// momentum 0.9 with learning rate 0.7.
func DefaultDiLoCo() DiLoCoParams { return DiLoCoParams{LR: 0.7, Momentum: 0.9} }

// Config is one worker's part in the run of its replica.
type Config struct {
	Job           string
	Replica       int
	Rank, Workers int
	Method        Method
	// Outer holds NoLoCo's constants; its H is DiLoCo's period too.
	Outer  Params
	DiLoCo DiLoCoParams
	// Seed draws the pairings of the outer steps: the same in every worker
	// and every replica of the job.
	Seed uint64
	// Timeout bounds each exchange with peers (default one minute): a peer
	// that has gone fails the run within it.
	Timeout time.Duration
	Log     *slog.Logger
	// ArchiveDir, if not empty, is the directory where a NoLoCo run keeps
	// what its prover needs to answer the referee (see Archive), each file
	// written atomically. The worker keeps it until the job is final.
	ArchiveDir string
	// ArchiveEvery, if positive, keeps the state in the archive every
	// ArchiveEvery inner steps too, besides at every outer period's start:
	// more disk, and shorter recomputations when the referee asks about a
	// step (at most ArchiveEvery−1 inner steps replayed, instead of H−1).
	ArchiveEvery int
	// Faults make the worker cheat, for tests and `axl demo --cheat` only;
	// nil for an honest run.
	Faults *Faults
}

// PeerError reports an exchange with a peer that failed: the run of the
// replica cannot go on without it.
type PeerError struct {
	Rank int    // the peer's rank
	Op   string // what the run was doing: "outer step 3", "final average" …
	Err  error
}

// Error says what failed, with which rank, and why.
func (e *PeerError) Error() string {
	return fmt.Sprintf("noloco: %s: rank %d: %v", e.Op, e.Rank, e.Err)
}

// Unwrap returns the cause.
func (e *PeerError) Unwrap() error { return e.Err }

// Result is what a worker's run leaves besides the trained model.
type Result struct {
	Trace     []TraceEntry
	BytesSent int64 // sizes of the envelopes this worker sent
}

// Run trains tr's model to tr.Hyper().Steps inner steps together with the
// other workers of the replica, then sets it to the average of all the
// workers' weights, the same bits on every worker. tr must train this
// worker's shard: Hyper.Shard = Rank and Hyper.Shards = Workers.
//
// A run that fails once started returns, with the error, the Result of its
// trace up to the failure: a prefix of the whole run's trace. When a peer
// broke it (a *PeerError) or it ran out of time, the worker commits to that
// prefix and reveals it as its part (market.Reveal's Partial).
func Run(ctx context.Context, cfg Config, tr *train.Trainer, tp Transport) (*Result, error) {
	h := tr.Hyper()
	switch {
	case cfg.Workers < 1 || cfg.Rank < 0 || cfg.Rank >= cfg.Workers:
		return nil, fmt.Errorf("noloco: rank %d of %d workers", cfg.Rank, cfg.Workers)
	case h.Shard != cfg.Rank || h.Shards != cfg.Workers:
		return nil, fmt.Errorf("noloco: rank %d of %d trains shard %d of %d: want its own", cfg.Rank, cfg.Workers, h.Shard, h.Shards)
	}
	if err := cfg.Outer.Validate(); err != nil {
		return nil, fmt.Errorf("noloco: %w", err)
	}
	if err := cfg.Faults.validate(); err != nil {
		return nil, err
	}
	if cfg.ArchiveDir != "" && cfg.Method != NoLoCo {
		return nil, fmt.Errorf("noloco: only a NoLoCo run keeps an archive, not %v", cfg.Method)
	}
	if cfg.DiLoCo == (DiLoCoParams{}) {
		cfg.DiLoCo = DefaultDiLoCo()
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = time.Minute
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	r := &run{cfg: cfg, tr: tr, tp: tp, log: cfg.Log.With("method", cfg.Method, "rank", cfg.Rank)}
	for _, p := range tr.Trained() {
		r.size += len(p.F)
	}
	r.trace = append(r.trace, StartEntry(tr))
	var err error
	if cfg.ArchiveDir != "" {
		if r.archive, err = newArchiver(cfg); err != nil {
			return nil, err
		}
	}
	switch cfg.Method {
	case NoLoCo:
		err = r.noloco(ctx)
	case DiLoCo:
		err = r.diloco(ctx)
	case DataParallel:
		err = r.dataParallel(ctx)
	default:
		err = fmt.Errorf("noloco: unknown method %v", cfg.Method)
	}
	if err == nil && cfg.Method == NoLoCo {
		err = r.average(ctx)
	}
	if err != nil {
		r.log.Error("run failed", "step", tr.Steps(), "err", err, "trace_leaves", len(r.trace))
		return &Result{Trace: r.trace, BytesSent: r.bytes}, err
	}
	w := r.flat(nil)
	final, err := FinalHash(tr)
	if err != nil {
		return nil, err
	}
	r.trace = append(r.trace, TraceEntry{Step: tr.Steps(), Kind: EntryFinal, Peer: -1, Hash: final})
	if r.archive != nil {
		if err := r.archive.finish(r.trace, w); err != nil {
			return nil, err
		}
	}
	return &Result{Trace: r.trace, BytesSent: r.bytes}, nil
}

// StartEntry is the first leaf of a run's trace on tr: the checkpoint it
// starts from. Alone, it is the partial trace of a run that broke before
// its first step.
func StartEntry(tr *train.Trainer) TraceEntry {
	first := tr.Trace()[len(tr.Trace())-1]
	return TraceEntry{Step: first.Step, Kind: EntryCheckpoint, Peer: -1, Hash: first.Hash}
}

// run is the state of one worker's run.
type run struct {
	cfg   Config
	tr    *train.Trainer
	tp    Transport
	log   *slog.Logger
	size  int // weights in the model
	trace []TraceEntry
	bytes int64
	// archive keeps what a prover needs, if the run has an archive.
	archive *archiver
	// old is the state a ReplayAt fault restores, once taken.
	old *train.Checkpoint
}

// inner runs one inner step and records its checkpoint.
func (r *run) inner(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("noloco: step %d: %w", r.tr.Steps(), err)
	}
	if f := r.cfg.Faults; f != nil && f.ReplayAt > 0 && r.tr.Steps() == f.ReplayFrom {
		r.old = r.tr.Checkpoint().Clone()
		if r.archive != nil {
			if err := r.archive.replay(r.old); err != nil {
				return err
			}
		}
	}
	if _, err := innerStep(r.tr, r.cfg.Faults, r.old, false, nil); err != nil {
		return err
	}
	t := r.tr.Trace()
	last := t[len(t)-1]
	r.trace = append(r.trace, TraceEntry{Step: last.Step, Kind: EntryCheckpoint, Peer: -1, Hash: last.Hash})
	return nil
}

// FinalHash is what the final leaf of tr's run records, its trained
// weights set to the final average: the hash of the weights the run
// delivers (Trainer.Merged), flattened in parameter order. For a LoRA run
// that is the merged model, not the averaged adapter the run exchanged: a
// delivered weights file then opens the final leaf alone, as a full
// fine-tune's does.
func FinalHash(tr *train.Trainer) (model.Hash, error) {
	m, err := tr.Merged()
	if err != nil {
		return model.Hash{}, fmt.Errorf("noloco: the delivered weights: %w", err)
	}
	return HashTensors(m.Params), nil
}

// flat copies the trained weights (the model's, or a LoRA's adapter) into
// dst, in canonical order.
func (r *run) flat(dst []float32) []float32 {
	dst = dst[:0]
	for _, p := range r.tr.Trained() {
		dst = append(dst, p.F...)
	}
	return dst
}

// setWeights copies w into the trained weights.
func (r *run) setWeights(w []float32) {
	off := 0
	for _, p := range r.tr.Trained() {
		off += copy(p.F, w[off:])
	}
}

// recvKey names a message to wait for.
type recvKey struct {
	from  int
	kind  Kind
	step  uint64
	round uint32
}

// exchange sends msgs and receives the messages of keys, all at once,
// within the timeout. The trace records what was sent, then what was
// received, each in the order given, whatever the order of arrival.
func (r *run) exchange(ctx context.Context, op string, msgs []*Message, keys []recvKey) ([]*Message, error) {
	ctx, cancel := context.WithTimeout(ctx, r.cfg.Timeout)
	defer cancel()
	g, gctx := errgroup.WithContext(ctx)
	sizes := make([]int, len(msgs))
	for i, m := range msgs {
		g.Go(func() error {
			n, err := r.tp.Send(gctx, m)
			if err != nil {
				return &PeerError{Rank: int(m.To), Op: op, Err: fmt.Errorf("send: %w", err)}
			}
			sizes[i] = n
			return nil
		})
	}
	got := make([]*Message, len(keys))
	for i, k := range keys {
		g.Go(func() error {
			m, err := r.tp.Recv(gctx, k.from, k.kind, k.step, k.round)
			if err != nil {
				return &PeerError{Rank: k.from, Op: op, Err: fmt.Errorf("receive: %w", err)}
			}
			got[i] = m
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	step := r.tr.Steps()
	for i, m := range msgs {
		r.bytes += int64(sizes[i])
		if err := r.record(TraceEntry{Step: step, Kind: EntrySent, Peer: int(m.To), Hash: m.Digest()}, m); err != nil {
			return nil, err
		}
	}
	for i, m := range got {
		if err := r.record(TraceEntry{Step: step, Kind: EntryReceived, Peer: keys[i].from, Hash: m.Digest()}, m); err != nil {
			return nil, err
		}
	}
	return got, nil
}

// record appends the trace entry of message m, and archives m.
func (r *run) record(e TraceEntry, m *Message) error {
	r.trace = append(r.trace, e)
	if r.archive == nil {
		return nil
	}
	return r.archive.message(len(r.trace)-1, m)
}

func (r *run) message(kind Kind, step uint64, round uint32, to int, phi, delta []float32) *Message {
	return &Message{
		Kind: kind, Job: r.cfg.Job, Replica: uint32(r.cfg.Replica), Step: step, Round: round,
		From: uint32(r.cfg.Rank), To: uint32(to), Phi: phi, Delta: delta,
	}
}

// noloco runs the inner steps with NoLoCo's outer step every H of them.
func (r *run) noloco(ctx context.Context) error {
	p := r.cfg.Outer
	phi := r.flat(nil)
	mom := make([]float32, r.size)
	theta := make([]float32, r.size)
	delta := make([]float32, r.size)
	if err := r.keep(phi, mom); err != nil {
		return err
	}
	for r.tr.Steps() < r.tr.Hyper().Steps {
		if err := r.inner(ctx); err != nil {
			return err
		}
		if every := r.cfg.ArchiveEvery; every > 0 && r.tr.Steps()%every == 0 {
			if err := r.keep(phi, mom); err != nil {
				return err
			}
		}
		if r.tr.Steps()%p.H != 0 {
			continue
		}
		outer := r.tr.Steps() / p.H
		if f := r.cfg.Faults; f != nil && f.VanishOuter == outer {
			return fmt.Errorf("noloco: %w at outer step %d", ErrVanished, outer)
		}
		op := fmt.Sprintf("outer step %d", outer)
		theta = r.flat(theta)
		for k := range delta {
			delta[k] = theta[k] - phi[k]
		}
		group := GroupOf(Groups(r.cfg.Seed, outer, r.cfg.Workers), r.cfg.Rank)
		sent := delta
		if f := r.cfg.Faults; f != nil && f.BadGossipOuter == outer {
			sent = slices.Clone(delta) // a Δ that is not θ − φ
			sent[len(sent)/2] += 0.01
		}
		var msgs []*Message
		var keys []recvKey
		for _, j := range group {
			if j != r.cfg.Rank {
				msgs = append(msgs, r.message(KindOuter, uint64(outer), 0, j, phi, sent))
				keys = append(keys, recvKey{j, KindOuter, uint64(outer), 0})
			}
		}
		got, err := r.exchange(ctx, op, msgs, keys)
		if err != nil {
			return err
		}
		phis, deltas := make([][]float32, len(group)), make([][]float32, len(group))
		self := slices.Index(group, r.cfg.Rank)
		phis[self], deltas[self] = phi, delta
		for i, m := range got {
			if len(m.Phi) != r.size || len(m.Delta) != r.size {
				return &PeerError{Rank: keys[i].from, Op: op, Err: fmt.Errorf("%w: φ of %d and Δ of %d weights, the model has %d",
					ErrMessage, len(m.Phi), len(m.Delta), r.size)}
			}
			j := slices.Index(group, keys[i].from)
			phis[j], deltas[j] = m.Phi, m.Delta
		}
		OuterStep(p, self, phis, deltas, mom, phi)
		if f := r.cfg.Faults; f != nil && f.BadOuter == outer {
			phi[len(phi)/3] += 0.01
		}
		r.setWeights(phi)
		r.outerEntry(mom)
		if err := r.keep(phi, mom); err != nil {
			return err
		}
		r.log.Debug("outer step", "outer", outer, "group", group)
	}
	return nil
}

// keep archives the state of the last trace entry, if the run has an
// archive: the start of an outer period, or every ArchiveEvery steps.
func (r *run) keep(phi, mom []float32) error {
	if r.archive == nil {
		return nil
	}
	return r.archive.state(len(r.trace)-1, r.tr.Checkpoint(), phi, mom)
}

// outerEntry records the state after an outer step: the checkpoint (whose
// weights are now φ) and the outer momentum, which the checkpoint lacks.
func (r *run) outerEntry(mom []float32) {
	r.trace = append(r.trace, TraceEntry{Step: r.tr.Steps(), Kind: EntryOuter, Peer: -1, Hash: OuterHash(r.tr.Checkpoint().Hash(), HashFloats(mom))})
}

// OuterHash is the hash an EntryOuter records: the sha256 of the
// checkpoint's hash followed by the hash (HashFloats) of the outer momentum.
func OuterHash(checkpoint, momentum model.Hash) model.Hash {
	return sha256.Sum256(append(checkpoint[:], momentum[:]...))
}

// average sets every worker's weights to the mean of all of them: each
// sends its weights to every other, and each sums them in rank order.
func (r *run) average(ctx context.Context) error {
	w := r.cfg.Workers
	mine := r.flat(nil)
	step := uint64(r.tr.Steps())
	var msgs []*Message
	var keys []recvKey
	for j := range w {
		if j != r.cfg.Rank {
			msgs = append(msgs, r.message(KindFinal, step, 0, j, mine, nil))
			keys = append(keys, recvKey{j, KindFinal, step, 0})
		}
	}
	got, err := r.exchange(ctx, "final average", msgs, keys)
	if err != nil {
		return err
	}
	all := make([][]float32, w) // by rank: the order of the sum
	all[r.cfg.Rank] = mine
	for i, m := range got {
		if len(m.Phi) != r.size {
			return &PeerError{Rank: keys[i].from, Op: "final average", Err: fmt.Errorf("%w: %d weights, the model has %d", ErrMessage, len(m.Phi), r.size)}
		}
		all[keys[i].from] = m.Phi
	}
	avg := Average(all)
	if f := r.cfg.Faults; f != nil && f.BadAverage {
		avg[len(avg)/5] += 0.01
	}
	r.setWeights(avg)
	return nil
}

// Average returns the mean of the workers' weights, given in rank order:
// each element summed in that order, then divided, the same bits on every
// worker.
func Average(all [][]float32) []float32 {
	if len(all) == 0 {
		return nil
	}
	avg := make([]float32, len(all[0]))
	n := float32(len(all))
	for k := range avg {
		var s float32
		for _, v := range all {
			s += v[k]
		}
		avg[k] = s / n
	}
	return avg
}

// diloco runs the inner steps with DiLoCo's outer step every H of them,
// and after the last one.
func (r *run) diloco(ctx context.Context) error {
	p, h := r.cfg.DiLoCo, r.cfg.Outer.H
	phi := r.flat(nil)
	buf := make([]float32, r.size)
	g := make([]float32, r.size)
	for r.tr.Steps() < r.tr.Hyper().Steps {
		if err := r.inner(ctx); err != nil {
			return err
		}
		if r.tr.Steps()%h != 0 && r.tr.Steps() < r.tr.Hyper().Steps {
			continue
		}
		g = r.flat(g)
		for k := range g {
			g[k] = phi[k] - g[k] // the outer gradient: how far the inner steps moved
		}
		if err := r.allReduceMean(ctx, fmt.Sprintf("outer step %d", (r.tr.Steps()+h-1)/h), g); err != nil {
			return err
		}
		// Nesterov: buf ← μ·buf + g;  φ ← φ − lr·(g + μ·buf).
		for k := range g {
			buf[k] = float32(p.Momentum*buf[k]) + g[k]
			phi[k] -= float32(p.LR * (g[k] + float32(p.Momentum*buf[k])))
		}
		r.setWeights(phi)
		r.outerEntry(buf)
	}
	return nil
}

// dataParallel runs the inner steps with the gradients all-reduced in each:
// an operator spliced into the trainer's program between the backward pass
// and the optimizer.
func (r *run) dataParallel(ctx context.Context) error {
	prog := r.tr.Program()
	at, grads := r.tr.OptimizerStart(), r.tr.Grads()
	var failed error
	buf := make([]float32, r.size)
	reduce := func(_ *ree.Pool, in, out []*model.Tensor) {
		if failed != nil {
			return
		}
		buf = buf[:0]
		for _, t := range in {
			buf = append(buf, t.F...)
		}
		if failed = r.allReduceMean(ctx, fmt.Sprintf("all-reduce of step %d", r.tr.Steps()), buf); failed != nil {
			return
		}
		off := 0
		for _, t := range out {
			off += copy(t.F, buf[off:])
		}
	}
	orig := prog.Ops
	prog.Ops = slices.Insert(slices.Clone(orig), at, &model.Op{Name: "dp.allreduce", Kind: "allreduce", In: grads, Out: grads, Kernel: reduce})
	defer func() { prog.Ops = orig }()
	for r.tr.Steps() < r.tr.Hyper().Steps {
		if err := r.inner(ctx); err != nil {
			return err
		}
		if failed != nil {
			return failed
		}
	}
	return nil
}

// allReduceMean replaces x by its mean over the workers, by a ring
// all-reduce: W−1 rounds of reduce-scatter, each worker adding the chunk
// its left neighbour sends to its own, then W−1 rounds passing the summed
// chunks on. Each chunk is summed in one fixed order around the ring, so
// every worker ends with the same bits.
func (r *run) allReduceMean(ctx context.Context, op string, x []float32) error {
	w, rank := r.cfg.Workers, r.cfg.Rank
	if w == 1 {
		return nil
	}
	mod := func(i int) int { return ((i % w) + w) % w }
	chunk := func(c int) []float32 { return x[len(x)*c/w : len(x)*(c+1)/w] }
	right, left := mod(rank+1), mod(rank-1)
	step := uint64(r.tr.Steps())
	pass := func(round, send, recv int, add bool) error {
		got, err := r.exchange(ctx, op,
			[]*Message{r.message(KindReduce, step, uint32(round), right, chunk(send), nil)},
			[]recvKey{{left, KindReduce, step, uint32(round)}})
		if err != nil {
			return err
		}
		dst := chunk(recv)
		if len(got[0].Phi) != len(dst) {
			return &PeerError{Rank: left, Op: op, Err: fmt.Errorf("%w: chunk of %d, want %d", ErrMessage, len(got[0].Phi), len(dst))}
		}
		for k, v := range got[0].Phi {
			if add {
				dst[k] = v + dst[k]
			} else {
				dst[k] = v
			}
		}
		return nil
	}
	for s := range w - 1 {
		if err := pass(s, mod(rank-s), mod(rank-s-1), true); err != nil {
			return err
		}
	}
	for s := range w - 1 {
		if err := pass(w-1+s, mod(rank+1-s), mod(rank-s), false); err != nil {
			return err
		}
	}
	n := float32(w)
	for k := range x {
		x[k] /= n
	}
	return nil
}

// HashFloats returns the sha256 of xs, little-endian: the hash of the
// outer momentum and of the final weights in a trace.
func HashFloats(xs []float32) model.Hash {
	h := sha256.New()
	writeFloats(h, xs)
	return model.Hash(h.Sum(nil))
}

// HashTensors is HashFloats of the tensors' floats one after the other,
// without copying them into one slice.
func HashTensors(ts []*model.Tensor) model.Hash {
	h := sha256.New()
	for _, t := range ts {
		writeFloats(h, t.F)
	}
	return model.Hash(h.Sum(nil))
}

// writeFloats writes xs to h, little-endian.
func writeFloats(h hash.Hash, xs []float32) {
	var b [4096]byte
	for len(xs) > 0 {
		n := min(len(xs), len(b)/4)
		for i, x := range xs[:n] {
			binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
		}
		h.Write(b[:4*n])
		xs = xs[n:]
	}
}
