package ree

import "fmt"

// The matrix product is computed on tiles of tileM×tileN outputs. For every
// output element the sum runs over k ascending, in one float32 accumulator
// that starts at zero, each product rounded to float32 before it is added:
//
//	c[i][j] = (…((0 + a[i][0]·b[0][j]) + a[i][1]·b[1][j]) + …) + a[i][K-1]·b[K-1][j]
//
// The tile kernels, portable and assembly, do exactly that, eight lanes of
// different j at a time in the assembly. Tiles are packed beforehand (A in
// panels of tileM rows, B in panels of tileN columns, zero-padded at the
// edges), so the transposed forms share the same kernel and the same order.
const (
	tileM   = 4
	tileN   = 16
	blockMP = 16 // panels of A visited per panel of B, so that they stay in L2
)

// MatMul sets c (m×n) to a (m×k) times b (k×n), all row-major.
func (p *Pool) MatMul(c, a, b []float32, m, k, n int) {
	p.gemm("MatMul", c, a, false, b, false, m, k, n)
}

// MatMulTN sets c (m×n) to the transpose of a (k×m) times b (k×n).
func (p *Pool) MatMulTN(c, a, b []float32, m, k, n int) {
	p.gemm("MatMulTN", c, a, true, b, false, m, k, n)
}

// MatMulNT sets c (m×n) to a (m×k) times the transpose of b (n×k).
func (p *Pool) MatMulNT(c, a, b []float32, m, k, n int) {
	p.gemm("MatMulNT", c, a, false, b, true, m, k, n)
}

func (p *Pool) gemm(name string, c, a []float32, transA bool, b []float32, transB bool, m, k, n int) {
	if m < 0 || k < 0 || n < 0 || len(a) < m*k || len(b) < k*n || len(c) < m*n {
		panic(fmt.Sprintf("ree: %s: bad sizes m=%d k=%d n=%d for len(a)=%d len(b)=%d len(c)=%d",
			name, m, k, n, len(a), len(b), len(c)))
	}
	if m == 0 || n == 0 {
		return
	}
	mp, np := (m+tileM-1)/tileM, (n+tileN-1)/tileN
	bufA, bufB := p.getScratch(mp*k*tileM), p.getScratch(np*k*tileN)
	defer p.putScratch(bufA)
	defer p.putScratch(bufB)
	pa, pb := *bufA, *bufB
	p.For(mp, 8, func(lo, hi int) {
		for ip := lo; ip < hi; ip++ {
			packA(pa[ip*k*tileM:(ip+1)*k*tileM], a, transA, m, k, ip*tileM)
		}
	})
	p.For(np, 4, func(lo, hi int) {
		for jp := lo; jp < hi; jp++ {
			packB(pb[jp*k*tileN:(jp+1)*k*tileN], b, transB, k, n, jp*tileN)
		}
	})
	kern := kernelGo
	if p.Fast() {
		kern = kernelFast
	}
	mb := (mp + blockMP - 1) / blockMP
	p.For(mb*np, 1, func(lo, hi int) {
		var edge [tileM * tileN]float32
		for t := lo; t < hi; t++ {
			ib, jp := t/np, t%np
			bp := pb[jp*k*tileN : (jp+1)*k*tileN]
			j0 := jp * tileN
			for ip := ib * blockMP; ip < min((ib+1)*blockMP, mp); ip++ {
				ap := pa[ip*k*tileM : (ip+1)*k*tileM]
				i0 := ip * tileM
				if i0+tileM <= m && j0+tileN <= n {
					kern(k, ap, bp, c[i0*n+j0:], n)
					continue
				}
				kern(k, ap, bp, edge[:], tileN)
				for r := 0; r < tileM && i0+r < m; r++ {
					copy(c[(i0+r)*n+j0:(i0+r)*n+min(j0+tileN, n)], edge[r*tileN:])
				}
			}
		}
	})
}

// packA writes rows i0…i0+tileM−1 of A into dst, k-major: dst[p*tileM+r] = A[i0+r][p].
func packA(dst, a []float32, trans bool, m, k, i0 int) {
	h := min(tileM, m-i0)
	if trans { // a is k×m: each q contributes h contiguous elements
		for q := range k {
			if h == tileM {
				*(*[tileM]float32)(dst[q*tileM:]) = *(*[tileM]float32)(a[q*m+i0:])
				continue
			}
			d := dst[q*tileM : (q+1)*tileM]
			copy(d[:h], a[q*m+i0:q*m+i0+h])
			clear(d[h:])
		}
		return
	}
	// Four rows read side by side, dst written in order; rows past the
	// edge read as zeros.
	var rows [tileM][]float32
	var zeros []float32
	for r := range rows {
		if r < h {
			rows[r] = a[(i0+r)*k : (i0+r+1)*k]
			continue
		}
		if zeros == nil {
			zeros = make([]float32, k)
		}
		rows[r] = zeros
	}
	r0, r1, r2, r3 := rows[0][:k], rows[1][:k], rows[2][:k], rows[3][:k]
	for q := range k {
		*(*[tileM]float32)(dst[q*tileM:]) = [tileM]float32{r0[q], r1[q], r2[q], r3[q]}
	}
}

// packB writes columns j0…j0+tileN−1 of B into dst, k-major: dst[p*tileN+j] = B[p][j0+j].
func packB(dst, b []float32, trans bool, k, n, j0 int) {
	w := min(tileN, n-j0)
	for q := range k {
		row := dst[q*tileN : (q+1)*tileN]
		if trans { // b is n×k
			for j := range w {
				row[j] = b[(j0+j)*k+q]
			}
		} else {
			copy(row[:w], b[q*n+j0:q*n+j0+w])
		}
		clear(row[w:])
	}
}

// kernelGo is the portable tile kernel: it sets the tileM×tileN block of c
// (row stride ldc) to the product of the packed panels a and b, of depth k.
// It walks the tile in 4×4 blocks whose sixteen accumulators fit in
// registers (on arm64 at least); each element is still summed over k
// ascending from zero, so the order is the assembly's exactly.
func kernelGo(k int, a, b, c []float32, ldc int) {
	a, b = a[:k*tileM], b[:k*tileN]
	for jb := 0; jb < tileN; jb += 4 {
		var c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33 float32
		for q := range k {
			aq := (*[tileM]float32)(a[q*tileM:])
			bq := (*[4]float32)(b[q*tileN+jb:])
			a0, a1, a2, a3 := aq[0], aq[1], aq[2], aq[3]
			b0, b1, b2, b3 := bq[0], bq[1], bq[2], bq[3]
			c00 += float32(a0 * b0)
			c01 += float32(a0 * b1)
			c02 += float32(a0 * b2)
			c03 += float32(a0 * b3)
			c10 += float32(a1 * b0)
			c11 += float32(a1 * b1)
			c12 += float32(a1 * b2)
			c13 += float32(a1 * b3)
			c20 += float32(a2 * b0)
			c21 += float32(a2 * b1)
			c22 += float32(a2 * b2)
			c23 += float32(a2 * b3)
			c30 += float32(a3 * b0)
			c31 += float32(a3 * b1)
			c32 += float32(a3 * b2)
			c33 += float32(a3 * b3)
		}
		*(*[4]float32)(c[jb:]) = [4]float32{c00, c01, c02, c03}
		*(*[4]float32)(c[ldc+jb:]) = [4]float32{c10, c11, c12, c13}
		*(*[4]float32)(c[2*ldc+jb:]) = [4]float32{c20, c21, c22, c23}
		*(*[4]float32)(c[3*ldc+jb:]) = [4]float32{c30, c31, c32, c33}
	}
}
