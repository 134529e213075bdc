package verde

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
)

// EntryKind says what a trace entry hashes.
type EntryKind uint8

// The kinds of trace entry.
const (
	// Checkpoint is the hash of the canonical checkpoint after an inner step.
	Checkpoint EntryKind = 1
	// GossipSent is the hash of a gossip message the worker sent at an outer step.
	GossipSent EntryKind = 2
	// GossipReceived is the hash of a gossip message the worker received.
	GossipReceived EntryKind = 3
)

func (k EntryKind) String() string {
	switch k {
	case Checkpoint:
		return "checkpoint"
	case GossipSent:
		return "gossip-sent"
	case GossipReceived:
		return "gossip-received"
	}
	return fmt.Sprintf("kind-%d", uint8(k))
}

// Entry is one leaf of a worker's trace.
type Entry struct {
	Kind EntryKind
	Step uint64
	Hash Hash
}

// entrySize is the length of an entry's canonical encoding.
const entrySize = 1 + 8 + sha256.Size

// Encode is the canonical encoding: kind, step (big-endian), hash.
func (e Entry) Encode() []byte {
	b := make([]byte, entrySize)
	b[0] = byte(e.Kind)
	binary.BigEndian.PutUint64(b[1:9], e.Step)
	copy(b[9:], e.Hash[:])
	return b
}

// DecodeEntry parses a canonical entry.
func DecodeEntry(b []byte) (Entry, error) {
	if len(b) != entrySize {
		return Entry{}, fmt.Errorf("verde: trace entry is %d bytes, want %d", len(b), entrySize)
	}
	e := Entry{Kind: EntryKind(b[0]), Step: binary.BigEndian.Uint64(b[1:9])}
	switch e.Kind {
	case Checkpoint, GossipSent, GossipReceived:
	default:
		return Entry{}, fmt.Errorf("verde: unknown trace entry kind %d", b[0])
	}
	copy(e.Hash[:], b[9:])
	return e, nil
}

// TraceTree builds the Merkle tree of a trace.
func TraceTree(trace []Entry) (*Tree, error) {
	leaves := make([]Hash, len(trace))
	for i, e := range trace {
		leaves[i] = LeafHash(e.Encode())
	}
	return NewTree(leaves)
}

// Salt hides a trace root inside its commitment until the reveal.
type Salt [32]byte

// NewSalt draws a random salt.
func NewSalt() (Salt, error) {
	var s Salt
	if _, err := rand.Read(s[:]); err != nil {
		return s, fmt.Errorf("verde: salt: %w", err)
	}
	return s, nil
}

// Commit is the commitment to a trace root: sha256 of a domain tag, the
// root and the salt. Published first, it binds a worker to its root
// without showing it, so that no replica can copy another's answer.
func Commit(root Hash, salt Salt) Hash {
	h := sha256.New()
	h.Write([]byte("axl-verde-commit-v1"))
	h.Write(root[:])
	h.Write(salt[:])
	var out Hash
	h.Sum(out[:0])
	return out
}

// CheckReveal reports whether a revealed root and salt open the commitment.
func CheckReveal(commitment, root Hash, salt Salt) bool {
	return Commit(root, salt) == commitment
}
