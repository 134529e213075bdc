package market

import (
	"math/big"
	"testing"
)

// gpt2Shape is OpenAI's gpt2: 124,439,808 parameters.
var gpt2Shape = ModelShape{VocabSize: 50257, Positions: 1024, Width: 768, Layers: 12, Heads: 12}

func TestWorkOf(t *testing.T) {
	spec := Spec{Steps: 1000, Workers: 2, Replicas: 2, Hyperparameters: Hyperparameters{BatchSize: 8, SeqLen: 128}}
	w := WorkOf(spec, gpt2Shape)
	if w.Params != 124_439_808 || w.Trainable != w.Params || w.Method != MethodFull || w.Family != FamilyGPT2 || w.Tokens != 4_096_000 ||
		w.FLOPs.String() != "3058232721408000" {
		t.Fatalf("work %+v (FLOPs %s)", w, w.FLOPs)
	}
	// A LoRA of r 8 on c_attn and c_proj trains 811,008 weights, and runs
	// the whole model (and itself) forward and backward through the
	// activations: (4 × (124,439,808 + 811,008) + 2 × 811,008) × tokens,
	// two thirds of the full fine-tune's work, not 1/150 of it.
	lora := spec
	lora.Method, lora.LoRA = MethodLoRA, LoRA{R: 8, Alpha: 16, Targets: TargetCAttn | TargetCProj}
	lw := WorkOf(lora, gpt2Shape)
	if lw.Params != 124_439_808 || lw.Trainable != 811_008 || lw.Method != MethodLoRA || lw.Tokens != 4_096_000 ||
		lw.FLOPs.String() != "2058753146880000" {
		t.Fatalf("LoRA work %+v (FLOPs %s)", lw, lw.FLOPs)
	}
	// A hostile spec's tokens do not wrap around: the FLOPs stay exact.
	huge := Spec{Steps: 1<<32 - 1, Workers: 1<<32 - 1, Replicas: 1<<32 - 1, Hyperparameters: Hyperparameters{BatchSize: 1<<32 - 1, SeqLen: 1<<32 - 1}}
	hw := WorkOf(huge, gpt2Shape)
	if hw.Tokens != 1<<63-1 || hw.FLOPs.BitLen() < 160 {
		t.Fatalf("huge work %+v (FLOPs %s)", hw, hw.FLOPs)
	}
}

// TestPrice: the expected prices follow the work formula (6 × trainable
// parameters × tokens, 1 micro-USDC per GFLOP), which replaced the former
// steps × slots × MiB; the minimum and the stake's rounding are the same.
func TestPrice(t *testing.T) {
	p := DefaultPricing()
	gpt2Job := WorkOf(Spec{Steps: 1000, Workers: 2, Replicas: 2, Hyperparameters: Hyperparameters{BatchSize: 8, SeqLen: 128}}, gpt2Shape)
	tests := []struct {
		name      string
		token     Token
		work      Work
		slots     uint32
		price     string
		stake     string
		wantError bool
	}{
		{"gpt2, 4 M tokens, USDC", TokenUSDC, gpt2Job, 4, "3058233", "382280", false},
		{"gpt2, 4 M tokens, AI", TokenAI, gpt2Job, 4, "3058232721408000000", "382279090176000000", false},
		{"a partial GFLOP rounds up", TokenUSDC, Work{FLOPs: big.NewInt(20_000_000_000_001)}, 1, "20001", "10001", false},
		{"minimum", TokenUSDC, Work{FLOPs: big.NewInt(1e9)}, 1, "10000", "5000", false},
		{"stake rounds up", TokenUSDC, Work{FLOPs: big.NewInt(0)}, 3, "10000", "1667", false},
		{"unknown token", "DOGE", gpt2Job, 4, "", "", true},
		{"no slots", TokenUSDC, gpt2Job, 0, "", "", true},
		{"no work", TokenUSDC, Work{}, 4, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			price, stake, err := p.Price(tt.token, tt.work, tt.slots)
			if tt.wantError {
				if ErrorKind(err) != KindInvalid {
					t.Fatalf("err %v, want invalid", err)
				}
				return
			}
			if err != nil || price.String() != tt.price || stake.String() != tt.stake {
				t.Fatalf("price %v stake %v err %v, want %s %s", price, stake, err, tt.price, tt.stake)
			}
		})
	}
}
