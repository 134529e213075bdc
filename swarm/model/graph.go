package model

import (
	"fmt"
	"slices"

	"github.com/axl-market/axl/swarm/ree"
)

// Graph is the forward and backward pass of a model over one batch, laid
// out as a Program whose operators read and write the Graph's tensors.
type Graph struct {
	Program
	Model      *Model
	Batch, Seq int
	// Tokens and Targets (Batch×Seq) are the inputs: set them, then Run.
	Tokens, Targets *Tensor
	// Loss holds the mean cross-entropy once the forward pass has run, and
	// Losses that of each position.
	Loss, Losses *Tensor
	// Grads holds the gradient of Loss for each of Model.Params, in order,
	// once the backward pass has run; with an Adapter, for each of
	// Adapter.Params instead, the model's weights being frozen.
	Grads []*Tensor
	// Adapter is the LoRA adapter trained on the frozen model, or nil.
	Adapter *Adapter
	// Forward is the number of operators of the forward pass; the backward
	// pass follows.
	Forward int
}

// NewGraph lays out the step of m over batches of batch sequences of seq
// tokens.
func NewGraph(m *Model, batch, seq int) (*Graph, error) { return newGraph(m, nil, batch, seq) }

// NewLoRAGraph lays out the step of m adapted by a, over batches of batch
// sequences of seq tokens: the adapted modules compute x·W + b + s·x·Aᵀ·Bᵀ
// (operator lora_linear), and the backward pass gives the gradients of the
// adapter's tensors only. The model's weights are read, never written, and
// get no gradient: the frozen modules' backward operators compute the
// gradient of their input alone, and nothing below the lowest adapted
// module is differentiated.
func NewLoRAGraph(m *Model, a *Adapter, batch, seq int) (*Graph, error) {
	if a == nil {
		return nil, fmt.Errorf("LoRA graph without an adapter")
	}
	if a.Config != m.Config {
		return nil, fmt.Errorf("adapter for config %+v, the model's is %+v", a.Config, m.Config)
	}
	return newGraph(m, a, batch, seq)
}

