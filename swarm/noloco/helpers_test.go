package noloco

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/train"
)

// testConfig is a model small enough for many short runs under -race.
var testConfig = model.Config{VocabSize: 256, MaxSeq: 16, Dim: 16, Layers: 1, Heads: 2, Eps: 1e-5}

// corpus returns about n bytes of made-up sentences drawn from seed: a small
// grammar, enough structure for a small model to learn something.
func corpus(seed uint64, n int) []byte {
	subjects := []string{"the fox", "a dog", "the worker", "my cat", "the market", "an agent", "every peer"}
	verbs := []string{"jumps over", "trains", "buys", "sees", "verifies", "gossips with", "pays"}
	objects := []string{"the lazy dog", "a model", "the swarm", "its partner", "the weights", "a replica", "the buyer"}
	r := ree.NewRand(seed)
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(subjects[r.Intn(len(subjects))])
		b.WriteByte(' ')
		b.WriteString(verbs[r.Intn(len(verbs))])
		b.WriteByte(' ')
		b.WriteString(objects[r.Intn(len(objects))])
		b.WriteString(". ")
	}
	return []byte(b.String())
}

// swarmSpec describes the run of one replica.
type swarmSpec struct {
	cfg     model.Config
	data    *train.Dataset
	hyper   train.Hyper // Shard and Shards are set per worker
	run     Config      // Rank is set per worker
	threads int         // of each worker's pool
}

func testSpec(method Method, workers, steps, h int) swarmSpec {
	hy := train.DefaultHyper(steps, 8)
	hy.Batch, hy.Seed = 2, 7
	p := DefaultParams()
	p.H = h
	return swarmSpec{
		cfg: testConfig, data: train.NewDataset(corpus(1, 8000)), hyper: hy, threads: 1,
		run: Config{Job: "job-1", Workers: workers, Method: method, Outer: p, Seed: 99, Timeout: 20 * time.Second},
	}
}

// trainer returns rank's trainer on a model initialised from seed 1.
func (s swarmSpec) trainer(tb testing.TB, rank int) *train.Trainer {
	tb.Helper()
	m, err := model.Init(s.cfg, 1)
	if err != nil {
		tb.Fatal(err)
	}
	h := s.hyper
	h.Shard, h.Shards = rank, s.run.Workers
	tr, err := train.New(m, s.data, h, ree.NewPool(s.threads))
	if err != nil {
		tb.Fatal(err)
	}
	return tr
}

// outcome is what one worker's run left.
type outcome struct {
	res     *Result
	weights []float32
	err     error
}

// runSwarm runs every worker of a replica at once, each on transport(rank).
func runSwarm(tb testing.TB, s swarmSpec, replica int, transport func(rank int) Transport) []outcome {
	tb.Helper()
	return runSwarmWith(tb, s, replica, transport, nil)
}

// runSwarmWith is runSwarm with each worker's configuration adjusted by
// adjust (may be nil).
func runSwarmWith(tb testing.TB, s swarmSpec, replica int, transport func(rank int) Transport, adjust func(*Config)) []outcome {
	tb.Helper()
	out := make([]outcome, s.run.Workers)
	trainers := make([]*train.Trainer, s.run.Workers)
	for r := range trainers {
		trainers[r] = s.trainer(tb, r)
	}
	var wg sync.WaitGroup
	for r := range s.run.Workers {
		wg.Go(func() {
			cfg := s.run
			cfg.Rank, cfg.Replica = r, replica
			if adjust != nil {
				adjust(&cfg)
			}
			res, err := Run(context.Background(), cfg, trainers[r], transport(r))
			out[r] = outcome{res: res, err: err}
			for _, p := range trainers[r].Model().Params {
				out[r].weights = append(out[r].weights, p.F...)
			}
		})
	}
	wg.Wait()
	return out
}

// memSwarm runs a replica on a fresh in-memory network.
func memSwarm(tb testing.TB, s swarmSpec, replica int) []outcome {
	tb.Helper()
	net, err := NewMemNetwork(s.run.Job, replica, s.run.Workers)
	if err != nil {
		tb.Fatal(err)
	}
	return runSwarm(tb, s, replica, net.Transport)
}
