package verde

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/noloco"
)

// The rulings on the earliest diverging leaf of two traces, one per kind of
// leaf: the initial state, an inner step, a message sent or received, an
// outer step, the final average.

// initialState rules on leaf 0: the base model's state, which the referee
// computes itself.
func (g *game) initialState(t *Transcript, entries [2]noloco.TraceEntry) ([]Verdict, error) {
	var v []Verdict
	for side, e := range entries {
		if !g.check(t, &t.Slots[side], "the initial state", g.initial[t.Rank], Hash(e.Hash)) {
			v = append(v, Verdict{t.Slots[side], "its initial state is not the base model's"})
		}
	}
	return v, nil
}

// innerStep rules on the checkpoint leaf i after an inner step.
func (g *game) innerStep(ctx context.Context, t *Transcript, i int, entries [2]noloco.TraceEntry) ([]Verdict, error) {
	step := entries[0].Step - 1 // the step starts after this many
	prev, err := g.leaf(ctx, t, t.Slots[0], i-1)
	if err != nil {
		return nil, err
	}
	var before, after [2]*State
	var roots [2]OpRoot
	tr := g.trainers[t.Rank]
	prog := tr.Program()
	v, err := g.sides(func(side int) ([]Verdict, error) {
		slot := t.Slots[side]
		var err error
		if before[side], err = g.state(ctx, t, slot, i-1, prev); err != nil {
			return nil, err
		}
		if after[side], err = g.state(ctx, t, slot, i, entries[side]); err != nil {
			return nil, err
		}
		if err := g.get(ctx, t, slot, AskOpRoot, StepArgs{step}, &roots[side]); err != nil {
			return nil, err
		}
		if roots[side].Ops != len(prog.Ops) {
			return nil, faultf(slot, "an operator record of %d operators, the step has %d", roots[side].Ops, len(prog.Ops))
		}
		return nil, nil
	})
	if err != nil || len(v) > 0 {
		return v, err
	}
	// The hash of every tensor the step reads before writing it: the
	// agreed state before, the counter and the batch.
	initial := map[*model.Tensor]model.Hash{}
	ck := tr.Checkpoint()
	for k, th := range before[0].Tensors {
		initial[ck.Params[k]], initial[ck.M[k]], initial[ck.V[k]] = model.Hash(th.Weight), model.Hash(th.M), model.Hash(th.V)
	}
	bound, values, err := tr.StepInputs(step)
	if err != nil {
		return nil, err
	}
	for k, b := range bound {
		initial[b] = values[k].Hash()
	}
	n := len(prog.Ops)
	// opLeaf fetches an agreed record from A, proven against A's root.
	opLeaf := func(j int) (model.OpRecord, error) {
		var l OpLeafData
		if err := g.get(ctx, t, t.Slots[0], AskOpLeaf, OpIndexArgs{step, j}, &l); err != nil {
			return model.OpRecord{}, err
		}
		r := l.Record.record()
		if !VerifyProof(roots[0].Root, n, j, LeafHash(OpLeaf(r)), l.Proof) {
			return r, faultf(t.Slots[0], "the record of operator %d of step %d does not prove against its operator root", j, step)
		}
		return r, nil
	}

	t.OpRoots, t.OpCount = &[2]Hash{roots[0].Root, roots[1].Root}, n
	if roots[0].Root != roots[1].Root {
		pa := &opParty{g, t, t.Slots[0], step, map[int]model.OpRecord{}}
		pb := &opParty{g, t, t.Slots[1], step, map[int]model.OpRecord{}}
		out, err := Bisect(ctx, n, roots[0].Root, roots[1].Root, pa, pb, g.timeout+time.Second)
		if err != nil {
			return nil, err
		}
		t.Ops = &out
		if len(out.Faults) > 0 {
			return g.faults(t, out.Faults), nil
		}
		k := out.Index
		agreed := make([]model.OpRecord, k)
		for _, j := range sources(prog, initial, k) {
			if agreed[j], err = opLeaf(j); err != nil {
				return nil, err
			}
		}
		offered := func(a model.OpRecord) ([]*model.Tensor, error) {
			var ts Tensors
			if err := g.get(ctx, t, t.Slots[0], AskOpInputs, OpIndexArgs{step, k}, &ts); err != nil {
				return nil, err
			}
			op := prog.Ops[k]
			if len(ts.Tensors) != len(op.In) {
				return nil, faultf(t.Slots[0], "%d inputs of operator %d, it has %d", len(ts.Tensors), k, len(op.In))
			}
			in := make([]*model.Tensor, len(op.In))
			for m, d := range ts.Tensors {
				x, err := d.tensor(op.In[m])
				if err != nil || x.Hash() != a.Inputs[m] {
					return nil, faultf(t.Slots[0], "input %d of operator %d does not hash to the agreed input", m, k)
				}
				in[m] = x
			}
			return in, nil
		}
		ruling, err := judgeOp(g.s.Pool, prog, initial, agreed, pa.recs[k], pb.recs[k], offered)
		if err != nil {
			return nil, err
		}
		t.Op = &ruling
		if ruling.Recomputed != nil {
			t.FLOPs += OpFLOPs(g.cfg, prog.Ops[k])
		}
		var v []Verdict
		for m, s := range ruling.Losers {
			v = append(v, Verdict{t.Slots[s], fmt.Sprintf("step %d: %s", step+1, ruling.Reasons[m])})
		}
		return v, nil
	}

	// The records agree: each party's state after must be what they leave
	// in the state's tensors.
	implied := map[*model.Tensor]model.Hash{}
	recs := map[int]model.OpRecord{}
	state := slices.Concat(ck.Params, ck.M, ck.V)
	for _, x := range state {
		implied[x] = initial[x]
	last:
		for j := n - 1; j >= 0; j-- {
			for m, o := range prog.Ops[j].Out {
				if o != x {
					continue
				}
				r, ok := recs[j]
				if !ok {
					if r, err = opLeaf(j); err != nil {
						return nil, err
					}
					recs[j] = r
				}
				implied[x] = r.Outputs[m]
				break last
			}
		}
	}
	v = nil
	for side, slot := range t.Slots {
		for k, th := range after[side].Tensors {
			for _, c := range []struct {
				what string
				x    *model.Tensor
				got  Hash
			}{{"weight", ck.Params[k], th.Weight}, {"first moment", ck.M[k], th.M}, {"second moment", ck.V[k], th.V}} {
				if !g.check(t, &t.Slots[side], fmt.Sprintf("%s %s after step %d by the agreed records", c.what, th.Name, step+1), Hash(implied[c.x]), c.got) {
					v = append(v, Verdict{slot, fmt.Sprintf("its state after step %d is not what its own operator records leave (%s of %s)", step+1, c.what, th.Name)})
					break
				}
			}
			if len(v) > 0 && v[len(v)-1].Slot == slot {
				break
			}
		}
	}
	return v, nil
}