func newGraph(m *Model, a *Adapter, batch, seq int) (*Graph, error) {
	cfg := m.Config
	if batch < 1 || seq < 1 || seq > cfg.MaxSeq {
		return nil, fmt.Errorf("batch %d × sequence %d: want both positive and the sequence at most %d", batch, seq, cfg.MaxSeq)
	}
	g := &Graph{Model: m, Batch: batch, Seq: seq, Adapter: a}
	frozen := a != nil
	rows, C, V := batch*seq, cfg.Dim, cfg.VocabSize
	act := func(name string, shape ...int) *Tensor { return NewF32(name, shape...) }
	param := m.Param
	g.Tokens = NewI32("tokens", batch, seq)
	g.Targets = NewI32("targets", batch, seq)
	ash := ree.AttentionShape{B: batch, T: seq, C: C, Heads: cfg.Heads}

	ts := func(t ...*Tensor) []*Tensor { return t }
	grads := map[string]*Tensor{}
	grad := func(name string) *Tensor {
		t := NewF32("grad."+name, param(name).Shape...)
		grads[name] = t
		return t
	}
	// Builders for the operators that recur: each appends one operator
	// named after its module (h.0.attn.c_attn) and returns its main output.
	adapted := func(mod string) bool { return a != nil && a.LoRA.targets(mod) }
	loraIn := map[string]*Tensor{} // x·Aᵀ of each adapted module, for its backward
	linear := func(mod string, x *Tensor, nin, nout int) *Tensor {
		y := act(mod+".out", rows, nout)
		if !adapted(mod) {
			g.Add(mod+".forward", "linear", ts(x, param(mod+".weight"), param(mod+".bias")), ts(y), linearKernel(rows, nin, nout))
			return y
		}
		r := a.LoRA.R
		u, su := act(mod+".lora.down", rows, r), act(mod+".lora.up", rows, nout)
		loraIn[mod] = u
		g.Add(mod+".forward", "lora_linear",
			ts(x, param(mod+".weight"), param(mod+".bias"), a.Param(mod+".lora_A.weight"), a.Param(mod+".lora_B.weight")),
			ts(y, u, su), loraLinearKernel(rows, nin, nout, r, a.LoRA.Scale()))
		return y
	}
	// linearBack returns the gradient of the module's input, or nil when
	// needsInput is false and the module has nothing to learn either.
	linearBack := func(mod string, dy, x *Tensor, nin, nout int, needsInput bool) *Tensor {
		dx := act(mod+".grad", rows, nin)
		switch {
		case adapted(mod):
			r := a.LoRA.R
			aGrad, bGrad := NewF32("grad."+mod+".lora_A.weight", r, nin), NewF32("grad."+mod+".lora_B.weight", nout, r)
			grads[mod+".lora_A.weight"], grads[mod+".lora_B.weight"] = aGrad, bGrad
			g.Add(mod+".backward", "lora_linear_backward",
				ts(dy, x, param(mod+".weight"), a.Param(mod+".lora_A.weight"), a.Param(mod+".lora_B.weight"), loraIn[mod]),
				ts(dx, aGrad, bGrad, act(mod+".lora.grad_down", rows, r), act(mod+".lora.grad_in", rows, nin)),
				loraLinearBackwardKernel(rows, nin, nout, r, a.LoRA.Scale()))
		case frozen && !needsInput:
			return nil
		case frozen:
			g.Add(mod+".backward", "linear_backward_input", ts(dy, param(mod+".weight")), ts(dx), linearBackwardInputKernel(rows, nin, nout))
		default:
			g.Add(mod+".backward", "linear_backward", ts(dy, x, param(mod+".weight")),
				ts(dx, grad(mod+".weight"), grad(mod+".bias")), linearBackwardKernel(rows, nin, nout))
		}
		return dx
	}
	type norm struct{ in, out, mean, rstd *Tensor }
	layerNorm := func(mod string, x *Tensor) norm {
		n := norm{x, act(mod+".out", rows, C), act(mod+".mean", rows), act(mod+".rstd", rows)}
		g.Add(mod+".forward", "layernorm", ts(x, param(mod+".weight"), param(mod+".bias")), ts(n.out, n.mean, n.rstd), layerNormKernel(cfg.Eps))
		return n
	}
	layerNormBack := func(mod string, dy *Tensor, n norm) *Tensor {
		dx := act(mod+".grad", rows, C)
		if frozen {
			g.Add(mod+".backward", "layernorm_backward_input", ts(dy, n.in, param(mod+".weight"), n.mean, n.rstd),
				ts(dx), layerNormBackwardInputKernel())
			return dx
		}
		g.Add(mod+".backward", "layernorm_backward", ts(dy, n.in, param(mod+".weight"), n.mean, n.rstd),
			ts(dx, grad(mod+".weight"), grad(mod+".bias")), layerNormBackwardKernel())
		return dx
	}
	add := func(name string, a, b *Tensor) *Tensor {
		c := act(name+".out", rows, C)
		g.Add(name, "add", ts(a, b), ts(c), addKernel())
		return c
	}

	type layer struct {
		ln1, ln2                                  norm
		qkv, atty, att, res2, fc, gelu, tanh, out *Tensor
	}
	layers := make([]layer, cfg.Layers)

	// Forward.
	res := act("embed.out", rows, C)
	g.Add("embed.forward", "embed", ts(param("wte.weight"), param("wpe.weight"), g.Tokens), ts(res), embedKernel(rows, seq, C))
	for l := range layers {
		h := fmt.Sprintf("h.%d.", l)
		L := &layers[l]
		L.ln1 = layerNorm(h+"ln_1", res)
		L.qkv = linear(h+"attn.c_attn", L.ln1.out, C, 3*C)
		L.atty, L.att = act(h+"attn.out", rows, C), act(h+"attn.probs", batch, cfg.Heads, seq, seq)
		g.Add(h+"attn.forward", "attention", ts(L.qkv), ts(L.atty, L.att), attentionKernel(ash))
		L.res2 = add(h+"residual_1.forward", res, linear(h+"attn.c_proj", L.atty, C, C))
		L.ln2 = layerNorm(h+"ln_2", L.res2)
		L.fc = linear(h+"mlp.c_fc", L.ln2.out, C, 4*C)
		L.gelu, L.tanh = act(h+"mlp.gelu.out", rows, 4*C), act(h+"mlp.gelu.tanh", rows, 4*C)
		g.Add(h+"mlp.gelu.forward", "gelu", ts(L.fc), ts(L.gelu, L.tanh), geluKernel())
		L.out = add(h+"residual_2.forward", L.res2, linear(h+"mlp.c_proj", L.gelu, 4*C, C))
		res = L.out
	}
	lnf := layerNorm("ln_f", res)
	logits := act("lm_head.out", rows, V)
	g.Add("lm_head.forward", "logits", ts(lnf.out, param("wte.weight")), ts(logits), logitsKernel(rows, C, V))
	probs := act("loss.probs", rows, V)
	g.Loss, g.Losses = act("loss", 1), act("loss.per_token", rows)
	g.Add("loss.forward", "cross_entropy", ts(logits, g.Targets), ts(g.Losses, probs, g.Loss), lossKernel(V))
	g.Forward = len(g.Ops)

	// Backward. Where the residual stream forks, the two gradients are added.
	dlogits := act("loss.grad", rows, V)
	g.Add("loss.backward", "cross_entropy_backward", ts(probs, g.Targets), ts(dlogits), lossBackwardKernel(V))
	dlnf := act("lm_head.grad", rows, C)
	var dwteHead *Tensor
	if frozen {
		g.Add("lm_head.backward", "logits_backward_input", ts(dlogits, param("wte.weight")), ts(dlnf), logitsBackwardInputKernel(rows, C, V))
	} else {
		dwteHead = act("lm_head.grad_wte", V, C)
		g.Add("lm_head.backward", "logits_backward", ts(dlogits, lnf.out, param("wte.weight")), ts(dlnf, dwteHead), logitsBackwardKernel(rows, C, V))
	}
	dres := layerNormBack("ln_f", dlnf, lnf)
	// With an adapter, the gradient flows down to the lowest adapted
	// module and no further: the first layer whose modules are all frozen,
	// from the bottom, needs no backward pass at all.
	lowest := 0
	if frozen {
		for lowest < cfg.Layers && !slices.ContainsFunc([]string{"attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"},
			func(mod string) bool { return adapted(fmt.Sprintf("h.%d.%s", lowest, mod)) }) {
			lowest++
		}
	}
	for l := cfg.Layers - 1; l >= lowest; l-- {
		L, h := layers[l], fmt.Sprintf("h.%d.", l)
		// below: whether the layers beneath need the gradient of this
		// layer's input.
		below := l > lowest || !frozen
		dgelu := linearBack(h+"mlp.c_proj", dres, L.gelu, 4*C, C, true)
		dfc := act(h+"mlp.gelu.grad", rows, 4*C)
		g.Add(h+"mlp.gelu.backward", "gelu_backward", ts(dgelu, L.fc, L.tanh), ts(dfc), geluBackwardKernel())
		dln2 := linearBack(h+"mlp.c_fc", dfc, L.ln2.out, C, 4*C, true)
		dres2 := add(h+"residual_2.backward", dres, layerNormBack(h+"ln_2", dln2, L.ln2))
		datty := linearBack(h+"attn.c_proj", dres2, L.atty, C, C, true)
		dqkv := act(h+"attn.grad", rows, 3*C)
		g.Add(h+"attn.backward", "attention_backward", ts(datty, L.qkv, L.att), ts(dqkv), attentionBackwardKernel(ash))
		dln1 := linearBack(h+"attn.c_attn", dqkv, L.ln1.out, C, 3*C, below)
		if !below {
			break
		}
		dres = add(h+"residual_1.backward", dres2, layerNormBack(h+"ln_1", dln1, L.ln1))
	}
	if !frozen {
		g.Add("embed.backward", "embed_backward", ts(dres, g.Tokens, dwteHead),
			ts(grad("wte.weight"), grad("wpe.weight")), embedBackwardKernel(seq, C))
		for _, p := range m.Params {
			g.Grads = append(g.Grads, grads[p.Name])
		}
		return g, nil
	}
	for _, p := range a.Params {
		g.Grads = append(g.Grads, grads[p.Name])
	}
	return g, nil
}

