package ree

import (
	"fmt"
	"math"
	"testing"
)

// gradCheck compares an analytic gradient with central finite differences
// of loss(x) = Σ w·f(x), on a sample of coordinates of x.
func gradCheck(t *testing.T, name string, x, analytic []float32, loss func() float64) {
	t.Helper()
	const eps = 1e-2
	step := max(1, len(x)/40)
	for i := 0; i < len(x); i += step {
		orig := x[i]
		x[i] = orig + eps
		up := loss()
		x[i] = orig - eps
		down := loss()
		x[i] = orig
		num := (up - down) / (2 * eps)
		a := float64(analytic[i])
		if math.Abs(a-num) > 5e-3+3e-2*math.Max(math.Abs(a), math.Abs(num)) {
			t.Errorf("%s: d/dx[%d] = %.6g analytic, %.6g numeric", name, i, a, num)
		}
	}
}

// weighted returns Σ w[i]·y[i] in float64.
func weighted(w, y []float32) float64 {
	var s float64
	for i := range y {
		s += float64(w[i]) * float64(y[i])
	}
	return s
}

func TestGradients(t *testing.T) {
	p := NewPool(2)
	t.Run("MatMul", func(t *testing.T) {
		m, k, n := 5, 7, 9
		a, b, w := randSlice(m*k, 1), randSlice(k*n, 2), randSlice(m*n, 3)
		c := make([]float32, m*n)
		f := func() float64 { p.MatMul(c, a, b, m, k, n); return weighted(w, c) }
		da, db := make([]float32, m*k), make([]float32, k*n)
		p.MatMulNT(da, w, b, m, n, k) // dA = dC·Bᵀ
		p.MatMulTN(db, a, w, k, m, n) // dB = Aᵀ·dC
		gradCheck(t, "a", a, da, f)
		gradCheck(t, "b", b, db, f)
	})
	t.Run("AddBias+SumRows", func(t *testing.T) {
		rows, cols := 6, 5
		a, bias, w := randSlice(rows*cols, 1), randSlice(cols, 2), randSlice(rows*cols, 3)
		out := make([]float32, rows*cols)
		f := func() float64 { p.AddBias(out, a, bias); return weighted(w, out) }
		db := make([]float32, cols)
		p.SumRows(db, w)
		gradCheck(t, "bias", bias, db, f)
	})
	t.Run("Add+Mul+Scale", func(t *testing.T) {
		a, b, w := randSlice(30, 1), randSlice(30, 2), randSlice(30, 3)
		sum, prod, out := make([]float32, 30), make([]float32, 30), make([]float32, 30)
		// y = 0.7·((a + b) ⊙ b): dy/da = 0.7·b, dy/db = 0.7·(a + 2b).
		f := func() float64 {
			p.Add(sum, a, b)
			p.Mul(prod, sum, b)
			p.Scale(out, prod, 0.7)
			return weighted(w, out)
		}
		da, db, tmp := make([]float32, 30), make([]float32, 30), make([]float32, 30)
		p.Mul(tmp, w, b)
		p.Scale(da, tmp, 0.7)
		p.Add(tmp, a, b)
		p.Add(tmp, tmp, b)
		p.Mul(tmp, tmp, w)
		p.Scale(db, tmp, 0.7)
		gradCheck(t, "a", a, da, f)
		gradCheck(t, "b", b, db, f)
	})
	t.Run("Softmax", func(t *testing.T) {
		rows, cols := 4, 11
		x, w := randSlice(rows*cols, 1), randSlice(rows*cols, 2)
		y := make([]float32, rows*cols)
		f := func() float64 { p.Softmax(y, x, cols); return weighted(w, y) }
		f()
		dx := make([]float32, rows*cols)
		p.SoftmaxBackward(dx, y, w, cols)
		gradCheck(t, "x", x, dx, f)
	})
	t.Run("LayerNorm", func(t *testing.T) {
		rows, cols := 5, 16
		x, lw, lb, w := randSlice(rows*cols, 1), randSlice(cols, 2), randSlice(cols, 3), randSlice(rows*cols, 4)
		out, mean, rstd := make([]float32, rows*cols), make([]float32, rows), make([]float32, rows)
		f := func() float64 { p.LayerNorm(out, mean, rstd, x, lw, lb, 1e-5); return weighted(w, out) }
		f()
		dx, dw, db := make([]float32, rows*cols), make([]float32, cols), make([]float32, cols)
		p.LayerNormBackward(dx, dw, db, w, x, lw, mean, rstd)
		gradCheck(t, "x", x, dx, f)
		gradCheck(t, "w", lw, dw, f)
		gradCheck(t, "b", lb, db, f)
	})
	t.Run("GELU", func(t *testing.T) {
		x, w := randSlice(50, 1), randSlice(50, 2)
		for i := range x {
			x[i] *= 4
		}
		y, th := make([]float32, len(x)), make([]float32, len(x))
		f := func() float64 { p.GELU(y, th, x); return weighted(w, y) }
		f()
		dx := make([]float32, len(x))
		p.GELUBackward(dx, x, th, w)
		gradCheck(t, "x", x, dx, f)
	})
	t.Run("CrossEntropy", func(t *testing.T) {
		rows, v := 6, 13
		logits, w := randSlice(rows*v, 1), randSlice(rows, 2)
		targets := []int32{0, 12, 5, 5, 7, 1}
		losses, probs := make([]float32, rows), make([]float32, rows*v)
		f := func() float64 { p.CrossEntropy(losses, probs, logits, targets, v); return weighted(w, losses) }
		f()
		d := make([]float32, rows*v)
		p.CrossEntropyBackward(d, probs, targets, w, v)
		gradCheck(t, "logits", logits, d, f)
	})
	t.Run("CrossEntropy with ignored targets", func(t *testing.T) {
		// A prompt's rows: no loss, no gradient; the others as before.
		rows, v := 6, 13
		logits, w := randSlice(rows*v, 1), randSlice(rows, 2)
		full := []int32{0, 12, 5, 5, 7, 1}
		targets := []int32{0, IgnoreTarget, 5, IgnoreTarget, 7, 1}
		want, probs := make([]float32, rows), make([]float32, rows*v)
		p.CrossEntropy(want, probs, logits, full, v)
		losses := make([]float32, rows)
		f := func() float64 { p.CrossEntropy(losses, probs, logits, targets, v); return weighted(w, losses) }
		f()
		for r, tg := range targets {
			if tg == IgnoreTarget && losses[r] != 0 || tg != IgnoreTarget && losses[r] != want[r] {
				t.Errorf("row %d (target %d): loss %v, want %v", r, tg, losses[r], map[bool]float32{true: 0, false: want[r]}[tg == IgnoreTarget])
			}
		}
		d := make([]float32, rows*v)
		for i := range d {
			d[i] = 9 // every element is written
		}
		p.CrossEntropyBackward(d, probs, targets, w, v)
		for _, r := range []int{1, 3} {
			for _, g := range d[r*v : (r+1)*v] {
				if g != 0 {
					t.Fatalf("row %d is ignored but has gradient %v", r, d[r*v:(r+1)*v])
				}
			}
		}
		gradCheck(t, "logits", logits, d, f)
		if n := CountTargets(targets); n != 4 {
			t.Errorf("CountTargets %d, want 4", n)
		}
	})
	t.Run("Gather+ScatterAdd", func(t *testing.T) {
		n, cols := 5, 3
		table, idx := randSlice(n*cols, 1), []int32{4, 0, 4, 2, 4}
		w := randSlice(len(idx)*cols, 2)
		out := make([]float32, len(idx)*cols)
		f := func() float64 { p.Gather(out, table, idx, cols); return weighted(w, out) }
		d := make([]float32, n*cols)
		p.ScatterAdd(d, w, idx, cols)
		gradCheck(t, "table", table, d, f)
	})
	t.Run("Attention", func(t *testing.T) {
		s := AttentionShape{B: 2, T: 5, C: 8, Heads: 2}
		qkv, w := randSlice(s.B*s.T*3*s.C, 1), randSlice(s.B*s.T*s.C, 2)
		out, att := make([]float32, s.B*s.T*s.C), make([]float32, s.B*s.Heads*s.T*s.T)
		f := func() float64 { p.Attention(out, att, qkv, s); return weighted(w, out) }
		f()
		d := make([]float32, len(qkv))
		p.AttentionBackward(d, w, qkv, att, s)
		gradCheck(t, "qkv", qkv, d, f)
	})
}

