package job_test

import (
	"bytes"
	"errors"
	"github.com/axl-market/axl/swarm/train"
	"strings"
	"testing"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/swarm/job"
	"github.com/axl-market/axl/swarm/model"
)

// TestCheck: each bound a worker's Trainer would refuse a plan by, named
// with its limit and the plan's value.
func TestCheck(t *testing.T) {
	tiny, err := model.ConfigByName("tiny")
	if err != nil {
		t.Fatal(err)
	}
	good := job.Plan{Steps: 10, Workers: 2, Replicas: 2, Seed: 1, LearningRate: 3e-4, WeightDecay: 0.1, Batch: 8, Seq: 64, H: 5}
	with := func(edit func(*job.Plan)) job.Plan { p := good; edit(&p); return p }
	small := tiny
	small.VocabSize = 100
	tests := []struct {
		name         string
		plan         job.Plan
		cfg          model.Config
		data         int64
		bound        string
		limit, value int64
		detail       string
	}{
		{"fits", good, tiny, 2 * 65, "", 0, 0, ""},
		{"seq_len beyond n_positions", with(func(p *job.Plan) { p.Seq = 128 }), tiny, 1 << 20,
			market.BoundSeqLen, 64, 128, "seq_len 128 exceeds the model's context (n_positions) of 64 by 64 tokens"},
		{"a shard shorter than one sequence", good, tiny, 2*65 - 1,
			market.BoundDataset, 130, 129, "leave a shard of 64 to each of the 2 workers, less than one sequence of seq_len+1 = 65: it needs at least 130 bytes, 1 more"},
		{"an empty dataset", good, tiny, 0, market.BoundDataset, 130, 0, "needs at least 130 bytes, 130 more"},
		{"a vocabulary short of the bytes", good, small, 1 << 20,
			market.BoundVocabulary, 256, 100, "vocabulary of 100 tokens is 156 short of the 256 byte values"},
		{"no steps", with(func(p *job.Plan) { p.Steps = 0 }), tiny, 1 << 20, market.BoundSpec, 0, 0, "all must be positive"},
		{"no outer steps", with(func(p *job.Plan) { p.H = 0 }), tiny, 1 << 20, market.BoundSpec, 0, 0, "outer step every 0 inner steps"},
		{"no batch", with(func(p *job.Plan) { p.Batch = 0 }), tiny, 1 << 20, market.BoundSpec, 0, 0, "batch 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.plan.Check(tt.cfg, tt.data, job.ByteTokens)
			if tt.bound == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var e *market.Error
			if !errors.As(err, &e) || e.Kind != market.KindInfeasible || !strings.Contains(e.Message, tt.detail) {
				t.Fatalf("error %v, want an infeasible one saying %q", err, tt.detail)
			}
			if e.Extra["bound"] != tt.bound || tt.limit != 0 && (e.Extra["limit"] != tt.limit || e.Extra["value"] != tt.value) {
				t.Fatalf("extra %v, want bound %s, limit %d, value %d", e.Extra, tt.bound, tt.limit, tt.value)
			}
		})
	}
}

// TestTrainerRefusesWhatCheckRefuses: a worker's Trainer refuses by Check,
// the very error the quote gives.
func TestTrainerRefusesWhatCheckRefuses(t *testing.T) {
	tiny, err := model.ConfigByName("tiny")
	if err != nil {
		t.Fatal(err)
	}
	p := job.Plan{Steps: 10, Workers: 2, Replicas: 1, LearningRate: 3e-4, WeightDecay: 0.1, Batch: 8, Seq: 128, H: 5}
	_, err = p.Trainer(encoded(t, tiny), train.NewDataset(bytes.Repeat([]byte("x"), 1000)), 0, nil)
	want := p.Check(tiny, 1000, job.ByteTokens)
	if err == nil || want == nil || !strings.Contains(err.Error(), market.ErrorMessage(want)) || market.ErrorKind(err) != market.KindInfeasible {
		t.Fatalf("Trainer: %v; Check: %v", err, want)
	}
}

// TestRuntime is the port the server checks uploads and quotes through:
// the workers' loader's shape, and the needs of a job on it.
func TestRuntime(t *testing.T) {
	tiny, err := model.ConfigByName("tiny")
	if err != nil {
		t.Fatal(err)
	}
	rt := job.Runtime{}
	file := encoded(t, tiny)
	shape, err := rt.InspectModel(bytes.NewReader(file), int64(len(file)))
	if err != nil || shape != (market.ModelShape{VocabSize: 256, Positions: 64, Width: 64, Layers: 4, Heads: 4}) {
		t.Fatalf("shape %+v, %v", shape, err)
	}
	var sixteen bytes.Buffer
	if err := model.WriteSafetensors(&sixteen, []*model.Tensor{model.NewF32("w", 16)}, map[string]string{"format": "pt"}); err != nil {
		t.Fatal(err)
	}
	if _, err := rt.InspectModel(bytes.NewReader(sixteen.Bytes()), int64(sixteen.Len())); err == nil || !strings.Contains(err.Error(), "no model config") {
		t.Fatalf("16 floats: %v", err)
	}

	spec := market.Spec{Steps: 10, Workers: 2, Replicas: 2, Hyperparameters: market.Hyperparameters{}.WithDefaults(shape.Positions)}
	needs, err := rt.CheckJob(spec, shape, int64(len(file)), 1<<20)
	if err != nil || needs.StepMemory <= 0 || needs.SlotMemory <= needs.StepMemory || needs.RefereeMemory <= needs.StepMemory {
		t.Fatalf("needs %+v, %v", needs, err)
	}
	if err := market.DefaultJobLimits.Check(needs); err != nil {
		t.Fatalf("the defaults on tiny do not fit the default limits: %v", err)
	}
	// A model of 17 MB that declares a context of 65,536 tokens: its
	// attention alone, 8 × 4 × 65,536² floats a layer, is far beyond.
	long := model.Config{VocabSize: 256, MaxSeq: 65536, Dim: 64, Layers: 4, Heads: 4, Eps: 1e-5}
	spec.Hyperparameters.SeqLen = 65536
	needs, err = rt.CheckJob(spec, market.ModelShape{VocabSize: 256, Positions: 65536, Width: 64, Layers: 4, Heads: 4}, 4*int64(long.NumParams()), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	err = market.DefaultJobLimits.Check(needs)
	if market.ErrorKind(err) != market.KindInfeasible || !strings.Contains(err.Error(), "a slot needs") {
		t.Fatalf("the long context: %v (%+v)", err, needs)
	}
	if _, err := rt.CheckJob(spec, market.ModelShape{VocabSize: 256, Positions: 64, Width: 64, Layers: 4, Heads: 3}, 1, 1<<20); market.ErrorKind(err) != market.KindInfeasible {
		t.Fatalf("3 heads of 64 channels: %v", err)
	}
}
