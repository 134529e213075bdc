package model

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	other "github.com/nlpodyssey/safetensors"
)

func encodeST(t *testing.T, ts []*Tensor, meta map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteSafetensors(&buf, ts, meta); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSafetensorsValidForOtherReaders writes a model and checks the file
// with an independent implementation (a port of the reference Rust crate),
// and by hand: alignment, dtypes, shapes and offsets.
func TestSafetensorsValidForOtherReaders(t *testing.T) {
	m, err := Init(microConfig, 9)
	if err != nil {
		t.Fatal(err)
	}
	b := encodeST(t, m.Params, map[string]string{"format": "pt"})

	n := binary.LittleEndian.Uint64(b)
	if n%8 != 0 {
		t.Errorf("header length %d is not a multiple of 8", n)
	}
	var hdr map[string]json.RawMessage
	if err := json.Unmarshal(b[8:8+n], &hdr); err != nil {
		t.Fatalf("header is not JSON: %v", err)
	}
	if len(hdr) != len(m.Params)+1 {
		t.Errorf("header has %d entries, want %d tensors and the metadata", len(hdr), len(m.Params))
	}

	st, err := other.Deserialize(b)
	if err != nil {
		t.Fatalf("the reference reader refuses the file: %v", err)
	}
	if st.Len() != len(m.Params) {
		t.Fatalf("the reference reader sees %d tensors, want %d", st.Len(), len(m.Params))
	}
	for _, p := range m.Params {
		v, ok := st.Tensor(p.Name)
		if !ok {
			t.Fatalf("tensor %s missing", p.Name)
		}
		if v.DType() != other.F32 {
			t.Errorf("%s: dtype %v", p.Name, v.DType())
		}
		shape := make([]int, len(v.Shape()))
		for i, d := range v.Shape() {
			shape[i] = int(d)
		}
		if !slices.Equal(shape, p.Shape) {
			t.Errorf("%s: shape %v, want %v", p.Name, shape, p.Shape)
		}
		data := v.Data()
		for i, x := range p.F {
			if got := math.Float32frombits(binary.LittleEndian.Uint32(data[4*i:])); got != x {
				t.Fatalf("%s[%d] = %v, want %v", p.Name, i, got, x)
			}
		}
	}
}

func TestSafetensorsRoundTrip(t *testing.T) {
	ts := []*Tensor{
		{Name: "scalar", Shape: []int{}, F: []float32{3.5}},
		{Name: "empty", Shape: []int{0, 4}, F: []float32{}},
		{Name: "ids", Shape: []int{2, 2}, I: []int32{-1, 0, 7, 1 << 30}},
		{Name: "w", Shape: []int{2, 3}, F: []float32{1, -2, float32(math.Inf(1)), 0, 1e-40, float32(math.Copysign(0, -1))}},
	}
	meta := map[string]string{"format": "pt", "note": "ünïcode"}
	b := encodeST(t, ts, meta)
	got, err := ReadSafetensors(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Tensors) != len(ts) || got.Metadata["note"] != meta["note"] {
		t.Fatalf("read %d tensors and metadata %v", len(got.Tensors), got.Metadata)
	}
	for i, want := range ts {
		g := got.Tensors[i]
		if g.Name != want.Name || !g.SameLayout(want) || g.Hash() != want.Hash() {
			t.Errorf("tensor %d: got %s %v %v, want %s %v %v", i, g.Name, g.DType(), g.Shape, want.Name, want.DType(), want.Shape)
		}
	}
	// Writing what was read gives the same bytes: one canonical encoding.
	if again := encodeST(t, got.Tensors, got.Metadata); !bytes.Equal(again, b) {
		t.Error("re-encoding changes the bytes")
	}
	if _, err := other.Deserialize(b); err != nil {
		t.Errorf("the reference reader refuses the file: %v", err)
	}
}

// stFile builds a file from a raw header and data.
func stFile(header string, data []byte) []byte {
	b := binary.LittleEndian.AppendUint64(nil, uint64(len(header)))
	return append(append(b, header...), data...)
}

func TestSafetensorsRefusesMalformed(t *testing.T) {
	eight := make([]byte, 8)
	tests := []struct {
		name, want string
		file       []byte
	}{
		{"too short", "no header length", []byte{1, 2, 3}},
		{"header beyond file", "exceeds the file", binary.LittleEndian.AppendUint64(nil, 1000)},
		{"header not JSON", "not a JSON object", stFile("[1,2]", nil)},
		{"broken JSON", "header", stFile(`{"a":`, nil)},
		{"trailing JSON", "trailing", stFile(`{} {}`, nil)},
		{"header beyond the limit", "limit", binary.LittleEndian.AppendUint64(nil, 1<<40)},
		{"duplicate name", "duplicate key", stFile(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, eight)},
		{"unknown dtype", `dtype "F64" is not supported`, stFile(`{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}`, eight)},
		{"bad metadata", "__metadata__", stFile(`{"__metadata__":{"a":1}}`, nil)},
		{"unknown field", "unknown field", stFile(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"x":1}}`, eight[:4])},
		{"negative dim", "bad shape", stFile(`{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}`, eight[:4])},
		{"shape mismatch", "needs 8 bytes", stFile(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}`, eight)},
		{"shape beyond the data", "more elements than the 4 bytes", stFile(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}`, eight[:4])},
		// 2³²·2³² elements wrap to 0 in 64 bits: the count must not overflow.
		{"overflowing shape", "more elements than the 0 bytes", stFile(`{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,0]}}`, nil)},
		{"overflowing shape, zero last", "more elements", stFile(`{"a":{"dtype":"F32","shape":[4294967296,4294967296,0],"data_offsets":[0,0]}}`, nil)},
		{"offset beyond int64", "data_offsets", stFile(`{"a":{"dtype":"F32","shape":[0],"data_offsets":[0,18446744073709551616]}}`, nil)},
		{"beyond data", "outside", stFile(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}`, eight)},
		{"hole", "hole", stFile(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, eight)},
		{"overlap", "overlaps", stFile(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, eight)},
		{"uncovered tail", "cover 4 bytes", stFile(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, eight)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadSafetensors(tt.file)
			if err == nil {
				t.Fatal("accepted")
			}
			if !errors.Is(err, ErrSafetensors) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %q, want one that wraps ErrSafetensors and says %q", err, tt.want)
			}
		})
	}
}

