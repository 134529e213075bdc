package broker_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/axl-market/axl/escrow/eip712"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/blobstore"
	"github.com/axl-market/axl/market/broker"
	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/swarm/model"
)

// tinyTokenizer is a byte-level BPE of 272 ids (the 256 bytes, 15 merges,
// <|endoftext|>), in Hugging Face's tokenizer.json.
const tinyTokenizer = "../../swarm/tokenizer/testdata/tiny-tokenizer.json"

// putAs stores body as an artifact of kind with media type mt.
func (f *fixture) putAs(t *testing.T, body []byte, kind market.ArtifactKind, mt string) market.ArtifactID {
	t.Helper()
	p, err := f.b.Blobs.(*blobstore.Store).Write(bytes.NewReader(body), 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := f.b.Store.PutArtifact(context.Background(), market.Artifact{ID: p.ID, Owner: f.buyer, Size: p.Size,
		MediaType: mt, Kind: kind, CreatedAt: f.clock.Now()}); err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// TestTokenizedQuotes: a quote with a tokenizer, or of a JSONL dataset,
// names the token stream the workers build (jobplan.Plan.Dataset accepts it),
// hashes under the tokenized spec's tag, and is refused when the model's
// vocabulary is short of the tokenizer's, the tokenizer is not one, or the
// dataset to tokenize is too large.
func TestTokenizedQuotes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tokJSON, err := os.ReadFile(tinyTokenizer)
	if err != nil {
		t.Fatal(err)
	}
	tok := f.putAs(t, tokJSON, market.ArtifactTokenizer, "application/json")
	var jsonl strings.Builder
	for i := range 60 {
		fmt.Fprintf(&jsonl, `{"prompt":"what is %d?","completion":" the fox %d"}`+"\n", i%7, i%7)
	}
	examples := f.putAs(t, []byte(jsonl.String()), market.ArtifactDataset, "application/jsonl")
	// A model on the tokenizer's vocabulary.
	m, err := model.Init(model.Config{VocabSize: 300, MaxSeq: 64, Dim: 32, Layers: 1, Heads: 2, Eps: 1e-5}, 1)
	if err != nil {
		t.Fatal(err)
	}
	var mb bytes.Buffer
	if err := model.Encode(&mb, m); err != nil {
		t.Fatal(err)
	}
	wide := f.putAs(t, mb.Bytes(), market.ArtifactModel, "application/vnd.safetensors")

	r := f.request(market.TokenUSDC)
	r.BaseModel, r.Dataset, r.Tokenizer = wide, examples, tok
	r.Hyperparameters.SeqLen = 16
	offer, err := f.b.Quote(context.Background(), f.buyer, r)
	if err != nil {
		t.Fatal(err)
	}
	s := offer.Quote.Spec
	if !s.Tokenized() || s.Format != market.FormatJSONL || s.Tokenizer != tok || s.Tokens.Count == 0 {
		t.Fatalf("spec %+v: want the JSONL format (from the media type), the tokenizer and a stream", s)
	}
	plan := jobplan.FromSpec(s)
	data, _ := f.b.Blobs.OpenBlob(examples)
	raw := make([]byte, len(jsonl.String()))
	data.ReadAt(raw, 0)
	data.Close()
	if _, err := plan.Dataset(raw, tokJSON); err != nil {
		t.Fatalf("a worker's build of the quoted stream: %v", err)
	}
	if _, err := plan.Dataset(append(raw, '\n', '{', '}'), tokJSON); err == nil {
		t.Fatal("a worker built other bytes into the quoted stream")
	}
	plain := s
	plain.Tokens = market.TokenStream{}
	if offer.Quote.SpecHash != eip712.SpecHash(s) || eip712.SpecHash(s) == eip712.SpecHash(plain) {
		t.Errorf("the spec hash does not cover the token stream")
	}

	// JSONL without a tokenizer: bytes, the prompts not learnt.
	r.Tokenizer = market.ArtifactID{}
	offer, err = f.b.Quote(context.Background(), f.buyer, r)
	if err != nil {
		t.Fatal(err)
	}
	if s := offer.Quote.Spec; !s.Tokenized() || s.Tokenizer != (market.ArtifactID{}) || s.Tokens.Count == 0 {
		t.Fatalf("a JSONL spec without a tokenizer: %+v", s)
	}
	// Plain text without a tokenizer: today's byte-level spec, untouched.
	r.Dataset = f.data
	offer, err = f.b.Quote(context.Background(), f.buyer, r)
	if err != nil {
		t.Fatal(err)
	}
	if s := offer.Quote.Spec; s.Tokenized() || s.Format != "" || s.Tokens != (market.TokenStream{}) {
		t.Fatalf("a byte-level text spec: %+v", s)
	}

	refusals := []struct {
		name string
		edit func(r *broker.QuoteRequest)
		kind market.Kind
		want string
	}{
		{"a byte-level model", func(r *broker.QuoteRequest) { r.BaseModel, r.Tokenizer = f.model, tok }, market.KindInfeasible, "short of the tokenizer's 272"},
		{"a dataset as the tokenizer", func(r *broker.QuoteRequest) { r.Tokenizer = f.data }, market.KindInvalid, "not a tokenizer"},
		{"an unknown tokenizer", func(r *broker.QuoteRequest) { r.Tokenizer = market.ArtifactID{7} }, market.KindNotFound, "tokenizer"},
	}
	for _, c := range refusals {
		t.Run(c.name, func(t *testing.T) {
			q := f.request(market.TokenUSDC)
			q.BaseModel, q.Dataset, q.Tokenizer = wide, examples, tok
			q.Hyperparameters.SeqLen = 16
			c.edit(&q)
			_, err := f.b.Quote(context.Background(), f.buyer, q)
			if market.ErrorKind(err) != c.kind || err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v (%s), want %s saying %q", err, market.ErrorKind(err), c.kind, c.want)
			}
		})
	}
	f.b.Limits.MaxTokenizedDataset = 100
	r.Dataset, r.Tokenizer = examples, tok
	if _, err := f.b.Quote(context.Background(), f.buyer, r); market.ErrorKind(err) != market.KindInfeasible || !strings.Contains(err.Error(), "at most 100 bytes") {
		t.Fatalf("a dataset above the bound: %v", err)
	}
}
