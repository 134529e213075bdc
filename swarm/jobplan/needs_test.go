package jobplan_test

import (
	"bytes"
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/train"
	"github.com/axl-market/axl/swarm/verde"
)

// encoded returns the safetensors bytes of a model of cfg.
func encoded(t testing.TB, cfg model.Config) []byte {
	t.Helper()
	m, err := model.Init(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := model.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// measure runs f and returns the bytes it allocated (every allocation,
// garbage included) and the bytes it holds afterwards, what keep references
// (the heap after a collection, beside what it was before).
func measure(t *testing.T, f func() (keep any)) (allocated, held int64) {
	t.Helper()
	var before, after, kept runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	k := f()
	runtime.ReadMemStats(&after)
	runtime.GC()
	runtime.ReadMemStats(&kept)
	runtime.KeepAlive(k)
	return int64(after.TotalAlloc - before.TotalAlloc), int64(kept.HeapAlloc) - int64(before.HeapAlloc)
}

// TestNeedsAreConservative measures one training step, and the referee's
// spot check of one step from an answered state, on small models whose
// memory goes to different terms (the tiny preset with the quote's
// defaults, a long context, a wide vocabulary, many threads), and holds
// Needs above the measure. Not parallel: TotalAlloc counts every goroutine.
func TestNeedsAreConservative(t *testing.T) {
	tiny, err := model.ConfigByName("tiny")
	if err != nil {
		t.Fatal(err)
	}
	defaults := market.Hyperparameters{}.WithDefaults(tiny.MaxSeq)
	tests := []struct {
		name    string
		cfg     model.Config
		batch   int
		seq     int
		threads int
		method  train.Method
	}{
		{"tiny, the quote's defaults", tiny, int(defaults.BatchSize), int(defaults.SeqLen), 1, train.Method{}},
		{"tiny, the quote's defaults, 8 threads", tiny, int(defaults.BatchSize), int(defaults.SeqLen), 8, train.Method{}},
		{"long context", model.Config{VocabSize: 256, MaxSeq: 512, Dim: 32, Layers: 2, Heads: 4, Eps: 1e-5}, 2, 512, 2, train.Method{}},
		{"wide vocabulary", model.Config{VocabSize: 4096, MaxSeq: 32, Dim: 32, Layers: 1, Heads: 2, Eps: 1e-5}, 4, 32, 2, train.Method{}},
		{"one sequence of one token", model.Config{VocabSize: 256, MaxSeq: 8, Dim: 16, Layers: 1, Heads: 2, Eps: 1e-5}, 1, 1, 1, train.Method{}},
		{"tiny, LoRA of every module", tiny, int(defaults.BatchSize), int(defaults.SeqLen), 2,
			train.Method{Name: train.MethodLoRA, LoRA: model.LoRA{R: 8, Alpha: 16, Targets: []string{"c_attn", "c_proj", "c_fc"}}}},
		// Weights outweigh the activations: what a LoRA step holds of the
		// frozen model is its weights alone.
		{"LoRA of a model of many weights and one short sequence", model.Config{VocabSize: 4096, MaxSeq: 16, Dim: 128, Layers: 4, Heads: 4, Eps: 1e-5}, 1, 8, 2,
			train.Method{Name: train.MethodLoRA, LoRA: model.LoRA{R: 4, Alpha: 8, Targets: []string{"c_attn", "c_proj"}}}},
		{"LoRA of the full rank, long context", model.Config{VocabSize: 256, MaxSeq: 256, Dim: 32, Layers: 2, Heads: 4, Eps: 1e-5}, 2, 256, 2,
			train.Method{Name: train.MethodLoRA, LoRA: model.LoRA{R: 32, Alpha: 1, Targets: []string{"c_fc", "c_attn"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := encoded(t, tt.cfg)
			data := []byte(strings.Repeat("the referee recomputes one step; the estimate holds. ", 64))
			plan := jobplan.Plan{Steps: 4, Workers: 2, Replicas: 1, Seed: 3, LearningRate: 1e-3, WeightDecay: 0.1,
				Batch: tt.batch, Seq: tt.seq, H: 2, Method: tt.method}
			needs := plan.Needs(tt.cfg, int64(len(base)), int64(len(data)))
			pool := ree.NewPool(tt.threads)

			var worker *train.Trainer
			stepAlloc, stepHeld := measure(t, func() any {
				if worker, err = plan.Trainer(base, train.NewDataset(data), 0, pool); err != nil {
					t.Fatal(err)
				}
				if _, err := worker.Step(); err != nil {
					t.Fatal(err)
				}
				return worker
			})

			// The referee's spot check: the state before step 1 as a
			// worker answers it (its encoding, base64 in JSON), then the
			// referee's own trainer recomputes the step from it.
			var ck bytes.Buffer
			if err := worker.Checkpoint().Encode(&ck); err != nil {
				t.Fatal(err)
			}
			before := worker.Checkpoint().Hash()
			if _, err := worker.Step(); err != nil {
				t.Fatal(err)
			}
			after := worker.Checkpoint().Hash()
			answer, err := json.Marshal(verde.CheckpointData{Checkpoint: ck.Bytes()})
			if err != nil {
				t.Fatal(err)
			}
			ck.Reset()
			var sc verde.SpotCheck
			refAlloc, refHeld := measure(t, func() any {
				var d verde.CheckpointData
				if err := json.Unmarshal(answer, &d); err != nil {
					t.Fatal(err)
				}
				c, err := train.DecodeCheckpoint(d.Checkpoint)
				if err != nil {
					t.Fatal(err)
				}
				tr, err := plan.Trainer(base, train.NewDataset(data), 0, pool)
				if err != nil {
					t.Fatal(err)
				}
				if sc, err = verde.CheckStep(tr, c, before, after); err != nil {
					t.Fatal(err)
				}
				return []any{tr, c, d}
			})
			if !sc.OK {
				t.Fatalf("the spot check failed: %+v", sc)
			}
			t.Logf("step: estimated %s; held %s (%.2f of the estimate), allocated %s (%.2f); "+
				"referee: estimated %s; held %s, allocated %s beside the answer of %s and the files; slot %s; largest answer %s",
				market.Bytes(needs.StepMemory), market.Bytes(stepHeld), float64(stepHeld)/float64(needs.StepMemory),
				market.Bytes(stepAlloc), float64(stepAlloc)/float64(needs.StepMemory),
				market.Bytes(needs.RefereeMemory), market.Bytes(refHeld), market.Bytes(refAlloc), market.Bytes(int64(len(answer))),
				market.Bytes(needs.SlotMemory), market.Bytes(needs.LargestAnswer))
			// What a step holds is within the estimate; every byte it
			// allocates, garbage the collector takes back included, within
			// a quarter more (a worker's soft memory limit makes the
			// collector run before the garbage counts); not under the race
			// detector, whose pools keep nothing.
			if stepHeld > needs.StepMemory {
				t.Errorf("one step holds %d bytes, above the estimate of %d", stepHeld, needs.StepMemory)
			}
			if stepAlloc > needs.StepMemory*5/4 && !raceEnabled {
				t.Errorf("one step allocates %d bytes, over 5/4 of the estimate of %d", stepAlloc, needs.StepMemory)
			}
			// The referee's estimate counts the answer and the files it was
			// handed; the measure, what it holds and allocates beside them.
			files := int64(len(answer) + len(base) + len(data))
			if refHeld+files > needs.RefereeMemory-jobplan.RuntimeOverhead {
				t.Errorf("the referee's spot check holds %d bytes and the %d of its inputs, above the estimate of %d (without the runtime's %d)",
					refHeld, files, needs.RefereeMemory-jobplan.RuntimeOverhead, jobplan.RuntimeOverhead)
			}
			if refAlloc+files > needs.RefereeMemory && !raceEnabled {
				t.Errorf("the referee's spot check allocates %d bytes beside the %d of its inputs, above the estimate of %d", refAlloc, files, needs.RefereeMemory)
			}
			if int64(len(answer)) > needs.LargestAnswer {
				t.Errorf("a state's answer is %d bytes, above the estimate of the largest answer %d", len(answer), needs.LargestAnswer)
			}
			if needs.SlotMemory < needs.StepMemory+jobplan.RuntimeOverhead {
				t.Errorf("a slot (%d) needs less than its step (%d) and the runtime", needs.SlotMemory, needs.StepMemory)
			}
		})
	}
}
