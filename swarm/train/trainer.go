package train

import (
	"fmt"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
)

// Trainer runs inner steps on one replica. Each step is one Program:
// the model's forward and backward passes, then the learning-rate schedule,
// gradient clipping, one AdamW operator per weight, and the step counter.
// After each step the hash of the checkpoint is appended to the trace.
//
// A Trainer is not safe for concurrent use; its parallelism is its Pool's.
type Trainer struct {
	hyper   Hyper
	pool    *ree.Pool
	model   *model.Model
	adapter *model.Adapter // nil for a full fine-tune
	// trained are the tensors AdamW updates: the model's weights, or the
	// adapter's.
	trained []*model.Tensor
	graph   *model.Graph
	sampler *Sampler
	prog    model.Program
	m, v    []*model.Tensor
	step    *model.Tensor // I32 [1]: steps taken
	trace   []TraceEntry
	// optStart is the index of the first optimizer operator in prog.
	optStart int
}

// TraceEntry is the hash of the checkpoint after Step inner steps.
type TraceEntry struct {
	Step int
	Hash model.Hash
}

// New returns a Trainer that fine-tunes every weight of m (in place) on
// data, with the kernels of pool. The state's hash at step 0 opens the
// trace.
func New(m *model.Model, data *Dataset, h Hyper, pool *ree.Pool) (*Trainer, error) {
	return NewMethod(m, data, h, Method{}, pool)
}

// NewMethod returns a Trainer that trains m on data by the method meth: as
// New does for a full fine-tune; for LoRA, an adapter drawn from h.Seed
// (model.InitAdapter) is trained and m is read, never written. The state
// (checkpoint, its hash, the trace) is then the adapter, its AdamW moments
// and the step: the base model is fixed by the job and not part of it.
func NewMethod(m *model.Model, data *Dataset, h Hyper, meth Method, pool *ree.Pool) (*Trainer, error) {
	if err := h.Validate(); err != nil {
		return nil, err
	}
	if err := meth.Validate(m.Config); err != nil {
		return nil, err
	}
	if data.Vocab() > m.Config.VocabSize {
		return nil, fmt.Errorf("the dataset's tokens are drawn from %d ids, more than the model's vocabulary of %d", data.Vocab(), m.Config.VocabSize)
	}
	t := &Trainer{hyper: h, pool: pool, model: m, trained: m.Params, step: model.NewI32("step", 1)}
	specs := m.Config.Params()
	var g *model.Graph
	var err error
	if meth.Name == MethodLoRA {
		if t.adapter, err = model.InitAdapter(m.Config, meth.LoRA, h.Seed); err != nil {
			return nil, err
		}
		t.trained, specs = t.adapter.Params, t.adapter.LoRA.Params(m.Config)
		g, err = model.NewLoRAGraph(m, t.adapter, h.Batch, h.Seq)
	} else {
		g, err = model.NewGraph(m, h.Batch, h.Seq)
	}
	if err != nil {
		return nil, err
	}
	s, err := data.Sampler(h.Seed, h.Shard, h.Shards, h.Batch, h.Seq)
	if err != nil {
		return nil, err
	}
	t.graph, t.sampler = g, s
	t.prog.Ops = append(t.prog.Ops, g.Ops...)
	t.optStart = len(t.prog.Ops)
	lr := model.NewF32("optim.lr", 1)
	t.prog.Add("optim.schedule", "lr_schedule", []*model.Tensor{t.step}, []*model.Tensor{lr}, scheduleKernel(h))
	clip := model.NewF32("optim.clip", 2)
	t.prog.Add("optim.clip", "clip_norm", g.Grads, []*model.Tensor{clip}, clipKernel(h.ClipNorm))
	for i, p := range t.trained {
		mi, vi := model.NewF32("adam.m."+p.Name, p.Shape...), model.NewF32("adam.v."+p.Name, p.Shape...)
		t.m, t.v = append(t.m, mi), append(t.v, vi)
		t.prog.Add("optim.adamw."+p.Name, "adamw",
			[]*model.Tensor{p, g.Grads[i], mi, vi, lr, t.step, clip}, []*model.Tensor{p, mi, vi},
			adamWKernel(h, specs[i].Decay))
	}
	t.prog.Add("optim.step", "increment", []*model.Tensor{t.step}, []*model.Tensor{t.step}, incrementKernel())
	t.trace = []TraceEntry{{0, t.Checkpoint().Hash()}}
	return t, nil
}

// Grads are the step's gradient tensors, in the order of Trained():
// written by the backward pass, read by clipping and AdamW.
func (t *Trainer) Grads() []*model.Tensor { return t.graph.Grads }

// OptimizerStart is the index in Program().Ops of the first optimizer
// operator: an operator inserted there sees the step's finished gradients
// before clipping and AdamW do (data parallel's all-reduce goes there).
func (t *Trainer) OptimizerStart() int { return t.optStart }

// Hyper returns the run's hyper-parameters.
func (t *Trainer) Hyper() Hyper { return t.hyper }

// Model returns the model being trained; its weights change with each step
// of a full fine-tune, never with a LoRA's.
func (t *Trainer) Model() *model.Model { return t.model }

// Adapter returns the LoRA adapter being trained, or nil for a full
// fine-tune; its tensors change with each step.
func (t *Trainer) Adapter() *model.Adapter { return t.adapter }

// Trained returns the tensors the optimizer updates, in the canonical order
// of the checkpoint: Model().Params, or Adapter().Params.
func (t *Trainer) Trained() []*model.Tensor { return t.trained }

