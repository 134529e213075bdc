package ree

import (
	"fmt"
	"math"
)

// Grain sizes: below them a loop runs on one goroutine, where spawning more
// would cost more than it saves. They change speed only, never results.
const (
	grainElems = 1 << 14 // elementwise kernels, in elements
	grainRows  = 16      // row-wise kernels, in rows
	grainCols  = 64      // column-wise reductions, in columns
	// sumChunk is the fixed chunk of a long reduction: partial sums over
	// chunks of this size are added in chunk order, whatever the threads.
	sumChunk = 4096
)

func need(name string, ok bool, format string, args ...any) {
	if !ok {
		panic("ree: " + name + ": " + fmt.Sprintf(format, args...))
	}
}

// checkIndex panics unless every index is in [0, n). Kernels check before
// they fan out, so that the panic happens on the caller's goroutine.
func checkIndex(name string, idx []int32, n int) {
	for _, i := range idx {
		need(name, i >= 0 && int(i) < n, "index %d out of [0, %d)", i, n)
	}
}

// Add sets out[i] = a[i] + b[i].
func (p *Pool) Add(out, a, b []float32) {
	need("Add", len(a) == len(out) && len(b) == len(out), "lengths %d, %d, %d", len(out), len(a), len(b))
	p.For(len(out), grainElems, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i] = a[i] + b[i]
		}
	})
}

// Mul sets out[i] = a[i] · b[i].
func (p *Pool) Mul(out, a, b []float32) {
	need("Mul", len(a) == len(out) && len(b) == len(out), "lengths %d, %d, %d", len(out), len(a), len(b))
	p.For(len(out), grainElems, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i] = a[i] * b[i]
		}
	})
}

// Scale sets out[i] = s · a[i].
func (p *Pool) Scale(out, a []float32, s float32) {
	need("Scale", len(a) == len(out), "lengths %d, %d", len(out), len(a))
	p.For(len(out), grainElems, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i] = s * a[i]
		}
	})
}

// AddBias sets out[r][c] = a[r][c] + bias[c] for a rows×len(bias) matrix.
func (p *Pool) AddBias(out, a, bias []float32) {
	cols := len(bias)
	need("AddBias", len(out) == len(a) && cols > 0 && len(a)%cols == 0, "lengths %d, %d, bias %d", len(out), len(a), cols)
	p.For(len(a)/cols, grainRows, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			o, x := out[r*cols:(r+1)*cols], a[r*cols:(r+1)*cols]
			for c, b := range bias {
				o[c] = x[c] + b
			}
		}
	})
}

// SumRows sets out[c] to the sum over rows r (ascending) of a[r][c]: the
// gradient of a bias.
func (p *Pool) SumRows(out, a []float32) {
	cols := len(out)
	need("SumRows", cols > 0 && len(a)%cols == 0, "len(a)=%d, cols=%d", len(a), cols)
	rows := len(a) / cols
	p.For(cols, grainCols, func(lo, hi int) {
		acc := out[lo:hi]
		clear(acc)
		for r := range rows {
			x := a[r*cols+lo : r*cols+hi]
			for c := range acc {
				acc[c] += x[c]
			}
		}
	})
}

// Sum returns the sum of x in float64: in order within chunks of sumChunk
// elements, then the chunk sums in order.
func (p *Pool) Sum(x []float32) float64 {
	return p.chunked(len(x), func(lo, hi int) float64 {
		var s float64
		for _, v := range x[lo:hi] {
			s += float64(v)
		}
		return s
	})
}

// SumSquares returns the sum of x[i]² in float64, in the order of Sum.
func (p *Pool) SumSquares(x []float32) float64 {
	return p.chunked(len(x), func(lo, hi int) float64 {
		var s float64
		for _, v := range x[lo:hi] {
			s += float64(float64(v) * float64(v))
		}
		return s
	})
}

func (p *Pool) chunked(n int, part func(lo, hi int) float64) float64 {
	chunks := (n + sumChunk - 1) / sumChunk
	partial := make([]float64, chunks)
	p.For(chunks, 4, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			partial[i] = part(i*sumChunk, min((i+1)*sumChunk, n))
		}
	})
	var s float64
	for _, v := range partial {
		s += v
	}
	return s
}

// Softmax sets each row of out (rows of length cols) to the softmax of the
// same row of in: exp(x − max) over its sum, the sum taken left to right.
func (p *Pool) Softmax(out, in []float32, cols int) {
	need("Softmax", len(out) == len(in) && cols > 0 && len(in)%cols == 0, "lengths %d, %d, cols %d", len(out), len(in), cols)
	p.For(len(in)/cols, grainRows, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			softmaxRow(out[r*cols:(r+1)*cols], in[r*cols:(r+1)*cols])
		}
	})
}

func softmaxRow(out, in []float32) {
	m := float32(math.Inf(-1))
	for _, v := range in {
		m = max(m, v)
	}
	var s float32
	for i, v := range in {
		e := Exp(v - m)
		out[i] = e
		s += e
	}
	for i := range out {
		out[i] /= s
	}
}