// RunForward executes the forward pass only, and returns the mean loss.
func (g *Graph) RunForward(p *ree.Pool) float32 {
	for _, o := range g.Ops[:g.Forward] {
		o.Kernel(p, o.In, o.Out)
	}
	return g.Loss.F[0]
}

// SetBatch copies tokens and targets (each Batch·Seq long) into the graph's
// inputs; a target may be ree.IgnoreTarget (not learnt).
func (g *Graph) SetBatch(tokens, targets []int32) error {
	if len(tokens) != g.Tokens.Len() || len(targets) != g.Targets.Len() {
		return fmt.Errorf("batch of %d tokens and %d targets, want %d", len(tokens), len(targets), g.Tokens.Len())
	}
	V := int32(g.Model.Config.VocabSize)
	for i := range tokens {
		if tokens[i] < 0 || tokens[i] >= V {
			return fmt.Errorf("token at %d is %d, outside the vocabulary of %d", i, tokens[i], V)
		}
		if (targets[i] < 0 || targets[i] >= V) && targets[i] != ree.IgnoreTarget {
			return fmt.Errorf("target at %d is %d, outside the vocabulary of %d", i, targets[i], V)
		}
	}
	copy(g.Tokens.I, tokens)
	copy(g.Targets.I, targets)
	return nil
}
