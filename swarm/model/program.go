package model

import (
	"fmt"

	"github.com/axl-market/axl/swarm/ree"
)

// Kernel computes an operator's outputs from its inputs. It must overwrite
// every element of every output, read nothing but its inputs, and give the
// right answer whether an output is a separate buffer or the very input it
// replaces (elementwise operators may update in place).
type Kernel func(p *ree.Pool, in, out []*Tensor)

// Op is one operator of a Program: a kernel bound to input and output
// tensors. Its name is unique in the program and says where it stands
// (h.2.mlp.c_fc.backward); its kind says what it computes (linear_backward).
type Op struct {
	Name, Kind string
	In, Out    []*Tensor
	Kernel     Kernel
}

// Compute runs the operator alone on the given inputs, which must have the
// types and shapes of its bound inputs, and returns fresh outputs. The bound
// tensors are left alone. This is the referee's one-operator recomputation.
// Inputs that make the kernel fail (a token outside the vocabulary, say)
// give an error, not a panic.
func (o *Op) Compute(p *ree.Pool, in []*Tensor) (out []*Tensor, err error) {
	if len(in) != len(o.In) {
		return nil, fmt.Errorf("op %s: %d inputs given, want %d", o.Name, len(in), len(o.In))
	}
	for i, t := range in {
		if !o.In[i].SameLayout(t) {
			return nil, fmt.Errorf("op %s: input %d (%s) is %v %v, want %v %v",
				o.Name, i, o.In[i].Name, t.DType(), t.Shape, o.In[i].DType(), o.In[i].Shape)
		}
	}
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("op %s: %v", o.Name, r)
		}
	}()
	out = make([]*Tensor, len(o.Out))
	for i, t := range o.Out {
		out[i] = t.Like()
	}
	o.Kernel(p, in, out)
	return out, nil
}

// Program is a fixed, numbered list of operators: one training step, say.
type Program struct {
	Ops []*Op
}

// Add appends an operator and returns its index.
func (g *Program) Add(name, kind string, in, out []*Tensor, k Kernel) int {
	g.Ops = append(g.Ops, &Op{Name: name, Kind: kind, In: in, Out: out, Kernel: k})
	return len(g.Ops) - 1
}

// Run executes the operators in order.
func (g *Program) Run(p *ree.Pool) {
	for _, o := range g.Ops {
		o.Kernel(p, o.In, o.Out)
	}
}

// OpRecord is what the dispute game compares of one operator's execution.
type OpRecord struct {
	Index   int    `json:"index"`
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Inputs  []Hash `json:"inputs"`  // hashed before the operator ran
	Outputs []Hash `json:"outputs"` // hashed after
}

// Record executes the operators in order, as Run does, and returns the
// record of each. If keep is not nil, copies of the inputs of the operators
// for which keep returns true are returned too, by index, so that a referee
// can recompute that one operator.
func (g *Program) Record(p *ree.Pool, keep func(k int) bool) ([]OpRecord, map[int][]*Tensor) {
	recs := make([]OpRecord, len(g.Ops))
	kept := map[int][]*Tensor{}
	for k, o := range g.Ops {
		r := OpRecord{Index: k, Name: o.Name, Kind: o.Kind}
		for _, t := range o.In {
			r.Inputs = append(r.Inputs, t.Hash())
		}
		if keep != nil && keep(k) {
			for _, t := range o.In {
				kept[k] = append(kept[k], t.Clone())
			}
		}
		o.Kernel(p, o.In, o.Out)
		for _, t := range o.Out {
			r.Outputs = append(r.Outputs, t.Hash())
		}
		recs[k] = r
	}
	return recs, kept
}
