package jobplan

import (
	"fmt"
	"io"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/tokenizer"
)

// Runtime is the market's port to the workers' runtime (market.Runtime):
// the server checks uploads and quotes with the code every worker runs,
// model.Inspect and Plan.Check, and prices memory with Plan.Needs.
type Runtime struct{}

var _ market.Runtime = Runtime{}

// InspectModel implements market.Runtime with model.Inspect.
func (Runtime) InspectModel(r io.ReaderAt, size int64) (market.ModelShape, error) {
	cfg, err := model.Inspect(r, size)
	if err != nil {
		return market.ModelShape{}, err
	}
	return market.ModelShape{VocabSize: cfg.VocabSize, Positions: cfg.MaxSeq, Width: cfg.Dim, Layers: cfg.Layers, Heads: cfg.Heads}, nil
}

// CheckJob implements market.Runtime: the spec's plan is checked as a
// worker's Trainer checks it (Plan.Check), and its needs estimated
// (Plan.Needs).
func (Runtime) CheckJob(s market.Spec, m market.ModelShape, modelSize, datasetSize int64) (market.JobNeeds, error) {
	// The shape holds all that the checks and the estimate read; the
	// layer-norm epsilon, which neither reads, is any valid one.
	cfg := model.Config{VocabSize: m.VocabSize, MaxSeq: m.Positions, Dim: m.Width, Layers: m.Layers, Heads: m.Heads, Eps: 1e-5}
	if err := cfg.Validate(); err != nil {
		return market.JobNeeds{}, market.Infeasible(market.BoundModel, 0, 0, "%v", err)
	}
	p := FromSpec(s)
	tokens, vocab := datasetSize, ByteTokens
	if p.Tokenized {
		// The quote's stream: its ids are at most the model's (the quote
		// checked the tokenizer's vocabulary against it).
		tokens, vocab = s.Tokens.Count, 0
	}
	if err := p.Check(cfg, tokens, vocab); err != nil {
		return market.JobNeeds{}, err
	}
	return p.Needs(cfg, modelSize, datasetSize), nil
}

// InspectTokenizer implements market.Runtime with the workers' own parser.
func (Runtime) InspectTokenizer(b []byte) (int, error) {
	t, err := tokenizer.ParseTokenizerJSON(b)
	if err != nil {
		return 0, err
	}
	if t.EndOfTextID() < 0 {
		return 0, fmt.Errorf("tokenizer: the vocabulary has no %s to end documents with", tokenizer.EndOfText)
	}
	return t.VocabSize(), nil
}

// Tokenize implements market.Runtime: the plan's BuildTokens. A stream
// whose held-out tail has no learnt token (prompts only: no validation
// loss to measure) is refused too, before anyone stakes.
func (Runtime) Tokenize(s market.Spec, data, tok []byte) (market.TokenStream, error) {
	p := FromSpec(s)
	d, err := p.BuildTokens(data, tok)
	if err == nil && d.Learnt() < d.Len() {
		_, err = p.Validation(d)
	}
	if err != nil {
		return market.TokenStream{}, market.Infeasible(market.BoundDataset, 0, 0, "%v", err)
	}
	return market.TokenStream{Hash: market.Hash(d.Hash()), Count: int64(d.Len())}, nil
}
