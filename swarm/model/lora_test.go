package model

import (
	"math"
	"strings"
	"testing"

	"github.com/axl-market/axl/swarm/ree"
)

var allTargets = LoRA{R: 2, Alpha: 3, Targets: []string{"c_proj", "c_attn", "c_fc"}}

// noisyAdapter has lora_B non-zero, so that every gradient path is live.
func noisyAdapter(t *testing.T, cfg Config, l LoRA, seed uint64) *Adapter {
	t.Helper()
	a, err := NewAdapter(cfg, l)
	if err != nil {
		t.Fatal(err)
	}
	fillNoise(a.Params, seed)
	return a
}

// TestLoRAGradients checks the adapter's gradients against finite
// differences, for every targeting, and that the model's weights get none.
func TestLoRAGradients(t *testing.T) {
	cfg := microConfig
	for _, targets := range [][]string{{"c_attn", "c_proj", "c_fc"}, {"c_attn"}, {"c_fc"}, {"c_proj"}} {
		t.Run(strings.Join(targets, ","), func(t *testing.T) {
			m := noisyModel(t, cfg, 1)
			a := noisyAdapter(t, cfg, LoRA{R: 2, Alpha: 3, Targets: targets}, 9)
			const batch, seq = 2, 5
			g, err := NewLoRAGraph(m, a, batch, seq)
			if err != nil {
				t.Fatal(err)
			}
			if err := g.SetBatch(testBatch(cfg, batch, seq, 2)); err != nil {
				t.Fatal(err)
			}
			p := ree.NewPool(2)
			before := m.Clone()
			g.Run(p)
			for _, o := range g.Ops {
				for _, out := range o.Out {
					if m.Param(out.Name) != nil || strings.HasPrefix(out.Name, "grad.") && a.Param(strings.TrimPrefix(out.Name, "grad.")) == nil {
						t.Fatalf("op %s writes %s: the base model gets no gradient", o.Name, out.Name)
					}
				}
			}
			checkGradients(t, g, p, a.Params, 7)
			for i, w := range m.Params {
				if w.Hash() != before.Params[i].Hash() {
					t.Fatalf("the step changed the base weight %s", w.Name)
				}
			}
		})
	}
}

// TestLoRAStartsAsBase: with lora_B zero (PEFT's initialisation) the
// adapted model computes the base model's loss, to the bit.
func TestLoRAStartsAsBase(t *testing.T) {
	cfg := microConfig
	m := noisyModel(t, cfg, 1)
	a, err := InitAdapter(cfg, allTargets, 5)
	if err != nil {
		t.Fatal(err)
	}
	p := ree.NewPool(1)
	base, _ := NewGraph(m, 2, 5)
	lora, _ := NewLoRAGraph(m, a, 2, 5)
	tokens, targets := testBatch(cfg, 2, 5, 3)
	for _, g := range []*Graph{base, lora} {
		if err := g.SetBatch(tokens, targets); err != nil {
			t.Fatal(err)
		}
	}
	if b, l := base.RunForward(p), lora.RunForward(p); b != l {
		t.Fatalf("loss %v with a fresh adapter, %v without", l, b)
	}
}

func TestInitAdapter(t *testing.T) {
	cfg := microConfig
	a, err := InitAdapter(cfg, allTargets, 42)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := InitAdapter(cfg, LoRA{R: 2, Alpha: 3, Targets: []string{"c_fc", "c_attn", "c_proj"}}, 42)
	c, _ := InitAdapter(cfg, allTargets, 43)
	// Four modules a layer, two tensors each.
	if len(a.Params) != 2*4*cfg.Layers {
		t.Fatalf("%d adapter tensors, want %d", len(a.Params), 2*4*cfg.Layers)
	}
	differ := false
	for i, p := range a.Params {
		if p.Hash() != b.Params[i].Hash() {
			t.Fatalf("%s: the same seed and targets in another order give other bits", p.Name)
		}
		differ = differ || p.Hash() != c.Params[i].Hash()
		switch {
		case strings.HasSuffix(p.Name, "lora_B.weight"):
			for _, x := range p.F {
				if x != 0 {
					t.Fatalf("%s initialised to %v, want 0", p.Name, x)
				}
			}
		default:
			bound, nonzero := float32(1/math.Sqrt(float64(p.Shape[1]))), false
			for _, x := range p.F {
				if x < -bound || x > bound {
					t.Fatalf("%s holds %v, outside ±%v", p.Name, x, bound)
				}
				nonzero = nonzero || x != 0
			}
			if !nonzero {
				t.Fatalf("%s is all zero", p.Name)
			}
		}
	}
	if !differ {
		t.Fatal("another seed gives the same lora_A")
	}
	if got := a.Param("h.1.mlp.c_fc.lora_A.weight"); got == nil || got.Shape[0] != 2 || got.Shape[1] != cfg.Dim {
		t.Fatalf("h.1.mlp.c_fc.lora_A.weight is %v, want [2 %d]", got, cfg.Dim)
	}
	if got := a.Param("h.1.mlp.c_proj.lora_B.weight"); got == nil || got.Shape[0] != cfg.Dim || got.Shape[1] != 2 {
		t.Fatalf("h.1.mlp.c_proj.lora_B.weight is %v, want [%d 2]", got, cfg.Dim)
	}
}

