package market

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"
	"unicode/utf8"
)

// chunkReader returns at most n bytes a read, as a network or a file may.
type chunkReader struct {
	r io.Reader
	n int
}

func (c chunkReader) Read(p []byte) (int, error) { return c.r.Read(p[:min(len(p), c.n)]) }

// validJSONL is the rule checkDataset enforces, written plainly: UTF-8
// lines (a final "\r" dropped, as bufio.ScanLines does), each one blank or
// one JSON value, at least one not blank.
func validJSONL(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	records := 0
	for _, line := range bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n")) {
		line = bytes.TrimSuffix(line, []byte("\r"))
		if !utf8.Valid(line) {
			return false
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		records++
		if !json.Valid(line) {
			return false
		}
	}
	return records > 0
}

// FuzzClassifyDataset checks uploads of datasets of any bytes and media
// type, read in chunks of any size: an unknown media type is 415, a
// dataset is accepted exactly when it is non-empty UTF-8 text (or, as
// JSONL, lines of JSON values), and every refusal is a 4xx kind, never
// an internal error.
func FuzzClassifyDataset(f *testing.F) {
	f.Add("text/plain; charset=utf-8", []byte("some text to learn, byte by byte. "), 7)
	f.Add("text/plain", []byte("h\xc3\xa9llo \xe2\x82\xac"), 1)
	f.Add("text/plain", []byte("caf\xc3"), 3)
	f.Add("application/jsonl", []byte("{\"text\":\"hello\"}\n{\"text\":\"world\"}\n"), 5)
	f.Add("application/x-ndjson", []byte("1\r\n\r\n[2]\n"), 2)
	f.Add("application/jsonl", []byte("{\"a\":1}\n{\"b\":\n"), 64)
	f.Add("image/png", []byte("\x89PNG"), 4)
	f.Add("text/plain;;", []byte("x"), 1)
	f.Fuzz(func(t *testing.T, mediaType string, data []byte, chunk int) {
		if chunk < 1 {
			chunk = 1 + (-chunk)%(1<<16)
		}
		kind, mt, err := ArtifactKindOf(mediaType)
		if err != nil {
			if ErrorKind(err) != KindUnsupportedFormat {
				t.Fatalf("media type %q: %v (kind %s)", mediaType, err, ErrorKind(err))
			}
			return
		}
		if kind != ArtifactDataset {
			return // models are the Runtime's (FuzzParse in swarm/model)
		}
		err = checkDataset(mt, chunkReader{bytes.NewReader(data), chunk})
		if err != nil && ErrorKind(err) != KindInvalid {
			t.Fatalf("refused with kind %s: %v", ErrorKind(err), err)
		}
		want := utf8.Valid(data) && len(data) > 0
		if mt != "text/plain" {
			want = validJSONL(data) && maxLine(data) <= 1<<20
		}
		if (err == nil) != want {
			t.Fatalf("%s of %d bytes read %d at a time: %v, want accepted %v", mt, len(data), chunk, err, want)
		}
	})
}

// maxLine is the length of data's longest line, its "\n" included.
func maxLine(data []byte) int {
	longest := 0
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		longest = max(longest, len(line))
	}
	return longest
}