func TestSaveLoad(t *testing.T) {
	dir := t.TempDir()
	m, err := Init(microConfig, 4)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "model.safetensors")
	if err := Save(path, m); err != nil {
		t.Fatal(err)
	}
	cfgJSON, err := os.ReadFile(filepath.Join(dir, "config.json"))
	if err != nil {
		t.Fatal(err)
	}
	var hf map[string]any
	if err := json.Unmarshal(cfgJSON, &hf); err != nil {
		t.Fatal(err)
	}
	if hf["model_type"] != "gpt2" || hf["n_embd"] != float64(microConfig.Dim) || hf["activation_function"] != "gelu_new" {
		t.Errorf("config.json = %s", cfgJSON)
	}
	back, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if back.Config != m.Config {
		t.Fatalf("config %+v, want %+v", back.Config, m.Config)
	}
	for i := range m.Params {
		if back.Params[i].Hash() != m.Params[i].Hash() {
			t.Fatalf("tensor %s changed in the round trip", m.Params[i].Name)
		}
	}

	// A Hugging Face export: "transformer." prefixes, the tied head, mask
	// buffers, and the configuration only in config.json.
	var hfTensors []*Tensor
	for _, p := range m.Params {
		u := p.Clone()
		u.Name = "transformer." + u.Name
		hfTensors = append(hfTensors, u)
	}
	hfTensors = append(hfTensors, &Tensor{Name: "lm_head.weight", Shape: m.Params[0].Shape, F: m.Params[0].F},
		&Tensor{Name: "transformer.h.0.attn.bias", Shape: []int{1, 1, 2, 2}, F: []float32{1, 0, 1, 1}})
	hfPath := filepath.Join(dir, "hf.safetensors")
	if err := os.WriteFile(hfPath, encodeST(t, hfTensors, nil), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := Load(hfPath); err != nil || got.Params[5].Hash() != m.Params[5].Hash() {
		t.Fatalf("loading a Hugging Face style export: %v", err)
	}

	// Wrong shapes, missing tensors and a missing config are refused.
	if err := os.WriteFile(hfPath, encodeST(t, hfTensors[:3], nil), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(hfPath); err == nil || !strings.Contains(err.Error(), "missing tensor") {
		t.Errorf("loading an incomplete model: %v", err)
	}
	other := t.TempDir()
	lone := filepath.Join(other, "m.safetensors")
	if err := os.WriteFile(lone, encodeST(t, m.Params, nil), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(lone); err == nil || !strings.Contains(err.Error(), "config") {
		t.Errorf("loading without any config: %v", err)
	}
}
