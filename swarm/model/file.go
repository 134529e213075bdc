package model

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/google/renameio/v2"
)

// hfConfig is the config.json that Hugging Face transformers reads for a
// GPT-2 model. Dropout is zero: training here is deterministic.
type hfConfig struct {
	Architectures      []string `json:"architectures"`
	ModelType          string   `json:"model_type"`
	VocabSize          int      `json:"vocab_size"`
	NPositions         int      `json:"n_positions"`
	NCtx               int      `json:"n_ctx"`
	NEmbd              int      `json:"n_embd"`
	NLayer             int      `json:"n_layer"`
	NHead              int      `json:"n_head"`
	NInner             *int     `json:"n_inner"`
	Activation         string   `json:"activation_function"`
	LayerNormEpsilon   float32  `json:"layer_norm_epsilon"`
	ResidPdrop         float64  `json:"resid_pdrop"`
	EmbdPdrop          float64  `json:"embd_pdrop"`
	AttnPdrop          float64  `json:"attn_pdrop"`
	InitializerRange   float64  `json:"initializer_range"`
	TieWordEmbeddings  bool     `json:"tie_word_embeddings"`
	ScaleAttnWeights   bool     `json:"scale_attn_weights"`
	TorchDType         string   `json:"torch_dtype"`
	ReorderAndUpcast   bool     `json:"reorder_and_upcast_attn"`
	ScaleAttnByLayerID bool     `json:"scale_attn_by_inverse_layer_idx"`
}

// HFConfigJSON returns the config.json of a model of configuration c.
func HFConfigJSON(c Config) ([]byte, error) {
	b, err := json.MarshalIndent(hfConfig{
		Architectures: []string{"GPT2LMHeadModel"}, ModelType: "gpt2",
		VocabSize: c.VocabSize, NPositions: c.MaxSeq, NCtx: c.MaxSeq, NEmbd: c.Dim, NLayer: c.Layers, NHead: c.Heads,
		Activation: "gelu_new", LayerNormEpsilon: c.Eps, InitializerRange: 0.02,
		TieWordEmbeddings: true, ScaleAttnWeights: true, TorchDType: "float32",
	}, "", "  ")
	return append(b, '\n'), err
}

// ParseHFConfig reads the model configuration from a config.json.
func ParseHFConfig(b []byte) (Config, error) {
	var h hfConfig
	if err := json.Unmarshal(b, &h); err != nil {
		return Config{}, fmt.Errorf("config.json: %w", err)
	}
	switch {
	case h.ModelType != "gpt2":
		return Config{}, fmt.Errorf("config.json: model_type %q, want gpt2", h.ModelType)
	case h.NInner != nil && *h.NInner != 4*h.NEmbd:
		return Config{}, fmt.Errorf("config.json: n_inner %d is not supported (only 4·n_embd)", *h.NInner)
	case h.Activation != "gelu_new" && h.Activation != "":
		return Config{}, fmt.Errorf("config.json: activation %q is not supported (only gelu_new)", h.Activation)
	}
	c := Config{VocabSize: h.VocabSize, MaxSeq: h.NPositions, Dim: h.NEmbd, Layers: h.NLayer, Heads: h.NHead, Eps: h.LayerNormEpsilon}
	if c.Eps == 0 {
		c.Eps = 1e-5
	}
	return c, c.Validate()
}

// metaConfig is the safetensors metadata key under which the file carries
// its own config.json, so that it can be loaded without one beside it.
const metaConfig = "axl.config"

// Save writes m to path as safetensors (float32, Hugging Face names) and a
// config.json in the same directory. Each file is written to a temporary
// name and renamed, so a reader never sees half a model.
func Save(path string, m *Model) error {
	cfg, err := HFConfigJSON(m.Config)
	if err != nil {
		return err
	}
	err = writeAtomic(path, func(w *bufio.Writer) error { return Encode(w, m) })
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(filepath.Dir(path), "config.json"), func(w *bufio.Writer) error {
		_, err := w.Write(cfg)
		return err
	})
}

func writeAtomic(path string, write func(*bufio.Writer) error) error {
	f, err := renameio.NewPendingFile(path, renameio.WithTempDir(filepath.Dir(path)))
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) { // name the file asked for, not the temporary one
			err = pe.Err
		}
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer f.Cleanup()
	w := bufio.NewWriterSize(f, 1<<20)
	if err := write(w); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.CloseAtomicallyReplace()
}