// sources are the operators before k whose records name the hashes of
// k's inputs (see expectedInputs), in ascending order.
func sources(prog *model.Program, initial map[*model.Tensor]model.Hash, k int) []int {
	var out []int
	for _, x := range prog.Ops[k].In {
		j := writerBefore(prog, x, k)
		if j < 0 {
			if _, ok := initial[x]; ok {
				continue
			}
			j = readerBefore(prog, x, k)
		}
		if j >= 0 && !slices.Contains(out, j) {
			out = append(out, j)
		}
	}
	slices.Sort(out)
	return out
}

// writerBefore is the last operator before k that writes x, or −1.
func writerBefore(prog *model.Program, x *model.Tensor, k int) int {
	for j := k - 1; j >= 0; j-- {
		if slices.Contains(prog.Ops[j].Out, x) {
			return j
		}
	}
	return -1
}

// readerBefore is the first operator before k that reads x, or −1.
func readerBefore(prog *model.Program, x *model.Tensor, k int) int {
	for j := range k {
		if slices.Contains(prog.Ops[j].In, x) {
			return j
		}
	}
	return -1
}

// messageKind is the kind of the messages of the exchange that holds
// layout index i: outer, or the final average's.
func messageKind(layout []noloco.TraceEntry, i int) noloco.Kind {
	for ; i < len(layout); i++ {
		switch layout[i].Kind {
		case noloco.EntryOuter:
			return noloco.KindOuter
		case noloco.EntryFinal:
			return noloco.KindFinal
		}
	}
	return 0
}

// lastBefore is the last index before i of layout whose entry ok accepts,
// or 0.
func lastBefore(layout []noloco.TraceEntry, i int, ok func(noloco.TraceEntry) bool) int {
	for j := i - 1; j > 0; j-- {
		if ok(layout[j]) {
			return j
		}
	}
	return 0
}

