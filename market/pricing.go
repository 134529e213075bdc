package market

import "math/big"

// Fine-tuning methods: a Work's Method.
const (
	// MethodFull trains every weight of the model.
	MethodFull = "full"
	// MethodLoRA trains a low-rank adapter only: its trainable count is
	// the adapter's, not the model's.
	MethodLoRA = "lora"
)

// FamilyGPT2 is the model family of every job today: GPT-2's architecture.
const FamilyGPT2 = "gpt2"

// Params is the number of weights of a GPT-2 model of shape m: the token
// and position embeddings, per block two layer norms, the attention's qkv
// and projection and the MLP's two layers with their biases, and the final
// layer norm; the head is tied to the token embedding (swarm/model's
// Config.NumParams, which a test of swarm/jobplan holds it to).
func (m ModelShape) Params() int64 {
	v, p, c, l := int64(m.VocabSize), int64(m.Positions), int64(m.Width), int64(m.Layers)
	return v*c + p*c + l*(12*c*c+13*c) + 2*c
}

// Work is what a job computes, the quantity its price is made of.
//
//	tokens = steps × batch × seq × workers × replicas
//	FLOPs  = (4 × parameters + 2 × trainable parameters) × tokens
//
// which is 6·P·T for a full fine-tune: the forward (2·P·T) and backward
// pass of a dense model, whose backward is the activations' gradients
// (2·P·T) and the weights' (2·P·T). A LoRA job's trainable parameters are
// its adapter's: it runs the frozen model forward and backward through
// the activations all the same (4·P·T, plus the adapter's own small share
// counted with the parameters), but computes weight gradients for the
// adapter only. It leaves out the attention's T² terms, AdamW and the
// trace's hashing, which the rate covers.
type Work struct {
	Family    string // FamilyGPT2
	Method    string // MethodFull, or MethodLoRA
	Params    int64  // weights of the base model
	Trainable int64  // weights trained: Params for MethodFull
	Tokens    int64  // tokens processed by all slots together
	FLOPs     *big.Int
}

// WorkOf is the work of spec on a base model of shape m.
func WorkOf(s Spec, m ModelShape) Work {
	h := s.Hyperparameters
	tokens := new(big.Int).SetUint64(uint64(s.Steps))
	for _, n := range []uint64{uint64(h.BatchSize), uint64(h.SeqLen), uint64(s.Workers), uint64(s.Replicas)} {
		tokens.Mul(tokens, new(big.Int).SetUint64(n))
	}
	params := m.Params()
	w := Work{Family: FamilyGPT2, Method: MethodFull, Params: params, Trainable: params, Tokens: saturated(tokens)}
	if s.IsLoRA() {
		w.Method, w.Trainable = MethodLoRA, s.LoRA.Params(m)
		params += w.Trainable // the adapter runs forward and backward too
	}
	w.FLOPs = new(big.Int).Mul(big.NewInt(4*params+2*w.Trainable), tokens)
	return w
}

// saturated is x as an int64, the largest if it does not fit.
func saturated(x *big.Int) int64 {
	if !x.IsInt64() {
		return 1<<63 - 1
	}
	return x.Int64()
}

// Pricing turns the work of a spec into a price in a token.
//
//	price = max(ceil(FLOPs × rate[token] / 10⁹), minimum[token])
//	stake per slot = ceil(price / slots × StakeRatio / 100)
//
// The rate is in the token's base units per GFLOP (10⁹ FLOPs of Work); with
// the defaults, gpt2 (124,439,808 parameters) trained 1,000 steps of 8 × 128
// tokens on 2 × 2 slots is 6 × 124,439,808 × 4,096,000 = 3.06 PFLOP, which
// costs 3,058,233 base units of USDC, i.e. 3.06 USDC.
type Pricing struct {
	Rate       map[Token]*big.Int
	Minimum    map[Token]*big.Int
	StakeRatio int64 // percent of a slot's pay a worker stakes
}

// DefaultPricing is the dev-chain pricing: 1 micro-USDC or 10¹² wei of $AI
// per GFLOP (1 USDC per PFLOP), at least 0.01 USDC or 0.01 $AI, and stakes
// of half a slot's pay.
func DefaultPricing() Pricing {
	return Pricing{
		Rate:       map[Token]*big.Int{TokenUSDC: big.NewInt(1), TokenAI: big.NewInt(1e12)},
		Minimum:    map[Token]*big.Int{TokenUSDC: big.NewInt(10_000), TokenAI: big.NewInt(1e16)},
		StakeRatio: 50,
	}
}

// Price returns the price of work w for a job of slots slots, and the
// stake each slot's worker must put up.
func (p Pricing) Price(t Token, w Work, slots uint32) (price, stakePerSlot *big.Int, err error) {
	rate, ok := p.Rate[t]
	if !ok {
		return nil, nil, Errorf(KindInvalid, "no price for token %q", t)
	}
	if slots == 0 || w.FLOPs == nil || w.FLOPs.Sign() < 0 {
		return nil, nil, Errorf(KindInvalid, "no work to price")
	}
	giga := big.NewInt(1e9)
	price = new(big.Int).Mul(w.FLOPs, rate)
	price.Add(price, new(big.Int).Sub(giga, big.NewInt(1)))
	price.Quo(price, giga)
	if m := p.Minimum[t]; m != nil && price.Cmp(m) < 0 {
		price = new(big.Int).Set(m)
	}
	stake := new(big.Int).Mul(price, big.NewInt(p.StakeRatio))
	den := new(big.Int).SetUint64(uint64(slots) * 100)
	stake.Add(stake, new(big.Int).Sub(den, big.NewInt(1)))
	stake.Quo(stake, den)
	return price, stake, nil
}