// SoftmaxBackward sets dx = y ⊙ (dy − Σ dy⊙y) row by row, for y the output
// of Softmax and dy the gradient of the loss with respect to it.
func (p *Pool) SoftmaxBackward(dx, y, dy []float32, cols int) {
	need("SoftmaxBackward", len(dx) == len(y) && len(dy) == len(y) && cols > 0 && len(y)%cols == 0,
		"lengths %d, %d, %d, cols %d", len(dx), len(y), len(dy), cols)
	p.For(len(y)/cols, grainRows, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			yr, dyr, dxr := y[r*cols:(r+1)*cols], dy[r*cols:(r+1)*cols], dx[r*cols:(r+1)*cols]
			var dot float32
			for i := range yr {
				dot += float32(dyr[i] * yr[i])
			}
			for i := range yr {
				dxr[i] = float32(yr[i] * (dyr[i] - dot))
			}
		}
	})
}

// LayerNorm normalises each row of in (length len(w)) to zero mean and unit
// variance, then scales by w and shifts by b. It stores each row's mean and
// 1/σ in mean and rstd for the backward pass.
func (p *Pool) LayerNorm(out, mean, rstd, in, w, b []float32, eps float32) {
	cols := len(w)
	rows := len(mean)
	need("LayerNorm", len(b) == cols && len(rstd) == rows && len(in) == rows*cols && len(out) == len(in),
		"rows %d cols %d: lengths out %d in %d b %d rstd %d", rows, cols, len(out), len(in), len(b), len(rstd))
	n := float32(cols)
	p.For(rows, grainRows, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			x, o := in[r*cols:(r+1)*cols], out[r*cols:(r+1)*cols]
			var s float32
			for _, v := range x {
				s += v
			}
			m := s / n
			var v2 float32
			for _, v := range x {
				d := v - m
				v2 += float32(d * d)
			}
			rs := 1 / Sqrt(v2/n+eps)
			for i, v := range x {
				o[i] = float32(float32(float32(v-m)*rs)*w[i]) + b[i]
			}
			mean[r], rstd[r] = m, rs
		}
	})
}

// LayerNormBackward computes the gradients of LayerNorm: din for each row,
// and dw, db summed over rows in ascending order.
func (p *Pool) LayerNormBackward(din, dw, db, dout, in, w, mean, rstd []float32) {
	cols, rows := len(w), len(mean)
	need("LayerNormBackward", len(dw) == cols && len(db) == cols && len(rstd) == rows &&
		len(in) == rows*cols && len(dout) == len(in) && len(din) == len(in),
		"rows %d cols %d: lengths din %d dw %d db %d dout %d in %d rstd %d", rows, cols, len(din), len(dw), len(db), len(dout), len(in), len(rstd))
	n := float32(cols)
	p.For(rows, grainRows, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			x, g, d := in[r*cols:(r+1)*cols], dout[r*cols:(r+1)*cols], din[r*cols:(r+1)*cols]
			m, rs := mean[r], rstd[r]
			// din = rs·(dn − mean(dn) − n̂·mean(dn⊙n̂)), with dn = g⊙w, n̂ = (x−m)·rs.
			var s1, s2 float32
			for i := range x {
				xh := float32((x[i] - m) * rs)
				dn := float32(g[i] * w[i])
				s1 += dn
				s2 += float32(dn * xh)
			}
			s1, s2 = s1/n, s2/n
			for i := range x {
				xh := float32((x[i] - m) * rs)
				dn := float32(g[i] * w[i])
				d[i] = float32(rs * ((dn - s1) - float32(xh*s2)))
			}
		}
	})
	p.For(cols, grainCols, func(lo, hi int) {
		gw, gb := dw[lo:hi], db[lo:hi]
		clear(gw)
		clear(gb)
		for r := range rows {
			m, rs := mean[r], rstd[r]
			x, g := in[r*cols+lo:r*cols+hi], dout[r*cols+lo:r*cols+hi]
			for i := range gw {
				xh := float32((x[i] - m) * rs)
				gw[i] += float32(g[i] * xh)
				gb[i] += g[i]
			}
		}
	})
}

// GELU constants of the tanh approximation GPT-2 uses ("gelu_new").
const (
	geluS = 0.7978845608028654 // √(2/π)
	geluC = 0.044715
)

// GELU sets out[i] = ½x(1 + tanh(√(2/π)(x + 0.044715x³))), and th[i] to
// that tanh, which the backward pass needs and need not recompute.
func (p *Pool) GELU(out, th, in []float32) {
	need("GELU", len(out) == len(in) && len(th) == len(in), "lengths %d, %d, %d", len(out), len(th), len(in))
	p.For(len(in), grainElems/8, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			x := in[i]
			x3 := float32(float32(x*x) * x)
			t := Tanh(float32(geluS * (x + float32(geluC*x3))))
			out[i] = float32(float32(0.5*x) * (1 + t))
			th[i] = t
		}
	})
}