// isState accepts the entries that record a state.
func isState(e noloco.TraceEntry) bool {
	return e.Kind == noloco.EntryCheckpoint || e.Kind == noloco.EntryOuter
}

// checkSent checks message m, leaf index of sender's trace, against the
// sender's committed state, and returns what is wrong with it ("" if
// nothing is). The leaves it rests on are proven against the sender's root.
func (g *game) checkSent(ctx context.Context, t *Transcript, sender Slot, index int, m *noloco.Message) (string, error) {
	layout := g.layout(sender.Rank)
	e := layout[index]
	kind := messageKind(layout, index)
	step := uint64(e.Step)
	if kind == noloco.KindOuter {
		step = uint64(e.Step / g.s.Plan.H)
	}
	wantDelta := g.size
	if kind == noloco.KindFinal {
		wantDelta = 0
	}
	if m.Kind != kind || m.Job != g.s.Job || m.Step != step || m.Round != 0 || int(m.From) != sender.Rank || int(m.To) != e.Peer ||
		len(m.Phi) != g.size || len(m.Delta) != wantDelta {
		return fmt.Sprintf("its message of leaf %d is not the job's %s message of step %d from rank %d to rank %d", index, kind, step, sender.Rank, e.Peer), nil
	}
	// φ: the slow weights (the state after the last outer step) for an
	// outer step; the weights of the last state for the final average.
	slow := lastBefore(layout, index, isState)
	if kind == noloco.KindOuter {
		slow = lastBefore(layout, index, func(x noloco.TraceEntry) bool { return x.Kind == noloco.EntryOuter && x.Step < e.Step })
	}
	se, err := g.leaf(ctx, t, sender, slow)
	if err != nil {
		return "", err
	}
	st, err := g.state(ctx, t, sender, slow, se)
	if err != nil {
		return "", err
	}
	for k, h := range g.weightHashes(m.Phi) {
		if !g.check(t, &sender, fmt.Sprintf("φ of message %d, tensor %s, by the state at leaf %d", index, g.specs[k].Name, slow), st.Tensors[k].Weight, h) {
			return fmt.Sprintf("the φ it sent at leaf %d is not the weights of its own state at leaf %d", index, slow), nil
		}
	}
	if kind != noloco.KindOuter {
		return "", nil
	}
	// Δ = θ − φ, θ the weights after the period's inner steps.
	at := lastBefore(layout, index, func(x noloco.TraceEntry) bool { return x.Kind == noloco.EntryCheckpoint && x.Step == e.Step })
	te, err := g.leaf(ctx, t, sender, at)
	if err != nil {
		return "", err
	}
	ts, err := g.state(ctx, t, sender, at, te)
	if err != nil {
		return "", err
	}
	theta, err := g.weights(ctx, t, sender, at, ts)
	if err != nil {
		return "", err
	}
	g.addFLOPs(t, float64(g.size))
	for k := range theta {
		if d := theta[k] - m.Phi[k]; math.Float32bits(d) != math.Float32bits(m.Delta[k]) {
			return fmt.Sprintf("the Δ it sent at leaf %d is not θ − φ of its own states at leaves %d and %d (element %d)", index, at, slow, k), nil
		}
	}
	return "", nil
}

// sent rules on a sent message leaf: each side's message against its own
// committed state.
func (g *game) sent(ctx context.Context, t *Transcript, i int, entries [2]noloco.TraceEntry) ([]Verdict, error) {
	return g.sides(func(side int) ([]Verdict, error) {
		slot := t.Slots[side]
		m, err := g.message(ctx, t, slot, i, entries[side])
		if err != nil {
			return nil, err
		}
		why, err := g.checkSent(ctx, t, slot, i, m)
		if err != nil || why == "" {
			return nil, err
		}
		return []Verdict{{slot, why}}, nil
	})
}

