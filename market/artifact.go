package market

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"unicode/utf8"
)

// Media types accepted for uploads, by the kind they make.
var (
	DatasetMediaTypes   = []string{"text/plain", "application/jsonl", "application/x-ndjson"}
	ModelMediaTypes     = []string{"application/vnd.safetensors", "application/octet-stream"}
	TokenizerMediaTypes = []string{"application/json"}
)

// MaxTokenizerSize bounds a tokenizer artifact, which is read whole (GPT-2's
// tokenizer.json is 1.4 MB).
const MaxTokenizerSize = 32 << 20

// ClassifyArtifact validates an upload of the given media type and returns
// its kind: datasets must be UTF-8 text (JSONL: one JSON value per
// non-empty line), models a GPT-2 model that the workers load, as the
// Runtime's InspectModel reads it (the workers' own parser and loader).
func ClassifyArtifact(mediaType string, r io.ReaderAt, size int64, rt Runtime) (ArtifactKind, string, error) {
	kind, mt, err := ArtifactKindOf(mediaType)
	if err != nil {
		return "", "", err
	}
	switch kind {
	case ArtifactDataset:
		return kind, mt, checkDataset(mt, io.NewSectionReader(r, 0, size))
	case ArtifactTokenizer:
		if size > MaxTokenizerSize {
			return "", "", Errorf(KindInvalid, "a tokenizer of %d bytes is above the %d a tokenizer may have", size, MaxTokenizerSize)
		}
		b := make([]byte, size)
		if _, err := r.ReadAt(b, 0); err != nil && !errors.Is(err, io.EOF) {
			return "", "", err
		}
		if _, err := rt.InspectTokenizer(b); err != nil {
			return "", "", &Error{Kind: KindInvalid, Message: "not a tokenizer the workers load: " + err.Error(), Err: err}
		}
		return kind, mt, nil
	}
	if _, err := rt.InspectModel(r, size); err != nil {
		return "", "", &Error{Kind: KindInvalid, Message: "not a GPT-2 model the workers load: " + err.Error(), Err: err}
	}
	return kind, mt, nil
}

// ArtifactKindOf returns the kind an upload of mediaType must be, and the
// bare media type, before any byte is read.
func ArtifactKindOf(mediaType string) (ArtifactKind, string, error) {
	mt, _, err := mime.ParseMediaType(mediaType)
	if err != nil {
		return "", "", Errorf(KindUnsupportedFormat, "Content-Type %q is not a media type", mediaType)
	}
	for _, t := range DatasetMediaTypes {
		if mt == t {
			return ArtifactDataset, mt, nil
		}
	}
	for _, t := range ModelMediaTypes {
		if mt == t {
			return ArtifactModel, mt, nil
		}
	}
	for _, t := range TokenizerMediaTypes {
		if mt == t {
			return ArtifactTokenizer, mt, nil
		}
	}
	return "", "", Errorf(KindUnsupportedFormat, "media type %q is not accepted: datasets are text/plain or application/jsonl, models application/vnd.safetensors, tokenizers application/json", mt)
}

func checkDataset(mt string, r io.Reader) error {
	if mt == "text/plain" {
		return checkUTF8(r)
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line, records := 0, 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if !utf8.Valid(b) {
			return Errorf(KindInvalid, "dataset is not UTF-8 (line %d)", line)
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		records++
		if !json.Valid(b) {
			return Errorf(KindInvalid, "dataset line %d is not JSON", line)
		}
	}
	if errors.Is(sc.Err(), bufio.ErrTooLong) {
		return Errorf(KindInvalid, "dataset line %d is longer than 1 MiB", line+1)
	}
	if sc.Err() != nil {
		return sc.Err()
	}
	if records == 0 {
		return Errorf(KindInvalid, "dataset is empty")
	}
	return nil
}

// checkUTF8 validates a stream of any length in chunks, carrying an
// incomplete trailing rune over to the next chunk.
func checkUTF8(r io.Reader) error {
	buf := make([]byte, 64<<10)
	carry, total := 0, int64(0)
	for {
		n, err := r.Read(buf[carry:])
		n += carry
		end := n
		if err == nil {
			i := n - 1
			for i >= 0 && i > n-utf8.UTFMax && !utf8.RuneStart(buf[i]) {
				i--
			}
			if i >= 0 && !utf8.FullRune(buf[i:n]) {
				end = i
			}
		}
		if !utf8.Valid(buf[:end]) {
			return Errorf(KindInvalid, "dataset is not UTF-8 text (near byte %d)", total)
		}
		total += int64(end)
		carry = copy(buf, buf[end:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	if total == 0 {
		return Errorf(KindInvalid, "dataset is empty")
	}
	return nil
}
