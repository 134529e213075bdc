package model

import (
	"bytes"
	"encoding/binary"
	"io"
	"testing"

	"github.com/axl-market/axl/market/alloctest"
)

// sparseFile is a file of size bytes that begins with b and holds zeros
// after it, as a sparse file on disk would: what a header may claim of a
// file the parser has not read.
type sparseFile struct {
	b    []byte
	size int64
}

func (s sparseFile) ReadAt(p []byte, off int64) (int, error) {
	if off >= s.size {
		return 0, io.EOF
	}
	n := len(p)
	if rest := s.size - off; int64(n) > rest {
		n = int(rest)
	}
	clear(p[:n])
	if off < int64(len(s.b)) {
		copy(p[:n], s.b[off:])
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// fuzzModels are seeds: real encodings of small models.
func fuzzModels(f *testing.F) {
	f.Helper()
	for _, cfg := range []Config{
		{VocabSize: 4, MaxSeq: 2, Dim: 2, Layers: 1, Heads: 1, Eps: 1e-5},
		{VocabSize: 16, MaxSeq: 4, Dim: 4, Layers: 2, Heads: 2, Eps: 1e-5},
	} {
		m, err := Init(cfg, 1)
		if err != nil {
			f.Fatal(err)
		}
		var b bytes.Buffer
		if err := Encode(&b, m); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes(), uint64(0))
	}
	// A header length of 2^40 bytes, in a file of 16 bytes and in one
	// that claims 2^41.
	huge := binary.LittleEndian.AppendUint64(nil, 1<<40)
	f.Add(append(huge, "{}      "...), uint64(0))
	f.Add(append(huge, "{}      "...), uint64(1<<41))
	f.Add(stHeaderFile(`{"a":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,16]}}`, 16), uint64(0))
	f.Add(stHeaderFile(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}`, 16), uint64(0))
}

// stHeaderFile is a safetensors file of the given header and data bytes of zeros.
func stHeaderFile(header string, data int) []byte {
	b := binary.LittleEndian.AppendUint64(nil, uint64(len(header)))
	return append(append(b, header...), make([]byte, data)...)
}

// FuzzReadSafetensorsHeader gives the one safetensors parser any bytes, as
// a whole file or as the start of a larger sparse one (extra zero bytes
// after them, up to 2^41 in all): it must not panic, must allocate no more
// than a bound of what it read (a header that declares 2^40 bytes is
// refused before any allocation of that size), and what it accepts must
// tile the data exactly.
func FuzzReadSafetensorsHeader(f *testing.F) {
	fuzzModels(f)
	f.Fuzz(func(t *testing.T, b []byte, extra uint64) {
		size := int64(len(b)) + int64(extra%(1<<41))
		var h *SafetensorsHeader
		var err error
		got := alloctest.Bytes(func() { h, err = ReadSafetensorsHeader(sparseFile{b, size}, size) })
		// The header is read whole (at most stMaxHeader), then decoded a
		// few times over.
		read := min(size, 8+stMaxHeader)
		if limit := uint64(64*read + 1<<20); got > limit {
			t.Fatalf("a file of %d bytes (%d given): %d bytes allocated, more than %d", size, len(b), got, limit)
		}
		if err != nil {
			return
		}
		if h.DataOffset < 8 || h.DataOffset+h.DataSize != size {
			t.Fatalf("data [%d, +%d) in a file of %d bytes", h.DataOffset, h.DataSize, size)
		}
		var pos int64
		for _, e := range h.Entries {
			if e.Begin != pos || e.End < e.Begin || int64(numel(e.Shape))*4 != e.End-e.Begin {
				t.Fatalf("entry %+v at %d", e, pos)
			}
			pos = e.End
		}
		if pos != h.DataSize {
			t.Fatalf("entries cover %d of %d bytes", pos, h.DataSize)
		}
	})
}

// FuzzParse loads any bytes as a model: Parse (the workers' loader) must
// not panic, must allocate within a bound of the file's size, and must
// accept exactly what Inspect (the marketplace's check of an upload)
// accepts, with the same configuration.
func FuzzParse(f *testing.F) {
	fuzzModels(f)
	f.Fuzz(func(t *testing.T, b []byte, _ uint64) {
		var m *Model
		var err error
		got := alloctest.Bytes(func() { m, err = Parse(b) })
		if limit := uint64(64*len(b) + 1<<20); got > limit {
			t.Fatalf("a file of %d bytes: %d bytes allocated, more than %d", len(b), got, limit)
		}
		cfg, ierr := Inspect(bytes.NewReader(b), int64(len(b)))
		if (err == nil) != (ierr == nil) {
			t.Fatalf("Parse: %v; Inspect: %v", err, ierr)
		}
		if err != nil {
			return
		}
		if m.Config != cfg {
			t.Fatalf("Parse reads %+v, Inspect %+v", m.Config, cfg)
		}
	})
}
