package market

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestParseLoRATargets(t *testing.T) {
	tests := []struct {
		names []string
		want  LoRATargets
		err   string
	}{
		{[]string{"c_proj", "c_attn"}, TargetCAttn | TargetCProj, ""},
		{[]string{"c_fc"}, TargetCFC, ""},
		{[]string{"c_attn", "c_fc", "c_proj"}, TargetCAttn | TargetCFC | TargetCProj, ""},
		{nil, 0, "none given"},
		{[]string{}, 0, "none given"},
		{[]string{"c_attn", "c_attn"}, 0, "named twice"},
		{[]string{"wte"}, 0, `unknown module "wte"`},
		{[]string{"C_ATTN"}, 0, "unknown module"},
		{[]string{"attn.c_attn"}, 0, "unknown module"},
	}
	for _, tt := range tests {
		got, err := ParseLoRATargets(tt.names)
		switch {
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("%q: %v %v, want %v", tt.names, got, err, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err) || ErrorKind(err) != KindInvalid):
			t.Errorf("%q: %v, want an invalid %q", tt.names, err, tt.err)
		}
	}
	// Names lists a set sorted, whatever the order it was named in.
	if got := (TargetCProj | TargetCAttn).Names(); !slices.Equal(got, []string{"c_attn", "c_proj"}) {
		t.Errorf("names %v", got)
	}
}

func TestLoRAValidate(t *testing.T) {
	ok := LoRA{R: 8, Alpha: 16, Targets: TargetCAttn}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, l := range map[string]LoRA{
		"rank 0":         {R: 0, Alpha: 1, Targets: TargetCFC},
		"rank too large": {R: MaxLoRARank + 1, Alpha: 1, Targets: TargetCFC},
		"alpha 0":        {R: 1, Alpha: 0, Targets: TargetCFC},
		"alpha negative": {R: 1, Alpha: -1, Targets: TargetCFC},
		"alpha NaN":      {R: 1, Alpha: math.NaN(), Targets: TargetCFC},
		"alpha infinite": {R: 1, Alpha: math.Inf(1), Targets: TargetCFC},
		"no target":      {R: 1, Alpha: 1},
		"an unknown bit": {R: 1, Alpha: 1, Targets: TargetCFC | 1<<7},
	} {
		if err := l.Validate(); err == nil || ErrorKind(err) != KindInvalid {
			t.Errorf("%s: %v, want invalid", name, err)
		}
	}
}
