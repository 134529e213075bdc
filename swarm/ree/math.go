package ree

import "math"

// The functions of this file compute in float64 with operations that IEEE 754
// rounds exactly (+, −, ×, ÷), every product wrapped in float64(...) so that
// no compiler may fuse it into an FMA. Their float32 results are therefore
// the same bits on every architecture, and within an ulp or two of the true
// value.

const (
	ln2Hi  = 6.93147180369123816490e-01 // high bits of ln 2, exact in 32 bits of mantissa
	ln2Lo  = 1.90821492927058770002e-10 // ln 2 − ln2Hi
	log2e  = 1.44269504088896338700e+00
	halfPi = 1.57079632679489661923
	twoPi  = 6.28318530717958647692
	// roundMagic is 1.5·2⁵²: float64(t+roundMagic)-roundMagic is t rounded
	// to the nearest integer (ties to even) for |t| < 2⁵¹.
	roundMagic = 0x1.8p52
)

// exp64 returns e**x for x in float64, to about 1e-16 relative.
func exp64(x float64) float64 {
	k, r, special := expReduce(x)
	if special {
		return r
	}
	// Taylor series of e**r to degree 13, Horner's rule written out: the
	// remainder is below 1e-17.
	p := float64(r*(1.0/6227020800)) + 1.0/479001600
	p = float64(p*r) + 1.0/39916800
	p = float64(p*r) + 1.0/3628800
	p = float64(p*r) + 1.0/362880
	p = float64(p*r) + 1.0/40320
	p = float64(p*r) + 1.0/5040
	p = float64(p*r) + 1.0/720
	p = float64(p*r) + 1.0/120
	p = float64(p*r) + 1.0/24
	p = float64(p*r) + 1.0/6
	p = float64(p*r) + 0.5
	p = float64(p*r) + 1
	p = float64(p*r) + 1
	return scale2(p, k)
}

// exp64f is e**x to about 1e-15 relative, plenty for a float32 result and
// much cheaper than exp64: the kernels call it for every Exp, Tanh and GELU.
// x = (32m + j)·ln2/32 + r with |r| ≤ ln2/64, and e**x = 2**m · 2**(j/32) · e**r.
func exp64f(x float64) float64 {
	switch {
	case x != x:
		return x
	case x > 709.7:
		return math.Inf(1)
	case x < -745.2:
		return 0
	}
	// Round x·32/ln2 to the nearest integer by adding and subtracting 1.5·2⁵²:
	// exact IEEE arithmetic, and cheaper than a call to math.Floor.
	fk := float64(float64(x*(32*log2e))+roundMagic) - roundMagic
	r := (x - float64(fk*(ln2Hi/32))) - float64(fk*(ln2Lo/32))
	k := int(fk)
	// Taylor series of e**r to degree 5: the remainder is below 3e-15.
	p := float64(r*(1.0/120)) + 1.0/24
	p = float64(p*r) + 1.0/6
	p = float64(p*r) + 0.5
	p = float64(p*r) + 1
	p = float64(p*r) + 1
	return scale2(float64(exp2Table[k&31]*p), k>>5)
}

// exp2Table[j] is 2**(j/32), rounded to float64.
var exp2Table = [32]float64{
	0x1.0000000000000p+0,
	0x1.059b0d3158574p+0,
	0x1.0b5586cf9890fp+0,
	0x1.11301d0125b51p+0,
	0x1.172b83c7d517bp+0,
	0x1.1d4873168b9aap+0,
	0x1.2387a6e756238p+0,
	0x1.29e9df51fdee1p+0,
	0x1.306fe0a31b715p+0,
	0x1.371a7373aa9cbp+0,
	0x1.3dea64c123422p+0,
	0x1.44e086061892dp+0,
	0x1.4bfdad5362a27p+0,
	0x1.5342b569d4f82p+0,
	0x1.5ab07dd485429p+0,
	0x1.6247eb03a5585p+0,
	0x1.6a09e667f3bcdp+0,
	0x1.71f75e8ec5f74p+0,
	0x1.7a11473eb0187p+0,
	0x1.82589994cce13p+0,
	0x1.8ace5422aa0dbp+0,
	0x1.93737b0cdc5e5p+0,
	0x1.9c49182a3f090p+0,
	0x1.a5503b23e255dp+0,
	0x1.ae89f995ad3adp+0,
	0x1.b7f76f2fb5e47p+0,
	0x1.c199bdd85529cp+0,
	0x1.cb720dcef9069p+0,
	0x1.d5818dcfba487p+0,
	0x1.dfc97337b9b5fp+0,
	0x1.ea4afa2a490dap+0,
	0x1.f50765b6e4540p+0,
}

// expReduce writes x = k·ln2 + r with |r| ≤ ln2/2, or returns e**x itself
// with special set when x is NaN or e**x overflows or underflows.
func expReduce(x float64) (k int, r float64, special bool) {
	switch {
	case x != x:
		return 0, x, true
	case x > 709.7:
		return 0, math.Inf(1), true
	case x < -745.2:
		return 0, 0, true
	}
	fk := math.Floor(float64(x*log2e) + 0.5)
	return int(fk), (x - float64(fk*ln2Hi)) - float64(fk*ln2Lo), false
}