// GELUBackward sets din[i] = dout[i] · GELU′(in[i]), given th from GELU.
func (p *Pool) GELUBackward(din, in, th, dout []float32) {
	need("GELUBackward", len(din) == len(in) && len(th) == len(in) && len(dout) == len(in),
		"lengths %d, %d, %d, %d", len(din), len(in), len(th), len(dout))
	p.For(len(in), grainElems/8, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			x, t := in[i], th[i]
			x2 := float32(x * x)
			sech2 := 1 - float32(t*t)
			du := float32(geluS * (1 + float32(3*geluC*x2)))
			g := float32(0.5*(1+t)) + float32(float32(float32(0.5*x)*sech2)*du)
			din[i] = float32(g * dout[i])
		}
	})
}

// IgnoreTarget is the target of a position whose loss does not count (a
// prompt token's, when only completions are learnt): its loss and its
// gradient are zero.
const IgnoreTarget = -1

// CrossEntropy computes, for each row of logits (length v), the softmax
// into probs and the loss −log probs[target] into losses; a row whose
// target is IgnoreTarget has loss 0.
func (p *Pool) CrossEntropy(losses, probs, logits []float32, targets []int32, v int) {
	rows := len(targets)
	need("CrossEntropy", len(losses) == rows && len(logits) == rows*v && len(probs) == len(logits),
		"rows %d v %d: lengths losses %d probs %d logits %d", rows, v, len(losses), len(probs), len(logits))
	checkTargets("CrossEntropy", targets, v)
	p.For(rows, grainRows, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			t := int(targets[r])
			pr := probs[r*v : (r+1)*v]
			softmaxRow(pr, logits[r*v:(r+1)*v])
			if t == IgnoreTarget {
				losses[r] = 0
				continue
			}
			losses[r] = -Log(pr[t])
		}
	})
}

// CrossEntropyBackward sets dlogits = (probs − onehot(target)) · dloss[row],
// zero on a row whose target is IgnoreTarget.
func (p *Pool) CrossEntropyBackward(dlogits, probs []float32, targets []int32, dloss []float32, v int) {
	rows := len(targets)
	need("CrossEntropyBackward", len(dloss) == rows && len(probs) == rows*v && len(dlogits) == len(probs),
		"rows %d v %d: lengths dloss %d probs %d dlogits %d", rows, v, len(dloss), len(probs), len(dlogits))
	checkTargets("CrossEntropyBackward", targets, v)
	p.For(rows, grainRows, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			pr, d, g := probs[r*v:(r+1)*v], dlogits[r*v:(r+1)*v], dloss[r]
			t := int(targets[r])
			if t == IgnoreTarget {
				clear(d)
				continue
			}
			for i, x := range pr {
				if i == t {
					x--
				}
				d[i] = float32(x * g)
			}
		}
	})
}

// CountTargets returns the number of targets that count (not IgnoreTarget).
func CountTargets(targets []int32) int {
	n := 0
	for _, t := range targets {
		if t != IgnoreTarget {
			n++
		}
	}
	return n
}

// checkTargets is checkIndex allowing IgnoreTarget.
func checkTargets(name string, targets []int32, v int) {
	for _, t := range targets {
		need(name, t == IgnoreTarget || t >= 0 && int(t) < v, "target %d out of [0, %d) and not IgnoreTarget", t, v)
	}
}

// Gather sets row r of out to row idx[r] of table (rows of length cols).
func (p *Pool) Gather(out, table []float32, idx []int32, cols int) {
	n := len(table) / max(cols, 1)
	need("Gather", cols > 0 && len(out) == len(idx)*cols && len(table)%cols == 0, "lengths out %d table %d idx %d cols %d", len(out), len(table), len(idx), cols)
	checkIndex("Gather", idx, n)
	p.For(len(idx), grainRows, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			i := int(idx[r])
			copy(out[r*cols:(r+1)*cols], table[i*cols:(i+1)*cols])
		}
	})
}

// ScatterAdd adds row r of src to row idx[r] of table, for r ascending: the
// gradient of Gather. Goroutines split the columns, so that rows sharing an
// index are still added in one fixed order.
func (p *Pool) ScatterAdd(table, src []float32, idx []int32, cols int) {
	n := len(table) / max(cols, 1)
	need("ScatterAdd", cols > 0 && len(src) == len(idx)*cols && len(table)%cols == 0, "lengths table %d src %d idx %d cols %d", len(table), len(src), len(idx), cols)
	checkIndex("ScatterAdd", idx, n)
	p.For(cols, grainCols, func(lo, hi int) {
		for r, i := range idx {
			t, s := table[int(i)*cols+lo:int(i)*cols+hi], src[r*cols+lo:r*cols+hi]
			for c := range t {
				t[c] += s[c]
			}
		}
	})
}