// TestLoRARefusesBadConfigs: what a hostile spec may ask.
func TestLoRARefusesBadConfigs(t *testing.T) {
	cfg := microConfig
	for _, c := range []struct {
		l    LoRA
		want string
	}{
		{LoRA{R: 0, Alpha: 1, Targets: []string{"c_attn"}}, "at least 1"},
		{LoRA{R: -3, Alpha: 1, Targets: []string{"c_attn"}}, "at least 1"},
		{LoRA{R: cfg.Dim + 1, Alpha: 1, Targets: []string{"c_attn"}}, "exceeds"},
		{LoRA{R: 2, Alpha: 0, Targets: []string{"c_attn"}}, "alpha"},
		{LoRA{R: 2, Alpha: -1, Targets: []string{"c_attn"}}, "alpha"},
		{LoRA{R: 2, Alpha: math.NaN(), Targets: []string{"c_attn"}}, "alpha"},
		{LoRA{R: 2, Alpha: math.Inf(1), Targets: []string{"c_attn"}}, "alpha"},
		{LoRA{R: 2, Alpha: 1, Targets: []string{"q_proj"}}, "unknown LoRA target module \"q_proj\""},
		{LoRA{R: 2, Alpha: 1, Targets: []string{"attn.c_attn"}}, "unknown"},
		{LoRA{R: 2, Alpha: 1, Targets: []string{"c_fc", "c_fc"}}, "twice"},
		{LoRA{R: 2, Alpha: 1}, "no target"},
	} {
		_, err := InitAdapter(cfg, c.l, 1)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want one saying %q", c.l, err, c.want)
		}
	}
	if _, err := InitAdapter(cfg, LoRA{R: cfg.Dim, Alpha: 1, Targets: []string{"c_attn"}}, 1); err != nil {
		t.Errorf("rank %d, the model's width: %v", cfg.Dim, err)
	}
	m, _ := Init(cfg, 1)
	other := cfg
	other.Layers = 1
	a, _ := InitAdapter(other, allTargets, 1)
	if _, err := NewLoRAGraph(m, a, 1, 4); err == nil {
		t.Error("NewLoRAGraph accepted an adapter of another config")
	}
	if _, err := a.Merge(ree.NewPool(1), m); err == nil {
		t.Error("Merge accepted an adapter of another config")
	}
}

// TestLoRARecordAndCompute: every operator of a LoRA step recomputes alone
// to the recorded bits, on any number of threads.
func TestLoRARecordAndCompute(t *testing.T) {
	cfg := microConfig
	m := noisyModel(t, cfg, 1)
	a := noisyAdapter(t, cfg, LoRA{R: 2, Alpha: 3, Targets: []string{"c_attn", "c_fc"}}, 2) // c_proj frozen
	g, err := NewLoRAGraph(m, a, 2, 6)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.SetBatch(testBatch(cfg, 2, 6, 4)); err != nil {
		t.Fatal(err)
	}
	recs, kept := g.Record(ree.NewPool(2), func(int) bool { return true })
	kinds := map[string]bool{}
	for k, r := range recs {
		kinds[r.Kind] = true
		out, err := g.Ops[k].Compute(ree.NewPool(3, ree.Portable()), kept[k])
		if err != nil {
			t.Fatal(err)
		}
		for i, o := range out {
			if o.Hash() != r.Outputs[i] {
				t.Fatalf("op %d (%s): recomputed output %d differs from the record", k, r.Name, i)
			}
		}
	}
	for _, k := range []string{"lora_linear", "lora_linear_backward", "linear_backward_input", "layernorm_backward_input", "logits_backward_input"} {
		if !kinds[k] {
			t.Errorf("no %s operator in a LoRA step", k)
		}
	}
	for _, k := range []string{"embed_backward", "linear_backward", "layernorm_backward", "logits_backward"} {
		if kinds[k] {
			t.Errorf("a %s operator in a LoRA step: the base model is frozen", k)
		}
	}
}

// TestMerge: the merged model computes the adapted model's loss, up to
// rounding, and differs from the base exactly in the adapted weights.
func TestMerge(t *testing.T) {
	cfg := microConfig
	m := noisyModel(t, cfg, 1)
	a := noisyAdapter(t, cfg, LoRA{R: 3, Alpha: 5, Targets: []string{"c_attn", "c_fc"}}, 2)
	p := ree.NewPool(2)
	merged, err := a.Merge(p, m)
	if err != nil {
		t.Fatal(err)
	}
	tokens, targets := testBatch(cfg, 2, 5, 3)
	lora, _ := NewLoRAGraph(m, a, 2, 5)
	plain, _ := NewGraph(merged, 2, 5)
	for _, g := range []*Graph{lora, plain} {
		if err := g.SetBatch(tokens, targets); err != nil {
			t.Fatal(err)
		}
	}
	if l, mg := sumLosses(lora, p), sumLosses(plain, p); math.Abs(l-mg) > 1e-4*math.Abs(l) {
		t.Fatalf("adapted model's loss %v, merged model's %v", l, mg)
	}
	for i, w := range merged.Params {
		changed := w.Hash() != m.Params[i].Hash()
		adapted := strings.HasSuffix(w.Name, "c_attn.weight") || strings.HasSuffix(w.Name, "c_fc.weight")
		if changed != adapted {
			t.Errorf("%s: changed %v, adapted %v", w.Name, changed, adapted)
		}
	}
	// One element by hand: W[i][o] + s·Σₖ B[o][k]·A[k][i].
	A, B, W := a.Param("h.1.mlp.c_fc.lora_A.weight"), a.Param("h.1.mlp.c_fc.lora_B.weight"), m.Param("h.1.mlp.c_fc.weight")
	i, o, out := 3, 17, 4*cfg.Dim
	var sum float64
	for k := range 3 {
		sum += float64(B.F[o*3+k]) * float64(A.F[k*cfg.Dim+i])
	}
	want := float64(W.F[i*out+o]) + 5.0/3*sum
	if got := merged.Param("h.1.mlp.c_fc.weight").F[i*out+o]; math.Abs(float64(got)-want) > 1e-5 {
		t.Fatalf("merged W[%d][%d] = %v, want %v", i, o, got, want)
	}
}
