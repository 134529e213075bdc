package market

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"sort"
	"unicode/utf8"
)

// Media types accepted for uploads, by the kind they make.
var (
	DatasetMediaTypes = []string{"text/plain", "application/jsonl", "application/x-ndjson"}
	ModelMediaTypes   = []string{"application/vnd.safetensors", "application/octet-stream"}
)

// ClassifyArtifact validates an upload of the given media type and returns
// its kind: datasets must be UTF-8 text (JSONL: one JSON value per
// non-empty line), models a safetensors file of F32 tensors whose offsets
// tile the data section exactly.
func ClassifyArtifact(mediaType string, r io.ReaderAt, size int64) (ArtifactKind, string, error) {
	kind, mt, err := ArtifactKindOf(mediaType)
	if err != nil {
		return "", "", err
	}
	if kind == ArtifactDataset {
		return kind, mt, checkDataset(mt, io.NewSectionReader(r, 0, size))
	}
	return kind, mt, checkSafetensors(r, size)
}

// ArtifactKindOf returns the kind an upload of mediaType must be, and the
// bare media type, before any byte is read.
func ArtifactKindOf(mediaType string) (ArtifactKind, string, error) {
	mt, _, err := mime.ParseMediaType(mediaType)
	if err != nil {
		return "", "", Errorf(KindUnsupportedType, "Content-Type %q is not a media type", mediaType)
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
	return "", "", Errorf(KindUnsupportedType, "media type %q is not accepted: datasets are text/plain or application/jsonl, models application/vnd.safetensors", mt)
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

// maxSafetensorsHeader bounds the JSON header we are willing to parse.
const maxSafetensorsHeader = 16 << 20

func checkSafetensors(r io.ReaderAt, size int64) error {
	bad := func(format string, args ...any) error {
		return Errorf(KindInvalid, "not a valid safetensors model: "+format, args...)
	}
	var lenBuf [8]byte
	if size < 8 {
		return bad("shorter than its 8-byte header length")
	}
	if _, err := r.ReadAt(lenBuf[:], 0); err != nil {
		return err
	}
	n := binary.LittleEndian.Uint64(lenBuf[:])
	if n == 0 || n > maxSafetensorsHeader || int64(n) > size-8 {
		return bad("header length %d does not fit the file of %d bytes", n, size)
	}
	header := make([]byte, n)
	if _, err := r.ReadAt(header, 8); err != nil {
		return err
	}
	var entries map[string]json.RawMessage
	if err := json.Unmarshal(header, &entries); err != nil {
		return bad("header is not a JSON object: %v", err)
	}
	type tensor struct {
		DType       string   `json:"dtype"`
		Shape       []int64  `json:"shape"`
		DataOffsets []uint64 `json:"data_offsets"`
		name        string
	}
	var tensors []tensor
	for name, raw := range entries {
		if name == "__metadata__" {
			continue
		}
		var t tensor
		if err := json.Unmarshal(raw, &t); err != nil || len(t.DataOffsets) != 2 {
			return bad("tensor %q has no dtype, shape and data_offsets [begin, end]", name)
		}
		if t.DType != "F32" {
			return bad("tensor %q is %s; only F32 is accepted", name, t.DType)
		}
		elems := uint64(1)
		for _, d := range t.Shape {
			if d < 0 || d > 1<<40 {
				return bad("tensor %q has a bad shape %v", name, t.Shape)
			}
			elems *= uint64(d)
			if elems > 1<<40 {
				return bad("tensor %q is too large", name)
			}
		}
		if t.DataOffsets[1] < t.DataOffsets[0] || t.DataOffsets[1]-t.DataOffsets[0] != elems*4 {
			return bad("tensor %q: offsets %v do not hold %d F32 values", name, t.DataOffsets, elems)
		}
		t.name = name
		tensors = append(tensors, t)
	}
	if len(tensors) == 0 {
		return bad("it holds no tensor")
	}
	sort.Slice(tensors, func(i, j int) bool { return tensors[i].DataOffsets[0] < tensors[j].DataOffsets[0] })
	data := uint64(size) - 8 - n
	var at uint64
	for _, t := range tensors {
		if t.DataOffsets[0] != at {
			return bad("tensor %q starts at %d, expected %d (gap or overlap)", t.name, t.DataOffsets[0], at)
		}
		at = t.DataOffsets[1]
	}
	if at != data {
		return bad("tensors cover %d bytes but the data section holds %d", at, data)
	}
	return nil
}
