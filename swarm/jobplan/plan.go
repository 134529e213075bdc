// Package jobplan derives, from a job's spec, everything that decides the bits
// of its run: the training hyper-parameters of each rank, the NoLoCo
// constants, the trainer. Workers and the referee both build from here, so
// that a recomputation by the referee is the very computation a worker ran.
package jobplan

import (
	"fmt"
	"math"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/swarm/corpus"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/noloco"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/tokenizer"
	"github.com/axl-market/axl/swarm/train"
)

// Plan is the part of a spec that fixes the computation.
type Plan struct {
	Steps    int    // inner steps of every worker
	Workers  int    // workers per replica
	Replicas int    // independent replica swarms
	Seed     uint64 // data order and NoLoCo pairings

	LearningRate float64
	WeightDecay  float64
	Batch, Seq   int
	Warmup       int
	H            int // inner steps between outer steps

	// Tokenized jobs (market.Spec.Tokenized) read their dataset in Format,
	// with a tokenizer when HasTokenizer, into the stream Tokens names.
	Tokenized    bool
	HasTokenizer bool
	Format       corpus.Format
	Tokens       market.TokenStream

	// Method is what is trained: the zero Method (every weight), or a
	// LoRA adapter on the frozen base model.
	Method train.Method
}

// FromSpec returns the plan of a quoted spec. Its hyper-parameters are the
// spec's own: the quote filled in the defaults
// (market.Hyperparameters.WithDefaults), and the spec hash covers them.
func FromSpec(s market.Spec) Plan {
	h := s.Hyperparameters
	p := Plan{
		Steps: int(s.Steps), Workers: int(s.Workers), Replicas: int(s.Replicas), Seed: s.Seed,
		LearningRate: h.LearningRate, WeightDecay: h.WeightDecay,
		Batch: int(h.BatchSize), Seq: int(h.SeqLen), Warmup: int(h.WarmupSteps), H: int(h.InnerSteps),
		Format: corpus.Text,
	}
	if s.Tokenized() {
		p.Tokenized, p.HasTokenizer, p.Tokens = true, s.Tokenizer != (market.ArtifactID{}), s.Tokens
		if s.Format != "" {
			p.Format = corpus.Format(s.Format)
		}
	}
	if s.IsLoRA() {
		p.Method = train.Method{Name: train.MethodLoRA,
			LoRA: model.LoRA{R: int(s.LoRA.R), Alpha: s.LoRA.Alpha, Targets: s.LoRA.Targets.Names()}}
	}
	return p
}

// BuildTokens builds the token stream of the plan from the dataset's bytes
// and the tokenizer's (a tokenizer.json; nil without one), as every worker
// and the referee build it: a byte-level text job's stream is the bytes.
func (p Plan) BuildTokens(data, tok []byte) (*train.Dataset, error) {
	if !p.Tokenized {
		return train.NewDataset(data), nil
	}
	var enc corpus.Encoder
	if p.HasTokenizer {
		if tok == nil {
			return nil, fmt.Errorf("job: the plan names a tokenizer and none was given")
		}
		t, err := tokenizer.ParseTokenizerJSON(tok)
		if err != nil {
			return nil, fmt.Errorf("job: tokenizer: %w", err)
		}
		enc = t
	}
	return corpus.Build(data, p.Format, enc)
}

// Dataset is BuildTokens, checked against the plan's token stream: a
// worker whose build differs (another tokenizer, other bytes) learns it
// before its first step, not in a dispute.
func (p Plan) Dataset(data, tok []byte) (*train.Dataset, error) {
	d, err := p.BuildTokens(data, tok)
	if err != nil {
		return nil, err
	}
	if p.Tokenized && (market.Hash(d.Hash()) != p.Tokens.Hash || int64(d.Len()) != p.Tokens.Count) {
		return nil, fmt.Errorf("job: the dataset tokenizes to %d tokens hashing %s, the plan's stream is %d tokens hashing %s",
			d.Len(), market.Hash(d.Hash()), p.Tokens.Count, p.Tokens.Hash)
	}
	return d, nil
}

// Hyper returns the training hyper-parameters of the worker of rank in its
// replica: it trains shard rank of Workers.
func (p Plan) Hyper(rank int) train.Hyper {
	h := train.DefaultHyper(p.Steps, p.Seq)
	h.Batch, h.LR, h.MinLR, h.WeightDecay, h.Warmup = p.Batch, p.LearningRate, p.LearningRate/10, p.WeightDecay, p.Warmup
	h.Seed, h.Shard, h.Shards = p.Seed, rank, p.Workers
	return h
}

// Outer returns NoLoCo's constants for the plan: the published ones with
// the spec's H.
func (p Plan) Outer() noloco.Params {
	o := noloco.DefaultParams()
	o.H = p.H
	return o
}

// NoLoCo returns the run configuration of the worker of (replica, rank).
func (p Plan) NoLoCo(jobID string, replica, rank int) noloco.Config {
	return noloco.Config{Job: jobID, Replica: replica, Rank: rank, Workers: p.Workers, Method: noloco.NoLoCo,
		Outer: p.Outer(), Seed: p.Seed}
}

