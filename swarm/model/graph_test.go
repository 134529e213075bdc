package model

import (
	"math"
	"testing"

	"github.com/axl-market/axl/swarm/ree"
)

// microConfig is small enough for finite differences over the whole model.
var microConfig = Config{VocabSize: 11, MaxSeq: 6, Dim: 8, Layers: 2, Heads: 2, Eps: 1e-5}

func testBatch(cfg Config, batch, seq int, seed uint64) (tokens, targets []int32) {
	r := ree.NewRand(seed)
	tokens, targets = make([]int32, batch*seq), make([]int32, batch*seq)
	for i := range tokens {
		tokens[i] = int32(r.Intn(cfg.VocabSize))
		targets[i] = int32(r.Intn(cfg.VocabSize))
	}
	return tokens, targets
}

// initGraph returns the graph of a freshly initialised model, with a batch
// drawn from dataSeed.
func initGraph(t *testing.T, cfg Config, seed uint64, batch, seq int, dataSeed uint64) *Graph {
	t.Helper()
	m, err := Init(cfg, seed)
	if err != nil {
		t.Fatal(err)
	}
	g, err := NewGraph(m, batch, seq)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.SetBatch(testBatch(cfg, batch, seq, dataSeed)); err != nil {
		t.Fatal(err)
	}
	return g
}

// fillNoise sets every element of ts to a normal deviate of 0.4 drawn
// from seed.
func fillNoise(ts []*Tensor, seed uint64) {
	r := ree.NewRand(seed)
	for _, p := range ts {
		for i := range p.F {
			p.F[i] = float32(0.4 * r.Norm())
		}
	}
}

// noisyModel has weights large enough that every gradient is well above the
// noise of float32 finite differences.
func noisyModel(t *testing.T, cfg Config, seed uint64) *Model {
	t.Helper()
	m, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	fillNoise(m.Params, seed)
	for _, p := range m.Params {
		for i := range p.F {
			if p.Len() == cfg.Dim && (i%2 == 0) {
				p.F[i] += 1 // LayerNorm gains near one
			}
		}
	}
	return m
}

// sumLosses is the per-token losses of a forward pass summed in float64:
// the loss is their mean, and differences of its float32 value are too
// coarse for finite differences.
func sumLosses(g *Graph, p *ree.Pool) float64 {
	g.RunForward(p)
	var s float64
	for _, v := range g.Losses.F {
		s += float64(v)
	}
	return s
}

// checkGradients compares g's gradients of ws (g.Grads in order), once g
// has run, with central finite differences of sumLosses at about
// samples elements of each.
func checkGradients(t *testing.T, g *Graph, p *ree.Pool, ws []*Tensor, samples int) {
	t.Helper()
	const eps = 1e-2
	rows := float64(g.Batch * g.Seq)
	if len(g.Grads) != len(ws) {
		t.Fatalf("%d gradients for %d tensors", len(g.Grads), len(ws))
	}
	for i, w := range ws {
		grad := g.Grads[i]
		if grad == nil || !grad.SameLayout(w) {
			t.Fatalf("gradient of %s missing or misshapen", w.Name)
		}
		step := max(1, w.Len()/samples)
		for j := 0; j < w.Len(); j += step {
			orig := w.F[j]
			w.F[j] = orig + eps
			up := sumLosses(g, p)
			w.F[j] = orig - eps
			down := sumLosses(g, p)
			w.F[j] = orig
			num, got := (up-down)/(2*eps), rows*float64(grad.F[j])
			if math.Abs(got-num) > 2e-4+3e-2*math.Abs(num) {
				t.Errorf("%s[%d]: gradient %.6g, finite difference %.6g", w.Name, j, got, num)
			}
		}
	}
}

func TestModelGradients(t *testing.T) {
	cfg := microConfig
	m := noisyModel(t, cfg, 1)
	const batch, seq = 2, 5 // shorter than MaxSeq: wpe's last row gets no gradient
	g, err := NewGraph(m, batch, seq)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.SetBatch(testBatch(cfg, batch, seq, 2)); err != nil {
		t.Fatal(err)
	}
	p := ree.NewPool(2)
	g.Run(p)
	checkGradients(t, g, p, m.Params, 11)
	last := g.Grads[1].F[(cfg.MaxSeq-1)*cfg.Dim:]
	for _, v := range last {
		if v != 0 {
			t.Fatalf("gradient of an unused position embedding is %v, want 0", v)
		}
	}
}

func TestGraphThreadsBitIdentical(t *testing.T) {
	cfg := Config{VocabSize: 256, MaxSeq: 16, Dim: 32, Layers: 2, Heads: 4, Eps: 1e-5}
	var ref []Hash
	for _, pool := range []*ree.Pool{ree.NewPool(1), ree.NewPool(2), ree.NewPool(4), ree.NewPool(3, ree.Portable())} {
		g := initGraph(t, cfg, 5, 3, 16, 6)
		g.Run(pool)
		var hs []Hash
		for _, gr := range g.Grads {
			hs = append(hs, gr.Hash())
		}
		hs = append(hs, g.Loss.Hash())
		if ref == nil {
			ref = hs
			continue
		}
		for i := range hs {
			if hs[i] != ref[i] {
				t.Fatalf("threads=%d fast=%v: tensor %d differs from one thread", pool.Threads(), pool.Fast(), i)
			}
		}
	}
}

