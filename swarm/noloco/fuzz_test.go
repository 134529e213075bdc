package noloco

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"reflect"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/axl-market/axl/market/alloctest"
)

// fuzzKey is a fixed Ed25519 key (deterministic signatures), so that a
// seed sealed with it opens in every run.
func fuzzKey(tb testing.TB, seed byte) crypto.PrivKey {
	tb.Helper()
	k, _, err := crypto.GenerateEd25519Key(bytes.NewReader(bytes.Repeat([]byte{seed}, 32)))
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

// fuzzMessages are the seeds' messages: every kind, empty and full vectors.
func fuzzMessages() []*Message {
	return []*Message{
		testMessage(),
		{Kind: KindFinal, Job: "job-fuzz", Replica: 0, Step: 12, From: 1, To: 0, Phi: []float32{1, -2, 3.5}},
		{Kind: KindReduce, Job: "job-fuzz", Replica: 0, Step: 4, Round: 1, From: 1, To: 0, Phi: []float32{}, Delta: []float32{0.25}},
		{Kind: KindOuter, Job: "job-fuzz", Replica: 0, Step: 1, From: 1, To: 0, Phi: []float32{1, 2}, Delta: []float32{3, 4}},
	}
}

// FuzzUnmarshalMessage decodes any bytes as an unsigned message (what
// archives keep and the referee is shown): no panic, no allocation beyond
// a small multiple of the input (a vector that claims 2^32 elements is
// refused before it is made), and exactly the canonical encoding
// accepted, so that encoding what was decoded gives the input back.
func FuzzUnmarshalMessage(f *testing.F) {
	for _, m := range fuzzMessages() {
		b, _ := m.MarshalBinary()
		f.Add(b)
	}
	claim := []byte(magic + "\x00\x00\x00\x00\x01\x00\x00\x00\x00" + "\x00\x00\x00\x00\x00\x00\x00\x00" + "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")
	f.Add(append(claim, 0xff, 0xff, 0xff, 0xff))
	f.Fuzz(func(t *testing.T, b []byte) {
		var m *Message
		var err error
		got := alloctest.Bytes(func() { m, err = UnmarshalMessage(b) })
		if limit := uint64(4*len(b) + 1<<20); got > limit {
			t.Fatalf("%d bytes: %d bytes allocated, more than %d", len(b), got, limit)
		}
		if err != nil {
			return
		}
		again, _ := m.MarshalBinary()
		if !bytes.Equal(again, b) {
			t.Fatalf("decoded %+v, which encodes to other bytes:\n%x\n%x", m, b, again)
		}
	})
}

// FuzzOpen opens any bytes as a signed envelope of a fixed key: no panic,
// and what opens is exactly what Seal makes of the message (Ed25519 is
// deterministic), so that no other bytes pass as a message of that key.
func FuzzOpen(f *testing.F) {
	key := fuzzKey(f, 1)
	for _, m := range fuzzMessages() {
		b, err := m.Seal(key)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)-1])
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Open(b, key.GetPublic())
		if err != nil {
			return
		}
		sealed, err := m.Seal(key)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(sealed, b) {
			t.Fatalf("an envelope that is not Seal's opens as %+v:\n%x\n%x", m, b, sealed)
		}
	})
}

// FuzzDecodeEntry decodes any bytes as a trace leaf (TraceEntry.Encode),
// as the referee does with a worker's answers: no panic, and what is
// accepted encodes back to the input.
func FuzzDecodeEntry(f *testing.F) {
	for _, e := range []TraceEntry{
		{Step: 0, Kind: EntryCheckpoint, Peer: -1},
		{Step: 4, Kind: EntrySent, Peer: 1, Hash: [32]byte{1}},
		{Step: 12, Kind: EntryFinal, Peer: -1, Hash: [32]byte{0xff}},
	} {
		f.Add(e.Encode(nil))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := DecodeEntry(b)
		if err != nil {
			return
		}
		if again := e.Encode(nil); !bytes.Equal(again, b) {
			t.Fatalf("decoded %+v, which encodes to %x, not %x", e, again, b)
		}
	})
}

// FuzzP2PFrame writes any bytes to a worker's NoLoCo stream handler over
// a real libp2p connection on loopback, from the peer of rank 1: the
// receiver answers every frame with one acknowledgement byte in time,
// refuses a length prefix beyond its bound before allocating it, and
// accepts only a message that its peer signed, for it, which Recv then
// gives back as it was sent.
func FuzzP2PFrame(f *testing.F) {
	const maxVector = 64
	hosts := newHosts(f, 2, fuzzKey(f, 1), fuzzKey(f, 2))
	p, err := NewP2P(hosts[0], P2PConfig{Job: "job-fuzz", Replica: 0, Rank: 0, Peers: []peer.ID{hosts[0].ID(), hosts[1].ID()},
		MaxVector: maxVector, Timeout: 2 * time.Second})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { p.Close() })
	frame := func(b []byte) []byte { return append(binary.BigEndian.AppendUint32(nil, uint32(len(b))), b...) }
	for _, m := range fuzzMessages()[1:] {
		b, err := m.Seal(fuzzKey(f, 2))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(frame(b))
	}
	f.Add([]byte{0xff, 0xff, 0xff, 0xff})
	f.Add(binary.BigEndian.AppendUint32(nil, 1<<12+8*maxVector+1))
	f.Fuzz(func(t *testing.T, b []byte) {
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		defer cancel()
		s, err := hosts[1].NewStream(ctx, hosts[0].ID(), RunProtocol("job-fuzz", 0))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		var ack []byte
		got := alloctest.Bytes(func() { ack, err = exchange(s, b) })
		// The receiver reads at most its bound of an envelope; libp2p's
		// own buffers come beside it.
		if limit := uint64(64 << 20); got > limit {
			t.Fatalf("a frame of %d bytes: %d bytes allocated", len(b), got)
		}
		if err != nil {
			t.Fatalf("a frame of %d bytes: no acknowledgement: %v", len(b), err)
		}
		if len(ack) != 1 || ack[0] > ackRejected {
			t.Fatalf("acknowledgement %x", ack)
		}
		if ack[0] != ackOK {
			return
		}
		if binary.BigEndian.Uint32(b) == 0 {
			return // a probe, acknowledged
		}
		m, err := Open(b[4:], hosts[1].Peerstore().PubKey(hosts[1].ID()))
		if err != nil || m.From != 1 || m.To != 0 || m.Job != "job-fuzz" {
			t.Fatalf("accepted a frame its peer did not sign for it: %+v, %v", m, err)
		}
		got2, err := p.Recv(ctx, 1, m.Kind, m.Step, m.Round)
		if err != nil || !reflect.DeepEqual(got2, m) {
			t.Fatalf("Recv: %+v, %v; sent %+v", got2, err, m)
		}
	})
}

// exchange writes b on s, closes its write side and reads the answer.
func exchange(s network.Stream, b []byte) ([]byte, error) {
	if _, err := s.Write(b); err != nil {
		return nil, err
	}
	if err := s.CloseWrite(); err != nil {
		return nil, err
	}
	if err := s.SetReadDeadline(time.Now().Add(5 * time.Second)); err != nil {
		return nil, err
	}
	return io.ReadAll(s)
}