func TestAttentionIsCausal(t *testing.T) {
	s := AttentionShape{B: 1, T: 6, C: 4, Heads: 2}
	qkv := randSlice(s.T*3*s.C, 1)
	out, att := make([]float32, s.T*s.C), make([]float32, s.Heads*s.T*s.T)
	p := NewPool(1)
	p.Attention(out, att, qkv, s)
	before := append([]float32(nil), out[:3*s.C]...)
	for i := 3 * 3 * s.C; i < len(qkv); i++ { // change positions 3…5
		qkv[i] += 1
	}
	p.Attention(out, att, qkv, s)
	sameBits(t, "outputs of positions 0…2", out[:3*s.C], before)
	for h := range s.Heads {
		for r := range s.T {
			var sum float64
			for c := range s.T {
				v := att[(h*s.T+r)*s.T+c]
				if c > r && v != 0 {
					t.Fatalf("att[%d][%d][%d] = %v above the diagonal", h, r, c, v)
				}
				sum += float64(v)
			}
			if math.Abs(sum-1) > 1e-6 {
				t.Fatalf("row %d of head %d sums to %v", r, h, sum)
			}
		}
	}
}

// allKernels runs every kernel once on fixed inputs and returns the outputs
// by name.
func allKernels(p *Pool) map[string][]float32 {
	const rows, cols = 300, 96
	x, y, w, dl := randSlice(rows*cols, 1), randSlice(rows*cols, 2), randSlice(cols, 3), randSlice(rows, 6)
	idx := make([]int32, rows)
	for i := range idx {
		idx[i] = int32(i * 7 % 50)
	}
	s := AttentionShape{B: 3, T: 20, C: 16, Heads: 4}
	qkv, datt := randSlice(s.B*s.T*3*s.C, 4), randSlice(s.B*s.T*s.C, 5)
	r := map[string][]float32{}
	out := func(name string, n int) []float32 { r[name] = make([]float32, n); return r[name] }
	p.Add(out("add", len(x)), x, y)
	p.Mul(out("mul", len(x)), x, y)
	p.Scale(out("scale", len(x)), x, 0.3)
	p.AddBias(out("addbias", len(x)), x, w)
	p.SumRows(out("sumrows", cols), x)
	r["sum"] = []float32{float32(p.Sum(x)), float32(p.SumSquares(y))}
	p.Softmax(out("softmax", len(x)), x, cols)
	p.SoftmaxBackward(out("softmaxb", len(x)), r["softmax"], y, cols)
	p.LayerNorm(out("ln", len(x)), out("lnm", rows), out("lnr", rows), x, w, w, 1e-5)
	p.LayerNormBackward(out("lndx", len(x)), out("lndw", cols), out("lndb", cols), y, x, w, r["lnm"], r["lnr"])
	p.GELU(out("gelu", len(x)), out("gelut", len(x)), x)
	p.GELUBackward(out("gelub", len(x)), x, r["gelut"], y)
	p.CrossEntropy(out("ce", rows), out("ceprobs", len(x)), x, idx, cols)
	p.CrossEntropyBackward(out("ceb", len(x)), r["ceprobs"], idx, dl, cols)
	p.Gather(out("gather", len(x)), y, idx, cols)
	p.ScatterAdd(out("scatter", len(x)), y, idx, cols)
	p.MatMul(out("matmul", 96*96), x[:96*rows], y[:rows*96], 96, rows, 96)
	p.Attention(out("att", len(datt)), out("attp", s.B*s.Heads*s.T*s.T), qkv, s)
	p.AttentionBackward(out("attb", len(qkv)), datt, qkv, r["attp"], s)
	return r
}