// received rules on a received message leaf: against what the sender (the
// same replica's worker of the peer rank) committed to have sent, and that
// against the sender's state; if both stand, the senders' dispute decides.
func (g *game) received(ctx context.Context, t *Transcript, i int, entries [2]noloco.TraceEntry, depth int) ([]Verdict, error) {
	e := g.layout(t.Rank)[i]
	v, err := g.sides(func(side int) ([]Verdict, error) {
		slot := t.Slots[side]
		m, err := g.message(ctx, t, slot, i, entries[side])
		if err != nil {
			return nil, err
		}
		sender := Slot{slot.Replica, e.Peer}
		if _, ok := g.s.Reveals[sender]; !ok {
			return nil, fmt.Errorf("verde: the sender %v has not revealed", sender)
		}
		sl := g.layout(e.Peer)
		k := slices.IndexFunc(sl, func(x noloco.TraceEntry) bool {
			return x.Kind == noloco.EntrySent && x.Step == e.Step && x.Peer == t.Rank
		})
		if k < 0 {
			return nil, fmt.Errorf("verde: rank %d sends rank %d nothing at step %d", e.Peer, t.Rank, e.Step)
		}
		se, err := g.leaf(ctx, t, sender, k)
		if err != nil {
			return nil, err
		}
		if !g.check(t, &slot, fmt.Sprintf("message received at leaf %d by what %v committed to have sent at its leaf %d", i, sender, k), Hash(se.Hash), Hash(entries[side].Hash)) {
			return []Verdict{{slot, fmt.Sprintf("it recorded at leaf %d a message that %v never sent", i, sender)}}, nil
		}
		why, err := g.checkSent(ctx, t, sender, k, m)
		if err != nil || why == "" {
			return nil, err
		}
		return []Verdict{{sender, why}}, nil
	})
	if err != nil || len(v) > 0 {
		return v, err
	}
	if depth >= maxDepth {
		return nil, fmt.Errorf("verde: the senders' disputes go deeper than %d", maxDepth)
	}
	sub, v, err := g.judge(ctx, e.Peer, depth+1)
	t.Sender = sub
	if sub != nil {
		t.Rounds += sub.Rounds
		t.Bytes += sub.Bytes
		t.FLOPs += sub.FLOPs
	}
	return v, err
}

// outerStep rules on an outer leaf by recomputing the outer step from the
// agreed inputs: the slow weights, the momentum, the checkpoint after the
// period's inner steps and the messages received, all from A's trace.
func (g *game) outerStep(ctx context.Context, t *Transcript, i int, entries [2]noloco.TraceEntry) ([]Verdict, error) {
	layout := g.layout(t.Rank)
	a, step := t.Slots[0], layout[i].Step
	slow := lastBefore(layout, i, func(x noloco.TraceEntry) bool { return x.Kind == noloco.EntryOuter && x.Step < step })
	at := lastBefore(layout, i, func(x noloco.TraceEntry) bool { return x.Kind == noloco.EntryCheckpoint })
	var states [2]*State
	var flats [2][]float32
	for n, idx := range []int{slow, at} {
		e, err := g.leaf(ctx, t, a, idx)
		if err != nil {
			return nil, err
		}
		if states[n], err = g.state(ctx, t, a, idx, e); err != nil {
			return nil, err
		}
		if flats[n], err = g.weights(ctx, t, a, idx, states[n]); err != nil {
			return nil, err
		}
	}
	phi, theta := flats[0], flats[1]
	mom := make([]float32, g.size)
	if slow > 0 {
		var vec Vector
		if err := g.get(ctx, t, a, AskMomentum, IndexArgs{slow}, &vec); err != nil {
			return nil, err
		}
		got, err := noloco.DecodeFloats(vec.Data)
		if err != nil || len(got) != g.size || Hash(noloco.HashFloats(got)) != *states[0].Momentum {
			return nil, faultf(a, "the momentum offered for leaf %d does not hash to its state's", slow)
		}
		mom = got
	}
	outer := step / g.s.Plan.H
	group := noloco.GroupOf(noloco.Groups(g.s.Plan.Seed, outer, g.s.Plan.Workers), t.Rank)
	phis, deltas := make([][]float32, len(group)), make([][]float32, len(group))
	self := slices.Index(group, t.Rank)
	delta := make([]float32, g.size)
	for k := range delta {
		delta[k] = theta[k] - phi[k]
	}
	phis[self], deltas[self] = phi, delta
	got, err := g.receivedFrom(ctx, t, a, at, i, g.size)
	if err != nil {
		return nil, err
	}
	for peer, m := range got {
		j := slices.Index(group, peer)
		if j < 0 {
			return nil, fmt.Errorf("verde: rank %d is not in rank %d's group of outer step %d", peer, t.Rank, outer)
		}
		phis[j], deltas[j] = m.Phi, m.Delta
	}
	out := make([]float32, g.size)
	noloco.OuterStep(g.s.Plan.Outer(), self, phis, deltas, mom, out)
	t.FLOPs += float64(g.size * (6 + 2*len(group)))
	st := *states[1]
	st.Tensors = slices.Clone(st.Tensors)
	for k, h := range g.weightHashes(out) {
		st.Tensors[k].Weight = h
	}
	h := Hash(noloco.OuterHash(model.Hash(st.checkpointHash(g.cfg, g.lora)), noloco.HashFloats(mom)))
	var v []Verdict
	for side, e := range entries {
		if !g.check(t, &t.Slots[side], fmt.Sprintf("outer step %d recomputed", outer), h, Hash(e.Hash)) {
			v = append(v, Verdict{t.Slots[side], fmt.Sprintf("its state after outer step %d is not what the agreed inputs give", outer)})
		}
	}
	return v, nil
}

