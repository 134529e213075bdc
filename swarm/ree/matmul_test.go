package ree

import (
	"fmt"
	"math"
	"runtime"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// randSlice fills a slice with a fixed pseudo-random pattern in [-1, 1).
func randSlice(n int, seed uint64) []float32 {
	r := NewRand(seed)
	s := make([]float32, n)
	for i := range s {
		s[i] = float32(r.Float64()*2 - 1)
	}
	return s
}

// naiveMatMul is the definition the kernels must match bit for bit: k
// ascending, one float32 accumulator, products rounded.
func naiveMatMul(a, b []float32, m, k, n int, at func(i, q int) float32, bt func(q, j int) float32) []float32 {
	c := make([]float32, m*n)
	for i := range m {
		for j := range n {
			var acc float32
			for q := range k {
				acc += float32(at(i, q) * bt(q, j))
			}
			c[i*n+j] = acc
		}
	}
	return c
}

func sameBits(t *testing.T, what string, got, want []float32) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: len %d, want %d", what, len(got), len(want))
	}
	for i := range got {
		if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
			t.Fatalf("%s: element %d = %v (%#08x), want %v (%#08x)", what, i,
				got[i], math.Float32bits(got[i]), want[i], math.Float32bits(want[i]))
		}
	}
}

func TestMatMulBitExact(t *testing.T) {
	sizes := []struct{ m, k, n int }{
		{1, 1, 1}, {4, 16, 16}, {5, 7, 17}, {3, 0, 5}, {33, 65, 47}, {64, 130, 96}, {130, 31, 200},
	}
	pools := map[string]*Pool{
		"portable-1": NewPool(1, Portable()),
		"portable-3": NewPool(3, Portable()),
		"fast-1":     NewPool(1),
		"fast-4":     NewPool(4),
	}
	for _, sz := range sizes {
		m, k, n := sz.m, sz.k, sz.n
		a := randSlice(m*k, 1)
		b := randSlice(k*n, 2)
		want := naiveMatMul(a, b, m, k, n,
			func(i, q int) float32 { return a[i*k+q] }, func(q, j int) float32 { return b[q*n+j] })
		// The same operands laid out transposed.
		at := make([]float32, k*m)
		for i := range m {
			for q := range k {
				at[q*m+i] = a[i*k+q]
			}
		}
		bt := make([]float32, n*k)
		for q := range k {
			for j := range n {
				bt[j*k+q] = b[q*n+j]
			}
		}
		for name, p := range pools {
			t.Run(fmt.Sprintf("%dx%dx%d/%s", m, k, n, name), func(t *testing.T) {
				c := randSlice(m*n, 3) // garbage that must be overwritten
				p.MatMul(c, a, b, m, k, n)
				sameBits(t, "MatMul", c, want)
				c = randSlice(m*n, 4)
				p.MatMulTN(c, at, b, m, k, n)
				sameBits(t, "MatMulTN", c, want)
				c = randSlice(m*n, 5)
				p.MatMulNT(c, a, bt, m, k, n)
				sameBits(t, "MatMulNT", c, want)
			})
		}
	}
}

func TestMatMulBadSizesPanic(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("MatMul with a short operand did not panic")
		}
	}()
	NewPool(1).MatMul(make([]float32, 4), make([]float32, 3), make([]float32, 4), 2, 2, 2)
}

// BenchmarkMatMul compares the reproducible product with gonum's Sgemm,
// the fast baseline that promises no particular order of operations.
func BenchmarkMatMul(b *testing.B) {
	const m, k, n = 512, 512, 512
	a, bb := randSlice(m*k, 1), randSlice(k*n, 2)
	c := make([]float32, m*n)
	flops := 2.0 * m * k * n
	report := func(b *testing.B) {
		b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
	}
	b.Run("repops", func(b *testing.B) {
		p := NewPool(runtime.GOMAXPROCS(0))
		for b.Loop() {
			p.MatMul(c, a, bb, m, k, n)
		}
		report(b)
	})
	b.Run("repops-portable", func(b *testing.B) {
		p := NewPool(runtime.GOMAXPROCS(0), Portable())
		for b.Loop() {
			p.MatMul(c, a, bb, m, k, n)
		}
		report(b)
	})
	b.Run("gonum", func(b *testing.B) {
		ga := blas32.General{Rows: m, Cols: k, Stride: k, Data: a}
		gb := blas32.General{Rows: k, Cols: n, Stride: n, Data: bb}
		gc := blas32.General{Rows: m, Cols: n, Stride: n, Data: c}
		for b.Loop() {
			blas32.Gemm(blas.NoTrans, blas.NoTrans, 1, ga, gb, 0, gc)
		}
		report(b)
	})
}
