package train

import (
	"math"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
)

// The optimizer's operators, appended to a step's Program after the
// backward pass. Like the model's, each is a pure function of its inputs.

// scheduleKernel: in: step (I32 [1]); out: lr (F32 [1]).
func scheduleKernel(h Hyper) model.Kernel {
	return func(_ *ree.Pool, in, out []*model.Tensor) {
		out[0].F[0] = float32(h.LRAt(int(in[0].I[0])))
	}
}

// clipKernel: in: every gradient; out: [global norm, scale], where the
// gradients are to be multiplied by scale to bring the norm down to clip.
func clipKernel(clip float64) model.Kernel {
	return func(p *ree.Pool, in, out []*model.Tensor) {
		var ss float64
		for _, g := range in { // tensor by tensor, each in fixed chunks
			ss += p.SumSquares(g.F)
		}
		norm := math.Sqrt(ss)
		scale := 1.0
		if clip > 0 && norm > clip {
			scale = clip / norm
		}
		out[0].F[0], out[0].F[1] = float32(norm), float32(scale)
	}
}

// adamWKernel: in: param, grad, m, v, lr, step, clip; out: param, m, v
// (updated in place by the step's program). Elementwise, in float32, each
// product rounded on its own.
func adamWKernel(h Hyper, decay bool) model.Kernel {
	b1, b2, eps := float32(h.Beta1), float32(h.Beta2), float32(h.Eps)
	wd := float32(0)
	if decay {
		wd = float32(h.WeightDecay)
	}
	return func(p *ree.Pool, in, out []*model.Tensor) {
		w, g, m, v := in[0].F, in[1].F, in[2].F, in[3].F
		lr, t, scale := in[4].F[0], int(in[5].I[0])+1, in[6].F[1]
		bc1 := float32(1 - ree.Powi(h.Beta1, t))
		bc2 := float32(1 - ree.Powi(h.Beta2, t))
		ow, om, ov := out[0].F, out[1].F, out[2].F
		p.For(len(w), 1<<14, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				gi := float32(g[i] * scale)
				mi := float32(b1*m[i]) + float32((1-b1)*gi)
				vi := float32(b2*v[i]) + float32(float32((1-b2)*gi)*gi)
				mh, vh := mi/bc1, vi/bc2
				upd := mh/(ree.Sqrt(vh)+eps) + float32(wd*w[i])
				ow[i] = w[i] - float32(lr*upd)
				om[i], ov[i] = mi, vi
			}
		})
	}
}

// incrementKernel: in: step; out: step + 1.
func incrementKernel() model.Kernel {
	return func(_ *ree.Pool, in, out []*model.Tensor) { out[0].I[0] = in[0].I[0] + 1 }
}
