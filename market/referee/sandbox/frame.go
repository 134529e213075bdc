package sandbox

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"sync"
)

// The protocol between parent and child is a sequence of frames on the
// child's stdin (parent → child) and stdout (child → parent). A frame is
// one type byte, the payload's length as a big-endian uint32, and the
// payload. The parent opens with a start frame, followed by the raw bytes
// of the base model and of the dataset (their lengths are in the start
// frame); then the child asks and the parent answers, until the child
// sends its result or its game's error.
const (
	// Parent → child.
	frameStart  byte = 'S' // JSON start
	frameAnswer byte = 'A' // 8-byte question id, then the answer's JSON
	frameRefuse byte = 'N' // 8-byte question id, then the asker's error message

	// Child → parent.
	frameAsk    byte = 'Q' // JSON ask
	frameCancel byte = 'C' // 8-byte question id: the game no longer waits for it
	frameResult byte = 'R' // JSON result
	frameError  byte = 'E' // JSON gameError: the game ended without a ruling
)

// frameHeader is the size of a frame's type and length.
const frameHeader = 5

// maxAsk bounds a question frame: a kind and a few numbers.
const maxAsk = 1 << 20

// readFrame reads one frame whose payload may be at most limit(type)
// bytes (0: a type not expected here).
func readFrame(r *bufio.Reader, limit func(typ byte) int) (byte, []byte, error) {
	var h [frameHeader]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return 0, nil, err
	}
	typ, n := h[0], binary.BigEndian.Uint32(h[1:])
	max := limit(typ)
	switch {
	case max == 0:
		return 0, nil, fmt.Errorf("unexpected frame type %q", typ)
	case int64(n) > int64(max):
		return 0, nil, fmt.Errorf("a %q frame of %d bytes exceeds the bound of %d", typ, n, max)
	}
	p := make([]byte, n)
	if _, err := io.ReadFull(r, p); err != nil {
		return 0, nil, fmt.Errorf("a %q frame of %d bytes cut short: %w", typ, n, unexpectedEOF(err))
	}
	return typ, p, nil
}

// unexpectedEOF reports an EOF inside a frame as what it is.
func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// frameWriter writes whole frames, one at a time, from any goroutine.
type frameWriter struct {
	mu  sync.Mutex
	w   io.Writer
	max int // bound of a payload
}

// write sends one frame whose payload is the concatenation of parts.
func (fw *frameWriter) write(typ byte, parts ...[]byte) error {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if n > fw.max {
		return fmt.Errorf("a %q frame of %d bytes exceeds the bound of %d", typ, n, fw.max)
	}
	var h [frameHeader]byte
	h[0] = typ
	binary.BigEndian.PutUint32(h[1:], uint32(n))
	fw.mu.Lock()
	defer fw.mu.Unlock()
	if _, err := fw.w.Write(h[:]); err != nil {
		return err
	}
	for _, p := range parts {
		if _, err := fw.w.Write(p); err != nil {
			return err
		}
	}
	return nil
}

// raw writes bytes outside any frame (the base model and the dataset).
func (fw *frameWriter) raw(b []byte) error {
	fw.mu.Lock()
	defer fw.mu.Unlock()
	_, err := fw.w.Write(b)
	return err
}

// idBytes encodes a question id for the answer frames.
func idBytes(id uint64) []byte { return binary.BigEndian.AppendUint64(nil, id) }

// splitID splits an answer frame's payload into its question id and the rest.
func splitID(p []byte) (uint64, []byte, error) {
	if len(p) < 8 {
		return 0, nil, fmt.Errorf("a frame of %d bytes has no question id", len(p))
	}
	return binary.BigEndian.Uint64(p), p[8:], nil
}
