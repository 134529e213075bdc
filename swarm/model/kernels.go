package model

import "github.com/axl-market/axl/swarm/ree"

// The operator kinds of a GPT-2 step. Each constructor fixes the sizes an
// operator works on and returns its Kernel; the tensors come at run time.

func embedKernel(rows, seq, dim int) Kernel {
	// in: wte, wpe, tokens; out: x = wte[token] + wpe[position]
	return func(p *ree.Pool, in, out []*Tensor) {
		x := out[0].F
		p.Gather(x, in[0].F, in[2].I, dim)
		wpe := in[1].F
		p.For(rows, 16, func(lo, hi int) {
			for r := lo; r < hi; r++ {
				row, pos := x[r*dim:(r+1)*dim], wpe[(r%seq)*dim:(r%seq+1)*dim]
				for i := range row {
					row[i] += pos[i]
				}
			}
		})
	}
}

func embedBackwardKernel(seq, dim int) Kernel {
	// in: dx, tokens, dwte from the head; out: dwte, dwpe
	return func(p *ree.Pool, in, out []*Tensor) {
		dwte, dwpe := out[0].F, out[1].F
		copy(dwte, in[2].F)
		p.ScatterAdd(dwte, in[0].F, in[1].I, dim)
		// dwpe[t] = Σ over sequences of dx[b][t]: rows of length seq·dim.
		p.SumRows(dwpe[:seq*dim], in[0].F)
		clear(dwpe[seq*dim:])
	}
}

func layerNormKernel(eps float32) Kernel {
	// in: x, w, b; out: y, mean, rstd
	return func(p *ree.Pool, in, out []*Tensor) {
		p.LayerNorm(out[0].F, out[1].F, out[2].F, in[0].F, in[1].F, in[2].F, eps)
	}
}

func layerNormBackwardKernel() Kernel {
	// in: dy, x, w, mean, rstd; out: dx, dw, db
	return func(p *ree.Pool, in, out []*Tensor) {
		p.LayerNormBackward(out[0].F, out[1].F, out[2].F, in[0].F, in[1].F, in[2].F, in[3].F, in[4].F)
	}
}

func linearKernel(rows, nin, nout int) Kernel {
	// in: x, W (nin×nout), b; out: y = x·W + b
	return func(p *ree.Pool, in, out []*Tensor) {
		y := out[0].F
		p.MatMul(y, in[0].F, in[1].F, rows, nin, nout)
		p.AddBias(y, y, in[2].F)
	}
}

func linearBackwardKernel(rows, nin, nout int) Kernel {
	// in: dy, x, W; out: dx = dy·Wᵀ, dW = xᵀ·dy, db = Σ rows of dy
	return func(p *ree.Pool, in, out []*Tensor) {
		dy, x, w := in[0].F, in[1].F, in[2].F
		p.MatMulNT(out[0].F, dy, w, rows, nout, nin)
		p.MatMulTN(out[1].F, x, dy, nin, rows, nout)
		p.SumRows(out[2].F, dy)
	}
}

func attentionKernel(s ree.AttentionShape) Kernel {
	// in: qkv; out: y, att
	return func(p *ree.Pool, in, out []*Tensor) {
		p.Attention(out[0].F, out[1].F, in[0].F, s)
	}
}

func attentionBackwardKernel(s ree.AttentionShape) Kernel {
	// in: dy, qkv, att; out: dqkv
	return func(p *ree.Pool, in, out []*Tensor) {
		p.AttentionBackward(out[0].F, in[0].F, in[1].F, in[2].F, s)
	}
}

func addKernel() Kernel {
	// in: a, b; out: a + b
	return func(p *ree.Pool, in, out []*Tensor) { p.Add(out[0].F, in[0].F, in[1].F) }
}

func geluKernel() Kernel {
	// in: x; out: GELU(x), and the tanh inside it
	return func(p *ree.Pool, in, out []*Tensor) { p.GELU(out[0].F, out[1].F, in[0].F) }
}

func geluBackwardKernel() Kernel {
	// in: dy, x, tanh from the forward pass; out: dx
	return func(p *ree.Pool, in, out []*Tensor) { p.GELUBackward(out[0].F, in[1].F, in[2].F, in[0].F) }
}

func logitsKernel(rows, dim, vocab int) Kernel {
	// in: x, wte; out: logits = x·wteᵀ (the tied head)
	return func(p *ree.Pool, in, out []*Tensor) {
		p.MatMulNT(out[0].F, in[0].F, in[1].F, rows, dim, vocab)
	}
}

