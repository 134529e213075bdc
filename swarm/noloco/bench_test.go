package noloco

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/train"
)

var (
	benchSteps   = flag.Int("noloco.steps", 500, "inner steps of each run of BenchmarkMethods")
	benchH       = flag.Int("noloco.h", DefaultParams().H, "inner steps between outer steps in BenchmarkMethods")
	benchLR      = flag.Float64("noloco.lr", 3e-3, "peak inner learning rate of BenchmarkMethods")
	benchWorkers = flag.String("noloco.workers", "4,8", "numbers of workers of BenchmarkMethods")
)

// BenchmarkMethods trains `tiny` with NoLoCo, DiLoCo and data parallel, on
// the same model, data shards, seed and number of inner steps, for 4 and 8
// workers in memory, and reports the validation loss of the final model and
// the bytes each worker sent (envelopes as signed for the wire). Run it once
// (about 16 minutes on two shared cores), with -v for the table:
//
//	go test -run XXX -bench Methods -benchtime 1x -v ./swarm/noloco
//
// Measured (500 inner steps, H = 50, batches of 8×32 tokens, lr 3e-3):
//
//	workers  method   val-loss   bytes/worker    loss/DiLoCo's  DP's bytes/it
//	4        noloco     0.2946       20291530           1.0309           32.6
//	4        diloco     0.2858       13239480           1.0000           50.0
//	4        dp         0.2821      661974000           0.9871            1.0
//	8        noloco     0.2894       23820690           0.9975           32.4
//	8        diloco     0.2901       15454040           1.0000           50.0
//	8        dp         0.2753      772702000           0.9487            1.0
//
// With only 4 outer steps (200 inner steps) NoLoCo trails DiLoCo by a third:
// its outer step moves the mean by 0.7·Δ at first, DiLoCo's Nesterov by 1.33·Δ.
func BenchmarkMethods(b *testing.B) {
	cfg, err := model.ConfigByName("tiny")
	if err != nil {
		b.Fatal(err)
	}
	const seq = 32
	data := train.NewDataset(corpus(1, 400_000))
	val := train.NewDataset(corpus(2, 40_000)) // held out: drawn from another seed
	type row struct{ loss, bytes float64 }
	table := map[string]row{}
	methods := []Method{NoLoCo, DiLoCo, DataParallel}
	var workers []int
	for _, f := range strings.Split(*benchWorkers, ",") {
		w, err := strconv.Atoi(f)
		if err != nil {
			b.Fatalf("-noloco.workers: %v", err)
		}
		workers = append(workers, w)
	}
	outer := DefaultParams()
	outer.H = *benchH
	for _, w := range workers {
		for _, m := range methods {
			b.Run(fmt.Sprintf("workers=%d/%s", w, m), func(b *testing.B) {
				hy := train.DefaultHyper(*benchSteps, seq)
				hy.Seed, hy.LR, hy.MinLR = 7, *benchLR, *benchLR/10
				s := swarmSpec{
					cfg: cfg, data: data, hyper: hy, threads: 1,
					run: Config{Job: "bench", Workers: w, Method: m, Outer: outer, Seed: 99, Timeout: 10 * time.Minute},
				}
				var r row
				for b.Loop() {
					out := memSwarm(b, s, 0)
					var sent int64
					for rank, o := range out {
						if o.err != nil {
							b.Fatalf("rank %d: %v", rank, o.err)
						}
						sent += o.res.BytesSent
					}
					r = row{loss: validationLoss(b, cfg, out[0].weights, val, seq), bytes: float64(sent) / float64(w)}
				}
				b.ReportMetric(r.loss, "val-loss")
				b.ReportMetric(r.bytes, "bytes/worker")
				table[fmt.Sprintf("%d/%s", w, m)] = r
			})
		}
	}
	var t strings.Builder
	fmt.Fprintf(&t, "tiny, %d inner steps, H=%d, inner lr %g\n%-8s %-7s %9s %14s %16s %14s\n", *benchSteps, outer.H, *benchLR,
		"workers", "method", "val-loss", "bytes/worker", "loss/DiLoCo's", "DP's bytes/it")
	for _, w := range workers {
		di, dp := table[fmt.Sprintf("%d/%s", w, DiLoCo)], table[fmt.Sprintf("%d/%s", w, DataParallel)]
		for _, m := range methods {
			r, ok := table[fmt.Sprintf("%d/%s", w, m)]
			if !ok {
				continue
			}
			fmt.Fprintf(&t, "%-8d %-7s %9.4f %14.0f %16.4f %14.1f\n", w, m, r.loss, r.bytes, r.loss/di.loss, dp.bytes/r.bytes)
		}
	}
	b.Log("\n" + t.String())
}

// validationLoss returns the mean loss of weights over fixed batches of val.
func validationLoss(tb testing.TB, cfg model.Config, weights []float32, val *train.Dataset, seq int) float64 {
	tb.Helper()
	m, err := model.New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	off := 0
	for _, p := range m.Params {
		off += copy(p.F, weights[off:])
	}
	const batch, batches = 8, 16
	g, err := model.NewGraph(m, batch, seq)
	if err != nil {
		tb.Fatal(err)
	}
	s, err := val.Sampler(0, 0, 1, batch, seq)
	if err != nil {
		tb.Fatal(err)
	}
	pool := ree.NewPool(2)
	tokens, targets := make([]int32, batch*seq), make([]int32, batch*seq)
	var sum float64
	for i := range batches {
		s.Batch(i, tokens, targets)
		if err := g.SetBatch(tokens, targets); err != nil {
			tb.Fatal(err)
		}
		sum += float64(g.RunForward(pool))
	}
	return sum / batches
}
