// Package job derives, from a job's spec, everything that decides the bits
// of its run: the training hyper-parameters of each rank, the NoLoCo
// constants, the trainer. Workers and the referee both build from here, so
// that a recomputation by the referee is the very computation a worker ran.
package job

import (
	"fmt"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/noloco"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/train"
)

// Plan is the part of a spec that fixes the computation.
type Plan struct {
	Steps    int    // inner steps of every worker
	Workers  int    // workers per replica
	Replicas int    // independent replica swarms
	Seed     uint64 // data order and NoLoCo pairings

	LearningRate float64
	WeightDecay  float64
	Batch, Seq   int
	Warmup       int
	H            int // inner steps between outer steps
}

// FromSpec returns the plan of a spec, defaults filled in as quotes fill them.
func FromSpec(s market.Spec) Plan {
	h := s.Hyperparameters
	d := market.DefaultHyperparameters
	pick := func(v, def uint32) int {
		if v == 0 {
			return int(def)
		}
		return int(v)
	}
	lr, wd := h.LearningRate, h.WeightDecay
	if lr == 0 {
		lr = d.LearningRate
	}
	if wd == 0 {
		wd = d.WeightDecay
	}
	return Plan{
		Steps: int(s.Steps), Workers: int(s.Workers), Replicas: int(s.Replicas), Seed: s.Seed,
		LearningRate: lr, WeightDecay: wd,
		Batch: pick(h.BatchSize, d.BatchSize), Seq: pick(h.SeqLen, d.SeqLen),
		Warmup: int(h.WarmupSteps), H: pick(h.InnerSteps, d.InnerSteps),
	}
}

// Hyper returns the training hyper-parameters of the worker of rank in its
// replica: it trains shard rank of Workers.
func (p Plan) Hyper(rank int) train.Hyper {
	h := train.DefaultHyper(p.Steps, p.Seq)
	h.Batch, h.LR, h.MinLR, h.WeightDecay, h.Warmup = p.Batch, p.LearningRate, p.LearningRate/10, p.WeightDecay, p.Warmup
	h.Seed, h.Shard, h.Shards = p.Seed, rank, p.Workers
	return h
}

// Outer returns NoLoCo's constants for the plan: the published ones with
// the spec's H.
func (p Plan) Outer() noloco.Params {
	o := noloco.DefaultParams()
	o.H = p.H
	return o
}

// NoLoCo returns the run configuration of the worker of (replica, rank).
func (p Plan) NoLoCo(jobID string, replica, rank int) noloco.Config {
	return noloco.Config{Job: jobID, Replica: replica, Rank: rank, Workers: p.Workers, Method: noloco.NoLoCo,
		Outer: p.Outer(), Seed: p.Seed}
}

// Validate checks that the plan can run on a model of cfg.
func (p Plan) Validate(cfg model.Config) error {
	switch {
	case p.Steps < 1 || p.Workers < 1 || p.Replicas < 1:
		return fmt.Errorf("job: %d steps, %d workers, %d replicas: all must be positive", p.Steps, p.Workers, p.Replicas)
	case p.Seq > cfg.MaxSeq:
		return fmt.Errorf("job: sequences of %d tokens exceed the model's context of %d", p.Seq, cfg.MaxSeq)
	}
	if err := p.Outer().Validate(); err != nil {
		return fmt.Errorf("job: %w", err)
	}
	return p.Hyper(0).Validate()
}

// Trainer returns a trainer for rank on the base model's safetensors bytes
// (with its config in the metadata) and the dataset's bytes.
func (p Plan) Trainer(base, data []byte, rank int, pool *ree.Pool) (*train.Trainer, error) {
	m, err := model.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("job: base model: %w", err)
	}
	if err := p.Validate(m.Config); err != nil {
		return nil, err
	}
	return train.New(m, train.NewDataset(data), p.Hyper(rank), pool)
}
