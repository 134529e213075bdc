package noloco

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/libp2p/go-libp2p/core/crypto"

	"github.com/axl-market/axl/swarm/model"
)

// Kind says what a Message carries.
type Kind uint8

// The kinds of message.
const (
	// KindOuter carries a worker's slow weights φ and outer delta Δ for an
	// outer step of NoLoCo.
	KindOuter Kind = 1
	// KindFinal carries a worker's weights for the closing average.
	KindFinal Kind = 2
	// KindReduce carries one chunk of a ring all-reduce (the baselines).
	KindReduce Kind = 3
)

// String returns the kind's name, as logs and traces print it.
func (k Kind) String() string {
	switch k {
	case KindOuter:
		return "outer"
	case KindFinal:
		return "final"
	case KindReduce:
		return "reduce"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Message is what one worker sends another. Its payload (everything but
// Replica) is what every replica of the job computes identically, so its
// Digest is what the trace records; Replica is part of the signed envelope
// only, which binds the message to one replica swarm.
type Message struct {
	Kind    Kind
	Job     string
	Replica uint32
	// Step is the outer step (KindOuter), or the inner steps taken
	// (KindFinal, KindReduce).
	Step uint64
	// Round numbers the messages of one step between the same two workers
	// (the phases of a ring all-reduce); 0 otherwise.
	Round    uint32
	From, To uint32 // ranks of the sender and the receiver
	Phi      []float32
	Delta    []float32
}

// magic opens every envelope: the protocol and the version of its encoding.
const magic = "axlnlc01"

// maxJob bounds the job name, so that a header cannot claim gigabytes.
const maxJob = 1 << 10

// ErrMessage is wrapped by every error that reports a malformed or forged
// message.
var ErrMessage = errors.New("bad noloco message")

// payload returns the canonical encoding of everything but Replica: the
// kind (one byte), the job (uint32 length and bytes), step (uint64), round,
// from, to (uint32 each), then φ and Δ (uint32 length and float32 elements
// each), all little-endian.
func (m *Message) payload(b []byte) []byte {
	le := binary.LittleEndian
	b = append(b, byte(m.Kind))
	b = le.AppendUint32(b, uint32(len(m.Job)))
	b = append(b, m.Job...)
	b = le.AppendUint64(b, m.Step)
	b = le.AppendUint32(b, m.Round)
	b = le.AppendUint32(b, m.From)
	b = le.AppendUint32(b, m.To)
	for _, v := range [][]float32{m.Phi, m.Delta} {
		b = le.AppendUint32(b, uint32(len(v)))
		for _, x := range v {
			b = le.AppendUint32(b, math.Float32bits(x))
		}
	}
	return b
}

// Digest returns the sha256 of the message's payload: the hash the trace
// records for it, the same in every replica of the job.
func (m *Message) Digest() model.Hash {
	return sha256.Sum256(m.payload(nil))
}

// signed returns the bytes the signature covers: the magic, the replica,
// then the payload.
func (m *Message) signed() []byte {
	b := make([]byte, 0, len(magic)+4+4+len(m.Job)+32+8*(len(m.Phi)+len(m.Delta)))
	b = append(b, magic...)
	b = binary.LittleEndian.AppendUint32(b, m.Replica)
	return m.payload(b)
}

// Seal returns the message's envelope: its canonical encoding followed by
// the signature of key over it.
func (m *Message) Seal(key crypto.PrivKey) ([]byte, error) {
	b := m.signed()
	sig, err := key.Sign(b)
	if err != nil {
		return nil, fmt.Errorf("sign noloco message: %w", err)
	}
	return append(b, sig...), nil
}

// MarshalBinary returns the message's canonical encoding, unsigned: the
// magic, the replica, then the payload. Archives keep messages so.
func (m *Message) MarshalBinary() ([]byte, error) { return m.signed(), nil }

// UnmarshalMessage parses what MarshalBinary wrote, and refuses anything
// but exactly that encoding.
func UnmarshalMessage(b []byte) (*Message, error) {
	m, n, err := decodeMessage(b)
	if err != nil {
		return nil, err
	}
	if n != len(b) {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrMessage, len(b)-n)
	}
	return m, nil
}

// Open parses an envelope made by Seal and checks its signature against
// pub. It refuses anything but exactly the canonical encoding.
func Open(b []byte, pub crypto.PubKey) (*Message, error) {
	m, n, err := decodeMessage(b)
	if err != nil {
		return nil, err
	}
	body, sig := b[:n], b[n:]
	if len(sig) == 0 {
		return nil, fmt.Errorf("%w: unsigned", ErrMessage)
	}
	ok, err := pub.Verify(body, sig)
	if err != nil || !ok {
		return nil, fmt.Errorf("%w: signature does not verify", ErrMessage)
	}
	return m, nil
}

// decodeMessage parses the canonical encoding at the start of b, and
// returns the message and the length of its encoding.
func decodeMessage(b []byte) (*Message, int, error) {
	d := decoder{b: b}
	if string(d.take(len(magic))) != magic {
		return nil, 0, fmt.Errorf("%w: not a noloco envelope", ErrMessage)
	}
	m := &Message{Replica: d.u32()}
	m.Kind = Kind(d.byte())
	n := d.u32()
	if n > maxJob {
		return nil, 0, fmt.Errorf("%w: job name of %d bytes", ErrMessage, n)
	}
	m.Job = string(d.take(int(n)))
	m.Step = d.u64()
	m.Round, m.From, m.To = d.u32(), d.u32(), d.u32()
	m.Phi, m.Delta = d.floats(), d.floats()
	if d.err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrMessage, d.err)
	}
	if m.Kind < KindOuter || m.Kind > KindReduce {
		return nil, 0, fmt.Errorf("%w: unknown kind %d", ErrMessage, m.Kind)
	}
	return m, d.off, nil
}

// decoder reads little-endian fields, remembering the first overrun.
type decoder struct {
	b   []byte
	off int
	err error
}

func (d *decoder) take(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n < 0 || n > len(d.b)-d.off {
		d.err = fmt.Errorf("truncated at byte %d", d.off)
		return nil
	}
	s := d.b[d.off : d.off+n]
	d.off += n
	return s
}

func (d *decoder) byte() byte {
	if s := d.take(1); s != nil {
		return s[0]
	}
	return 0
}

func (d *decoder) u32() uint32 {
	if s := d.take(4); s != nil {
		return binary.LittleEndian.Uint32(s)
	}
	return 0
}

func (d *decoder) u64() uint64 {
	if s := d.take(8); s != nil {
		return binary.LittleEndian.Uint64(s)
	}
	return 0
}

func (d *decoder) floats() []float32 {
	n := int(d.u32())
	if n > (len(d.b)-d.off)/4 {
		d.err = fmt.Errorf("vector of %d elements overruns the message", n)
		return nil
	}
	s := d.take(4 * n)
	if s == nil {
		return nil
	}
	v := make([]float32, n)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(s[4*i:]))
	}
	return v
}