// Merged returns the model the run has trained: Model() itself for a full
// fine-tune; for LoRA, a copy of the base model with the adapter folded in
// (model.Adapter.Merge, by the trainer's reproducible kernels), what a
// LoRA job delivers.
func (t *Trainer) Merged() (*model.Model, error) {
	if t.adapter == nil {
		return t.model, nil
	}
	return t.adapter.Merge(t.pool, t.model)
}

// Steps returns the number of inner steps taken.
func (t *Trainer) Steps() int { return int(t.step.I[0]) }

// Program returns the operators of one step, in order. Their tensors are
// the Trainer's own: use Op.Compute to run one of them on other inputs.
func (t *Trainer) Program() *model.Program { return &t.prog }

// Trace returns the checkpoint hash after every step taken, oldest first.
func (t *Trainer) Trace() []TraceEntry { return t.trace }

// Step runs one inner step on the batch of (seed, shard, step), appends the
// new checkpoint hash to the trace, and returns the batch's loss (before
// the update).
func (t *Trainer) Step() (float32, error) {
	if err := t.loadBatch(); err != nil {
		return 0, err
	}
	t.prog.Run(t.pool)
	t.trace = append(t.trace, TraceEntry{t.Steps(), t.Checkpoint().Hash()})
	return t.graph.Loss.F[0], nil
}

// StepRecord is one inner step's operator-level record.
type StepRecord struct {
	Step int // the step's number, from 0: the checkpoint before it has Step steps
	Ops  []model.OpRecord
	// Inputs holds copies of the inputs of the operators kept, by index.
	Inputs map[int][]*model.Tensor
	Loss   float32
}

// RecordStep runs one inner step as Step does, and returns its operator
// record: for each operator, in order, the hashes of its inputs and
// outputs. keep (may be nil) selects operators whose inputs are copied into
// the record, for a one-operator recomputation with Op.Compute. To record an
// earlier step, Restore the checkpoint before it first.
func (t *Trainer) RecordStep(keep func(op int) bool) (*StepRecord, error) {
	if err := t.loadBatch(); err != nil {
		return nil, err
	}
	rec := &StepRecord{Step: t.Steps()}
	rec.Ops, rec.Inputs = t.prog.Record(t.pool, keep)
	rec.Loss = t.graph.Loss.F[0]
	t.trace = append(t.trace, TraceEntry{t.Steps(), t.Checkpoint().Hash()})
	return rec, nil
}

// StepInputs returns the tensors a step's program reads that the
// checkpoint does not hold, as the program binds them: the step counter
// (I32 [1]), the tokens and the targets (I32 Batch×Seq); and copies of them
// holding what they hold in the step that starts after step steps. A
// referee derives from these, with a checkpoint's tensor hashes, the hash
// of every input an operator record may read before any operator wrote it.
func (t *Trainer) StepInputs(step int) (bound, values []*model.Tensor, err error) {
	n := t.hyper.Batch * t.hyper.Seq
	tokens, targets := t.graph.Tokens.Like(), t.graph.Targets.Like()
	if len(tokens.I) != n || len(targets.I) != n {
		return nil, nil, fmt.Errorf("batch of %d tokens, want %d", len(tokens.I), n)
	}
	t.sampler.Batch(step, tokens.I, targets.I)
	counter := t.step.Like()
	counter.I[0] = int32(step)
	return []*model.Tensor{t.step, t.graph.Tokens, t.graph.Targets}, []*model.Tensor{counter, tokens, targets}, nil
}

func (t *Trainer) loadBatch() error {
	n := t.hyper.Batch * t.hyper.Seq
	tokens, targets := make([]int32, n), make([]int32, n)
	t.sampler.Batch(t.Steps(), tokens, targets)
	return t.graph.SetBatch(tokens, targets)
}

// Checkpoint returns the current state. Its tensors are the Trainer's own,
// valid until the next step: Clone it to keep it.
func (t *Trainer) Checkpoint() *Checkpoint {
	c := &Checkpoint{Config: t.model.Config, Step: t.Steps(), Params: t.trained, M: t.m, V: t.v}
	if t.adapter != nil {
		c.LoRA = &t.adapter.LoRA
	}
	return c
}

// Restore sets the state to a checkpoint of the same configuration, and
// restarts the trace from it.
func (t *Trainer) Restore(c *Checkpoint) error {
	if c.Config != t.model.Config {
		return fmt.Errorf("checkpoint of config %+v, the trainer's is %+v", c.Config, t.model.Config)
	}
	if mine := t.Checkpoint().LoRA; !sameLoRA(c.LoRA, mine) {
		return fmt.Errorf("checkpoint of method %s, the trainer's is %s", methodOf(c.LoRA), methodOf(mine))
	}
	if len(c.Params) != len(t.trained) || len(c.M) != len(c.Params) || len(c.V) != len(c.Params) {
		return fmt.Errorf("checkpoint holds %d weights, want %d", len(c.Params), len(t.trained))
	}
	for i, p := range t.trained {
		for _, pair := range [][2]*model.Tensor{{p, c.Params[i]}, {t.m[i], c.M[i]}, {t.v[i], c.V[i]}} {
			if !pair[0].SameLayout(pair[1]) {
				return fmt.Errorf("checkpoint tensor %s is %v, want %v", pair[1].Name, pair[1].Shape, pair[0].Shape)
			}
		}
	}
	if c.Step < 0 || c.Step > 1<<31-1 {
		return fmt.Errorf("checkpoint step %d out of range", c.Step)
	}
	for i, p := range t.trained {
		copy(p.F, c.Params[i].F)
		copy(t.m[i].F, c.M[i].F)
		copy(t.v[i].F, c.V[i].F)
	}
	t.step.I[0] = int32(c.Step)
	t.trace = []TraceEntry{{c.Step, t.Checkpoint().Hash()}}
	return nil
}
