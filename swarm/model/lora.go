package model

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/axl-market/axl/swarm/ree"
)

// LoRA configures low-rank adapters (Hu et al., 2021) as Hugging Face PEFT
// names them: each targeted linear module W (in×out, Conv1D layout) gains
// lora_A (R×in) and lora_B (out×R), and computes x·W + b + (Alpha/R)·x·Aᵀ·Bᵀ.
// The base weights are frozen; only A and B are trained.
type LoRA struct {
	R     int     `json:"r"`          // rank
	Alpha float64 `json:"lora_alpha"` // the update is scaled by Alpha/R
	// Targets are module names as PEFT matches them, by the last component:
	// c_attn (attention's input projection), c_proj (attention's and the
	// MLP's output projections) and c_fc (the MLP's input projection).
	Targets []string `json:"target_modules"`
}

// loraTargets are the module names a LoRA may target, sorted.
var loraTargets = []string{"c_attn", "c_fc", "c_proj"}

// Validate reports whether l can adapt a model of configuration c.
func (l LoRA) Validate(c Config) error {
	switch {
	case l.R < 1:
		return fmt.Errorf("LoRA rank r = %d: must be at least 1", l.R)
	case l.R > c.Dim:
		return fmt.Errorf("LoRA rank r = %d exceeds %d, the smallest dimension of the targeted modules", l.R, c.Dim)
	case !(l.Alpha > 0) || math.IsInf(l.Alpha, 0):
		return fmt.Errorf("LoRA alpha %g: must be positive and finite", l.Alpha)
	case len(l.Targets) == 0:
		return fmt.Errorf("LoRA: no target modules (known: %s)", strings.Join(loraTargets, ", "))
	}
	seen := map[string]bool{}
	for _, t := range l.Targets {
		if !slices.Contains(loraTargets, t) {
			return fmt.Errorf("unknown LoRA target module %q (known: %s)", t, strings.Join(loraTargets, ", "))
		}
		if seen[t] {
			return fmt.Errorf("LoRA target module %q named twice", t)
		}
		seen[t] = true
	}
	return nil
}

// Canonical returns l with its targets sorted: two configurations that
// adapt the same modules compare, hash and encode alike.
func (l LoRA) Canonical() LoRA {
	l.Targets = slices.Sorted(slices.Values(l.Targets))
	return l
}

// Scale is the factor of the low-rank update, Alpha/R in float32 (PEFT's
// scaling).
func (l LoRA) Scale() float32 { return float32(l.Alpha / float64(l.R)) }

// targets reports whether the module of the given name (h.3.mlp.c_proj)
// is adapted.
func (l LoRA) targets(module string) bool {
	return slices.Contains(l.Targets, module[strings.LastIndexByte(module, '.')+1:])
}

// loraModule is one adapted linear module.
type loraModule struct {
	name    string // h.0.attn.c_attn
	in, out int
}

// modules lists the adapted modules of a model of configuration c in the
// canonical order: layer by layer, and in a layer as Config.Params lists
// their weights.
func (l LoRA) modules(c Config) []loraModule {
	C := c.Dim
	var ms []loraModule
	for i := range c.Layers {
		h := fmt.Sprintf("h.%d.", i)
		for _, m := range []loraModule{{h + "attn.c_attn", C, 3 * C}, {h + "attn.c_proj", C, C}, {h + "mlp.c_fc", C, 4 * C}, {h + "mlp.c_proj", 4 * C, C}} {
			if l.targets(m.name) {
				ms = append(ms, m)
			}
		}
	}
	return ms
}

// Params lists the adapter tensors of a model of configuration c in their
// canonical order, for each adapted module its lora_A.weight (R×in) then
// its lora_B.weight (out×R), named after the module (PEFT's names without
// the "base_model.model.transformer." prefix). AdamW's weight decay applies
// to both, as to every matrix.
func (l LoRA) Params(c Config) []ParamSpec {
	var ps []ParamSpec
	for _, m := range l.modules(c) {
		ps = append(ps,
			ParamSpec{m.name + ".lora_A.weight", []int{l.R, m.in}, true},
			ParamSpec{m.name + ".lora_B.weight", []int{m.out, l.R}, true})
	}
	return ps
}

