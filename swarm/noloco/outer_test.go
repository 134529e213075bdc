package noloco

import (
	"math"
	"slices"
	"testing"
)

func TestGroups(t *testing.T) {
	for _, n := range []int{1, 2, 3, 4, 5, 8, 9} {
		seen := map[string]bool{}
		for outer := range 20 {
			groups := Groups(42, outer, n)
			if !slices.EqualFunc(groups, Groups(42, outer, n), slices.Equal) {
				t.Fatalf("n=%d outer %d: two calls disagree", n, outer)
			}
			count := make([]int, n)
			threes := 0
			for _, g := range groups {
				if !slices.IsSorted(g) {
					t.Errorf("n=%d outer %d: group %v not in rank order", n, outer, g)
				}
				switch {
				case len(g) == 3:
					threes++
				case len(g) != 2 && n > 1:
					t.Errorf("n=%d outer %d: group %v of %d", n, outer, g, len(g))
				}
				for _, r := range g {
					count[r]++
				}
				if got := GroupOf(groups, g[0]); !slices.Equal(got, g) {
					t.Errorf("GroupOf(%d) = %v, want %v", g[0], got, g)
				}
			}
			for r, c := range count {
				if c != 1 {
					t.Fatalf("n=%d outer %d: rank %d in %d groups: %v", n, outer, r, c, groups)
				}
			}
			if want := n % 2; n > 1 && threes != want {
				t.Errorf("n=%d: %d groups of three, want %d", n, threes, want)
			}
			seen[string(fmtGroups(groups))] = true
		}
		if n >= 4 && len(seen) < 2 {
			t.Errorf("n=%d: the same pairing at every outer step", n)
		}
	}
	if slices.EqualFunc(Groups(1, 3, 8), Groups(2, 3, 8), slices.Equal) && slices.EqualFunc(Groups(1, 4, 8), Groups(2, 4, 8), slices.Equal) {
		t.Error("the seed does not change the pairings")
	}
}

func fmtGroups(groups [][]int) []byte {
	var b []byte
	for _, g := range groups {
		for _, r := range g {
			b = append(b, byte(r))
		}
		b = append(b, '|')
	}
	return b
}

// referenceOuter is the outer step in float64, for comparison.
func referenceOuter(p Params, self int, phi, delta [][]float32, mom []float32) (newMom, newPhi []float64) {
	a, b, g := float64(p.Alpha), float64(p.Beta), float64(p.Gamma)
	n := float64(len(phi))
	for k := range mom {
		var sp, sd float64
		for j := range phi {
			sp += float64(phi[j][k])
			sd += float64(delta[j][k])
		}
		d := a*float64(mom[k]) + b*sd/n - g*(float64(phi[self][k])-sp/n)
		newMom = append(newMom, d)
		newPhi = append(newPhi, float64(phi[self][k])+d)
	}
	return newMom, newPhi
}

func TestOuterStep(t *testing.T) {
	p := DefaultParams()
	tests := []struct {
		name       string
		phi, delta [][]float32
		mom        []float32
	}{
		{"pair", [][]float32{{1, -2, 0.5}, {3, 2, 0.25}}, [][]float32{{0.5, 0, -1}, {-0.5, 0.125, 1}}, []float32{0, 0, 0}},
		{"pair with momentum", [][]float32{{1, -2}, {3, 2}}, [][]float32{{0.5, 0}, {-0.5, 0.125}}, []float32{0.3, -0.7}},
		{"three", [][]float32{{1, 0}, {2, 1}, {4, -1}}, [][]float32{{0.1, 0.2}, {0.3, -0.2}, {-0.1, 0}}, []float32{0.01, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var means []float64
			for self := range tt.phi {
				mom := slices.Clone(tt.mom)
				out := make([]float32, len(mom))
				OuterStep(p, self, tt.phi, tt.delta, mom, out)
				wantMom, wantPhi := referenceOuter(p, self, tt.phi, tt.delta, tt.mom)
				for k := range out {
					if math.Abs(float64(mom[k])-wantMom[k]) > 1e-6 || math.Abs(float64(out[k])-wantPhi[k]) > 1e-6 {
						t.Errorf("member %d weight %d: δ=%v φ=%v, want %v %v", self, k, mom[k], out[k], wantMom[k], wantPhi[k])
					}
				}
				// With equal momenta the pull towards the mean cancels over
				// the group: the mean moves by α·δ + β·mean(Δ) only.
				means = append(means, float64(out[0]))
			}
			var got, before, sd float64
			for j := range means {
				got += means[j]
				before += float64(tt.phi[j][0])
				sd += float64(tt.delta[j][0])
			}
			n := float64(len(means))
			want := before/n + float64(p.Alpha)*float64(tt.mom[0]) + float64(p.Beta)*sd/n
			if math.Abs(got/n-want) > 1e-6 {
				t.Errorf("group mean moved to %v, want %v", got/n, want)
			}
		})
	}
}

func TestOuterStepInPlace(t *testing.T) {
	phi := [][]float32{{1, 2}, {3, 5}}
	delta := [][]float32{{0.5, 0.25}, {-0.5, 1}}
	mom1, mom2 := []float32{0.1, 0.2}, []float32{0.1, 0.2}
	out := make([]float32, 2)
	OuterStep(DefaultParams(), 0, phi, delta, mom1, out)
	OuterStep(DefaultParams(), 0, phi, delta, mom2, phi[0])
	if !slices.Equal(out, phi[0]) || !slices.Equal(mom1, mom2) {
		t.Errorf("in place: %v %v, into a buffer: %v %v", phi[0], mom2, out, mom1)
	}
}

func TestParamsValidate(t *testing.T) {
	tests := []struct {
		name string
		p    Params
		ok   bool
	}{
		{"published", DefaultParams(), true},
		{"no H", Params{Alpha: 0.5, Beta: 0.7, Gamma: 0.7}, false},
		{"β below α", Params{Alpha: 0.5, Beta: 0.4, Gamma: 0.7, H: 10}, false},
		{"γ below α", Params{Alpha: 0.5, Beta: 0.7, Gamma: 0.4, H: 10}, false},
		{"γ too large", Params{Alpha: 0.5, Beta: 0.7, Gamma: 1.6, H: 10}, false},
		{"NaN", Params{Alpha: float32(math.NaN()), Beta: 0.7, Gamma: 0.7, H: 10}, false},
	}
	for _, tt := range tests {
		if err := tt.p.Validate(); (err == nil) != tt.ok {
			t.Errorf("%s: Validate() = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}