// Load reads a model from a safetensors file. The configuration comes from
// the file's own metadata or else from the config.json beside it. Names may
// carry the "transformer." prefix of GPT2LMHeadModel; the tied
// lm_head.weight and the attention-mask buffers of older exports are ignored.
func Load(path string) (*Model, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m, err := parse(b, func() ([]byte, error) {
		cfg, err := os.ReadFile(filepath.Join(filepath.Dir(path), "config.json"))
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errors.New("no model config in the file's metadata and no config.json beside it")
		}
		return cfg, err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// Parse reads a model from the bytes of a safetensors file that carries its
// config in its metadata, as Save writes it (and as the marketplace's model
// artifacts are).
func Parse(b []byte) (*Model, error) {
	return parse(b, noSideConfig)
}

// Inspect checks, without reading the weights, that the safetensors file r
// of size bytes is a model Parse loads, and returns its configuration:
// the header as the one parser checks it (ReadSafetensorsHeader), the
// configuration from the file's metadata, and exactly the tensors of that
// configuration with their types and shapes. It is Parse's own code path
// but for the decoding of the data, so that a file the marketplace accepts
// is a file every worker loads.
func Inspect(r io.ReaderAt, size int64) (Config, error) {
	h, err := ReadSafetensorsHeader(r, size)
	if err != nil {
		return Config{}, err
	}
	cfg, _, err := layout(h, noSideConfig)
	return cfg, err
}

func noSideConfig() ([]byte, error) { return nil, errors.New("no model config in the file's metadata") }

func parse(b []byte, sideConfig func() ([]byte, error)) (*Model, error) {
	h, err := ReadSafetensorsHeader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	cfg, at, err := layout(h, sideConfig)
	if err != nil {
		return nil, err
	}
	m, err := New(cfg)
	if err != nil {
		return nil, err
	}
	for i, p := range m.Params {
		e := h.Entries[at[i]]
		decodeF32(p.F, b[h.DataOffset+e.Begin:h.DataOffset+e.End])
	}
	return m, nil
}

// layout reads the configuration of the model in h (from its metadata, or
// else from sideConfig) and matches the file's tensors to the weights of
// that configuration: at[i] is the entry of h holding weight i of
// Config.Params. Names may carry the "transformer." prefix; lm_head.weight
// (tied to wte) and the attention-mask buffers are ignored; a missing,
// unexpected or misshaped tensor, or one named twice (with and without the
// prefix), is refused.
func layout(h *SafetensorsHeader, sideConfig func() ([]byte, error)) (cfg Config, at []int, err error) {
	cfgJSON := []byte(h.Metadata[metaConfig])
	if len(cfgJSON) == 0 {
		if cfgJSON, err = sideConfig(); err != nil {
			return Config{}, nil, err
		}
	}
	if cfg, err = ParseHFConfig(cfgJSON); err != nil {
		return Config{}, nil, err
	}
	byName := map[string]int{}
	for i, e := range h.Entries {
		name := strings.TrimPrefix(e.Name, "transformer.")
		if name == "lm_head.weight" || strings.HasSuffix(name, ".attn.bias") || strings.HasSuffix(name, ".attn.masked_bias") {
			continue
		}
		if j, ok := byName[name]; ok {
			return Config{}, nil, fmt.Errorf("tensors %q and %q are the same weight %q", h.Entries[j].Name, e.Name, name)
		}
		byName[name] = i
	}
	specs := cfg.Params()
	for _, p := range specs {
		i, ok := byName[p.Name]
		if !ok {
			return Config{}, nil, fmt.Errorf("missing tensor %q", p.Name)
		}
		if e := h.Entries[i]; e.DType != F32 || !slices.Equal(e.Shape, p.Shape) {
			return Config{}, nil, fmt.Errorf("tensor %q is %v %v, want %v %v", p.Name, e.DType, e.Shape, F32, p.Shape)
		}
		at = append(at, i)
	}
	if len(byName) != len(specs) {
		want := map[string]bool{}
		for _, p := range specs {
			want[p.Name] = true
		}
		for _, e := range h.Entries { // in file order: the first one is named
			name := strings.TrimPrefix(e.Name, "transformer.")
			if _, kept := byName[name]; kept && !want[name] {
				return Config{}, nil, fmt.Errorf("unexpected tensor %q for this config", e.Name)
			}
		}
	}
	return cfg, at, nil
}

// Encode writes m as Save does, without the config.json beside it: the
// safetensors bytes whose sha256 names the weights on chain.
func Encode(w io.Writer, m *Model) error {
	cfg, err := HFConfigJSON(m.Config)
	if err != nil {
		return err
	}
	return WriteSafetensors(w, m.Params, map[string]string{"format": "pt", metaConfig: string(cfg)})
}
