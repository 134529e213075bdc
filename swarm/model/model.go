package model

import (
	"math"
	"strings"

	"github.com/axl-market/axl/swarm/ree"
)

// Model is a configuration and its weights.
type Model struct {
	Config Config
	// Params are the weights in the canonical order of Config.Params.
	Params []*Tensor
	byName map[string]*Tensor
}

// New returns a model of the given configuration with every weight zero.
func New(cfg Config) (*Model, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	m := &Model{Config: cfg, byName: map[string]*Tensor{}}
	for _, s := range cfg.Params() {
		t := NewF32(s.Name, s.Shape...)
		m.Params = append(m.Params, t)
		m.byName[s.Name] = t
	}
	return m, nil
}

// Init returns a model with GPT-2's initialisation drawn from seed: normal
// weights of deviation 0.02 (0.02/√(2·layers) for the projections into the
// residual stream), zero biases, unit LayerNorm gains. Each tensor draws
// from its own stream, named by (seed, tensor index).
func Init(cfg Config, seed uint64) (*Model, error) {
	m, err := New(cfg)
	if err != nil {
		return nil, err
	}
	projStd := 0.02 / math.Sqrt(float64(2*cfg.Layers))
	for i, t := range m.Params {
		switch {
		case strings.HasSuffix(t.Name, "ln_1.weight"), strings.HasSuffix(t.Name, "ln_2.weight"), t.Name == "ln_f.weight":
			for j := range t.F {
				t.F[j] = 1
			}
		case len(t.Shape) == 2:
			std := 0.02
			if strings.HasSuffix(t.Name, "c_proj.weight") {
				std = projStd
			}
			r := ree.NewRand(ree.Mix(seed, uint64(i)))
			for j := range t.F {
				t.F[j] = float32(float64(std * r.Norm()))
			}
		}
	}
	return m, nil
}

// Param returns the weight tensor of the given name, or nil.
func (m *Model) Param(name string) *Tensor { return m.byName[name] }

// Clone returns a deep copy of m.
func (m *Model) Clone() *Model {
	c := &Model{Config: m.Config, byName: map[string]*Tensor{}}
	for _, t := range m.Params {
		u := t.Clone()
		c.Params = append(c.Params, u)
		c.byName[u.Name] = u
	}
	return c
}
