package market

import (
	"crypto/sha256"
	"encoding/json"
	"io"
)

// HFExport writes what Hugging Face needs beside a delivered model file:
// the workers' runtime implements it (swarm/jobplan.Runtime), from the model's
// own parser.
type HFExport interface {
	// HFConfig returns the config.json of the model file r of size bytes
	// (architectures GPT2LMHeadModel, model_type gpt2), with the
	// bos_token_id and eos_token_id of the tokenizer artifact tok (nil for
	// a byte-level job: none).
	HFConfig(r io.ReaderAt, size int64, tok []byte) ([]byte, error)
}

// HFFile is one file of the directory a buyer downloads: either generated
// (Bytes) or a stored artifact (Artifact, whose id is its sha256).
type HFFile struct {
	Name     string
	Size     int64
	SHA256   [32]byte
	Bytes    []byte
	Artifact ArtifactID
}

// Names of the files of a model directory, as Hugging Face's
// from_pretrained looks for them.
const (
	HFWeightsFile         = "model.safetensors"
	HFConfigFile          = "config.json"
	HFTokenizerFile       = "tokenizer.json"
	HFTokenizerConfigFile = "tokenizer_config.json"
)

// HFDirectory lists the directory of a released model that
// transformers' from_pretrained opens unchanged: model.safetensors (the
// released weights, the bytes the chain's weightsHash names), config.json
// (from HFExport), and, when the job had a tokenizer, its tokenizer.json as
// uploaded with a tokenizer_config.json naming <|endoftext|> as the
// beginning, end and unknown token. The order is fixed, so that the tar of
// the directory is too.
func HFDirectory(weights Artifact, config []byte, tokenizer *Artifact) ([]HFFile, error) {
	files := []HFFile{generated(HFConfigFile, config)}
	if tokenizer != nil {
		var cfg struct {
			Positions int `json:"n_positions"`
		}
		if err := json.Unmarshal(config, &cfg); err != nil {
			return nil, &Error{Kind: KindInternal, Message: "the model's config.json is not JSON", Err: err}
		}
		tc, err := json.MarshalIndent(map[string]any{
			"tokenizer_class": "GPT2Tokenizer", "model_max_length": cfg.Positions, "add_prefix_space": false,
			"bos_token": "<|endoftext|>", "eos_token": "<|endoftext|>", "unk_token": "<|endoftext|>",
		}, "", "  ")
		if err != nil {
			return nil, err
		}
		files = append(files, HFFile{Name: HFTokenizerFile, Size: tokenizer.Size, SHA256: [32]byte(tokenizer.ID), Artifact: tokenizer.ID},
			generated(HFTokenizerConfigFile, append(tc, '\n')))
	}
	return append(files, HFFile{Name: HFWeightsFile, Size: weights.Size, SHA256: [32]byte(weights.ID), Artifact: weights.ID}), nil
}

func generated(name string, b []byte) HFFile {
	return HFFile{Name: name, Size: int64(len(b)), SHA256: sha256.Sum256(b), Bytes: b}
}
