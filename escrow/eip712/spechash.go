package eip712

import (
	"math"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/market"
)

// specTag domain-separates the spec encoding and names its version; a
// tokenized spec (market.Spec.Tokenized) has its own, with more words,
// and a LoRA spec (market.Spec.IsLoRA) a third, with more still: a full
// fine-tune keeps the hash it had before LoRA.
var (
	specTag          = crypto.Keccak256([]byte("axl.spec.v1"))
	tokenizedSpecTag = crypto.Keccak256([]byte("axl.spec.v2"))
	loraSpecTag      = crypto.Keccak256([]byte("axl.spec.v3"))
)

// SpecHash is the canonical hash of a spec: keccak256 of the ABI encoding
// (abi.encode, every field one 32-byte word) of
//
//	(bytes32 keccak256("axl.spec.v1"), bytes32 base_model_sha256, bytes32 dataset_sha256,
//	 uint256 steps, uint256 workers, uint256 replicas, uint256 seed,
//	 uint256 batch_size, uint256 seq_len, uint256 warmup_steps, uint256 inner_steps,
//	 uint256 learning_rate_bits, uint256 weight_decay_bits)
//
// where the *_bits are the IEEE-754 binary64 bits of the float. A
// tokenized spec (a tokenizer, or a JSONL dataset) is hashed under the tag
// keccak256("axl.spec.v2") with four more words after those:
//
//	(bytes32 tokenizer_sha256 (zero for none), bytes32 keccak256(dataset_format),
//	 bytes32 tokens_hash, uint256 tokens_count)
//
// A LoRA spec is hashed under the tag keccak256("axl.spec.v3") with the
// four words of v2 (zero for a spec of bytes) and three more:
//
//	(uint256 lora_r, uint256 lora_alpha_bits,
//	 bytes32 keccak256(lora_targets sorted and joined by ","))
//
// e.g. keccak256("c_attn,c_proj") for the targets c_proj and c_attn.
//
// Anyone can recompute it with an ABI encoder and keccak256; the
// hyper-parameters must be the defaulted ones the quote returns.
func SpecHash(s market.Spec) market.Hash {
	words := make([]byte, 0, 20*32)
	word := func(x uint64) {
		var w [32]byte
		new(big.Int).SetUint64(x).FillBytes(w[:])
		words = append(words, w[:]...)
	}
	tag := specTag
	switch {
	case s.IsLoRA():
		tag = loraSpecTag
	case s.Tokenized():
		tag = tokenizedSpecTag
	}
	words = append(words, tag...)
	words = append(words, s.BaseModel[:]...)
	words = append(words, s.Dataset[:]...)
	h := s.Hyperparameters
	for _, x := range []uint64{uint64(s.Steps), uint64(s.Workers), uint64(s.Replicas), s.Seed,
		uint64(h.BatchSize), uint64(h.SeqLen), uint64(h.WarmupSteps), uint64(h.InnerSteps),
		math.Float64bits(h.LearningRate), math.Float64bits(h.WeightDecay)} {
		word(x)
	}
	if s.Tokenized() || s.IsLoRA() {
		var format []byte
		if s.Tokenized() {
			format = []byte(s.Format)
		}
		words = append(words, s.Tokenizer[:]...)
		words = append(words, crypto.Keccak256(format)...)
		words = append(words, s.Tokens.Hash[:]...)
		word(uint64(s.Tokens.Count))
	}
	if s.IsLoRA() {
		word(uint64(s.LoRA.R))
		word(math.Float64bits(s.LoRA.Alpha))
		words = append(words, crypto.Keccak256([]byte(strings.Join(s.LoRA.Targets.Names(), ",")))...)
	}
	return market.Hash(crypto.Keccak256Hash(words))
}
