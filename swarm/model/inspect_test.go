package model

import (
	"bytes"
	"strings"
	"testing"
)

// TestInspectIsParse: Inspect accepts exactly the files Parse loads, with
// the same configuration, and says why it refuses the others.
func TestInspectIsParse(t *testing.T) {
	m, err := Init(microConfig, 3)
	if err != nil {
		t.Fatal(err)
	}
	var good bytes.Buffer
	if err := Encode(&good, m); err != nil {
		t.Fatal(err)
	}
	cfgJSON, err := HFConfigJSON(microConfig)
	if err != nil {
		t.Fatal(err)
	}
	meta := map[string]string{"format": "pt", metaConfig: string(cfgJSON)}
	with := func(edit func([]*Tensor) []*Tensor) []byte {
		ts := make([]*Tensor, len(m.Params))
		for i, p := range m.Params {
			ts[i] = p.Clone()
		}
		return encodeST(t, edit(ts), meta)
	}
	sixteen := encodeST(t, []*Tensor{NewF32("w", 16)}, map[string]string{"format": "pt"})
	tests := []struct {
		name string
		file []byte
		want string // "" for a model that loads
	}{
		{"a model as Encode writes it", good.Bytes(), ""},
		{"prefixed names, tied head", with(func(ts []*Tensor) []*Tensor {
			for _, x := range ts {
				x.Name = "transformer." + x.Name
			}
			return append(ts, &Tensor{Name: "lm_head.weight", Shape: ts[0].Shape, F: ts[0].F})
		}), ""},
		{"16 floats, no GPT-2", sixteen, "no model config"},
		{"not safetensors", []byte("hello, world"), "malformed safetensors"},
		{"missing tensor", with(func(ts []*Tensor) []*Tensor { return ts[1:] }), `missing tensor "wte.weight"`},
		{"unexpected tensor", with(func(ts []*Tensor) []*Tensor { return append(ts, NewF32("h.9.mlp.extra", 2)) }), `unexpected tensor "h.9.mlp.extra"`},
		{"misshaped tensor", with(func(ts []*Tensor) []*Tensor { ts[1] = NewF32("wpe.weight", 7, 8); return ts }), `tensor "wpe.weight" is F32 [7 8], want F32 [6 8]`},
		{"integer weights", with(func(ts []*Tensor) []*Tensor { ts[1] = NewI32("wpe.weight", 6, 8); return ts }), `tensor "wpe.weight" is I32`},
		{"one weight twice, with and without the prefix", with(func(ts []*Tensor) []*Tensor {
			d := ts[1].Clone()
			d.Name = "transformer.wpe.weight"
			return append(ts, d)
		}), `"wpe.weight" and "transformer.wpe.weight" are the same weight`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, ierr := Inspect(bytes.NewReader(tt.file), int64(len(tt.file)))
			pm, perr := Parse(tt.file)
			if tt.want == "" {
				if ierr != nil || perr != nil || cfg != microConfig || pm.Config != cfg {
					t.Fatalf("Inspect: %+v, %v; Parse: %v", cfg, ierr, perr)
				}
				return
			}
			if ierr == nil || perr == nil || ierr.Error() != perr.Error() || !strings.Contains(ierr.Error(), tt.want) {
				t.Fatalf("Inspect: %v; Parse: %v; want both to say %q", ierr, perr, tt.want)
			}
		})
	}
}
