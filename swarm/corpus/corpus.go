// Package corpus turns a dataset's bytes into the token stream a job
// trains on: plain text, or JSONL records — {"text"} documents, or
// {"prompt", "completion"} examples of which only the completion is learnt
// — as bytes or as a byte-level BPE tokenizer's ids. Workers and the
// referee build the stream here, once per job, so that they train on the
// very same tokens (train.Dataset.Hash names them).
package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/axl-market/axl/swarm/train"
)

// Format is the layout of a dataset's bytes.
type Format string

// The formats.
const (
	// Text is UTF-8 text. With a tokenizer, a literal "<|endoftext|>"
	// separates documents and becomes the end-of-text id; without one,
	// every byte is a token.
	Text Format = "text"
	// JSONL is one JSON object a line (blank lines skipped): every line
	// {"text": …}, a document; or every line {"prompt": …, "completion":
	// …}, an example whose prompt is not learnt. Other members are
	// ignored. A document or an example ends with the end-of-text id (a
	// newline byte without a tokenizer), which is learnt.
	JSONL Format = "jsonl"
)

// Encoder is a tokenizer (tokenizer.BPE is one).
type Encoder interface {
	// Encode returns the ids of text, a literal "<|endoftext|>" in it
	// being text.
	Encode(text []byte) []int
	// EndOfTextID is the id that ends a document, or -1 if none.
	EndOfTextID() int
	// VocabSize is the number of ids.
	VocabSize() int
}

// endOfText is the separator of documents in a Text dataset that is
// tokenized (GPT-2's).
const endOfText = "<|endoftext|>"

// Build returns the token stream of data in format f: enc's ids, or bytes
// when enc is nil. The error names the line of a JSONL record it refuses.
func Build(data []byte, f Format, enc Encoder) (*train.Dataset, error) {
	switch f {
	case Text, JSONL:
	default:
		return nil, fmt.Errorf("corpus: format %q: want %q or %q", f, Text, JSONL)
	}
	if enc == nil && f == Text {
		return train.NewDataset(data), nil // one byte, one token, all learnt
	}
	var s stream
	if enc != nil {
		if s.eot = enc.EndOfTextID(); s.eot < 0 {
			return nil, fmt.Errorf("corpus: the tokenizer has no %s to end documents with", endOfText)
		}
		s.enc, s.vocab = enc, enc.VocabSize()
	} else {
		s.eot, s.vocab = '\n', 256
	}
	if f == Text {
		for i, doc := range bytes.Split(data, []byte(endOfText)) {
			if i > 0 {
				s.add([]int{s.eot}, true)
			}
			s.add(s.encode(doc), true)
		}
		return s.dataset(false)
	}
	masked, err := s.records(data)
	if err != nil {
		return nil, err
	}
	return s.dataset(masked)
}

// stream is a token stream being built.
type stream struct {
	enc    Encoder // nil: bytes
	eot    int
	vocab  int
	ids    []int
	learnt []bool
}

func (s *stream) encode(text []byte) []int {
	if s.enc != nil {
		return s.enc.Encode(text)
	}
	ids := make([]int, len(text))
	for i, b := range text {
		ids[i] = int(b)
	}
	return ids
}

func (s *stream) add(ids []int, learnt bool) {
	s.ids = append(s.ids, ids...)
	for range ids {
		s.learnt = append(s.learnt, learnt)
	}
}

// dataset is the stream as a train.Dataset; masked keeps the learnt flags
// (all true otherwise, and left out).
func (s *stream) dataset(masked bool) (*train.Dataset, error) {
	var learnt []bool
	if masked {
		learnt = s.learnt
	}
	return train.NewTokenDataset(s.ids, s.vocab, learnt)
}

// record is one JSONL line.
type record struct {
	Text       *string `json:"text"`
	Prompt     *string `json:"prompt"`
	Completion *string `json:"completion"`
}

// records adds the JSONL records of data and reports whether they are
// examples (whose prompts are not learnt).
func (s *stream) records(data []byte) (examples bool, err error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1) // a line may be the whole file
	line, seen := 0, 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var r record
		if err := json.Unmarshal(b, &r); err != nil {
			return false, fmt.Errorf("corpus: line %d: not a JSON object: %v", line, err)
		}
		doc := r.Text != nil && r.Prompt == nil && r.Completion == nil
		ex := r.Text == nil && r.Prompt != nil && r.Completion != nil
		switch {
		case !doc && !ex:
			return false, fmt.Errorf(`corpus: line %d: want {"text": string} or {"prompt": string, "completion": string}`, line)
		case seen > 0 && ex != examples:
			return false, fmt.Errorf("corpus: line %d: documents and prompt/completion examples are mixed: one kind per dataset", line)
		}
		seen++
		examples = ex
		if doc {
			s.add(s.encode([]byte(*r.Text)), true)
		} else {
			s.add(s.encode([]byte(*r.Prompt)), false)
			s.add(s.encode([]byte(*r.Completion)), true)
		}
		s.add([]int{s.eot}, true)
	}
	if err := sc.Err(); err != nil {
		return false, fmt.Errorf("corpus: %v", err)
	}
	if seen == 0 {
		return false, fmt.Errorf("corpus: no JSONL record")
	}
	return examples, nil
}
