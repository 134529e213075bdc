package train

import (
	"fmt"
	"math"

	"github.com/axl-market/axl/swarm/ree"
)

// Hyper are the hyper-parameters of a run. They are part of a job's spec:
// two replicas with the same Hyper, data, seed and shard compute the same
// bits.
type Hyper struct {
	Batch, Seq int // sequences per step, tokens per sequence

	LR, MinLR   float64 // peak and final learning rate
	Warmup      int     // steps of linear warm-up to LR
	Steps       int     // total steps, over which the rate decays to MinLR by a cosine
	Beta1       float64 // AdamW's first-moment decay
	Beta2       float64 // AdamW's second-moment decay
	Eps         float64 // AdamW's denominator guard
	WeightDecay float64 // decoupled weight decay, on matrices only
	ClipNorm    float64 // clip the global gradient norm to this; 0 disables

	Seed          uint64 // names the data order
	Shard, Shards int    // this replica's data-parallel shard
}

// DefaultHyper returns sensible settings for a run of steps steps over
// sequences of seq tokens.
func DefaultHyper(steps, seq int) Hyper {
	return Hyper{
		Batch: 8, Seq: seq,
		LR: 3e-3, MinLR: 3e-4, Warmup: min(20, max(steps/10, 1)), Steps: steps,
		Beta1: 0.9, Beta2: 0.95, Eps: 1e-8, WeightDecay: 0.1, ClipNorm: 1,
		Shards: 1,
	}
}

// Validate reports whether h can drive a run.
func (h Hyper) Validate() error {
	switch {
	case h.Batch < 1 || h.Seq < 1:
		return fmt.Errorf("batch %d and sequence %d must be positive", h.Batch, h.Seq)
	case h.Steps < 1 || h.Warmup < 0:
		return fmt.Errorf("steps %d must be positive and warm-up %d not negative", h.Steps, h.Warmup)
	case !(h.LR > 0) || h.MinLR < 0 || h.MinLR > h.LR:
		return fmt.Errorf("learning rates %g → %g: want 0 ≤ min ≤ peak, peak > 0", h.LR, h.MinLR)
	case !(h.Beta1 >= 0 && h.Beta1 < 1 && h.Beta2 >= 0 && h.Beta2 < 1) || !(h.Eps > 0):
		return fmt.Errorf("AdamW betas %g, %g must be in [0, 1) and eps %g positive", h.Beta1, h.Beta2, h.Eps)
	case h.WeightDecay < 0 || h.ClipNorm < 0 || math.IsInf(h.ClipNorm, 0):
		return fmt.Errorf("weight decay %g and clip norm %g must be finite and not negative", h.WeightDecay, h.ClipNorm)
	case h.Shards < 1 || h.Shard < 0 || h.Shard >= h.Shards:
		return fmt.Errorf("shard %d of %d", h.Shard, h.Shards)
	}
	return nil
}

// LRAt returns the learning rate of step (from 0): linear warm-up over
// Warmup steps, then a cosine from LR down to MinLR at step Steps, and MinLR
// after. The cosine is the package ree's, the same bits everywhere.
func (h Hyper) LRAt(step int) float64 {
	if step < h.Warmup {
		return h.LR * float64(step+1) / float64(h.Warmup)
	}
	progress := min(float64(step-h.Warmup)/float64(max(h.Steps-h.Warmup, 1)), 1)
	// Each product is rounded on its own (no FMA), as everywhere in training.
	return h.MinLR + float64(float64(0.5*(h.LR-h.MinLR))*(1+ree.Cos64(float64(math.Pi*progress))))
}
