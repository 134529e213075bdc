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

// headIO copies one head's slice of a B·T×width matrix (columns
// off…off+hs of the rows of sequence b) to or from a contiguous T×hs buffer.
func headIO(buf, m []float32, b, t, width, off, hs int, gather bool) {
	for i := range t {
		row := m[(b*t+i)*width+off : (b*t+i)*width+off+hs]
		if gather {
			copy(buf[i*hs:(i+1)*hs], row)
		} else {
			copy(row, buf[i*hs:(i+1)*hs])
		}
	}
}

// gatherQKV copies the query, key and value of head h of sequence b out of
// qkv, each into a contiguous T×hs buffer.
func (s AttentionShape) gatherQKV(q, k, v, qkv []float32, b, h int) {
	hs := s.C / s.Heads
	headIO(q, qkv, b, s.T, 3*s.C, h*hs, hs, true)
	headIO(k, qkv, b, s.T, 3*s.C, s.C+h*hs, hs, true)
	headIO(v, qkv, b, s.T, 3*s.C, 2*s.C+h*hs, hs, true)
}

// Attention computes causal self-attention. qkv holds, for each of the B·T
// positions, the query, key and value vectors (C each, heads side by side).
// out receives the attended values (B·T×C) and att the attention
// probabilities (B×Heads×T×T, zero above the diagonal).
//
// For each (sequence, head), on one goroutine: S = Q·Kᵀ by MatMulNT, scaled
// by 1/√hs; each row softmaxed over the positions up to its own; then
// out = att·V by MatMul (the zeros above the diagonal included: adding an
// exact zero product changes no sum).
func (p *Pool) Attention(out, att, qkv []float32, s AttentionShape) {
	s.check("Attention", qkv, out, att)
	hs, T := s.C/s.Heads, s.T
	scale := float32(1 / math.Sqrt(float64(hs)))
	one := p.serial()
	p.For(s.B*s.Heads, 1, func(lo, hi int) {
		buf := make([]float32, 4*T*hs)
		q, k, v, y := buf[:T*hs], buf[T*hs:2*T*hs], buf[2*T*hs:3*T*hs], buf[3*T*hs:]
		for bh := lo; bh < hi; bh++ {
			b, h := bh/s.Heads, bh%s.Heads
			a := att[bh*T*T : (bh+1)*T*T]
			s.gatherQKV(q, k, v, qkv, b, h)
			one.MatMulNT(a, q, k, T, hs, T)
			for t := range T {
				row := a[t*T : (t+1)*T]
				for i := range row[:t+1] {
					row[i] = float32(row[i] * scale)
				}
				softmaxRow(row[:t+1], row[:t+1])
				clear(row[t+1:])
			}
			one.MatMul(y, a, v, T, T, hs)
			headIO(y, out, b, T, s.C, h*hs, hs, false)
		}
	})
}

// AttentionBackward sets dqkv to the gradient of Attention's inputs, given
// dout, the gradient of its output, and the qkv and att of the forward pass.
// For each (sequence, head): dAtt = dY·Vᵀ, dV = attᵀ·dY, dS = the softmax's
// backward of dAtt (row by row, scaled by 1/√hs), dQ = dS·K, dK = dSᵀ·Q.
func (p *Pool) AttentionBackward(dqkv, dout, qkv, att []float32, s AttentionShape) {
	s.check("AttentionBackward", qkv, dout, att)
	need("AttentionBackward", len(dqkv) == len(qkv), "lengths dqkv %d qkv %d", len(dqkv), len(qkv))
	hs, T := s.C/s.Heads, s.T
	scale := float32(1 / math.Sqrt(float64(hs)))
	one := p.serial()
	p.For(s.B*s.Heads, 1, func(lo, hi int) {
		buf := make([]float32, 5*T*hs+T*T)
		q, k, v, dy, dx := buf[:T*hs], buf[T*hs:2*T*hs], buf[2*T*hs:3*T*hs], buf[3*T*hs:4*T*hs], buf[4*T*hs:5*T*hs]
		ds := buf[5*T*hs:]
		for bh := lo; bh < hi; bh++ {
			b, h := bh/s.Heads, bh%s.Heads
			a := att[bh*T*T : (bh+1)*T*T]
			s.gatherQKV(q, k, v, qkv, b, h)
			headIO(dy, dout, b, T, s.C, h*hs, hs, true)
			one.MatMulTN(dx, a, dy, T, T, hs) // dV
			headIO(dx, dqkv, b, T, 3*s.C, 2*s.C+h*hs, hs, false)
			one.MatMulNT(ds, dy, v, T, hs, T) // dAtt
			for t := range T {
				row, arow := ds[t*T:(t+1)*T], a[t*T:(t+1)*T]
				var dot float32
				for i := range row[:t+1] {
					dot += float32(arow[i] * row[i])
				}
				for i := range row[:t+1] {
					row[i] = float32(float32(arow[i]*(row[i]-dot)) * scale)
				}
				clear(row[t+1:])
			}
			one.MatMul(dx, ds, k, T, T, hs) // dQ
			headIO(dx, dqkv, b, T, 3*s.C, h*hs, hs, false)
			one.MatMulTN(dx, ds, q, T, T, hs) // dK
			headIO(dx, dqkv, b, T, 3*s.C, s.C+h*hs, hs, false)
		}
	})
}
