package noloco

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/axl-market/axl/swarm/model"
)

// EntryKind says what a trace entry records.
type EntryKind uint8

// The kinds of trace entry.
const (
	// EntryCheckpoint is the hash of the checkpoint after an inner step
	// (swarm/train's trace).
	EntryCheckpoint EntryKind = 1
	// EntrySent is the digest of a message sent to Peer.
	EntrySent EntryKind = 2
	// EntryReceived is the digest of a message received from Peer.
	EntryReceived EntryKind = 3
	// EntryOuter is the state after an outer step: the hash of the
	// checkpoint's hash followed by that of the outer momentum.
	EntryOuter EntryKind = 4
	// EntryFinal is the hash of the weights the run delivers: the averaged
	// weights it ends with, or a LoRA run's base model merged with the
	// averaged adapter (FinalHash).
	EntryFinal EntryKind = 5
)

// String returns the kind's name, as logs and traces print it.
func (k EntryKind) String() string {
	switch k {
	case EntryCheckpoint:
		return "checkpoint"
	case EntrySent:
		return "sent"
	case EntryReceived:
		return "received"
	case EntryOuter:
		return "outer"
	case EntryFinal:
		return "final"
	}
	return fmt.Sprintf("EntryKind(%d)", uint8(k))
}

// TraceEntry is one leaf of a worker's trace. Every one of them is the same
// in every honest replica of the job, worker by worker.
type TraceEntry struct {
	Step int // inner steps taken when it was recorded
	Kind EntryKind
	Peer int // the other worker's rank for EntrySent and EntryReceived; −1 otherwise
	Hash model.Hash
}

// Encode appends the entry's canonical encoding to b: the step (uint64),
// the kind (one byte), the peer (int32), all little-endian, then the hash.
func (e TraceEntry) Encode(b []byte) []byte {
	b = binary.LittleEndian.AppendUint64(b, uint64(e.Step))
	b = append(b, byte(e.Kind))
	b = binary.LittleEndian.AppendUint32(b, uint32(int32(e.Peer)))
	return append(b, e.Hash[:]...)
}

// HashTrace returns the sha256 of the entries' encodings, in order.
func HashTrace(trace []TraceEntry) model.Hash {
	h := sha256.New()
	var b []byte
	for _, e := range trace {
		b = e.Encode(b[:0])
		h.Write(b)
	}
	return model.Hash(h.Sum(nil))
}

// WriteTrace writes a trace as text, one "step kind peer sha256-hex" line
// per entry.
func WriteTrace(w io.Writer, trace []TraceEntry) error {
	bw := bufio.NewWriter(w)
	for _, e := range trace {
		fmt.Fprintf(bw, "%d %s %d %s\n", e.Step, e.Kind, e.Peer, e.Hash)
	}
	return bw.Flush()
}
