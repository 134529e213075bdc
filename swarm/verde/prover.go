package verde

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/swarm/noloco"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/train"
)

// Prover answers the referee's questions for one worker, from the archive
// its run wrote (noloco.Config.ArchiveDir): every answer is read from the
// archive or recomputed from it, so it is consistent with the worker's
// trace, and so with its commitment. It is safe for concurrent use; the
// questions are answered one at a time.
type Prover struct {
	mu      sync.Mutex
	archive *noloco.Archive
	tree    *Tree
	tr      *train.Trainer
	// The operator records of the last step recorded, and their tree.
	opStep int
	ops    *train.StepRecord
	opTree *Tree
}

// NewProver opens the archive in dir of the run of rank in a job of plan
// on the base model's bytes and the job's token stream (jobplan.Plan.Dataset),
// to answer for it; pool bounds the threads of its recomputations.
func NewProver(dir string, plan jobplan.Plan, base []byte, data *train.Dataset, rank int, pool *ree.Pool) (*Prover, error) {
	a, err := noloco.OpenArchive(dir)
	if err != nil {
		return nil, err
	}
	if c := a.Config(); c.Rank != rank {
		return nil, fmt.Errorf("verde: the archive in %s is rank %d's, not rank %d's", dir, c.Rank, rank)
	}
	tree, err := TraceTree(a.Trace())
	if err != nil {
		return nil, err
	}
	tr, err := plan.Trainer(base, data, rank, pool)
	if err != nil {
		return nil, err
	}
	return &Prover{archive: a, tree: tree, tr: tr, opStep: -1}, nil
}

// Root is the root of the worker's trace: what it commits to.
func (p *Prover) Root() Hash { return p.tree.Root() }

// Leaves is the number of leaves of the worker's trace.
func (p *Prover) Leaves() int { return p.tree.Len() }

// Ask implements Asker: a referee in the same process asks the prover.
func (p *Prover) Ask(ctx context.Context, q Question) (json.RawMessage, error) {
	return p.Answer(ctx, q)
}

// Answer answers one question of the referee (see the Ask… kinds).
func (p *Prover) Answer(ctx context.Context, q Question) (json.RawMessage, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	v, err := p.answer(q)
	if err != nil {
		return nil, fmt.Errorf("verde: %s: %w", q.Kind, err)
	}
	return json.Marshal(v)
}

func (p *Prover) answer(q Question) (any, error) {
	args := func(v any) error {
		dec := json.NewDecoder(bytes.NewReader(q.Args))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v); err != nil {
			return fmt.Errorf("arguments: %w", err)
		}
		return nil
	}
	switch q.Kind {
	case AskTraceChildren:
		var a RangeArgs
		if err := args(&a); err != nil {
			return nil, err
		}
		return children(p.tree, a.Lo, a.Hi)
	case AskTraceLeaf:
		var a IndexArgs
		if err := args(&a); err != nil {
			return nil, err
		}
		proof, err := p.tree.Proof(a.Index)
		if err != nil {
			return nil, err
		}
		return LeafProof{Leaf: p.archive.Trace()[a.Index].Encode(nil), Proof: proof}, nil
	case AskState, AskWeights, AskMomentum, AskCheckpoint:
		var a IndexArgs
		if err := args(&a); err != nil {
			return nil, err
		}
		return p.state(q.Kind, a.Index)
	case AskMessage:
		var a IndexArgs
		if err := args(&a); err != nil {
			return nil, err
		}
		m, err := p.archive.Message(a.Index)
		if err != nil {
			return nil, err
		}
		return messageData(m), nil
	case AskOpRoot:
		var a StepArgs
		if err := args(&a); err != nil {
			return nil, err
		}
		if err := p.record(a.Step); err != nil {
			return nil, err
		}
		return OpRoot{Root: p.opTree.Root(), Ops: p.opTree.Len()}, nil
	case AskOpChildren:
		var a OpRangeArgs
		if err := args(&a); err != nil {
			return nil, err
		}
		if err := p.record(a.Step); err != nil {
			return nil, err
		}
		return children(p.opTree, a.Lo, a.Hi)
	case AskOpLeaf:
		var a OpIndexArgs
		if err := args(&a); err != nil {
			return nil, err
		}
		if err := p.record(a.Step); err != nil {
			return nil, err
		}
		proof, err := p.opTree.Proof(a.Index)
		if err != nil {
			return nil, err
		}
		return OpLeafData{Record: opRecord(p.ops.Ops[a.Index]), Proof: proof}, nil
	case AskOpInputs:
		var a OpIndexArgs
		if err := args(&a); err != nil {
			return nil, err
		}
		if a.Index < 0 || a.Index >= len(p.tr.Program().Ops) {
			return nil, fmt.Errorf("no operator %d", a.Index)
		}
		rec, err := p.archive.RecordStep(p.tr, a.Step, func(k int) bool { return k == a.Index })
		if err != nil {
			return nil, err
		}
		var out Tensors
		for _, t := range rec.Inputs[a.Index] {
			out.Tensors = append(out.Tensors, tensorData(t))
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown kind of question %q", q.Kind)
}

// children answers for node [lo, hi) of tree.
func children(tree *Tree, lo, hi int) (Children, error) {
	l, r, err := TreeParty{Tree: tree}.Children(context.Background(), lo, hi)
	return Children{Left: l, Right: r}, err
}

// state answers the questions about the state at trace leaf index.
func (p *Prover) state(kind string, index int) (any, error) {
	trace := p.archive.Trace()
	if index < 0 || index >= len(trace) {
		return nil, fmt.Errorf("no leaf %d of %d", index, len(trace))
	}
	_, mom, err := p.archive.State(p.tr, index)
	if err != nil {
		return nil, err
	}
	c := p.tr.Checkpoint()
	var momHash *Hash
	if trace[index].Kind == noloco.EntryOuter {
		h := Hash(noloco.HashFloats(mom))
		momHash = &h
	}
	switch kind {
	case AskState:
		return stateOf(c, momHash), nil
	case AskWeights:
		var out Tensors
		for _, t := range c.Params {
			out.Tensors = append(out.Tensors, tensorData(t))
		}
		return out, nil
	case AskMomentum:
		return Vector{Data: noloco.EncodeFloats(mom)}, nil
	}
	var buf bytes.Buffer
	if err := c.Encode(&buf); err != nil {
		return nil, err
	}
	return CheckpointData{Checkpoint: buf.Bytes(), Momentum: momHash}, nil
}

// record makes the operator records of step the prover's current ones.
func (p *Prover) record(step int) error {
	if p.opStep == step && p.ops != nil {
		return nil
	}
	rec, err := p.archive.RecordStep(p.tr, step, nil)
	if err != nil {
		return err
	}
	tree, err := TreeOf(OpLeaves(rec.Ops))
	if err != nil {
		return err
	}
	p.opStep, p.ops, p.opTree = step, rec, tree
	return nil
}
