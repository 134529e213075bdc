package verde

import (
	"context"
	"fmt"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/noloco"
)

// What the game asks of the parties: the bisection's sides, and the
// leaves, states, weights and messages of a slot, each proved against its
// committed root.

// traceParty is a slot's side of the bisection of traces.
type traceParty struct {
	g    *game
	t    *Transcript
	slot Slot
}

// Children implements Party by AskTraceChildren.
func (p *traceParty) Children(ctx context.Context, lo, hi int) (Hash, Hash, error) {
	var c Children
	err := p.g.get(ctx, p.t, p.slot, AskTraceChildren, RangeArgs{lo, hi}, &c)
	return c.Left, c.Right, err
}

// LeafData implements Party by AskTraceLeaf.
func (p *traceParty) LeafData(ctx context.Context, i int) ([]byte, error) {
	var l LeafProof
	err := p.g.get(ctx, p.t, p.slot, AskTraceLeaf, IndexArgs{i}, &l)
	return l.Leaf, err
}

// opParty is a slot's side of the bisection of a step's operator records.
type opParty struct {
	g    *game
	t    *Transcript
	slot Slot
	step int
	recs map[int]model.OpRecord
}

// Children implements Party by AskOpChildren.
func (p *opParty) Children(ctx context.Context, lo, hi int) (Hash, Hash, error) {
	var c Children
	err := p.g.get(ctx, p.t, p.slot, AskOpChildren, OpRangeArgs{p.step, lo, hi}, &c)
	return c.Left, c.Right, err
}

// LeafData implements Party by AskOpLeaf, keeping the record.
func (p *opParty) LeafData(ctx context.Context, i int) ([]byte, error) {
	var l OpLeafData
	if err := p.g.get(ctx, p.t, p.slot, AskOpLeaf, OpIndexArgs{p.step, i}, &l); err != nil {
		return nil, err
	}
	r := l.Record.record()
	p.recs[i] = r
	return OpLeaf(r), nil
}

// leaf returns leaf index of slot's trace, proven against its revealed
// root, and checks that it is the job's entry there.
func (g *game) leaf(ctx context.Context, t *Transcript, slot Slot, index int) (noloco.TraceEntry, error) {
	var l LeafProof
	if err := g.get(ctx, t, slot, AskTraceLeaf, IndexArgs{index}, &l); err != nil {
		return noloco.TraceEntry{}, err
	}
	rev := g.s.Reveals[slot]
	if !VerifyProof(rev.Root, rev.Leaves, index, LeafHash(l.Leaf), l.Proof) {
		return noloco.TraceEntry{}, faultf(slot, "leaf %d does not prove against its revealed root", index)
	}
	e, err := noloco.DecodeEntry(l.Leaf)
	want := g.layout(slot.Rank)[index]
	if err != nil || e.Step != want.Step || e.Kind != want.Kind || e.Peer != want.Peer {
		return e, faultf(slot, "committed leaf %d, which is not the job's %s of step %d", index, want.Kind, want.Step)
	}
	return e, nil
}

// state asks slot for the composition of the state at leaf index, which
// must hash to e (the leaf there).
func (g *game) state(ctx context.Context, t *Transcript, slot Slot, index int, e noloco.TraceEntry) (*State, error) {
	var s State
	if err := g.get(ctx, t, slot, AskState, IndexArgs{index}, &s); err != nil {
		return nil, err
	}
	if s.Step != e.Step || len(s.Tensors) != len(g.specs) || (e.Kind == noloco.EntryOuter) != (s.Momentum != nil) {
		return nil, faultf(slot, "the state at leaf %d is not a state of step %d", index, e.Step)
	}
	for k, th := range s.Tensors {
		if th.Name != g.specs[k].Name {
			return nil, faultf(slot, "the state at leaf %d names tensor %q where %q belongs", index, th.Name, g.specs[k].Name)
		}
	}
	if !g.check(t, &slot, fmt.Sprintf("state at leaf %d", index), Hash(e.Hash), s.leafHash(g.cfg, g.lora, e.Kind)) {
		return nil, faultf(slot, "the state offered for leaf %d does not hash to that leaf", index)
	}
	return &s, nil
}

// weights asks slot for the weights of the state at leaf index, whose
// composition st is known, and returns them flat, in canonical order.
func (g *game) weights(ctx context.Context, t *Transcript, slot Slot, index int, st *State) ([]float32, error) {
	var ts Tensors
	if err := g.get(ctx, t, slot, AskWeights, IndexArgs{index}, &ts); err != nil {
		return nil, err
	}
	if len(ts.Tensors) != len(g.specs) {
		return nil, faultf(slot, "%d weights of the state at leaf %d, the model has %d", len(ts.Tensors), index, len(g.specs))
	}
	flat := make([]float32, 0, g.size)
	for k, d := range ts.Tensors {
		w, err := d.tensor(model.NewF32(g.specs[k].Name, g.specs[k].Shape...))
		if err != nil || d.Name != g.specs[k].Name || Hash(w.Hash()) != st.Tensors[k].Weight {
			return nil, faultf(slot, "weight %s of the state at leaf %d does not hash to the state's", g.specs[k].Name, index)
		}
		flat = append(flat, w.F...)
	}
	return flat, nil
}

// weightHashes splits flat weights by the model's tensors and hashes each.
func (g *game) weightHashes(flat []float32) []Hash {
	out := make([]Hash, len(g.specs))
	off := 0
	for k, s := range g.specs {
		t := model.NewF32(s.Name, s.Shape...)
		off += copy(t.F, flat[off:])
		out[k] = Hash(t.Hash())
	}
	return out
}

// message asks slot for the message of its leaf index, e, which must hash
// to the leaf.
func (g *game) message(ctx context.Context, t *Transcript, slot Slot, index int, e noloco.TraceEntry) (*noloco.Message, error) {
	var d MessageData
	if err := g.get(ctx, t, slot, AskMessage, IndexArgs{index}, &d); err != nil {
		return nil, err
	}
	m, err := d.message()
	if err != nil {
		return nil, faultf(slot, "the message of leaf %d: %v", index, err)
	}
	if !g.check(t, &slot, fmt.Sprintf("message at leaf %d", index), Hash(e.Hash), Hash(m.Digest())) {
		return nil, faultf(slot, "the message offered for leaf %d does not hash to that leaf", index)
	}
	return m, nil
}
