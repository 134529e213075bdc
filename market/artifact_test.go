package market

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// inspector is a Runtime whose loader accepts the files that start with
// "GPT2" and refuses the others; it checks no job.
type inspector struct{}

func (inspector) InspectModel(r io.ReaderAt, size int64) (ModelShape, error) {
	var magic [4]byte
	if _, err := r.ReadAt(magic[:], 0); err != nil || string(magic[:]) != "GPT2" {
		return ModelShape{}, errors.New("malformed safetensors: no GPT2 here")
	}
	return ModelShape{VocabSize: 256, Positions: 64, Width: 64, Layers: 4, Heads: 4}, nil
}

func (inspector) CheckJob(Spec, ModelShape, int64, int64) (JobNeeds, error) {
	panic("the upload checks no job")
}

// InspectTokenizer accepts a tokenizer that says so.
func (inspector) InspectTokenizer(b []byte) (int, error) {
	if !bytes.HasPrefix(b, []byte(`{"tokenizer"`)) {
		return 0, errors.New("not a tokenizer.json")
	}
	return 300, nil
}

func (inspector) Tokenize(Spec, []byte, []byte) (TokenStream, error) {
	panic("the upload tokenizes nothing")
}

func TestClassifyArtifact(t *testing.T) {
	tests := []struct {
		name      string
		mediaType string
		body      []byte
		kind      ArtifactKind
		errKind   Kind
		errText   string
	}{
		{"text", "text/plain; charset=utf-8", []byte("héllo\nworld\n"), ArtifactDataset, "", ""},
		{"long text", "text/plain", bytes.Repeat([]byte("é"), 100_000), ArtifactDataset, "", ""},
		{"not utf-8", "text/plain", []byte("abc\xff\n"), "", KindInvalid, "UTF-8"},
		{"truncated rune at end", "text/plain", append(bytes.Repeat([]byte("a"), 70_000), 0xc3), "", KindInvalid, "UTF-8"},
		{"empty", "text/plain", nil, "", KindInvalid, "empty"},
		{"jsonl", "application/jsonl", []byte("{\"text\":\"a\"}\n\n{\"text\":\"b\"}"), ArtifactDataset, "", ""},
		{"jsonl bad line", "application/jsonl", []byte("{\"text\":\"a\"}\n{oops\n"), "", KindInvalid, "line 2"},
		{"model", "application/vnd.safetensors", []byte("GPT2…"), ArtifactModel, "", ""},
		{"model as octet-stream", "application/octet-stream", []byte("GPT2…"), ArtifactModel, "", ""},
		{"model the workers refuse", "application/vnd.safetensors", []byte("16 floats"), "", KindInvalid,
			"not a GPT-2 model the workers load: malformed safetensors: no GPT2 here"},
		{"model too short to read", "application/vnd.safetensors", []byte{1, 2}, "", KindInvalid, "not a GPT-2 model"},
		{"unknown type", "image/png", []byte("x"), "", KindUnsupportedFormat, "not accepted"},
		{"garbage type", "///", []byte("x"), "", KindUnsupportedFormat, "not a media type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, _, err := ClassifyArtifact(tt.mediaType, bytes.NewReader(tt.body), int64(len(tt.body)), inspector{})
			if tt.errKind != "" {
				if ErrorKind(err) != tt.errKind || !strings.Contains(err.Error(), tt.errText) {
					t.Fatalf("err %v, want %s containing %q", err, tt.errKind, tt.errText)
				}
				return
			}
			if err != nil || kind != tt.kind {
				t.Fatalf("kind %q err %v, want %q", kind, err, tt.kind)
			}
		})
	}
}