// TestThreadsInvariance runs every kernel with 1 to 4 goroutines, on the
// fast and the portable path, and demands the same bits.
func TestThreadsInvariance(t *testing.T) {
	ref := allKernels(NewPool(1, Portable()))
	for _, threads := range []int{1, 2, 3, 4} {
		for _, p := range []*Pool{NewPool(threads), NewPool(threads, Portable())} {
			got := allKernels(p)
			for name, want := range ref {
				sameBits(t, fmt.Sprintf("%s threads=%d fast=%v", name, threads, p.Fast()), got[name], want)
			}
		}
	}
}

func TestKernelsRefuseBadInput(t *testing.T) {
	p := NewPool(2)
	tests := []struct {
		name string
		call func()
	}{
		{"Add lengths", func() { p.Add(make([]float32, 3), make([]float32, 3), make([]float32, 2)) }},
		{"Gather index", func() { p.Gather(make([]float32, 2), make([]float32, 4), []int32{2}, 2) }},
		{"ScatterAdd negative index", func() { p.ScatterAdd(make([]float32, 4), make([]float32, 2), []int32{-1}, 2) }},
		{"CrossEntropy target", func() {
			p.CrossEntropy(make([]float32, 1), make([]float32, 3), make([]float32, 3), []int32{3}, 3)
		}},
		{"CrossEntropy negative target", func() {
			p.CrossEntropy(make([]float32, 1), make([]float32, 3), make([]float32, 3), []int32{-2}, 3)
		}},
		{"CrossEntropyBackward target", func() {
			p.CrossEntropyBackward(make([]float32, 3), make([]float32, 3), []int32{3}, make([]float32, 1), 3)
		}},
		{"Attention heads", func() {
			p.Attention(make([]float32, 5), make([]float32, 2), make([]float32, 15), AttentionShape{B: 1, T: 1, C: 5, Heads: 2})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			tt.call()
		})
	}
}

func TestForCoversOnce(t *testing.T) {
	for _, threads := range []int{1, 2, 3, 8} {
		for _, n := range []int{0, 1, 7, 100, 1001} {
			seen := make([]int32, n)
			NewPool(threads).For(n, 1, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					seen[i]++
				}
			})
			for i, c := range seen {
				if c != 1 {
					t.Fatalf("threads=%d n=%d: index %d visited %d times", threads, n, i, c)
				}
			}
		}
	}
}