func logitsBackwardKernel(rows, dim, vocab int) Kernel {
	// in: dlogits, x, wte; out: dx = dlogits·wte, dwte = dlogitsᵀ·x
	return func(p *ree.Pool, in, out []*Tensor) {
		p.MatMul(out[0].F, in[0].F, in[2].F, rows, vocab, dim)
		p.MatMulTN(out[1].F, in[0].F, in[1].F, vocab, rows, dim)
	}
}

func lossKernel(vocab int) Kernel {
	// in: logits, targets; out: losses, probs, mean loss over the targets
	// that count (0 when none does)
	return func(p *ree.Pool, in, out []*Tensor) {
		losses := out[0].F
		p.CrossEntropy(losses, out[1].F, in[0].F, in[1].I, vocab)
		out[2].F[0] = 0
		if n := ree.CountTargets(in[1].I); n > 0 {
			out[2].F[0] = float32(p.Sum(losses) / float64(n))
		}
	}
}

func lossBackwardKernel(vocab int) Kernel {
	// in: probs, targets; out: dlogits of the mean loss
	return func(p *ree.Pool, in, out []*Tensor) {
		targets := in[1].I
		dloss := make([]float32, len(targets))
		if n := ree.CountTargets(targets); n > 0 {
			for i := range dloss {
				dloss[i] = 1 / float32(n)
			}
		}
		p.CrossEntropyBackward(out[0].F, in[0].F, targets, dloss, vocab)
	}
}

// The operators of a frozen model's backward pass: the gradient of the
// input alone.

func linearBackwardInputKernel(rows, nin, nout int) Kernel {
	// in: dy, W; out: dx = dy·Wᵀ
	return func(p *ree.Pool, in, out []*Tensor) {
		p.MatMulNT(out[0].F, in[0].F, in[1].F, rows, nout, nin)
	}
}

func layerNormBackwardInputKernel() Kernel {
	// in: dy, x, w, mean, rstd; out: dx. The gains' gradients the shared
	// kernel computes beside are dropped.
	return func(p *ree.Pool, in, out []*Tensor) {
		cols := len(in[2].F)
		p.LayerNormBackward(out[0].F, make([]float32, cols), make([]float32, cols), in[0].F, in[1].F, in[2].F, in[3].F, in[4].F)
	}
}

func logitsBackwardInputKernel(rows, dim, vocab int) Kernel {
	// in: dlogits, wte; out: dx = dlogits·wte
	return func(p *ree.Pool, in, out []*Tensor) {
		p.MatMul(out[0].F, in[0].F, in[1].F, rows, vocab, dim)
	}
}

// The operators of a LoRA-adapted linear module, A (r×nin) and B (nout×r)
// in PEFT's layout, s = alpha/r.

func loraLinearKernel(rows, nin, nout, r int, s float32) Kernel {
	// in: x, W, b, A, B; out: y = (x·W + b) + s·(u·Bᵀ), u = x·Aᵀ (kept for
	// the backward pass), and s·(u·Bᵀ)
	return func(p *ree.Pool, in, out []*Tensor) {
		x, w, b, a, bb := in[0].F, in[1].F, in[2].F, in[3].F, in[4].F
		y, u, su := out[0].F, out[1].F, out[2].F
		p.MatMul(y, x, w, rows, nin, nout)
		p.AddBias(y, y, b)
		p.MatMulNT(u, x, a, rows, nin, r)
		p.MatMulNT(su, u, bb, rows, r, nout)
		p.Scale(su, su, s)
		p.Add(y, y, su)
	}
}

func loraLinearBackwardKernel(rows, nin, nout, r int, s float32) Kernel {
	// in: dy, x, W, A, B, u; out: dx = dy·Wᵀ + du·A, dA = duᵀ·x,
	// dB = s·(dyᵀ·u), du = s·(dy·B), and du·A
	return func(p *ree.Pool, in, out []*Tensor) {
		dy, x, w, a, bb, u := in[0].F, in[1].F, in[2].F, in[3].F, in[4].F, in[5].F
		dx, da, db, du, dxl := out[0].F, out[1].F, out[2].F, out[3].F, out[4].F
		p.MatMulTN(db, dy, u, nout, rows, r)
		p.Scale(db, db, s)
		p.MatMul(du, dy, bb, rows, nout, r)
		p.Scale(du, du, s)
		p.MatMulTN(da, du, x, r, rows, nin)
		p.MatMulNT(dx, dy, w, rows, nout, nin)
		p.MatMul(dxl, du, a, rows, r, nin)
		p.Add(dx, dx, dxl)
	}
}
