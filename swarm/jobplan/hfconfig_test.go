package jobplan_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/swarm/model"
)

// TestParamsMatchTheModel holds the market's parameter count, which the
// price is made of, to the model's own.
func TestParamsMatchTheModel(t *testing.T) {
	for _, name := range model.ConfigNames() {
		cfg, err := model.ConfigByName(name)
		if err != nil {
			t.Fatal(err)
		}
		shape := market.ModelShape{VocabSize: cfg.VocabSize, Positions: cfg.MaxSeq, Width: cfg.Dim, Layers: cfg.Layers, Heads: cfg.Heads}
		if got, want := shape.Params(), int64(cfg.NumParams()); got != want {
			t.Errorf("%s: market counts %d parameters, the model %d", name, got, want)
		}
		for _, targets := range [][]string{{"c_attn"}, {"c_proj"}, {"c_fc"}, {"c_attn", "c_proj", "c_fc"}} {
			set, err := market.ParseLoRATargets(targets)
			if err != nil {
				t.Fatal(err)
			}
			ml, l := market.LoRA{R: 3, Alpha: 1, Targets: set}, model.LoRA{R: 3, Alpha: 1, Targets: targets}
			if got, want := ml.Params(shape), int64(l.NumParams(cfg)); got != want {
				t.Errorf("%s, LoRA of %v: market counts %d adapter weights, the model %d", name, targets, got, want)
			}
		}
	}
}

// TestHFConfig: config.json of a delivered model, with the tokenizer's
// end-of-text as bos and eos, none for bytes, and a refusal of what the
// workers would not load.
func TestHFConfig(t *testing.T) {
	cfg := model.Config{VocabSize: 272, MaxSeq: 16, Dim: 8, Layers: 1, Heads: 2, Eps: 1e-5}
	m, err := model.Init(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	if err := model.Encode(&file, m); err != nil {
		t.Fatal(err)
	}
	tok, err := os.ReadFile("../tokenizer/testdata/tiny-tokenizer.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		file    []byte
		tok     []byte
		special any
		wantErr bool
	}{
		{"bpe", file.Bytes(), tok, 271.0, false},
		{"bytes", file.Bytes(), nil, nil, false},
		{"not a model", []byte("nope"), nil, nil, true},
		{"not a tokenizer", file.Bytes(), []byte(`{"model":{}}`), nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := jobplan.Runtime{}.HFConfig(bytes.NewReader(tc.file), int64(len(tc.file)), tc.tok)
			if tc.wantErr {
				if err == nil {
					t.Fatal("no error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var c map[string]any
			if err := json.Unmarshal(b, &c); err != nil {
				t.Fatal(err)
			}
			if c["bos_token_id"] != tc.special || c["eos_token_id"] != tc.special || c["model_type"] != "gpt2" || c["vocab_size"] != 272.0 {
				t.Fatalf("config.json %s", b)
			}
			back, err := model.ParseHFConfig(b)
			if err != nil || back != cfg {
				t.Fatalf("config.json reads back as %+v (%v), want %+v", back, err, cfg)
			}
		})
	}
}
