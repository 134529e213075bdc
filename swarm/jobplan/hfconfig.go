package jobplan

import (
	"encoding/json"
	"io"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/tokenizer"
)

var _ market.HFExport = Runtime{}

// HFConfig implements market.HFExport: the config.json that Hugging Face
// transformers reads for the model file r, as model.HFConfigJSON writes it
// for the shape model.Inspect reads, with the beginning- and end-of-text
// ids of the job's tokenizer (its <|endoftext|>: 50256 for GPT-2's BPE),
// or none (null) for a byte-level job, whose vocabulary has no such token.
func (Runtime) HFConfig(r io.ReaderAt, size int64, tok []byte) ([]byte, error) {
	cfg, err := model.Inspect(r, size)
	if err != nil {
		return nil, err
	}
	b, err := model.HFConfigJSON(cfg)
	if err != nil {
		return nil, err
	}
	var special any // null: no such token
	if tok != nil {
		t, err := tokenizer.ParseTokenizerJSON(tok)
		if err != nil {
			return nil, err
		}
		if id := t.EndOfTextID(); id >= 0 {
			special = id
		}
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	m["bos_token_id"], m["eos_token_id"] = special, special
	out, err := json.MarshalIndent(m, "", "  ")
	return append(out, '\n'), err
}
