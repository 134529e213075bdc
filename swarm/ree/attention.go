package ree

import "math"

// AttentionShape describes causal multi-head self-attention over a batch:
// b sequences of t positions, channels c split into heads of c/heads.
type AttentionShape struct{ B, T, C, Heads int }

func (s AttentionShape) check(name string, qkv, out, att []float32) {
	need(name, s.B > 0 && s.T > 0 && s.Heads > 0 && s.C%s.Heads == 0, "bad shape %+v", s)
	need(name, len(qkv) == s.B*s.T*3*s.C && len(out) == s.B*s.T*s.C && len(att) == s.B*s.Heads*s.T*s.T,
		"shape %+v: lengths qkv %d out %d att %d", s, len(qkv), len(out), len(att))
}

// Attention computes causal self-attention. qkv holds, for each of the B·T
// positions, the query, key and value vectors (C each, heads side by side).
// out receives the attended values (B·T×C) and att the attention
// probabilities (B×Heads×T×T, zero above the diagonal). Goroutines split the
// (sequence, head) pairs; within one, every sum runs in ascending order.
func (p *Pool) Attention(out, att, qkv []float32, s AttentionShape) {
	s.check("Attention", qkv, out, att)
	hs := s.C / s.Heads
	scale := float32(1 / math.Sqrt(float64(hs)))
	c3 := 3 * s.C
	p.For(s.B*s.Heads, 1, func(lo, hi int) {
		for bh := lo; bh < hi; bh++ {
			b, h := bh/s.Heads, bh%s.Heads
			base := b * s.T * c3
			for t := range s.T {
				q := qkv[base+t*c3+h*hs : base+t*c3+(h+1)*hs]
				row := att[(bh*s.T+t)*s.T : (bh*s.T+t+1)*s.T]
				m := float32(math.Inf(-1))
				for t2 := 0; t2 <= t; t2++ {
					k := qkv[base+t2*c3+s.C+h*hs : base+t2*c3+s.C+(h+1)*hs]
					var dot float32
					for i := range q {
						dot += float32(q[i] * k[i])
					}
					dot = float32(dot * scale)
					row[t2] = dot
					m = max(m, dot)
				}
				var sum float32
				for t2 := 0; t2 <= t; t2++ {
					e := Exp(row[t2] - m)
					row[t2] = e
					sum += e
				}
				for t2 := 0; t2 <= t; t2++ {
					row[t2] /= sum
				}
				clear(row[t+1:])
				o := out[(b*s.T+t)*s.C+h*hs : (b*s.T+t)*s.C+(h+1)*hs]
				clear(o)
				for t2 := 0; t2 <= t; t2++ {
					v := qkv[base+t2*c3+2*s.C+h*hs : base+t2*c3+2*s.C+(h+1)*hs]
					a := row[t2]
					for i := range o {
						o[i] += float32(a * v[i])
					}
				}
			}
		}
	})
}

// AttentionBackward sets dqkv to the gradient of Attention's inputs, given
// dout, the gradient of its output, and the qkv and att of the forward pass.
func (p *Pool) AttentionBackward(dqkv, dout, qkv, att []float32, s AttentionShape) {
	s.check("AttentionBackward", qkv, dout, att)
	need("AttentionBackward", len(dqkv) == len(qkv), "lengths dqkv %d qkv %d", len(dqkv), len(qkv))
	hs := s.C / s.Heads
	scale := float32(1 / math.Sqrt(float64(hs)))
	c3 := 3 * s.C
	p.For(s.B*s.Heads, 1, func(lo, hi int) {
		datt := make([]float32, s.T)
		for bh := lo; bh < hi; bh++ {
			b, h := bh/s.Heads, bh%s.Heads
			base := b * s.T * c3
			for t := range s.T { // this (sequence, head) owns these slices of dqkv
				for part := range 3 {
					clear(dqkv[base+t*c3+part*s.C+h*hs : base+t*c3+part*s.C+(h+1)*hs])
				}
			}
			for t := range s.T {
				row := att[(bh*s.T+t)*s.T : (bh*s.T+t+1)*s.T]
				g := dout[(b*s.T+t)*s.C+h*hs : (b*s.T+t)*s.C+(h+1)*hs]
				// Through out = Σ att·v: the gradients of att and of v.
				for t2 := 0; t2 <= t; t2++ {
					off := base + t2*c3 + 2*s.C + h*hs
					v, dv := qkv[off:off+hs], dqkv[off:off+hs]
					a := row[t2]
					var d float32
					for i := range g {
						d += float32(g[i] * v[i])
						dv[i] += float32(a * g[i])
					}
					datt[t2] = d
				}
				// Through the softmax, then the scaled dot products.
				var dot float32
				for t2 := 0; t2 <= t; t2++ {
					dot += float32(row[t2] * datt[t2])
				}
				qo := base + t*c3 + h*hs
				q, dq := qkv[qo:qo+hs], dqkv[qo:qo+hs]
				for t2 := 0; t2 <= t; t2++ {
					ds := float32(float32(row[t2]*(datt[t2]-dot)) * scale)
					ko := base + t2*c3 + s.C + h*hs
					k, dk := qkv[ko:ko+hs], dqkv[ko:ko+hs]
					for i := range q {
						dq[i] += float32(ds * k[i])
						dk[i] += float32(ds * q[i])
					}
				}
			}
		}
	})
}
