package model

import (
	"fmt"

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
	// once the backward pass has run.
	Grads []*Tensor
	// Forward is the number of operators of the forward pass; the backward
	// pass follows.
	Forward int
}

// NewGraph lays out the step of m over batches of batch sequences of seq
// tokens.
func NewGraph(m *Model, batch, seq int) (*Graph, error) {
	cfg := m.Config
	if batch < 1 || seq < 1 || seq > cfg.MaxSeq {
		return nil, fmt.Errorf("batch %d × sequence %d: want both positive and the sequence at most %d", batch, seq, cfg.MaxSeq)
	}
	g := &Graph{Model: m, Batch: batch, Seq: seq}
	rows, C, V := batch*seq, cfg.Dim, cfg.VocabSize
	act := func(name string, shape ...int) *Tensor { return NewF32(name, shape...) }
	param := m.Param
	g.Tokens = NewI32("tokens", batch, seq)
	g.Targets = NewI32("targets", batch, seq)
	ash := ree.AttentionShape{B: batch, T: seq, C: C, Heads: cfg.Heads}

	type layer struct {
		in, ln1, mean1, rstd1, qkv, atty, att, proj, res2, ln2, mean2, rstd2, fc, gelu, fcproj, out *Tensor
	}
	layers := make([]layer, cfg.Layers)

	// Forward.
	x0 := act("embed.out", rows, C)
	g.Add("embed.forward", "embed", []*Tensor{param("wte.weight"), param("wpe.weight"), g.Tokens}, []*Tensor{x0}, embedKernel(rows, seq, C))
	res := x0
	for l := range layers {
		h := fmt.Sprintf("h.%d.", l)
		L := layer{
			in: res, ln1: act(h+"ln_1.out", rows, C), mean1: act(h+"ln_1.mean", rows), rstd1: act(h+"ln_1.rstd", rows),
			qkv: act(h+"attn.c_attn.out", rows, 3*C), atty: act(h+"attn.out", rows, C), att: act(h+"attn.probs", batch, cfg.Heads, seq, seq),
			proj: act(h+"attn.c_proj.out", rows, C), res2: act(h+"residual_1.out", rows, C),
			ln2: act(h+"ln_2.out", rows, C), mean2: act(h+"ln_2.mean", rows), rstd2: act(h+"ln_2.rstd", rows),
			fc: act(h+"mlp.c_fc.out", rows, 4*C), gelu: act(h+"mlp.gelu.out", rows, 4*C), fcproj: act(h+"mlp.c_proj.out", rows, C),
			out: act(h+"residual_2.out", rows, C),
		}
		layers[l] = L
		ts := func(t ...*Tensor) []*Tensor { return t }
		g.Add(h+"ln_1.forward", "layernorm", ts(L.in, param(h+"ln_1.weight"), param(h+"ln_1.bias")), ts(L.ln1, L.mean1, L.rstd1), layerNormKernel(cfg.Eps))
		g.Add(h+"attn.c_attn.forward", "linear", ts(L.ln1, param(h+"attn.c_attn.weight"), param(h+"attn.c_attn.bias")), ts(L.qkv), linearKernel(rows, C, 3*C))
		g.Add(h+"attn.forward", "attention", ts(L.qkv), ts(L.atty, L.att), attentionKernel(ash))
		g.Add(h+"attn.c_proj.forward", "linear", ts(L.atty, param(h+"attn.c_proj.weight"), param(h+"attn.c_proj.bias")), ts(L.proj), linearKernel(rows, C, C))
		g.Add(h+"residual_1.forward", "add", ts(L.in, L.proj), ts(L.res2), addKernel())
		g.Add(h+"ln_2.forward", "layernorm", ts(L.res2, param(h+"ln_2.weight"), param(h+"ln_2.bias")), ts(L.ln2, L.mean2, L.rstd2), layerNormKernel(cfg.Eps))
		g.Add(h+"mlp.c_fc.forward", "linear", ts(L.ln2, param(h+"mlp.c_fc.weight"), param(h+"mlp.c_fc.bias")), ts(L.fc), linearKernel(rows, C, 4*C))
		g.Add(h+"mlp.gelu.forward", "gelu", ts(L.fc), ts(L.gelu), geluKernel())
		g.Add(h+"mlp.c_proj.forward", "linear", ts(L.gelu, param(h+"mlp.c_proj.weight"), param(h+"mlp.c_proj.bias")), ts(L.fcproj), linearKernel(rows, 4*C, C))
		g.Add(h+"residual_2.forward", "add", ts(L.res2, L.fcproj), ts(L.out), addKernel())
		res = L.out
	}
	lnf, meanf, rstdf := act("ln_f.out", rows, C), act("ln_f.mean", rows), act("ln_f.rstd", rows)
	g.Add("ln_f.forward", "layernorm", []*Tensor{res, param("ln_f.weight"), param("ln_f.bias")}, []*Tensor{lnf, meanf, rstdf}, layerNormKernel(cfg.Eps))
	logits := act("lm_head.out", rows, V)
	g.Add("lm_head.forward", "logits", []*Tensor{lnf, param("wte.weight")}, []*Tensor{logits}, logitsKernel(rows, C, V))
	probs := act("loss.probs", rows, V)
	g.Loss, g.Losses = act("loss", 1), act("loss.per_token", rows)
	g.Add("loss.forward", "cross_entropy", []*Tensor{logits, g.Targets}, []*Tensor{g.Losses, probs, g.Loss}, lossKernel(V))
	g.Forward = len(g.Ops)

	// Backward.
	grads := map[string]*Tensor{}
	grad := func(name string) *Tensor {
		t := NewF32("grad."+name, param(name).Shape...)
		grads[name] = t
		return t
	}
	dlogits := act("loss.grad", rows, V)
	g.Add("loss.backward", "cross_entropy_backward", []*Tensor{probs, g.Targets}, []*Tensor{dlogits}, lossBackwardKernel(V))
	dlnf, dwteHead := act("lm_head.grad", rows, C), act("lm_head.grad_wte", V, C)
	g.Add("lm_head.backward", "logits_backward", []*Tensor{dlogits, lnf, param("wte.weight")}, []*Tensor{dlnf, dwteHead}, logitsBackwardKernel(rows, C, V))
	dres := act("ln_f.grad", rows, C)
	g.Add("ln_f.backward", "layernorm_backward", []*Tensor{dlnf, res, param("ln_f.weight"), meanf, rstdf},
		[]*Tensor{dres, grad("ln_f.weight"), grad("ln_f.bias")}, layerNormBackwardKernel())
	for l := cfg.Layers - 1; l >= 0; l-- {
		L, h := layers[l], fmt.Sprintf("h.%d.", l)
		ts := func(t ...*Tensor) []*Tensor { return t }
		dgelu := act(h+"mlp.c_proj.grad", rows, 4*C)
		g.Add(h+"mlp.c_proj.backward", "linear_backward", ts(dres, L.gelu, param(h+"mlp.c_proj.weight")),
			ts(dgelu, grad(h+"mlp.c_proj.weight"), grad(h+"mlp.c_proj.bias")), linearBackwardKernel(rows, 4*C, C))
		dfc := act(h+"mlp.gelu.grad", rows, 4*C)
		g.Add(h+"mlp.gelu.backward", "gelu_backward", ts(dgelu, L.fc), ts(dfc), geluBackwardKernel())
		dln2 := act(h+"mlp.c_fc.grad", rows, C)
		g.Add(h+"mlp.c_fc.backward", "linear_backward", ts(dfc, L.ln2, param(h+"mlp.c_fc.weight")),
			ts(dln2, grad(h+"mlp.c_fc.weight"), grad(h+"mlp.c_fc.bias")), linearBackwardKernel(rows, C, 4*C))
		dres2part := act(h+"ln_2.grad", rows, C)
		g.Add(h+"ln_2.backward", "layernorm_backward", ts(dln2, L.res2, param(h+"ln_2.weight"), L.mean2, L.rstd2),
			ts(dres2part, grad(h+"ln_2.weight"), grad(h+"ln_2.bias")), layerNormBackwardKernel())
		dres2 := act(h+"residual_2.grad", rows, C)
		g.Add(h+"residual_2.backward", "add", ts(dres, dres2part), ts(dres2), addKernel())
		datty := act(h+"attn.c_proj.grad", rows, C)
		g.Add(h+"attn.c_proj.backward", "linear_backward", ts(dres2, L.atty, param(h+"attn.c_proj.weight")),
			ts(datty, grad(h+"attn.c_proj.weight"), grad(h+"attn.c_proj.bias")), linearBackwardKernel(rows, C, C))
		dqkv := act(h+"attn.grad", rows, 3*C)
		g.Add(h+"attn.backward", "attention_backward", ts(datty, L.qkv, L.att), ts(dqkv), attentionBackwardKernel(ash))
		dln1 := act(h+"attn.c_attn.grad", rows, C)
		g.Add(h+"attn.c_attn.backward", "linear_backward", ts(dqkv, L.ln1, param(h+"attn.c_attn.weight")),
			ts(dln1, grad(h+"attn.c_attn.weight"), grad(h+"attn.c_attn.bias")), linearBackwardKernel(rows, C, 3*C))
		dinpart := act(h+"ln_1.grad", rows, C)
		g.Add(h+"ln_1.backward", "layernorm_backward", ts(dln1, L.in, param(h+"ln_1.weight"), L.mean1, L.rstd1),
			ts(dinpart, grad(h+"ln_1.weight"), grad(h+"ln_1.bias")), layerNormBackwardKernel())
		din := act(h+"residual_1.grad", rows, C)
		g.Add(h+"residual_1.backward", "add", ts(dres2, dinpart), ts(din), addKernel())
		dres = din
	}
	g.Add("embed.backward", "embed_backward", []*Tensor{dres, g.Tokens, dwteHead},
		[]*Tensor{grad("wte.weight"), grad("wpe.weight")}, embedBackwardKernel(seq, C))

	for _, p := range m.Params {
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
// inputs.
func (g *Graph) SetBatch(tokens, targets []int32) error {
	if len(tokens) != g.Tokens.Len() || len(targets) != g.Targets.Len() {
		return fmt.Errorf("batch of %d tokens and %d targets, want %d", len(tokens), len(targets), g.Tokens.Len())
	}
	V := int32(g.Model.Config.VocabSize)
	for i := range tokens {
		if tokens[i] < 0 || tokens[i] >= V || targets[i] < 0 || targets[i] >= V {
			return fmt.Errorf("token at %d outside the vocabulary of %d", i, V)
		}
	}
	copy(g.Tokens.I, tokens)
	copy(g.Targets.I, targets)
	return nil
}