// receivedFrom returns the messages slot received, by sender, at the
// leaves between lo and hi of its trace (proven against its root), each
// with a φ of the model's size and a Δ of delta elements.
func (g *game) receivedFrom(ctx context.Context, t *Transcript, slot Slot, lo, hi, delta int) (map[int]*noloco.Message, error) {
	layout := g.layout(slot.Rank)
	out := map[int]*noloco.Message{}
	for r := lo + 1; r < hi; r++ {
		if layout[r].Kind != noloco.EntryReceived {
			continue
		}
		e, err := g.leaf(ctx, t, slot, r)
		if err != nil {
			return nil, err
		}
		m, err := g.message(ctx, t, slot, r, e)
		if err != nil {
			return nil, err
		}
		if len(m.Phi) != g.size || len(m.Delta) != delta {
			return nil, faultf(slot, "the message of leaf %d has vectors of %d and %d weights, want %d and %d", r, len(m.Phi), len(m.Delta), g.size, delta)
		}
		out[layout[r].Peer] = m
	}
	return out, nil
}

// finalHash is the final leaf's hash of a run of rank whose trained
// weights average to avg: their own hash, or a LoRA run's merged model's
// (noloco.FinalHash), merged on a copy of the referee's adapter.
func (g *game) finalHash(rank int, avg []float32) (Hash, error) {
	if g.lora == nil {
		return Hash(noloco.HashFloats(avg)), nil
	}
	tr, err := g.trainer(rank)
	if err != nil {
		return Hash{}, err
	}
	a := tr.Adapter().Clone()
	off := 0
	for _, p := range a.Params {
		off += copy(p.F, avg[off:])
	}
	m, err := a.Merge(g.s.Pool, tr.Model())
	if err != nil {
		return Hash{}, fmt.Errorf("verde: merging the final adapter: %w", err)
	}
	return Hash(noloco.HashTensors(m.Params)), nil
}

// finalAverage rules on the final leaf by recomputing the average of the
// agreed weights: the last state's and those received.
func (g *game) finalAverage(ctx context.Context, t *Transcript, i int, entries [2]noloco.TraceEntry) ([]Verdict, error) {
	layout := g.layout(t.Rank)
	a := t.Slots[0]
	last := lastBefore(layout, i, isState)
	e, err := g.leaf(ctx, t, a, last)
	if err != nil {
		return nil, err
	}
	st, err := g.state(ctx, t, a, last, e)
	if err != nil {
		return nil, err
	}
	all := make([][]float32, g.s.Plan.Workers)
	if all[t.Rank], err = g.weights(ctx, t, a, last, st); err != nil {
		return nil, err
	}
	got, err := g.receivedFrom(ctx, t, a, last, i, 0)
	if err != nil {
		return nil, err
	}
	for peer, m := range got {
		all[peer] = m.Phi
	}
	t.FLOPs += float64(g.size * len(all))
	h, err := g.finalHash(t.Rank, noloco.Average(all))
	if err != nil {
		return nil, err
	}
	var v []Verdict
	for side, e := range entries {
		if !g.check(t, &t.Slots[side], "final average recomputed", h, Hash(e.Hash)) {
			v = append(v, Verdict{t.Slots[side], "its final weights are not the average of the agreed ones"})
		}
	}
	return v, nil
}
