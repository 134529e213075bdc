package verde

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
)

// OpLeaf is the canonical encoding of an operator record as a tree leaf:
// index, name, kind, then the input and the output hashes, each list
// preceded by its length.
func OpLeaf(r model.OpRecord) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(r.Index))
	for _, s := range []string{r.Name, r.Kind} {
		b = binary.BigEndian.AppendUint16(b, uint16(len(s)))
		b = append(b, s...)
	}
	for _, hs := range [][]model.Hash{r.Inputs, r.Outputs} {
		b = binary.BigEndian.AppendUint16(b, uint16(len(hs)))
		for _, h := range hs {
			b = append(b, h[:]...)
		}
	}
	return b
}

// OpLeaves encodes a step's operator records as leaves, in program order.
func OpLeaves(recs []model.OpRecord) [][]byte {
	out := make([][]byte, len(recs))
	for i, r := range recs {
		out[i] = OpLeaf(r)
	}
	return out
}

// OpRuling is the referee's decision on the first operator two parties
// disagree on, with what it rests on, for the published transcript.
type OpRuling struct {
	Index int    `json:"index"`
	Name  string `json:"name"`
	Kind  string `json:"kind"`
	// Inputs are the input hashes the ruling took as given: derived from the
	// operators both parties agree on where the program says so.
	Inputs []Hash `json:"inputs"`
	// Recomputed are the output hashes of the referee's own run of the
	// operator; empty when a party lost before it was needed.
	Recomputed []Hash `json:"recomputed,omitempty"`
	// Losers are the sides whose record is wrong, Reasons says why, side by side.
	Losers  []Side   `json:"losers"`
	Reasons []string `json:"reasons"`
}

// ErrNeedsCheckpoint is returned when the parties disagree on an input that
// no earlier operator produced or read: a tensor of the checkpoint or the
// batch, which one operator's recomputation cannot settle.
var ErrNeedsCheckpoint = errors.New("verde: the parties disagree on a pre-step input; the ruling needs the agreed checkpoint")

// JudgeOp rules on operator k = len(agreed) of one step. prog is the
// referee's own program for the step (the same configuration gives the
// same operators and wiring); agreed are the records of operators 0..k-1,
// equal on both sides; a and b are the parties' records of operator k, and
// inputs the input tensors one of them offered. A record that does not fit
// the program, or names an input other than what the agreed operators
// produced, loses at once; otherwise the referee runs the one operator on
// the inputs and every side whose outputs differ from its result loses.
func JudgeOp(pool *ree.Pool, prog *model.Program, agreed []model.OpRecord, a, b model.OpRecord, inputs []*model.Tensor) (OpRuling, error) {
	return judgeOp(pool, prog, nil, agreed, a, b, func(model.OpRecord) ([]*model.Tensor, error) { return inputs, nil })
}

// judgeOp is JudgeOp with the hashes of the tensors the step reads before
// any operator writes them (the checkpoint, the batch), which settle a
// disagreement on such an input, and the input tensors fetched only when
// the recomputation needs them, given the agreed record.
func judgeOp(pool *ree.Pool, prog *model.Program, initial map[*model.Tensor]model.Hash, agreed []model.OpRecord, a, b model.OpRecord,
	offered func(model.OpRecord) ([]*model.Tensor, error)) (OpRuling, error) {
	k := len(agreed)
	if k >= len(prog.Ops) {
		return OpRuling{}, fmt.Errorf("verde: operator %d of a %d-operator program", k, len(prog.Ops))
	}
	op := prog.Ops[k]
	ruling := OpRuling{Index: k, Name: op.Name, Kind: op.Kind}
	expected := expectedInputs(prog, initial, agreed, k)
	recs := [2]model.OpRecord{a, b}
	lose := func(s Side, why string) {
		ruling.Losers = append(ruling.Losers, s)
		ruling.Reasons = append(ruling.Reasons, why)
	}
	for s, r := range recs {
		switch {
		case r.Index != k || r.Name != op.Name || r.Kind != op.Kind || len(r.Inputs) != len(op.In) || len(r.Outputs) != len(op.Out):
			lose(Side(s), fmt.Sprintf("the record of operator %d is not %s (%s) of the program", k, op.Name, op.Kind))
			continue
		}
		for i, want := range expected {
			if want != nil && r.Inputs[i] != *want {
				lose(Side(s), fmt.Sprintf("input %d of %s is not what the agreed operators left in it", i, op.Name))
				break
			}
		}
	}
	if len(ruling.Losers) > 0 {
		return ruling, nil
	}
	for i := range op.In {
		if a.Inputs[i] != b.Inputs[i] {
			return ruling, ErrNeedsCheckpoint
		}
	}
	for _, h := range a.Inputs {
		ruling.Inputs = append(ruling.Inputs, Hash(h))
	}
	inputs, err := offered(a)
	if err != nil {
		return ruling, err
	}
	if len(inputs) != len(op.In) {
		return ruling, fmt.Errorf("verde: %d input tensors offered for %s, want %d", len(inputs), op.Name, len(op.In))
	}
	for i, t := range inputs {
		if t.Hash() != a.Inputs[i] {
			return ruling, fmt.Errorf("verde: offered input %d of %s does not hash to the agreed input", i, op.Name)
		}
	}
	outs, err := op.Compute(pool, inputs)
	if err != nil {
		return ruling, fmt.Errorf("verde: recompute %s: %w", op.Name, err)
	}
	for _, t := range outs {
		ruling.Recomputed = append(ruling.Recomputed, Hash(t.Hash()))
	}
	for s, r := range recs {
		for i, h := range ruling.Recomputed {
			if Hash(r.Outputs[i]) != h {
				lose(Side(s), fmt.Sprintf("output %d of %s differs from the referee's recomputation", i, op.Name))
				break
			}
		}
	}
	if len(ruling.Losers) == 0 {
		return ruling, fmt.Errorf("verde: both records of %s match the recomputation; they do not diverge here", op.Name)
	}
	return ruling, nil
}

// expectedInputs derives, for each input of operator k, the hash the agreed
// operators imply: the output of the last operator before k that wrote the
// tensor or, if none did, its hash in initial if it has one there, or else
// the input hash of the first operator that read it. Nil where nothing
// says.
func expectedInputs(prog *model.Program, initial map[*model.Tensor]model.Hash, agreed []model.OpRecord, k int) []*model.Hash {
	out := make([]*model.Hash, len(prog.Ops[k].In))
	for i, t := range prog.Ops[k].In {
		for j := k - 1; j >= 0 && out[i] == nil; j-- {
			for m, o := range prog.Ops[j].Out {
				if o == t {
					h := agreed[j].Outputs[m]
					out[i] = &h
					break
				}
			}
		}
		if out[i] != nil {
			continue
		}
		if h, ok := initial[t]; ok {
			out[i] = &h
			continue
		}
		for j := 0; j < k && out[i] == nil; j++ {
			for m, in := range prog.Ops[j].In {
				if in == t {
					h := agreed[j].Inputs[m]
					out[i] = &h
					break
				}
			}
		}
	}
	return out
}
