package ree

import (
	"math"
	"testing"
)

// ulps returns the distance in float32 units in the last place.
func ulps(a, b float32) int64 {
	ia, ib := int64(int32(math.Float32bits(a))), int64(int32(math.Float32bits(b)))
	if ia < 0 {
		ia = math.MinInt32 - ia
	}
	if ib < 0 {
		ib = math.MinInt32 - ib
	}
	d := ia - ib
	if d < 0 {
		d = -d
	}
	return d
}

func TestMathAccuracy(t *testing.T) {
	tests := []struct {
		name   string
		f      func(float32) float32
		ref    func(float64) float64
		lo, hi float64
	}{
		{"Exp", Exp, math.Exp, -100, 88},
		{"ExpSmall", Exp, math.Exp, -1e-6, 1e-6},
		{"Log", Log, math.Log, 1e-30, 1e30},
		{"LogNearOne", Log, math.Log, 0.5, 2},
		{"Tanh", Tanh, math.Tanh, -12, 12},
		{"TanhSmall", Tanh, math.Tanh, -1e-3, 1e-3},
		{"Sqrt", Sqrt, math.Sqrt, 0, 1e6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRand(7)
			worst := int64(0)
			for range 200000 {
				x := float32(tt.lo + (tt.hi-tt.lo)*r.Float64())
				if tt.name == "Log" { // spread over the exponents
					x = float32(math.Exp(math.Log(tt.lo) + (math.Log(tt.hi)-math.Log(tt.lo))*r.Float64()))
				}
				got, want := tt.f(x), float32(tt.ref(float64(x)))
				if u := ulps(got, want); u > worst {
					worst = u
					if u > 2 {
						t.Fatalf("%s(%g) = %g, want %g (%d ulp)", tt.name, x, got, want, u)
					}
				}
			}
			t.Logf("worst error %d ulp", worst)
		})
	}
}

func TestMathSpecialValues(t *testing.T) {
	inf, nan := float32(math.Inf(1)), float32(math.NaN())
	tests := []struct {
		name      string
		got, want float32
	}{
		{"Exp(0)", Exp(0), 1},
		{"Exp(-Inf)", Exp(-inf), 0},
		{"Exp(+Inf)", Exp(inf), inf},
		{"Exp(100)", Exp(100), inf},
		{"Exp(-200)", Exp(-200), 0},
		{"Log(1)", Log(1), 0},
		{"Log(0)", Log(0), -inf},
		{"Log(+Inf)", Log(inf), inf},
		{"Log(subnormal)", Log(1e-45), float32(math.Log(float64(float32(1e-45))))},
		{"Tanh(0)", Tanh(0), 0},
		{"Tanh(+Inf)", Tanh(inf), 1},
		{"Tanh(-30)", Tanh(-30), -1},
	}
	for _, tt := range tests {
		if math.Float32bits(tt.got) != math.Float32bits(tt.want) {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	for name, v := range map[string]float32{"Exp(NaN)": Exp(nan), "Log(-1)": Log(-1), "Log(NaN)": Log(nan), "Tanh(NaN)": Tanh(nan)} {
		if v == v {
			t.Errorf("%s = %v, want NaN", name, v)
		}
	}
}

func TestMath64(t *testing.T) {
	r := NewRand(3)
	for range 100000 {
		x := (r.Float64()*2 - 1) * 50
		for _, c := range []struct {
			name      string
			got, want float64
			tol       float64
		}{
			{"Cos64", Cos64(x), math.Cos(x), 1e-14},
			{"Sin64", Sin64(x), math.Sin(x), 1e-14},
			{"Exp64", Exp64(x), math.Exp(x), 1e-15 * math.Exp(x)},
			{"Log64", Log64(math.Abs(x) + 1e-3), math.Log(math.Abs(x) + 1e-3), 1e-15},
		} {
			if math.Abs(c.got-c.want) > c.tol {
				t.Fatalf("%s(%g) = %.17g, want %.17g", c.name, x, c.got, c.want)
			}
		}
	}
	if got := Powi(0.9, 10); math.Abs(got-math.Pow(0.9, 10)) > 1e-15 {
		t.Errorf("Powi(0.9, 10) = %v", got)
	}
	if got := Powi(3, 0); got != 1 {
		t.Errorf("Powi(3, 0) = %v", got)
	}
}

func TestRandStreams(t *testing.T) {
	a, b := NewRand(1), NewRand(1)
	for range 100 {
		if a.Uint64() != b.Uint64() {
			t.Fatal("two generators with the same seed diverged")
		}
	}
	if Mix(1, 2, 3) == Mix(1, 3, 2) || Mix(1, 2) == Mix(2, 1) || Mix(0) == Mix(0, 0) {
		t.Error("Mix does not depend on the order and number of its arguments")
	}
	r := NewRand(9)
	var s, s2 float64
	const n = 200000
	for range n {
		z := r.Norm()
		s += z
		s2 += z * z
	}
	if m, v := s/n, s2/n-(s/n)*(s/n); math.Abs(m) > 0.01 || math.Abs(v-1) > 0.02 {
		t.Errorf("Norm: mean %v variance %v, want 0 and 1", m, v)
	}
}

func BenchmarkMath(b *testing.B) {
	xs := randSlice(4096, 1)
	for name, f := range map[string]func(float32) float32{"Exp": Exp, "Tanh": Tanh, "Log": func(x float32) float32 { return Log(x + 2) }} {
		b.Run(name, func(b *testing.B) {
			var s float32
			for b.Loop() {
				for _, x := range xs {
					s += f(x)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(xs)), "ns/value")
		})
	}
}
