package model

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"slices"
)

// DType is the element type of a Tensor.
type DType uint8

// The element types: weights and activations are float32, token ids int32.
const (
	F32 DType = 1
	I32 DType = 2
)

// String returns the safetensors name of the type ("F32", "I32").
func (d DType) String() string {
	switch d {
	case F32:
		return "F32"
	case I32:
		return "I32"
	}
	return fmt.Sprintf("DType(%d)", uint8(d))
}

// Tensor is a named, shaped buffer of float32 (F) or int32 (I) elements.
type Tensor struct {
	Name  string
	Shape []int
	F     []float32 // the elements if float32
	I     []int32   // the elements if int32
}

// NewF32 returns a zeroed float32 tensor.
func NewF32(name string, shape ...int) *Tensor {
	return &Tensor{Name: name, Shape: slices.Clone(shape), F: make([]float32, numel(shape))}
}

// NewI32 returns a zeroed int32 tensor.
func NewI32(name string, shape ...int) *Tensor {
	return &Tensor{Name: name, Shape: slices.Clone(shape), I: make([]int32, numel(shape))}
}

// DType returns the element type.
func (t *Tensor) DType() DType {
	if t.I != nil {
		return I32
	}
	return F32
}

// Len returns the number of elements.
func (t *Tensor) Len() int { return numel(t.Shape) }

// Clone returns a deep copy.
func (t *Tensor) Clone() *Tensor {
	return &Tensor{Name: t.Name, Shape: slices.Clone(t.Shape), F: slices.Clone(t.F), I: slices.Clone(t.I)}
}

// Like returns a zeroed tensor of the same name, type and shape.
func (t *Tensor) Like() *Tensor {
	if t.DType() == I32 {
		return NewI32(t.Name, t.Shape...)
	}
	return NewF32(t.Name, t.Shape...)
}

// SameLayout reports whether u has t's type and shape.
func (t *Tensor) SameLayout(u *Tensor) bool {
	return t.DType() == u.DType() && slices.Equal(t.Shape, u.Shape)
}

// Hash is a sha256 digest.
type Hash [sha256.Size]byte

// String returns the digest in hex.
func (h Hash) String() string { return fmt.Sprintf("%x", h[:]) }

// Hash returns the sha256 of the tensor's canonical encoding (see Encode);
// the name is not part of it.
func (t *Tensor) Hash() Hash {
	h := sha256.New()
	t.Encode(h) // a hash never fails to write
	var out Hash
	h.Sum(out[:0])
	return out
}

// Encode writes the tensor's canonical encoding, without its name: the
// type (one byte), the rank and each dimension (uint32 little-endian), then
// the elements, little-endian.
func (t *Tensor) Encode(w io.Writer) error {
	hdr := make([]byte, 0, 5+4*len(t.Shape))
	hdr = append(hdr, byte(t.DType()))
	hdr = binary.LittleEndian.AppendUint32(hdr, uint32(len(t.Shape)))
	for _, d := range t.Shape {
		hdr = binary.LittleEndian.AppendUint32(hdr, uint32(d))
	}
	if _, err := w.Write(hdr); err != nil {
		return err
	}
	if t.DType() == I32 {
		return WriteI32(w, t.I)
	}
	return WriteF32(w, t.F)
}

// WriteF32 writes xs little-endian to w, through a small buffer.
func WriteF32(w io.Writer, xs []float32) error {
	var buf [8192]byte
	for len(xs) > 0 {
		n := min(len(xs), len(buf)/4)
		for i, x := range xs[:n] {
			binary.LittleEndian.PutUint32(buf[4*i:], math.Float32bits(x))
		}
		if _, err := w.Write(buf[:4*n]); err != nil {
			return err
		}
		xs = xs[n:]
	}
	return nil
}

// WriteI32 writes xs little-endian to w, through a small buffer.
func WriteI32(w io.Writer, xs []int32) error {
	var buf [8192]byte
	for len(xs) > 0 {
		n := min(len(xs), len(buf)/4)
		for i, x := range xs[:n] {
			binary.LittleEndian.PutUint32(buf[4*i:], uint32(x))
		}
		if _, err := w.Write(buf[:4*n]); err != nil {
			return err
		}
		xs = xs[n:]
	}
	return nil
}
