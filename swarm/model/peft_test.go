package model

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestAdapterRoundTrip(t *testing.T) {
	cfg := microConfig
	a := noisyAdapter(t, cfg, LoRA{R: 3, Alpha: 6, Targets: []string{"c_proj", "c_attn"}}, 4)
	dir := filepath.Join(t.TempDir(), "adapter")
	if err := SaveAdapter(dir, a, "gpt2"); err != nil {
		t.Fatal(err)
	}
	var pc map[string]any
	b, err := os.ReadFile(filepath.Join(dir, AdapterConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &pc); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{"peft_type": "LORA", "fan_in_fan_out": true, "r": 3.0, "lora_alpha": 6.0,
		"base_model_name_or_path": "gpt2", "lora_dropout": 0.0, "bias": "none", "task_type": "CAUSAL_LM"} {
		if pc[k] != want {
			t.Errorf("adapter_config.json: %s is %v, want %v", k, pc[k], want)
		}
	}
	if got := pc["target_modules"].([]any); len(got) != 2 || got[0] != "c_attn" || got[1] != "c_proj" {
		t.Errorf("target_modules %v", got)
	}
	w, err := os.ReadFile(filepath.Join(dir, AdapterWeightsFile))
	if err != nil {
		t.Fatal(err)
	}
	st, err := ReadSafetensors(w)
	if err != nil {
		t.Fatal(err)
	}
	for name, shape := range map[string][]int{
		"base_model.model.transformer.h.0.attn.c_attn.lora_A.weight": {3, cfg.Dim},
		"base_model.model.transformer.h.0.attn.c_attn.lora_B.weight": {3 * cfg.Dim, 3},
		"base_model.model.transformer.h.1.mlp.c_proj.lora_A.weight":  {3, 4 * cfg.Dim},
		"base_model.model.transformer.h.1.mlp.c_proj.lora_B.weight":  {cfg.Dim, 3},
	} {
		if got := st.Tensor(name); got == nil || !slices.Equal(got.Shape, shape) {
			t.Errorf("%s: %v, want shape %v", name, got, shape)
		}
	}
	back, err := LoadAdapter(dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range a.Params {
		if back.Params[i].Name != p.Name || back.Params[i].Hash() != p.Hash() {
			t.Fatalf("%s changed on the way through the files", p.Name)
		}
	}
}

// TestLoadAdapterRefuses: adapter directories a hostile party may hand in.
func TestLoadAdapterRefuses(t *testing.T) {
	cfg := microConfig
	a := noisyAdapter(t, cfg, LoRA{R: 2, Alpha: 4, Targets: []string{"c_fc"}}, 4)
	good := t.TempDir()
	if err := SaveAdapter(good, a, "base"); err != nil {
		t.Fatal(err)
	}
	cfgJSON, _ := os.ReadFile(filepath.Join(good, AdapterConfigFile))
	weights, _ := os.ReadFile(filepath.Join(good, AdapterWeightsFile))
	other := noisyAdapter(t, cfg, LoRA{R: 2, Alpha: 4, Targets: []string{"c_fc", "c_attn"}}, 4)
	var otherWeights bytes.Buffer
	if err := WriteSafetensors(&otherWeights, other.Params, nil); err != nil {
		t.Fatal(err)
	}
	edit := func(old, new string) []byte { return []byte(strings.Replace(string(cfgJSON), old, new, 1)) }
	for _, c := range []struct {
		name         string
		config, data []byte
		want         string
	}{
		{"peft type", edit(`"LORA"`, `"IA3"`), weights, "peft_type"},
		{"fan in fan out", edit(`"fan_in_fan_out": true`, `"fan_in_fan_out": false`), weights, "fan_in_fan_out"},
		{"bias", edit(`"bias": "none"`, `"bias": "all"`), weights, "bias"},
		{"rank 0", edit(`"r": 2`, `"r": 0`), weights, "rank"},
		{"rank too large", edit(`"r": 2`, `"r": 9`), weights, "exceeds"},
		{"alpha", edit(`"lora_alpha": 4`, `"lora_alpha": -4`), weights, "alpha"},
		{"target", edit(`"c_fc"`, `"q_proj"`), weights, "unknown LoRA target"},
		{"rank differs from the weights", edit(`"r": 2`, `"r": 3`), weights, "want F32"},
		{"more tensors", cfgJSON, otherWeights.Bytes(), "tensors"},
		{"not json", []byte("{"), weights, AdapterConfigFile},
		{"not safetensors", cfgJSON, []byte("garbage!"), AdapterWeightsFile},
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, AdapterConfigFile), c.config, 0o600)
		os.WriteFile(filepath.Join(dir, AdapterWeightsFile), c.data, 0o600)
		if _, err := LoadAdapter(dir, cfg); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.want)
		}
	}
}