func TestRecordAndCompute(t *testing.T) {
	cfg := microConfig
	g := initGraph(t, cfg, 3, 2, 6, 4)
	p := ree.NewPool(2)
	recs, kept := g.Record(p, func(int) bool { return true })
	if len(recs) != len(g.Ops) {
		t.Fatalf("%d records for %d ops", len(recs), len(g.Ops))
	}
	names := map[string]bool{}
	for k, r := range recs {
		if r.Index != k || names[r.Name] {
			t.Fatalf("record %d: index %d, name %q (duplicate: %v)", k, r.Index, r.Name, names[r.Name])
		}
		names[r.Name] = true
		// The referee's recomputation of op k alone, from the kept inputs.
		out, err := g.Ops[k].Compute(ree.NewPool(1), kept[k])
		if err != nil {
			t.Fatal(err)
		}
		for i, o := range out {
			if o.Hash() != r.Outputs[i] {
				t.Fatalf("op %d (%s): recomputed output %d differs from the record", k, r.Name, i)
			}
		}
		for i, in := range kept[k] {
			if in.Hash() != r.Inputs[i] {
				t.Fatalf("op %d (%s): kept input %d does not match its recorded hash", k, r.Name, i)
			}
		}
	}
	// A second run records the same hashes; a different batch changes them.
	again, _ := g.Record(p, nil)
	for k := range recs {
		if again[k].Outputs[0] != recs[k].Outputs[0] {
			t.Fatalf("op %d: a second run differs", k)
		}
	}
	if err := g.SetBatch(testBatch(cfg, 2, 6, 5)); err != nil {
		t.Fatal(err)
	}
	other, _ := g.Record(p, nil)
	if other[0].Outputs[0] == recs[0].Outputs[0] {
		t.Fatal("a different batch gives the same embedding output")
	}
}

func TestComputeRefusesBadInputs(t *testing.T) {
	m, err := Init(microConfig, 1)
	if err != nil {
		t.Fatal(err)
	}
	g, err := NewGraph(m, 1, 4)
	if err != nil {
		t.Fatal(err)
	}
	op := g.Ops[0] // embed: wte, wpe, tokens
	p := ree.NewPool(1)
	in := []*Tensor{op.In[0].Clone(), op.In[1].Clone(), op.In[2].Clone()}
	if _, err := op.Compute(p, in[:2]); err == nil {
		t.Error("Compute accepted too few inputs")
	}
	if _, err := op.Compute(p, []*Tensor{in[0], in[0], in[2]}); err == nil {
		t.Error("Compute accepted an input of the wrong shape")
	}
	in[2].I[1] = 99
	if _, err := op.Compute(p, in); err == nil {
		t.Error("Compute accepted a token outside the vocabulary")
	}
	if err := g.SetBatch([]int32{1, 2, 3, 300}, []int32{1, 2, 3, 4}); err == nil {
		t.Error("SetBatch accepted a token outside the vocabulary")
	}
	if _, err := NewGraph(m, 1, microConfig.MaxSeq+1); err == nil {
		t.Error("NewGraph accepted a sequence longer than MaxSeq")
	}
}

func TestInitDeterministic(t *testing.T) {
	a, err := Init(microConfig, 42)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Init(microConfig, 42)
	c, _ := Init(microConfig, 43)
	same, differ := true, false
	for i := range a.Params {
		same = same && a.Params[i].Hash() == b.Params[i].Hash()
		differ = differ || a.Params[i].Hash() != c.Params[i].Hash()
	}
	if !same || !differ {
		t.Fatalf("same seed same weights: %v; other seed other weights: %v", same, differ)
	}
	if got := a.Param("h.0.ln_1.weight").F[0]; got != 1 {
		t.Errorf("LayerNorm gain initialised to %v, want 1", got)
	}
	if got := a.Param("h.1.mlp.c_fc.bias").F[3]; got != 0 {
		t.Errorf("bias initialised to %v, want 0", got)
	}
}

func TestConfigs(t *testing.T) {
	tiny, err := ConfigByName("tiny")
	if err != nil {
		t.Fatal(err)
	}
	small, err := ConfigByName("small")
	if err != nil {
		t.Fatal(err)
	}
	if n := tiny.NumParams(); n < 100_000 || n > 500_000 {
		t.Errorf("tiny has %d parameters, want 0.1–0.5 M", n)
	}
	if n := small.NumParams(); n < 2_000_000 || n > 10_000_000 {
		t.Errorf("small has %d parameters, want a few million", n)
	}
	// OpenAI's shapes, counted as Hugging Face counts them (the head tied).
	for name, want := range map[string]int{"gpt2": 124_439_808, "gpt2-medium": 354_823_168} {
		c, err := ConfigByName(name)
		if err != nil {
			t.Fatal(err)
		}
		if n := c.NumParams(); n != want || c.VocabSize != GPT2Vocab || c.Validate() != nil {
			t.Errorf("%s: %d parameters, vocabulary %d, want %d and %d (%v)", name, n, c.VocabSize, want, GPT2Vocab, c.Validate())
		}
	}
	if _, err := ConfigByName("huge"); err == nil {
		t.Error("ConfigByName accepted an unknown name")
	}
	bad := tiny
	bad.Heads = 3
	if bad.Validate() == nil {
		t.Error("Validate accepted 3 heads for 64 channels")
	}
}
