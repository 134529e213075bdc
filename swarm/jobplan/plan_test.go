package jobplan_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/train"
)

// TestCheck: each bound a worker's Trainer would refuse a plan by, named
// with its limit and the plan's value.
func TestCheck(t *testing.T) {
	tiny, err := model.ConfigByName("tiny")
	if err != nil {
		t.Fatal(err)
	}
	good := jobplan.Plan{Steps: 10, Workers: 2, Replicas: 2, Seed: 1, LearningRate: 3e-4, WeightDecay: 0.1, Batch: 8, Seq: 64, H: 5}
	with := func(edit func(*jobplan.Plan)) jobplan.Plan { p := good; edit(&p); return p }
	many := with(func(p *jobplan.Plan) { p.Workers, p.Batch = 30, 16 })
	small := tiny
	small.VocabSize = 100
	tests := []struct {
		name         string
		plan         jobplan.Plan
		cfg          model.Config
		data         int64
		bound        string
		limit, value int64
		detail       string
	}{
		// Two shards of one sequence, and one held-out sequence.
		{"fits", good, tiny, 3 * 65, "", 0, 0, ""},
		{"seq_len beyond n_positions", with(func(p *jobplan.Plan) { p.Seq = 128 }), tiny, 1 << 20,
			market.BoundSeqLen, 64, 128, "seq_len 128 exceeds the model's context (n_positions) of 64 by 64 tokens"},
		{"a shard shorter than one sequence", good, tiny, 3*65 - 1,
			market.BoundDataset, 195, 194, "less the 65 held out for validation, leave a shard of 64 to each of the 2 workers, less than one sequence of seq_len+1 = 65: it needs at least 195 bytes, 1 more"},
		{"an empty dataset", good, tiny, 0, market.BoundDataset, 195, 0, "needs at least 195 bytes, 195 more"},
		// 30 shards of 65 tokens, and a tenth of the stream held out: 2166 − 216.
		{"a tenth held out fits", many, tiny, 2166, "", 0, 0, ""},
		{"a tenth held out, one token short", many, tiny, 2165,
			market.BoundDataset, 2166, 2165, "less the 216 held out for validation, leave a shard of 64 to each of the 30 workers"},
		{"a vocabulary short of the bytes", good, small, 1 << 20,
			market.BoundVocabulary, 256, 100, "vocabulary of 100 tokens is 156 short of the 256 byte values"},
		{"no steps", with(func(p *jobplan.Plan) { p.Steps = 0 }), tiny, 1 << 20, market.BoundSpec, 0, 0, "all must be positive"},
		{"no outer steps", with(func(p *jobplan.Plan) { p.H = 0 }), tiny, 1 << 20, market.BoundSpec, 0, 0, "outer step every 0 inner steps"},
		{"no batch", with(func(p *jobplan.Plan) { p.Batch = 0 }), tiny, 1 << 20, market.BoundSpec, 0, 0, "batch 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.plan.Check(tt.cfg, tt.data, jobplan.ByteTokens)
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
	p := jobplan.Plan{Steps: 10, Workers: 2, Replicas: 1, LearningRate: 3e-4, WeightDecay: 0.1, Batch: 8, Seq: 128, H: 5}
	_, err = p.Trainer(encoded(t, tiny), train.NewDataset(bytes.Repeat([]byte("x"), 1000)), 0, nil)
	want := p.Check(tiny, 1000, jobplan.ByteTokens)
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
	rt := jobplan.Runtime{}
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

// TestTrainsWithoutTheHeldOutTail: two streams that differ only in their
// held-out tail (train.HeldOut) train to the very same trace on every
// rank, and their validation losses differ: the workers never train on
// the validation part, and the validation loss reads it.
func TestTrainsWithoutTheHeldOutTail(t *testing.T) {
	cfg := model.Config{VocabSize: 256, MaxSeq: 16, Dim: 16, Layers: 1, Heads: 2, Eps: 1e-5}
	base := encoded(t, cfg)
	p := jobplan.Plan{Steps: 12, Workers: 2, Replicas: 1, Seed: 4, LearningRate: 3e-3, WeightDecay: 0.1, Batch: 4, Seq: 16, H: 4}
	text := []byte(strings.Repeat("held out tails are for validation only. ", 10)) // 400 bytes
	_, held := train.HeldOut(len(text), p.Batch, p.Seq)
	if held != 40 {
		t.Fatalf("%d bytes hold out %d, want a tenth", len(text), held)
	}
	other := bytes.Clone(text)
	for i := len(other) - held; i < len(other); i++ {
		other[i] = 'z'
	}
	var loss [2]float32
	for rank := range p.Workers {
		var traces [2][]train.TraceEntry
		for k, data := range [][]byte{text, other} {
			d := train.NewDataset(data)
			tr, err := p.Trainer(base, d, rank, ree.NewPool(1))
			if err != nil {
				t.Fatal(err)
			}
			v, err := p.Validation(d)
			if err != nil {
				t.Fatal(err)
			}
			for range p.Steps {
				if _, err := tr.Step(); err != nil {
					t.Fatal(err)
				}
			}
			traces[k] = tr.Trace()
			if loss[k], err = tr.ValidationLoss(v); err != nil {
				t.Fatal(err)
			}
		}
		for i := range traces[0] {
			if traces[0][i] != traces[1][i] {
				t.Fatalf("rank %d: the traces differ at step %d: the run trained on the held-out tail", rank, traces[0][i].Step)
			}
		}
	}
	if loss[0] == loss[1] || loss[0] <= 0 || loss[1] <= 0 {
		t.Fatalf("validation losses %v on two tails: want two different positive losses", loss)
	}
}

// TestTokenizeRefusesAValidationOfPrompts: the quote refuses a stream whose
// validation sequences hold no learnt token (they fall in a long prompt),
// since its validation loss would measure nothing; the same stream with a
// learnt tail is quoted.
func TestTokenizeRefusesAValidationOfPrompts(t *testing.T) {
	spec := market.Spec{Format: market.FormatJSONL, Steps: 4, Workers: 2, Replicas: 1,
		Hyperparameters: market.Hyperparameters{BatchSize: 4, SeqLen: 16, InnerSteps: 2, LearningRate: 1e-3}}
	var b strings.Builder
	for range 20 {
		b.WriteString(`{"prompt": "` + strings.Repeat("p", 20) + `", "completion": "c"}` + "\n")
	}
	head := b.String()
	// 440 tokens, then a prompt of 100 and its end: 541 tokens, a tail of
	// 54 whose three windows cover its first 49, all prompt.
	prompts := head + `{"prompt": "` + strings.Repeat("q", 100) + `", "completion": ""}` + "\n"
	_, err := jobplan.Runtime{}.Tokenize(spec, []byte(prompts), nil)
	if market.ErrorKind(err) != market.KindInfeasible || !strings.Contains(err.Error(), "none of the 48 held-out tokens is learnt") {
		t.Fatalf("a validation of prompts: %v", err)
	}
	learnt := head + `{"prompt": "` + strings.Repeat("q", 10) + `", "completion": "` + strings.Repeat("a", 90) + `"}` + "\n"
	if s, err := (jobplan.Runtime{}).Tokenize(spec, []byte(learnt), nil); err != nil || s.Count != 541 {
		t.Fatalf("a learnt validation: %+v %v", s, err)
	}
}
