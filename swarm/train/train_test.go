package train

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
)

// testConfig is small enough to train for dozens of steps under -race.
var testConfig = model.Config{VocabSize: 256, MaxSeq: 32, Dim: 32, Layers: 2, Heads: 4, Eps: 1e-5}

// corpus is a small, repetitive text that a tiny model learns quickly.
func corpus() []byte {
	var b strings.Builder
	for i := range 400 {
		fmt.Fprintf(&b, "the quick brown fox %d jumps over the lazy dog. ", i%7)
	}
	return []byte(b.String())
}

func testHyper(steps int) Hyper {
	h := DefaultHyper(steps, 32)
	h.Batch, h.Seed = 4, 11
	return h
}

func newTrainer(t *testing.T, h Hyper, pool *ree.Pool) *Trainer {
	t.Helper()
	m, err := model.Init(testConfig, 1)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := New(m, NewDataset(corpus()), h, pool)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func steps(t *testing.T, tr *Trainer, n int) []float32 {
	t.Helper()
	var losses []float32
	for range n {
		l, err := tr.Step()
		if err != nil {
			t.Fatal(err)
		}
		losses = append(losses, l)
	}
	return losses
}

func TestSamplerDependsOnSeedShardStepOnly(t *testing.T) {
	data := NewDataset(corpus())
	draw := func(seed uint64, shard, shards, step int) []int32 {
		s, err := data.Sampler(seed, shard, shards, 3, 16)
		if err != nil {
			t.Fatal(err)
		}
		tok, tgt := make([]int32, 48), make([]int32, 48)
		s.Batch(step, tok, tgt)
		for i := range 15 { // targets are the tokens shifted by one
			if tgt[i] != tok[i+1] {
				t.Fatalf("target %d = %d, next token %d", i, tgt[i], tok[i+1])
			}
		}
		return tok
	}
	a := draw(1, 0, 1, 5)
	draw(1, 0, 1, 4) // drawing other steps first changes nothing
	if !slices.Equal(a, draw(1, 0, 1, 5)) {
		t.Error("the same (seed, shard, step) drew different batches")
	}
	for name, b := range map[string][]int32{"seed": draw(2, 0, 1, 5), "step": draw(1, 0, 1, 6), "shard": draw(1, 1, 2, 5)} {
		if slices.Equal(a, b) {
			t.Errorf("changing the %s drew the same batch", name)
		}
	}
	// Shards draw from disjoint slices of the corpus.
	text := string(corpus())
	half := len(text) / 2
	s, _ := data.Sampler(3, 1, 2, 1, 16)
	for step := range 50 {
		tok, tgt := make([]int32, 16), make([]int32, 16)
		s.Batch(step, tok, tgt)
		w := make([]byte, 16)
		for i := range w {
			w[i] = byte(tok[i])
		}
		if !strings.Contains(text[half:], string(w)) {
			t.Fatalf("shard 1 drew %q, not from its half of the corpus", w)
		}
	}
	for _, bad := range []struct{ shard, shards, batch, seq int }{{2, 2, 1, 8}, {-1, 2, 1, 8}, {0, 0, 1, 8}, {0, 1, 0, 8}, {0, 1, 1, len(text)}} {
		if _, err := data.Sampler(1, bad.shard, bad.shards, bad.batch, bad.seq); err == nil {
			t.Errorf("Sampler accepted %+v", bad)
		}
	}
}

func TestLRSchedule(t *testing.T) {
	h := Hyper{LR: 1e-3, MinLR: 1e-4, Warmup: 10, Steps: 110}
	if got := h.LRAt(0); math.Abs(got-1e-4) > 1e-12 {
		t.Errorf("LR at step 0 = %g, want 1e-4 (1/10 of the peak)", got)
	}
	if got := h.LRAt(9); math.Abs(got-1e-3) > 1e-12 {
		t.Errorf("LR at the end of warm-up = %g, want the peak", got)
	}
	if got := h.LRAt(60); math.Abs(got-5.5e-4) > 1e-12 {
		t.Errorf("LR half-way through the decay = %g, want 5.5e-4", got)
	}
	if got := h.LRAt(110); math.Abs(got-1e-4) > 1e-12 {
		t.Errorf("LR at the end = %g, want MinLR", got)
	}
	for s := 10; s < 120; s++ {
		if h.LRAt(s+1) > h.LRAt(s) {
			t.Fatalf("LR rises after warm-up, at step %d", s)
		}
	}
}

func TestHyperValidate(t *testing.T) {
	good := DefaultHyper(10, 16)
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, mutate := range map[string]func(*Hyper){
		"no steps":    func(h *Hyper) { h.Steps = 0 },
		"no batch":    func(h *Hyper) { h.Batch = 0 },
		"beta1 = 1":   func(h *Hyper) { h.Beta1 = 1 },
		"min > peak":  func(h *Hyper) { h.MinLR = 1 },
		"NaN lr":      func(h *Hyper) { h.LR = math.NaN() },
		"bad shard":   func(h *Hyper) { h.Shard = 1 },
		"neg decay":   func(h *Hyper) { h.WeightDecay = -1 },
		"zero eps":    func(h *Hyper) { h.Eps = 0 },
		"neg warm-up": func(h *Hyper) { h.Warmup = -1 },
	} {
		h := good
		mutate(&h)
		if h.Validate() == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestLossFalls(t *testing.T) {
	tr := newTrainer(t, testHyper(60), ree.NewPool(2))
	losses := steps(t, tr, 60)
	mean := func(xs []float32) float64 {
		var s float64
		for _, x := range xs {
			s += float64(x)
		}
		return s / float64(len(xs))
	}
	first, last := mean(losses[:5]), mean(losses[len(losses)-5:])
	t.Logf("loss %.3f → %.3f", first, last)
	if math.Abs(first-math.Log(256)) > 0.3 {
		t.Errorf("initial loss %.3f, want about ln 256 = %.3f", first, math.Log(256))
	}
	if last > first-2 {
		t.Errorf("loss fell from %.3f to %.3f only", first, last)
	}
}

// TestThreadsSameTrace trains with 1, 2 and 4 goroutines, and on the
// portable path, and demands the same hash after every step.
func TestThreadsSameTrace(t *testing.T) {
	var ref []TraceEntry
	for _, pool := range []*ree.Pool{ree.NewPool(1), ree.NewPool(2), ree.NewPool(4), ree.NewPool(2, ree.Portable())} {
		tr := newTrainer(t, testHyper(4), pool)
		steps(t, tr, 4)
		if len(tr.Trace()) != 5 {
			t.Fatalf("trace of %d entries after 4 steps, want 5", len(tr.Trace()))
		}
		if ref == nil {
			ref = tr.Trace()
			continue
		}
		if !slices.Equal(tr.Trace(), ref) {
			t.Fatalf("threads=%d fast=%v: trace differs from one thread", pool.Threads(), pool.Fast())
		}
	}
	if ref[0].Hash == ref[1].Hash {
		t.Error("a step did not change the checkpoint hash")
	}
}

// restoreAfter runs tr 2 steps, encodes its checkpoint, runs it 2 more,
// and restores other from the decoded checkpoint; it returns that and the
// trace of tr.
func restoreAfter(t *testing.T, tr, other *Trainer) (*Checkpoint, []TraceEntry) {
	t.Helper()
	steps(t, tr, 2)
	var buf bytes.Buffer
	if err := tr.Checkpoint().Encode(&buf); err != nil {
		t.Fatal(err)
	}
	steps(t, tr, 2)
	want := tr.Trace()
	ck, err := DecodeCheckpoint(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Restore(ck); err != nil {
		t.Fatal(err)
	}
	if other.Trace()[0] != want[2] {
		t.Fatal("the restored checkpoint's hash is not the trace entry of its step")
	}
	return ck, want
}

// TestReplayFromCheckpoint is what Verde needs: from the checkpoint before
// step s, recompute step s alone, with its operator record, and recompute
// any single operator of it from its inputs.
func TestReplayFromCheckpoint(t *testing.T) {
	h := testHyper(5)
	h.ClipNorm = 0.5 // make the clipping operator matter
	other := newTrainer(t, h, ree.NewPool(1))
	ck, want := restoreAfter(t, newTrainer(t, h, ree.NewPool(2)), other)
	prog := other.Program()
	keep := map[int]bool{0: true, len(prog.Ops) - 1: true}
	for k, op := range prog.Ops {
		if op.Kind == "adamw" || op.Kind == "clip_norm" || op.Kind == "attention_backward" {
			keep[k] = true
		}
	}
	rec, err := other.RecordStep(func(k int) bool { return keep[k] })
	if err != nil {
		t.Fatal(err)
	}
	if rec.Step != 2 || len(rec.Ops) != len(prog.Ops) {
		t.Fatalf("record of step %d with %d ops, want step 2 with %d", rec.Step, len(rec.Ops), len(prog.Ops))
	}
	steps(t, other, 1)
	if !slices.Equal(other.Trace(), want[2:]) {
		t.Fatal("replaying from the checkpoint gives another trace")
	}
	for k := range keep {
		out, err := prog.Ops[k].Compute(ree.NewPool(3), rec.Inputs[k])
		if err != nil {
			t.Fatal(err)
		}
		for i, o := range out {
			if o.Hash() != rec.Ops[k].Outputs[i] {
				t.Fatalf("op %d (%s) recomputed alone: output %d differs from the record", k, rec.Ops[k].Name, i)
			}
		}
	}
	// Recording the same step again gives the same record.
	if err := other.Restore(ck); err != nil {
		t.Fatal(err)
	}
	again, err := other.RecordStep(nil)
	if err != nil {
		t.Fatal(err)
	}
	for k := range rec.Ops {
		if !slices.Equal(again.Ops[k].Outputs, rec.Ops[k].Outputs) || !slices.Equal(again.Ops[k].Inputs, rec.Ops[k].Inputs) {
			t.Fatalf("op %d (%s) recorded differently the second time", k, rec.Ops[k].Name)
		}
	}
}

// TestStepInputs: the inputs a step reads beside the checkpoint are what
// the recorded operators read.
func TestStepInputs(t *testing.T) {
	tr := newTrainer(t, testHyper(3), ree.NewPool(1))
	steps(t, tr, 1)
	bound, values, err := tr.StepInputs(1)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := tr.RecordStep(nil)
	if err != nil {
		t.Fatal(err)
	}
	prog := tr.Program()
	for i, b := range bound {
		found := false
		for k, op := range prog.Ops {
			for m, in := range op.In {
				if in == b && !found {
					found = true
					if rec.Ops[k].Inputs[m] != values[i].Hash() {
						t.Fatalf("%s: the value of step 1 is not what %s read", b.Name, op.Name)
					}
				}
			}
		}
		if !found {
			t.Fatalf("%s is read by no operator", b.Name)
		}
	}
}

// roundTrip encodes ck, decodes it, and checks that the decoded
// checkpoint encodes to the same bytes.
func roundTrip(t *testing.T, ck *Checkpoint) ([]byte, *Checkpoint) {
	t.Helper()
	var buf bytes.Buffer
	if err := ck.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := DecodeCheckpoint(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := got.Encode(&again); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Fatal("re-encoding gives other bytes")
	}
	return buf.Bytes(), got
}

func TestCheckpointEncoding(t *testing.T) {
	tr := newTrainer(t, testHyper(3), ree.NewPool(2))
	steps(t, tr, 1)
	ck := tr.Checkpoint()
	b, got := roundTrip(t, ck)
	if got.Hash() != ck.Hash() || got.Step != 1 || got.Config != testConfig {
		t.Fatal("decoding changed the checkpoint")
	}
	cl := ck.Clone()
	cl.M[3].F[0] += 1
	if cl.Hash() == ck.Hash() {
		t.Error("a change to one moment does not change the hash")
	}
	// The hash is composed from the tensors' hashes: a referee holding those
	// alone gets the same hash, and any change to them or the step shows.
	th := ck.TensorHashes()
	if len(th) != len(ck.Params) || th[2].Name != ck.Params[2].Name || th[2].V != ck.V[2].Hash() {
		t.Fatal("tensor hashes do not follow the weights")
	}
	if HashOf(ck.Config, ck.Step, th) != ck.Hash() {
		t.Fatal("HashOf the tensor hashes is not the checkpoint's hash")
	}
	if HashOf(ck.Config, ck.Step+1, th) == ck.Hash() {
		t.Error("the step is not part of the hash")
	}
	th[0].Weight[0] ^= 1
	if HashOf(ck.Config, ck.Step, th) == ck.Hash() {
		t.Error("a weight's hash is not part of the hash")
	}

	corrupt := func(f func([]byte) []byte) []byte { return f(slices.Clone(b)) }
	for name, bad := range map[string][]byte{
		"empty":     nil,
		"magic":     corrupt(func(b []byte) []byte { b[0] = 'X'; return b }),
		"truncated": b[:len(b)-1],
		"trailing":  append(slices.Clone(b), 0),
		"config":    corrupt(func(b []byte) []byte { b[8+4*4] = 5; return b }), // 5 heads for 32 channels
		"name":      corrupt(func(b []byte) []byte { i := bytes.Index(b, []byte("wte")); b[i] = 'x'; return b }),
		"dtype":     corrupt(func(b []byte) []byte { i := bytes.Index(b, []byte("wte.weight")); b[i+10] = 2; return b }),
	} {
		if _, err := DecodeCheckpoint(bad); err == nil {
			t.Errorf("%s: a malformed checkpoint was accepted", name)
		}
	}

	other, _ := model.Init(model.Config{VocabSize: 256, MaxSeq: 32, Dim: 16, Layers: 1, Heads: 2, Eps: 1e-5}, 1)
	tr2, err := New(other, NewDataset(corpus()), testHyper(3), ree.NewPool(1))
	if err != nil {
		t.Fatal(err)
	}
	if err := tr2.Restore(ck); err == nil {
		t.Error("Restore accepted a checkpoint of another config")
	}
}

func TestTraceRoundTrip(t *testing.T) {
	tr := newTrainer(t, testHyper(3), ree.NewPool(2))
	steps(t, tr, 2)
	var buf bytes.Buffer
	if err := WriteTrace(&buf, tr.Trace()); err != nil {
		t.Fatal(err)
	}
	got, err := ReadTrace(&buf)
	if err != nil || !slices.Equal(got, tr.Trace()) {
		t.Fatalf("trace round trip: %v", err)
	}
	for _, bad := range []string{"1\n", "x 00\n", "1 zz\n", "1 " + strings.Repeat("0", 63) + "\n"} {
		if _, err := ReadTrace(strings.NewReader(bad)); err == nil {
			t.Errorf("ReadTrace accepted %q", bad)
		}
	}
}

// TestOptimizerStart: everything before OptimizerStart is the model's
// forward and backward pass, everything from it on the optimizer, and
// Grads are what the optimizer reads.
func TestOptimizerStart(t *testing.T) {
	tr := newTrainer(t, testHyper(2), ree.NewPool(1))
	prog, at := tr.Program(), tr.OptimizerStart()
	if at <= 0 || at >= len(prog.Ops) || !strings.HasPrefix(prog.Ops[at].Name, "optim.") {
		t.Fatalf("optimizer starts at %d of %d", at, len(prog.Ops))
	}
	for k, op := range prog.Ops {
		if strings.HasPrefix(op.Name, "optim.") != (k >= at) {
			t.Fatalf("operator %d (%s) on the wrong side of %d", k, op.Name, at)
		}
	}
	grads := tr.Grads()
	if len(grads) != len(tr.Model().Params) {
		t.Fatalf("%d gradients for %d weights", len(grads), len(tr.Model().Params))
	}
	seen := 0
	for _, op := range prog.Ops[at:] {
		if op.Kind != "adamw" {
			continue
		}
		if op.In[1] != grads[seen] {
			t.Fatalf("%s reads another gradient than Grads()[%d]", op.Name, seen)
		}
		seen++
	}
	if seen != len(grads) {
		t.Fatalf("%d AdamW operators for %d gradients", seen, len(grads))
	}
}

// examples is a token dataset of prompt/completion pairs: the prompt
// "what is N?" is never learnt, the completion "N!" and its end (id 0) are.
func examples(t *testing.T, learntPrompts bool) *Dataset {
	t.Helper()
	var ids []int
	var learnt []bool
	for i := range 300 {
		p, c := fmt.Sprintf("what is %d?", i%5), fmt.Sprintf(" %d!", i%5)
		for _, b := range []byte(p) {
			ids, learnt = append(ids, int(b)), append(learnt, learntPrompts)
		}
		for _, b := range []byte(c) {
			ids, learnt = append(ids, int(b)), append(learnt, true)
		}
		ids, learnt = append(ids, 0), append(learnt, true)
	}
	d, err := NewTokenDataset(ids, 256, learnt)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestLearnsCompletionsOnly trains on prompt/completion examples: the
// prompts' targets are ignored in the batches, the trace stays the same on
// every thread count, and the loss falls; a dataset that learns nothing
// (all prompt) trains to a zero loss without a NaN.
func TestLearnsCompletionsOnly(t *testing.T) {
	d := examples(t, false)
	if d.Learnt() >= d.Len() || d.Learnt() == 0 {
		t.Fatalf("learnt %d of %d tokens", d.Learnt(), d.Len())
	}
	if d.Hash() == examples(t, true).Hash() {
		t.Error("the dataset's hash does not cover what is learnt")
	}
	h := testHyper(40)
	s, err := d.Sampler(h.Seed, 0, 1, h.Batch, h.Seq)
	if err != nil {
		t.Fatal(err)
	}
	tokens, targets := make([]int32, h.Batch*h.Seq), make([]int32, h.Batch*h.Seq)
	s.Batch(0, tokens, targets)
	if n := ree.CountTargets(targets); n == 0 || n == len(targets) {
		t.Errorf("%d of %d targets count: want the prompts' ignored", n, len(targets))
	}
	var ref []TraceEntry
	var losses []float32
	for _, pool := range []*ree.Pool{ree.NewPool(1), ree.NewPool(2, ree.Portable())} {
		m, err := model.Init(testConfig, 1)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := New(m, d, h, pool)
		if err != nil {
			t.Fatal(err)
		}
		losses = steps(t, tr, 40)
		if ref == nil {
			ref = tr.Trace()
		} else if !slices.Equal(tr.Trace(), ref) {
			t.Fatal("the trace of a masked dataset differs across thread counts")
		}
	}
	if first, last := losses[0], losses[len(losses)-1]; last > first-1 {
		t.Errorf("loss on completions fell from %.3f to %.3f only", first, last)
	}

	ids := make([]int, 200)
	nothing, err := NewTokenDataset(ids, 256, make([]bool, len(ids)))
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Init(testConfig, 1)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := New(m, nothing, testHyper(2), ree.NewPool(1))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range steps(t, tr, 2) {
		if l != 0 {
			t.Errorf("loss %v on a dataset that learns nothing, want 0", l)
		}
	}
	for _, p := range tr.Model().Params {
		for _, x := range p.F {
			if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
				t.Fatalf("%s holds %v after steps with no learnt token", p.Name, x)
			}
		}
	}
}

func TestNewTokenDatasetRefuses(t *testing.T) {
	for _, c := range []struct {
		name   string
		ids    []int
		vocab  int
		learnt []bool
	}{
		{"id beyond the vocabulary", []int{1, 256}, 256, nil},
		{"negative id", []int{-1}, 256, nil},
		{"vocabulary beyond 16 bits", []int{1}, 1<<16 + 1, nil},
		{"flags not one per token", []int{1, 2}, 256, []bool{true}},
	} {
		if _, err := NewTokenDataset(c.ids, c.vocab, c.learnt); err == nil {
			t.Errorf("%s: accepted", c.name)
		}
	}
}
