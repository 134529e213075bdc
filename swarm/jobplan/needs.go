package jobplan

import (
	"math"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/train"
)

// RuntimeOverhead is the memory of a process beside its job: the Go
// runtime, goroutine stacks, the libp2p host of a worker or the HTTP client
// of the referee.
const RuntimeOverhead = 64 << 20

// Needs estimates, by one formula, what the plan asks of memory on a model
// of cfg whose file is modelSize bytes, with a dataset of dataSize bytes;
// and the largest answer a worker may owe the referee. Every term bounds
// what the code holds, in bytes: the step's are measured (see below), the
// run's and the referee's counted from swarm/noloco and swarm/verde. With P the number of
// weights, V the vocabulary, C the width, L the layers, H the heads, B the
// batch, T the sequence length, N = B·T the rows of a batch, W the workers
// of a replica, and 4 bytes per float32 or int32:
//
// One training step (train.New, then Trainer.Step):
//
//	weights, gradients, AdamW's m and v        4·P
//	the head's share of wte's gradient         V·C
//	each layer: forward 22·C·N + 4·N (layer-norm statistics),
//	  backward 18·C·N, attention probabilities B·H·T²
//	                                           L·(40·C·N + 4·N + B·H·T²)
//	embedding, final norm, logits, softmax and their gradients,
//	  tokens, targets and the loss             N·(4·C + 3·V + 8)
//	attention scratch, one buffer per sequence and head (the most
//	  a pool of any size runs at once)         B·(5·T·C + H·T²)
//	matrix-product packing: the pool's two buffers, each as large as the
//	  largest operand (rounded up to the tiles) 2·(max(N·V, V·C, 4·N·C, 4·C²) + 15·max(N, V, 4·C))
//	hashing the state twice, 8 KiB a tensor    6·2048 per weight tensor
//	  (garbage, counted for a step that allocates little else)
//
// all times 4 bytes. A worker's slot holds, beside the step and
// RuntimeOverhead: the dataset (dataSize) and the model's file while it is
// parsed (modelSize); NoLoCo's slow weights, outer momentum, θ and Δ (16·P);
// an outer exchange with up to two partners, sent and received, encoded and
// decoded (48·P); an archived state (12·P); and the final average, every
// rank's weights received encoded and decoded, and the mean (W·8·P + 8·P).
//
// The referee's recomputation of one step holds, beside the step and
// RuntimeOverhead: the model's file and the dataset it was handed; a whole
// state answered (its JSON, 4/3 of 12·P, the decoded bytes, the decoded
// state and the copy restored: 52·P); a dispute's final average, every
// rank's weights with the JSON and the bytes of their answers (W·16·P); and
// one operator's inputs answered, as JSON, bytes and tensors (4 + 16/3 + 4
// bytes per float of the largest operator's inputs).
//
// The largest answer is a whole state (12·P bytes and the tensors' names
// and shapes) or the largest operator's inputs, as base64 in JSON, 4/3 of
// the bytes, with 64 KiB for the JSON around them.
//
// The estimate is of what a process holds: the garbage a step leaves
// (hashing buffers, scratch the pools drop) is the collector's, which a
// soft memory limit at the budget (debug.SetMemoryLimit) makes run before
// it counts. TestNeedsAreConservative measures one step, and the referee's
// spot check of one step, on small models whose memory goes to different
// terms: what they hold after a collection is below the estimate, and every
// byte they allocate, garbage included, within 5/4 of it.
//
// A LoRA job (Method) trains Q adapter weights of rank R on the frozen
// model: its step holds, instead of the 4·P of weights, gradients and
// moments, the frozen weights (P: they have neither gradients nor
// moments), the adapter's weights, gradients and moments (4·Q) and each
// layer's adapter activations, at most N·(16·C + 8·R) (the low-rank
// products and their gradients of the four modules a layer may adapt). Everything NoLoCo, the trace, the final
// average and the referee's state hold is the adapter's instead of the
// model's: Q for P in those terms, and a slot holds the merged model it
// delivers too (4·P).
//
// The arithmetic is in float64, exact below 2⁵³ and saturated at the
// largest int64: a hostile spec cannot wrap it around to a small number.
func (p Plan) Needs(cfg model.Config, modelSize, dataSize int64) market.JobNeeds {
	f := func(n int) float64 { return float64(n) }
	P, V, C, L, H := f(cfg.NumParams()), f(cfg.VocabSize), f(cfg.Dim), f(cfg.Layers), f(cfg.Heads)
	B, T, W := f(p.Batch), f(p.Seq), f(p.Workers)
	N := B * T
	specs := cfg.Params()
	tensors := f(len(specs))
	// S is the number of weights the run trains and exchanges: P, or a
	// LoRA's Q; held is what a step holds of the model and the adapter.
	S, held, merged := P, 4*P, 0.0
	if p.Method.Name == train.MethodLoRA {
		S, merged = f(p.Method.LoRA.NumParams(cfg)), 4*P
		held = P + 4*S + L*N*(16*C+8*f(p.Method.LoRA.R))
	}
	floats := held + V*C +
		L*(40*C*N+4*N+B*H*T*T) +
		N*(4*C+3*V+8) +
		B*(5*T*C+H*T*T) +
		2*(max(N*V, V*C, 4*N*C, 4*C*C)+15*max(N, V, 4*C)) +
		6*2048*tensors
	step := 4 * floats

	slot := step + RuntimeOverhead + float64(dataSize) + float64(modelSize) +
		16*S + 48*S + 12*S + 8*W*S + 8*S + merged

	// The largest operator's inputs: an attention backward's (its output's
	// gradient, qkv and the probabilities), the head's backward (the
	// logits' gradient, the final norm's output, wte), or AdamW's on the
	// largest weight (weight, gradient, m, v and three scalars).
	largest := 0.0
	for _, s := range specs {
		n := 1.0
		for _, d := range s.Shape {
			n *= f(d)
		}
		largest = max(largest, n)
	}
	opInputs := max(4*N*C+B*H*T*T, N*V+N*C+V*C, 4*largest+3)
	referee := step + RuntimeOverhead + float64(modelSize) + float64(dataSize) +
		52*S + 16*W*S +
		opInputs*(4+16.0/3+4)

	// A state's encoding: 12 bytes a weight, and per weight tensor its
	// name (under 64 bytes, and its length) and three headers of a rank ≤ 2.
	if p.Method.Name == train.MethodLoRA {
		tensors = f(len(p.Method.LoRA.Params(cfg)))
	}
	state := 12*S + tensors*(4+64+3*13)
	answer := max(state, 4*opInputs)*4/3 + 64<<10
	return market.JobNeeds{StepMemory: saturate(step), SlotMemory: saturate(slot),
		RefereeMemory: saturate(referee), LargestAnswer: saturate(answer)}
}

// saturate rounds x up to an int64, the largest if it does not fit.
func saturate(x float64) int64 {
	if x >= math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(math.Ceil(x))
}
