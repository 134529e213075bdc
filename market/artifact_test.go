package market

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"strings"
	"testing"
)

// safetensors builds a file with the given header entries and data length.
func safetensors(t *testing.T, header map[string]any, data int) []byte {
	t.Helper()
	h, err := json.Marshal(header)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	binary.Write(&b, binary.LittleEndian, uint64(len(h)))
	b.Write(h)
	b.Write(make([]byte, data))
	return b.Bytes()
}

func tensor(dtype string, shape []int, begin, end int) map[string]any {
	return map[string]any{"dtype": dtype, "shape": shape, "data_offsets": []int{begin, end}}
}

func TestClassifyArtifact(t *testing.T) {
	good := safetensors(t, map[string]any{"__metadata__": map[string]string{"format": "pt"},
		"a": tensor("F32", []int{2, 3}, 0, 24), "b": tensor("F32", []int{4}, 24, 40)}, 40)
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
		{"model", "application/vnd.safetensors", good, ArtifactModel, "", ""},
		{"model as octet-stream", "application/octet-stream", good, ArtifactModel, "", ""},
		{"short", "application/vnd.safetensors", []byte{1, 2}, "", KindInvalid, "shorter"},
		{"header too long", "application/vnd.safetensors", good[:20], "", KindInvalid, "header length"},
		{"not F32", "application/vnd.safetensors", safetensors(t, map[string]any{"a": tensor("F16", []int{2}, 0, 4)}, 4), "", KindInvalid, "only F32"},
		{"size mismatch", "application/vnd.safetensors", safetensors(t, map[string]any{"a": tensor("F32", []int{2}, 0, 4)}, 4), "", KindInvalid, "do not hold"},
		{"gap", "application/vnd.safetensors", safetensors(t, map[string]any{"a": tensor("F32", []int{1}, 4, 8)}, 8), "", KindInvalid, "gap or overlap"},
		{"trailing data", "application/vnd.safetensors", safetensors(t, map[string]any{"a": tensor("F32", []int{1}, 0, 4)}, 8), "", KindInvalid, "data section"},
		{"no tensors", "application/vnd.safetensors", safetensors(t, map[string]any{}, 0), "", KindInvalid, "no tensor"},
		{"unknown type", "image/png", []byte("x"), "", KindUnsupportedType, "not accepted"},
		{"garbage type", "///", []byte("x"), "", KindUnsupportedType, "not a media type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, _, err := ClassifyArtifact(tt.mediaType, bytes.NewReader(tt.body), int64(len(tt.body)))
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
