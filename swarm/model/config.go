// Package model is the GPT-2 architecture of AXL's training: token and
// position embeddings, pre-LayerNorm blocks of causal self-attention and a
// GELU MLP, a final LayerNorm and an output head tied to the token
// embedding, in float32 on the reproducible kernels of package ree.
//
// A training step is a Program: a fixed, numbered list of operators
// (forward, backward, and whatever the caller appends), each a pure function
// of its input tensors, so that any one of them can be recomputed alone and
// a step's operator record (index, name, input hashes, output hash) can be
// produced on demand. Weights are read and written as safetensors with the
// Hugging Face GPT-2 tensor names, plus a config.json.
package model

import (
	"fmt"
	"slices"
	"strings"
)

// Config is the shape of a model.
type Config struct {
	VocabSize int     `json:"vocab_size"`  // tokens; 256 for bytes
	MaxSeq    int     `json:"n_positions"` // longest sequence (rows of wpe)
	Dim       int     `json:"n_embd"`      // channels
	Layers    int     `json:"n_layer"`     // transformer blocks
	Heads     int     `json:"n_head"`      // attention heads; must divide Dim
	Eps       float32 `json:"layer_norm_epsilon"`
}

// GPT2Vocab is the size of GPT-2's BPE vocabulary (50,000 merges, 256
// bytes, <|endoftext|>).
const GPT2Vocab = 50257

// configs are the named sizes: byte-level `tiny` (tests, quick demos) and
// `small` (real, if modest, fine-tuning); `tiny-bpe`, tiny on GPT-2's
// vocabulary; and OpenAI's `gpt2` (124 M) and `gpt2-medium` (355 M).
var configs = map[string]Config{
	"tiny":        {VocabSize: 256, MaxSeq: 64, Dim: 64, Layers: 4, Heads: 4, Eps: 1e-5},
	"small":       {VocabSize: 256, MaxSeq: 128, Dim: 256, Layers: 4, Heads: 8, Eps: 1e-5},
	"tiny-bpe":    {VocabSize: GPT2Vocab, MaxSeq: 64, Dim: 64, Layers: 2, Heads: 4, Eps: 1e-5},
	"gpt2":        {VocabSize: GPT2Vocab, MaxSeq: 1024, Dim: 768, Layers: 12, Heads: 12, Eps: 1e-5},
	"gpt2-medium": {VocabSize: GPT2Vocab, MaxSeq: 1024, Dim: 1024, Layers: 24, Heads: 16, Eps: 1e-5},
}

// ConfigNames returns the names ConfigByName knows, sorted.
func ConfigNames() []string {
	names := make([]string, 0, len(configs))
	for n := range configs {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// ConfigByName returns the named configuration.
func ConfigByName(name string) (Config, error) {
	c, ok := configs[name]
	if !ok {
		return Config{}, fmt.Errorf("unknown model config %q (known: %s)", name, strings.Join(ConfigNames(), ", "))
	}
	return c, nil
}

// Validate reports whether c describes a model that can be built.
func (c Config) Validate() error {
	switch {
	case c.VocabSize < 1 || c.MaxSeq < 1 || c.Dim < 1 || c.Layers < 1 || c.Heads < 1:
		return fmt.Errorf("model config %+v: every size must be positive", c)
	case c.Dim%c.Heads != 0:
		return fmt.Errorf("model config: %d heads do not divide %d channels", c.Heads, c.Dim)
	case !(c.Eps > 0):
		return fmt.Errorf("model config: layer norm epsilon %v must be positive", c.Eps)
	case c.VocabSize > 1<<20 || c.MaxSeq > 1<<16 || c.Dim > 1<<14 || c.Layers > 256:
		return fmt.Errorf("model config %+v: too large", c)
	}
	return nil
}

// ParamSpec is the name and shape of one weight tensor.
type ParamSpec struct {
	Name  string
	Shape []int
	// Decay says whether AdamW's weight decay applies (matrices, not biases,
	// LayerNorm parameters or position embeddings).
	Decay bool
}

// Params lists the weight tensors in their canonical order, with the
// Hugging Face GPT-2 names. Linear weights are stored (in, out), as GPT-2's
// Conv1D does, so that y = x·W + b.
func (c Config) Params() []ParamSpec {
	C := c.Dim
	ps := []ParamSpec{
		{"wte.weight", []int{c.VocabSize, C}, true},
		{"wpe.weight", []int{c.MaxSeq, C}, false},
	}
	for l := range c.Layers {
		h := fmt.Sprintf("h.%d.", l)
		ps = append(ps,
			ParamSpec{h + "ln_1.weight", []int{C}, false},
			ParamSpec{h + "ln_1.bias", []int{C}, false},
			ParamSpec{h + "attn.c_attn.weight", []int{C, 3 * C}, true},
			ParamSpec{h + "attn.c_attn.bias", []int{3 * C}, false},
			ParamSpec{h + "attn.c_proj.weight", []int{C, C}, true},
			ParamSpec{h + "attn.c_proj.bias", []int{C}, false},
			ParamSpec{h + "ln_2.weight", []int{C}, false},
			ParamSpec{h + "ln_2.bias", []int{C}, false},
			ParamSpec{h + "mlp.c_fc.weight", []int{C, 4 * C}, true},
			ParamSpec{h + "mlp.c_fc.bias", []int{4 * C}, false},
			ParamSpec{h + "mlp.c_proj.weight", []int{4 * C, C}, true},
			ParamSpec{h + "mlp.c_proj.bias", []int{C}, false},
		)
	}
	return append(ps,
		ParamSpec{"ln_f.weight", []int{C}, false},
		ParamSpec{"ln_f.bias", []int{C}, false},
	)
}

// NumParams returns the number of weights.
func (c Config) NumParams() int {
	n := 0
	for _, p := range c.Params() {
		n += numel(p.Shape)
	}
	return n
}

func numel(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}
