package train

import (
	"math"
	"testing"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
)

// TestAdamWMatchesReference compares one AdamW update with the textbook
// formula computed in float64, with and without weight decay and clipping.
func TestAdamWMatchesReference(t *testing.T) {
	h := Hyper{Beta1: 0.9, Beta2: 0.95, Eps: 1e-8, WeightDecay: 0.1}
	vals := func(xs ...float32) *model.Tensor { return &model.Tensor{Shape: []int{len(xs)}, F: xs} }
	for _, tc := range []struct {
		name  string
		decay bool
		step  int32
		scale float32
	}{
		{"first step", true, 0, 1},
		{"later step, clipped", true, 7, 0.25},
		{"no decay", false, 3, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, g := vals(0.5, -1, 2, 0), vals(0.1, -0.2, 0, 3)
			m, v := vals(0.01, 0.02, -0.03, 0), vals(0.001, 0.002, 0.003, 0)
			lr, clip := vals(0.01), vals(9, tc.scale)
			step := &model.Tensor{Shape: []int{1}, I: []int32{tc.step}}
			in := []*model.Tensor{w, g, m, v, lr, step, clip}
			out := []*model.Tensor{w.Like(), m.Like(), v.Like()}
			adamWKernel(h, tc.decay)(ree.NewPool(1), in, out)
			tt := float64(tc.step + 1)
			wd := 0.0
			if tc.decay {
				wd = h.WeightDecay
			}
			for i := range w.F {
				gi := float64(g.F[i]) * float64(tc.scale)
				mi := h.Beta1*float64(m.F[i]) + (1-h.Beta1)*gi
				vi := h.Beta2*float64(v.F[i]) + (1-h.Beta2)*gi*gi
				mh, vh := mi/(1-math.Pow(h.Beta1, tt)), vi/(1-math.Pow(h.Beta2, tt))
				wi := float64(w.F[i]) - 0.01*(mh/(math.Sqrt(vh)+h.Eps)+wd*float64(w.F[i]))
				for name, pair := range map[string][2]float64{"w": {float64(out[0].F[i]), wi}, "m": {float64(out[1].F[i]), mi}, "v": {float64(out[2].F[i]), vi}} {
					if math.Abs(pair[0]-pair[1]) > 1e-6*math.Max(1, math.Abs(pair[1])) {
						t.Errorf("%s[%d] = %.9g, want %.9g", name, i, pair[0], pair[1])
					}
				}
			}
		})
	}
}

func TestClipKernel(t *testing.T) {
	g1 := &model.Tensor{Shape: []int{2}, F: []float32{3, 0}}
	g2 := &model.Tensor{Shape: []int{1}, F: []float32{4}}
	for _, tc := range []struct{ clip, norm, scale float64 }{{0, 5, 1}, {10, 5, 1}, {1, 5, 0.2}} {
		out := []*model.Tensor{model.NewF32("clip", 2)}
		clipKernel(tc.clip)(ree.NewPool(2), []*model.Tensor{g1, g2}, out)
		if got := out[0].F; math.Abs(float64(got[0])-tc.norm) > 1e-6 || math.Abs(float64(got[1])-tc.scale) > 1e-6 {
			t.Errorf("clip %v: norm, scale = %v, want %v, %v", tc.clip, got, tc.norm, tc.scale)
		}
	}
}