// NumParams returns the number of adapter weights for a model of
// configuration c.
func (l LoRA) NumParams(c Config) int {
	n := 0
	for _, p := range l.Params(c) {
		n += numel(p.Shape)
	}
	return n
}

// Adapter is a LoRA configuration and its tensors, for a base model of
// configuration Config.
type Adapter struct {
	Config Config
	LoRA   LoRA // canonical
	// Params are the adapter tensors in the canonical order of LoRA.Params.
	Params []*Tensor
	byName map[string]*Tensor
}

// NewAdapter returns an adapter of every weight zero.
func NewAdapter(c Config, l LoRA) (*Adapter, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if err := l.Validate(c); err != nil {
		return nil, err
	}
	l = l.Canonical()
	a := &Adapter{Config: c, LoRA: l, byName: map[string]*Tensor{}}
	for _, s := range l.Params(c) {
		t := NewF32(s.Name, s.Shape...)
		a.Params = append(a.Params, t)
		a.byName[s.Name] = t
	}
	return a, nil
}

// adapterStream separates the random streams of an adapter's tensors from
// those of a model initialised from the same seed.
const adapterStream = 0x4c6f5241 // "LoRA"

// InitAdapter returns an adapter initialised as PEFT does by default:
// lora_B zero, so that the adapted model starts as the base; lora_A
// uniform in ±1/√in, the bound of torch's kaiming_uniform_ with a = √5,
// each element float32(bound·(2u − 1)) for u the next Float64 of the
// tensor's own stream, named by (seed, "LoRA", tensor index).
func InitAdapter(c Config, l LoRA, seed uint64) (*Adapter, error) {
	a, err := NewAdapter(c, l)
	if err != nil {
		return nil, err
	}
	for i, t := range a.Params {
		if !strings.HasSuffix(t.Name, ".lora_A.weight") {
			continue
		}
		bound := 1 / math.Sqrt(float64(t.Shape[1]))
		r := ree.NewRand(ree.Mix(seed, adapterStream, uint64(i)))
		for j := range t.F {
			t.F[j] = float32(bound * (2*r.Float64() - 1))
		}
	}
	return a, nil
}

// Param returns the adapter tensor of the given name, or nil.
func (a *Adapter) Param(name string) *Tensor { return a.byName[name] }

// Clone returns a deep copy of a.
func (a *Adapter) Clone() *Adapter {
	c := &Adapter{Config: a.Config, LoRA: a.LoRA, byName: map[string]*Tensor{}}
	c.LoRA.Targets = slices.Clone(a.LoRA.Targets)
	for _, t := range a.Params {
		u := t.Clone()
		c.Params = append(c.Params, u)
		c.byName[u.Name] = u
	}
	return c
}

// Merge returns a copy of base with the adapter folded in: each adapted
// W (in×out) becomes W + Scale·(B·A)ᵀ, in float32, (B·A)ᵀ = Aᵀ·Bᵀ computed
// by the reproducible matrix product. The result is an ordinary GPT-2 that
// computes what the adapted model does, up to rounding.
func (a *Adapter) Merge(p *ree.Pool, base *Model) (*Model, error) {
	if base.Config != a.Config {
		return nil, fmt.Errorf("adapter for config %+v, the base model's is %+v", a.Config, base.Config)
	}
	m := base.Clone()
	s := a.LoRA.Scale()
	for _, mod := range a.LoRA.modules(a.Config) {
		A, B := a.Param(mod.name+".lora_A.weight"), a.Param(mod.name+".lora_B.weight")
		w := m.Param(mod.name + ".weight")
		bt := make([]float32, B.Len()) // Bᵀ, R×out
		for o := range mod.out {
			for k := range a.LoRA.R {
				bt[k*mod.out+o] = B.F[o*a.LoRA.R+k]
			}
		}
		delta := make([]float32, w.Len())
		p.MatMulTN(delta, A.F, bt, mod.in, a.LoRA.R, mod.out)
		for i := range w.F {
			w.F[i] += float32(s * delta[i])
		}
	}
	return m, nil
}
