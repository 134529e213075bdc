package verde

import (
	"math"

	"github.com/axl-market/axl/swarm/model"
)

// OpFLOPs estimates the floating-point operations of one operator from its
// kind and the sizes of its tensors: 2·m·n·k for the products (linear,
// logits), twice that for their backward passes, 4·T²·d per head and
// sequence for attention (twice for its backward), and a generous constant
// per element written for everything else. The same estimate serves the
// referee's one operator and the whole job, so their ratio is fair.
func OpFLOPs(cfg model.Config, op *model.Op) float64 {
	n := func(t *model.Tensor) float64 { return float64(t.Len()) }
	// matmul is 2·m·n·k from the sizes of A (m×k), B (k×n) and C (m×n).
	matmul := func(a, b, c *model.Tensor) float64 { return 2 * math.Sqrt(n(a)*n(b)*n(c)) }
	switch op.Kind {
	case "linear": // x, W, b -> y
		return matmul(op.In[0], op.In[1], op.Out[0]) + n(op.Out[0])
	case "linear_backward": // dy, x, W -> dx, dW, db
		return 2*matmul(op.In[1], op.In[2], op.In[0]) + n(op.In[0])
	case "logits": // x, wte -> logits
		return matmul(op.In[0], op.In[1], op.Out[0])
	case "logits_backward": // dlogits, x, wte -> dx, dwte
		return 2 * matmul(op.In[1], op.In[2], op.In[0])
	case "attention", "attention_backward":
		// att holds B·H·T·T probabilities: QKᵀ and A·V are 2·T·T·d each.
		att := op.Out[len(op.Out)-1]
		if op.Kind == "attention_backward" {
			att = op.In[2]
		}
		hd := float64(cfg.Dim / cfg.Heads)
		f := n(att) * (4*hd + 5)
		if op.Kind == "attention_backward" {
			f *= 2
		}
		return f
	}
	var out float64
	for _, t := range op.Out {
		out += n(t)
	}
	// Layer norms, GELU with its tanh, AdamW and the loss: at most a few
	// dozen operations per element written.
	return 32 * out
}

// ProgramFLOPs is the estimate for a whole program: one inner step.
func ProgramFLOPs(cfg model.Config, prog *model.Program) float64 {
	var f float64
	for _, op := range prog.Ops {
		f += OpFLOPs(cfg, op)
	}
	return f
}