// scale2 returns f·2**k exactly (up to underflow), without math.Ldexp's
// platform-specific paths.
func scale2(f float64, k int) float64 {
	if k >= -1022 && k <= 1023 {
		return float64(f * math.Float64frombits(uint64(k+1023)<<52))
	}
	for k > 1000 {
		f = float64(f * 0x1p1000)
		k -= 1000
	}
	for k < -1000 {
		f = float64(f * 0x1p-1000)
		k += 1000
	}
	return float64(f * math.Float64frombits(uint64(k+1023)<<52))
}

// log64 returns the natural logarithm of x > 0, to about 1e-16 relative.
func log64(x float64) float64 {
	switch {
	case x != x || x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	case math.IsInf(x, 1):
		return x
	}
	// x = m·2**e with m in [√½, √2).
	e := 0
	if x < 0x1p-1022 { // subnormal: bring it into the normal range first
		x = float64(x * 0x1p54)
		e = -54
	}
	bits := math.Float64bits(x)
	e += int(bits>>52) - 1023
	m := math.Float64frombits(bits&^(0x7ff<<52) | 1023<<52) // in [1, 2)
	if m > math.Sqrt2 {
		m /= 2
		e++
	}
	// log m = 2·atanh(s) = 2(s + s³/3 + s⁵/5 + …), s = (m−1)/(m+1), |s| ≤ 0.172.
	s := (m - 1) / (m + 1)
	s2 := float64(s * s)
	p := 1.0 / 23
	for _, c := range [...]float64{1.0 / 21, 1.0 / 19, 1.0 / 17, 1.0 / 15, 1.0 / 13, 1.0 / 11,
		1.0 / 9, 1.0 / 7, 1.0 / 5, 1.0 / 3, 1} {
		p = float64(p*s2) + c
	}
	fe := float64(e)
	return float64(fe*ln2Hi) + (float64(fe*ln2Lo) + float64(2*float64(s*p)))
}

// tanh64 returns the hyperbolic tangent of x, to about 1e-13 relative:
// it serves the float32 Tanh.
func tanh64(x float64) float64 {
	a := math.Abs(x)
	var t float64
	switch {
	case x != x:
		return x
	case a > 20:
		t = 1
	case a < 0x1p-10:
		// tanh a = a − a³/3 + 2a⁵/15 − …; the next term is below 1e-19 relative.
		a2 := float64(a * a)
		t = a - float64(a*float64(a2*(1.0/3-float64(a2*(2.0/15)))))
	default:
		t = 1 - 2/(exp64f(2*a)+1) // a ≥ 2⁻¹⁰: the cancellation costs < 1e-13
	}
	return math.Copysign(t, x)
}

// sin64Reduced is sin y for |y| ≤ π/2, by its Taylor series to degree 23.
func sin64Reduced(y float64) float64 {
	y2 := float64(y * y)
	p := -1.0 / 25852016738884976640000
	for _, c := range [...]float64{1.0 / 51090942171709440000, -1.0 / 121645100408832000,
		1.0 / 355687428096000, -1.0 / 1307674368000, 1.0 / 6227020800, -1.0 / 39916800,
		1.0 / 362880, -1.0 / 5040, 1.0 / 120, -1.0 / 6, 1} {
		p = float64(p*y2) + c
	}
	return float64(y * p)
}

// cos64 returns cos x for finite x. Reduction modulo 2π is done in plain
// float64, accurate enough for the arguments training uses (|x| ≲ 1e4).
func cos64(x float64) float64 {
	x = math.Abs(x)
	if x >= twoPi {
		x -= float64(math.Floor(x/twoPi) * twoPi)
	}
	// cos x = −sin(x − π/2) on [0, π], and cos x = sin(x − 3π/2) on [π, 2π].
	if x <= math.Pi {
		return -sin64Reduced(x - halfPi)
	}
	return sin64Reduced(x - 3*halfPi)
}

// sin64 returns sin x for finite x, as cos(x − π/2).
func sin64(x float64) float64 { return cos64(x - halfPi) }

// Exp returns e**x, the same bits on every architecture.
func Exp(x float32) float32 { return float32(exp64f(float64(x))) }

// Log returns the natural logarithm of x, the same bits on every architecture.
func Log(x float32) float32 { return float32(log64(float64(x))) }

// Tanh returns the hyperbolic tangent of x, the same bits on every architecture.
func Tanh(x float32) float32 { return float32(tanh64(float64(x))) }

// Sqrt returns the square root of x, correctly rounded (IEEE 754 requires it
// of every platform, and rounding the exact float64 root to float32 is exact).
func Sqrt(x float32) float32 { return float32(math.Sqrt(float64(x))) }

// Exp64 returns e**x in float64, the same bits on every architecture.
func Exp64(x float64) float64 { return exp64(x) }

// Log64 returns the natural logarithm of x in float64, the same bits on every
// architecture.
func Log64(x float64) float64 { return log64(x) }

// Cos64 returns cos x in float64, the same bits on every architecture.
func Cos64(x float64) float64 { return cos64(x) }

// Sin64 returns sin x in float64, the same bits on every architecture.
func Sin64(x float64) float64 { return sin64(x) }

// Powi returns x**n for n ≥ 0 by repeated squaring, the same bits everywhere.
func Powi(x float64, n int) float64 {
	r := 1.0
	for n > 0 {
		if n&1 == 1 {
			r = float64(r * x)
		}
		x = float64(x * x)
		n >>= 1
	}
	return r
}
