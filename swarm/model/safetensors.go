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
	stMaxHeader = 100 << 20 // the reference implementation's limit
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

func stErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrSafetensors, fmt.Sprintf(format, args...))
}

// ReadSafetensors parses a whole safetensors file. It accepts F32 and I32
// tensors, and refuses anything that does not follow the format to the
// letter: a header length beyond the file, a header that is not one JSON
// object, duplicate names, unknown dtypes, shapes that do not match their
// byte ranges, ranges that overlap, leave holes, or fall outside the data.
func ReadSafetensors(b []byte) (*Safetensors, error) {
	if len(b) < 8 {
		return nil, stErr("file of %d bytes has no header length", len(b))
	}
	n := binary.LittleEndian.Uint64(b)
	if n > stMaxHeader || n > uint64(len(b)-8) {
		return nil, stErr("header length %d exceeds the file (%d bytes) or the limit", n, len(b))
	}
	hdr, data := b[8:8+n], b[8+n:]
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
	out := &Safetensors{Metadata: map[string]string{}}
	type span struct {
		t          *Tensor
		begin, end int
	}
	var spans []span
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
		if e.DType != "F32" && e.DType != "I32" {
			return nil, stErr("tensor %q: dtype %q is not supported (only F32 and I32)", name, e.DType)
		}
		t := &Tensor{Name: name, Shape: e.Shape}
		count := 1
		for _, d := range e.Shape {
			if d < 0 || (d > 0 && count > math.MaxInt32/d) {
				return nil, stErr("tensor %q: bad shape %v", name, e.Shape)
			}
			count *= d
		}
		begin, end := e.Offsets[0], e.Offsets[1]
		if begin < 0 || end < begin || end > len(data) {
			return nil, stErr("tensor %q: offsets [%d, %d) outside the %d bytes of data", name, begin, end, len(data))
		}
		if end-begin != 4*count {
			return nil, stErr("tensor %q: shape %v needs %d bytes, offsets give %d", name, e.Shape, 4*count, end-begin)
		}
		if t.Shape == nil {
			t.Shape = []int{}
		}
		if e.DType == "I32" {
			t.I = make([]int32, count)
			for i := range t.I {
				t.I[i] = int32(binary.LittleEndian.Uint32(data[begin+4*i:]))
			}
		} else {
			t.F = make([]float32, count)
			for i := range t.F {
				t.F[i] = math.Float32frombits(binary.LittleEndian.Uint32(data[begin+4*i:]))
			}
		}
		spans = append(spans, span{t, begin, end})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].begin < spans[j].begin })
	pos := 0
	for _, s := range spans {
		if s.begin != pos {
			return nil, stErr("tensor %q starts at byte %d, want %d: data overlaps or has a hole", s.t.Name, s.begin, pos)
		}
		pos = s.end
		out.Tensors = append(out.Tensors, s.t)
	}
	if pos != len(data) {
		return nil, stErr("tensors cover %d bytes of data, the file has %d", pos, len(data))
	}
	return out, nil
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
