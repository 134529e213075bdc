package model

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// The files of a PEFT adapter directory, as PeftModel.from_pretrained
// reads them.
const (
	AdapterWeightsFile = "adapter_model.safetensors"
	AdapterConfigFile  = "adapter_config.json"
)

// peftPrefix is what PEFT puts before a GPT-2 module's name in an adapter
// file: PeftModel wraps GPT2LMHeadModel, whose body is "transformer".
const peftPrefix = "base_model.model.transformer."

// peftConfig is adapter_config.json, as PEFT's LoraConfig writes it. The
// base's weights are Conv1D (in×out): fan_in_fan_out, so that the merged
// update is (B·A)ᵀ.
type peftConfig struct {
	PEFTType        string   `json:"peft_type"`
	TaskType        string   `json:"task_type"`
	BaseModel       string   `json:"base_model_name_or_path"`
	R               int      `json:"r"`
	LoRAAlpha       float64  `json:"lora_alpha"`
	LoRADropout     float64  `json:"lora_dropout"`
	TargetModules   []string `json:"target_modules"`
	FanInFanOut     bool     `json:"fan_in_fan_out"`
	Bias            string   `json:"bias"`
	InferenceMode   bool     `json:"inference_mode"`
	InitLoRAWeights bool     `json:"init_lora_weights"`
	ModulesToSave   []string `json:"modules_to_save"`
}

// SaveAdapter writes a as a PEFT adapter directory dir (created if need
// be): adapter_model.safetensors, each tensor under PEFT's name
// (base_model.model.transformer.h.0.attn.c_attn.lora_A.weight, R×in; its
// lora_B.weight, out×R), and adapter_config.json naming base as
// base_model_name_or_path.
func SaveAdapter(dir string, a *Adapter, base string) error {
	cfg, err := json.MarshalIndent(peftConfig{
		PEFTType: "LORA", TaskType: "CAUSAL_LM", BaseModel: base,
		R: a.LoRA.R, LoRAAlpha: a.LoRA.Alpha, TargetModules: a.LoRA.Canonical().Targets,
		FanInFanOut: true, Bias: "none", InferenceMode: true, InitLoRAWeights: true,
	}, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	named := make([]*Tensor, len(a.Params))
	for i, t := range a.Params {
		named[i] = &Tensor{Name: peftPrefix + t.Name, Shape: t.Shape, F: t.F}
	}
	err = writeAtomic(filepath.Join(dir, AdapterWeightsFile), func(w *bufio.Writer) error {
		return WriteSafetensors(w, named, map[string]string{"format": "pt"})
	})
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, AdapterConfigFile), func(w *bufio.Writer) error {
		_, err := w.Write(append(cfg, '\n'))
		return err
	})
}

// LoadAdapter reads the PEFT adapter directory dir for a base model of
// configuration c. It accepts what SaveAdapter writes and what PEFT writes
// for the same settings: LoRA on GPT-2's Conv1D modules and nothing more
// (no trained biases, no modules to save); anything else is refused with
// the reason.
func LoadAdapter(dir string, c Config) (*Adapter, error) {
	b, err := os.ReadFile(filepath.Join(dir, AdapterConfigFile))
	if err != nil {
		return nil, err
	}
	var pc peftConfig
	if err := json.Unmarshal(b, &pc); err != nil {
		return nil, fmt.Errorf("%s: %w", AdapterConfigFile, err)
	}
	switch {
	case pc.PEFTType != "LORA":
		return nil, fmt.Errorf("%s: peft_type %q, want LORA", AdapterConfigFile, pc.PEFTType)
	case !pc.FanInFanOut:
		return nil, fmt.Errorf("%s: fan_in_fan_out is false; GPT-2's Conv1D weights need it true", AdapterConfigFile)
	case pc.Bias != "none" && pc.Bias != "":
		return nil, fmt.Errorf("%s: bias %q is not supported (only none)", AdapterConfigFile, pc.Bias)
	case len(pc.ModulesToSave) != 0:
		return nil, fmt.Errorf("%s: modules_to_save %v is not supported", AdapterConfigFile, pc.ModulesToSave)
	}
	a, err := NewAdapter(c, LoRA{R: pc.R, Alpha: pc.LoRAAlpha, Targets: pc.TargetModules})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", AdapterConfigFile, err)
	}
	w, err := os.ReadFile(filepath.Join(dir, AdapterWeightsFile))
	if err != nil {
		return nil, err
	}
	st, err := ReadSafetensors(w)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", AdapterWeightsFile, err)
	}
	if len(st.Tensors) != len(a.Params) {
		return nil, fmt.Errorf("%s: %d tensors, the adapter has %d", AdapterWeightsFile, len(st.Tensors), len(a.Params))
	}
	for _, p := range a.Params {
		t := st.Tensor(peftPrefix + p.Name)
		if t == nil {
			return nil, fmt.Errorf("%s: missing tensor %q", AdapterWeightsFile, peftPrefix+p.Name)
		}
		if t.DType() != F32 || !slices.Equal(t.Shape, p.Shape) {
			return nil, fmt.Errorf("%s: tensor %q is %v %v, want F32 %v", AdapterWeightsFile, t.Name, t.DType(), t.Shape, p.Shape)
		}
		copy(p.F, t.F)
	}
	return a, nil
}
