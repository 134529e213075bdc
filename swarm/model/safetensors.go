package model

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"unicode/utf8"
)

// The safetensors format: an 8-byte little-endian header length N, N bytes
// of JSON mapping each tensor name to its dtype, shape and [begin, end) byte
// offsets into the data that follows (plus an optional "__metadata__" map of
// strings), then the data. Writers pad the header with spaces to a multiple
// of 8 bytes, so that the data is aligned.

const (
	stAlign     = 8
	stMaxHeader = 16 << 20 // ample: a GPT-2 header of 256 layers is under 1 MiB
	stMetaKey   = "__metadata__"
)

// ErrSafetensors is wrapped by every error that reports a malformed file.
var ErrSafetensors = errors.New("malformed safetensors")

type stEntry struct {
	DType   string `json:"dtype"`
	Shape   []int  `json:"shape"`
	Offsets [2]int `json:"data_offsets"`
}

// WriteSafetensors writes tensors, in the order given, and metadata.
func WriteSafetensors(w io.Writer, tensors []*Tensor, metadata map[string]string) error {
	var hdr bytes.Buffer
	hdr.WriteByte('{')
	if len(metadata) > 0 {
		b, err := json.Marshal(metadata) // keys sorted: one canonical header
		if err != nil {
			return err
		}
		fmt.Fprintf(&hdr, "%q:%s", stMetaKey, b)
	}
	seen := map[string]bool{}
	off := 0
	for _, t := range tensors {
		if seen[t.Name] || t.Name == stMetaKey || t.Name == "" {
			return fmt.Errorf("safetensors: tensor name %q is empty, reserved or repeated", t.Name)
		}
		seen[t.Name] = true
		n := 4 * t.Len()
		e := stEntry{DType: t.DType().String(), Shape: t.Shape, Offsets: [2]int{off, off + n}}
		if e.Shape == nil {
			e.Shape = []int{}
		}
		name, _ := json.Marshal(t.Name)
		b, err := json.Marshal(e)
		if err != nil {
			return err
		}
		if hdr.Len() > 1 {
			hdr.WriteByte(',')
		}
		hdr.Write(name)
		hdr.WriteByte(':')
		hdr.Write(b)
		off += n
	}
	hdr.WriteByte('}')
	for hdr.Len()%stAlign != 0 {
		hdr.WriteByte(' ')
	}
	var size [8]byte
	binary.LittleEndian.PutUint64(size[:], uint64(hdr.Len()))
	if _, err := w.Write(size[:]); err != nil {
		return err
	}
	if _, err := w.Write(hdr.Bytes()); err != nil {
		return err
	}
	for _, t := range tensors {
		var err error
		if t.DType() == I32 {
			err = WriteI32(w, t.I)
		} else {
			err = WriteF32(w, t.F)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Safetensors is the content of a safetensors file.
type Safetensors struct {
	// Tensors are in the order of their data in the file.
	Tensors  []*Tensor
	Metadata map[string]string
}

// Tensor returns the tensor of the given name, or nil.
func (s *Safetensors) Tensor(name string) *Tensor {
	for _, t := range s.Tensors {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// SafetensorsEntry is one tensor of a safetensors header: its name, type,
// shape and where its bytes lie in the data section (not the bytes).
type SafetensorsEntry struct {
	Name  string
	DType DType
	Shape []int
	// Begin and End delimit the tensor's bytes in the data section.
	Begin, End int64
}

// Len returns the number of elements of the tensor.
func (e SafetensorsEntry) Len() int { return int((e.End - e.Begin) / 4) }

// SafetensorsHeader is the checked header of a safetensors file.
type SafetensorsHeader struct {
	// Entries are in the order of their data in the file.
	Entries  []SafetensorsEntry
	Metadata map[string]string
	// DataOffset is where the data section starts in the file (8 + the
	// header's length); DataSize is its length, to the end of the file.
	DataOffset, DataSize int64
}

func stErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrSafetensors, fmt.Sprintf(format, args...))
}

// ReadSafetensorsHeader reads the header of the safetensors file r of size
// bytes and checks it against the file, without reading the tensors' data.
// It accepts F32 and I32 tensors, and refuses anything that does not follow
// the format to the letter: a header length beyond the file or the limit
// (16 MiB), a header that is not one JSON object, duplicate names, unknown
// dtypes or fields, shapes whose element count exceeds the data (computed
// without overflow) or does not match the byte range, ranges that overlap,
// leave holes, or fall outside the data.
//
// It is the project's one safetensors parser: workers load models through
// it (ReadSafetensors, Parse) and the marketplace checks uploads with it
// (Inspect).
func ReadSafetensorsHeader(r io.ReaderAt, size int64) (*SafetensorsHeader, error) {
	var lenBuf [8]byte
	if size < 8 {
		return nil, stErr("file of %d bytes has no header length", size)
	}
	if _, err := r.ReadAt(lenBuf[:], 0); err != nil {
		return nil, err
	}
	n := binary.LittleEndian.Uint64(lenBuf[:])
	if n > stMaxHeader || n > uint64(size-8) {
		return nil, stErr("header length %d exceeds the file (%d bytes) or the limit of %d", n, size, stMaxHeader)
	}
	hdr := make([]byte, n)
	if _, err := r.ReadAt(hdr, 8); err != nil {
		return nil, err
	}
	if !utf8.Valid(hdr) || len(bytes.TrimSpace(hdr)) == 0 || bytes.TrimSpace(hdr)[0] != '{' {
		return nil, stErr("header is not a JSON object")
	}
	keys, err := objectKeys(hdr)
	if err != nil {
		return nil, stErr("header: %v", err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(hdr, &raw); err != nil {
		return nil, stErr("header: %v", err)
	}
	out := &SafetensorsHeader{Metadata: map[string]string{}, DataOffset: 8 + int64(n), DataSize: size - 8 - int64(n)}
	// No tensor holds more elements than the data has room for: the bound
	// that keeps every product of dimensions below overflow.
	maxElems := out.DataSize / 4
	for _, name := range keys {
		if name == stMetaKey {
			if err := json.Unmarshal(raw[name], &out.Metadata); err != nil {
				return nil, stErr("__metadata__ must map strings to strings: %v", err)
			}
			continue
		}
		var e stEntry
		dec := json.NewDecoder(bytes.NewReader(raw[name]))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			return nil, stErr("tensor %q: %v", name, err)
		}
		entry := SafetensorsEntry{Name: name, Shape: e.Shape, Begin: int64(e.Offsets[0]), End: int64(e.Offsets[1])}
		switch e.DType {
		case "F32":
			entry.DType = F32
		case "I32":
			entry.DType = I32
		default:
			return nil, stErr("tensor %q: dtype %q is not supported (only F32 and I32)", name, e.DType)
		}
		if entry.Shape == nil {
			entry.Shape = []int{}
		}
		count := int64(1)
		for _, d := range e.Shape {
			if d < 0 {
				return nil, stErr("tensor %q: bad shape %v", name, e.Shape)
			}
			if d > 0 && count > maxElems/int64(d) {
				return nil, stErr("tensor %q: shape %v holds more elements than the %d bytes of data", name, e.Shape, out.DataSize)
			}
			count *= int64(d)
		}
		if entry.Begin < 0 || entry.End < entry.Begin || entry.End > out.DataSize {
			return nil, stErr("tensor %q: offsets [%d, %d) outside the %d bytes of data", name, entry.Begin, entry.End, out.DataSize)
		}
		if entry.End-entry.Begin != 4*count {
			return nil, stErr("tensor %q: shape %v needs %d bytes, offsets give %d", name, e.Shape, 4*count, entry.End-entry.Begin)
		}
		out.Entries = append(out.Entries, entry)
	}
	sort.SliceStable(out.Entries, func(i, j int) bool { return out.Entries[i].Begin < out.Entries[j].Begin })
	var pos int64
	for _, e := range out.Entries {
		if e.Begin != pos {
			return nil, stErr("tensor %q starts at byte %d, want %d: data overlaps or has a hole", e.Name, e.Begin, pos)
		}
		pos = e.End
	}
	if pos != out.DataSize {
		return nil, stErr("tensors cover %d bytes of data, the file has %d", pos, out.DataSize)
	}
	return out, nil
}

// ReadSafetensors parses a whole safetensors file: the header as
// ReadSafetensorsHeader checks it, then the tensors' data.
func ReadSafetensors(b []byte) (*Safetensors, error) {
	h, err := ReadSafetensorsHeader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	out := &Safetensors{Metadata: h.Metadata}
	for _, e := range h.Entries {
		t := &Tensor{Name: e.Name, Shape: e.Shape}
		data := b[h.DataOffset+e.Begin : h.DataOffset+e.End]
		if e.DType == I32 {
			t.I = make([]int32, e.Len())
			for i := range t.I {
				t.I[i] = int32(binary.LittleEndian.Uint32(data[4*i:]))
			}
		} else {
			t.F = make([]float32, e.Len())
			decodeF32(t.F, data)
		}
		out.Tensors = append(out.Tensors, t)
	}
	return out, nil
}

// decodeF32 fills xs from the little-endian bytes b (4·len(xs) of them).
func decodeF32(xs []float32, b []byte) {
	for i := range xs {
		xs[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
}

// objectKeys returns the keys of the JSON object b, in order, and refuses
// duplicates (which encoding/json would silently merge).
func objectKeys(b []byte) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("not a JSON object")
	}
	var keys []string
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		k, ok := tok.(string)
		if !ok {
			return nil, errors.New("object key is not a string")
		}
		if seen[k] {
			return nil, fmt.Errorf("duplicate key %q", k)
		}
		seen[k] = true
		keys = append(keys, k)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("trailing data after the JSON object")
	}
	return keys, nil
}