// Check reports whether the plan runs on a model of cfg and a dataset of
// dataLen tokens (bytes) drawn from vocab ids: the checks a worker's
// Trainer makes before its first step, which the quote makes too, before
// anyone stakes. A refusal is a market.Infeasible error that names the
// bound broken and by how much.
func (p Plan) Check(cfg model.Config, dataLen int64, vocab int) error {
	if p.Steps < 1 || p.Workers < 1 || p.Replicas < 1 {
		return market.Infeasible(market.BoundSpec, 0, 0, "%d steps, %d workers, %d replicas: all must be positive", p.Steps, p.Workers, p.Replicas)
	}
	if err := p.Outer().Validate(); err != nil {
		return market.Infeasible(market.BoundSpec, 0, 0, "%v", err)
	}
	if err := p.Hyper(0).Validate(); err != nil {
		return market.Infeasible(market.BoundSpec, 0, 0, "%v", err)
	}
	if err := p.Method.Validate(cfg); err != nil {
		return market.Infeasible(market.BoundSpec, 0, 0, "%v", err)
	}
	switch {
	case cfg.VocabSize < vocab && vocab == ByteTokens:
		return market.Infeasible(market.BoundVocabulary, ByteTokens, int64(cfg.VocabSize),
			"the model's vocabulary of %d tokens is %d short of the %d byte values a byte-level dataset takes",
			cfg.VocabSize, ByteTokens-cfg.VocabSize, ByteTokens)
	case cfg.VocabSize < vocab:
		return market.Infeasible(market.BoundVocabulary, int64(vocab), int64(cfg.VocabSize),
			"the model's vocabulary of %d tokens is %d short of the %d ids of the dataset's tokenizer",
			cfg.VocabSize, vocab-cfg.VocabSize, vocab)
	case p.Seq > cfg.MaxSeq:
		return market.Infeasible(market.BoundSeqLen, int64(cfg.MaxSeq), int64(p.Seq),
			"seq_len %d exceeds the model's context (n_positions) of %d by %d tokens", p.Seq, cfg.MaxSeq, p.Seq-cfg.MaxSeq)
	}
	// Each worker of a replica draws its windows of seq+1 tokens from its
	// own shard of the training part of the dataset (train.Dataset.Split,
	// then Sampler), the validation part held out. A corpus beyond 2³¹
	// tokens has shards long enough for any sequence.
	n := int(min(dataLen, math.MaxInt32))
	_, held := train.HeldOut(n, p.Batch, p.Seq)
	if short := train.ShortestShard(max(0, n-held), p.Workers); short < p.Seq+1 {
		need := p.leastDataset()
		return market.Infeasible(market.BoundDataset, need, dataLen,
			"the dataset's %d bytes (tokens), less the %d held out for validation, leave a shard of %d to each of the %d workers, less than one sequence of seq_len+1 = %d: it needs at least %d bytes, %d more",
			dataLen, min(dataLen, int64(held)), short, p.Workers, p.Seq+1, need, need-dataLen)
	}
	return nil
}

// leastDataset is the length of the shortest stream whose training part
// gives each worker one sequence of seq+1 tokens: the workers' sequences
// and the held-out tail, which grows with the stream (train.HeldOut) but
// never faster than it, so that the iteration below rises to the least
// such length in a few rounds.
func (p Plan) leastDataset() int64 {
	train0 := p.Workers * (p.Seq + 1)
	n := train0
	for range 64 {
		_, held := train.HeldOut(n, p.Batch, p.Seq)
		if n == train0+held {
			break
		}
		n = train0 + held
	}
	return int64(n)
}

// Split cuts the job's token stream (Dataset) into the part its workers
// train on and the validation part held out (train.Dataset.Split).
// Every worker and the referee cut it alike; the plan's stream hash
// (Tokens, or the dataset's sha256) names both, the cut being a function
// of the stream's length, Batch and Seq.
func (p Plan) Split(data *train.Dataset) (trainPart, val *train.Dataset) {
	return data.Split(p.Batch, p.Seq)
}

// Validation returns the job's validation sequences (train.NewValidation)
// of its token stream: the held-out tail of Split.
func (p Plan) Validation(data *train.Dataset) (*train.Validation, error) {
	_, val := p.Split(data)
	v, err := train.NewValidation(val, p.Batch, p.Seq)
	if err != nil {
		return nil, fmt.Errorf("job: %w", err)
	}
	return v, nil
}

// ByteTokens is the vocabulary that byte-level data needs: one token per
// byte value.
const ByteTokens = 256

// Trainer returns a trainer for rank on the base model's safetensors bytes
// (with its config in the metadata) and the job's token stream (Dataset):
// it trains on the stream's training part (Split), never on the
// validation part, by the plan's Method: a LoRA job's adapter starts from
// the job's seed, alike on every worker.
func (p Plan) Trainer(base []byte, data *train.Dataset, rank int, pool *ree.Pool) (*train.Trainer, error) {
	m, err := model.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("job: base model: %w", err)
	}
	if err := p.Check(m.Config, int64(data.Len()), data.Vocab()); err != nil {
		return nil, fmt.Errorf("job: %w", err)
	}
	trainPart, _ := p.Split(data)
	return train.NewMethod(m, trainPart, p.Hyper(rank), p.Method, pool)
}
