package noloco

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/libp2p/go-libp2p/core/crypto"
)

func testMessage() *Message {
	return &Message{Kind: KindOuter, Job: "job-1", Replica: 1, Step: 3, Round: 0, From: 0, To: 1,
		Phi: []float32{1, -2, 0.5}, Delta: []float32{0.25, 0, float32(math.Copysign(0, -1))}}
}

func newKey(t *testing.T) crypto.PrivKey {
	t.Helper()
	k, _, err := crypto.GenerateEd25519Key(nil)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestMessageRoundTrip(t *testing.T) {
	key := newKey(t)
	m := testMessage()
	b, err := m.Seal(key)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Open(b, key.GetPublic())
	if err != nil {
		t.Fatal(err)
	}
	if got.Kind != m.Kind || got.Job != m.Job || got.Replica != m.Replica || got.Step != m.Step ||
		got.From != m.From || got.To != m.To || !slices.Equal(got.Phi, m.Phi) || !slices.Equal(got.Delta, m.Delta) {
		t.Errorf("Open(Seal(m)) = %+v, want %+v", got, m)
	}
	if got.Digest() != m.Digest() {
		t.Error("the digest changed on the way")
	}
}

func TestMessageDigest(t *testing.T) {
	base := testMessage().Digest()
	other := testMessage()
	other.Replica = 7
	if other.Digest() != base {
		t.Error("the digest depends on the replica: replica swarms' traces would differ")
	}
	changes := map[string]func(m *Message){
		"kind":        func(m *Message) { m.Kind = KindFinal },
		"job":         func(m *Message) { m.Job = "job-2" },
		"step":        func(m *Message) { m.Step++ },
		"round":       func(m *Message) { m.Round++ },
		"from":        func(m *Message) { m.From = 2 },
		"to":          func(m *Message) { m.To = 2 },
		"φ":           func(m *Message) { m.Phi[1] = -2.0000002 },
		"Δ sign of 0": func(m *Message) { m.Delta[2] = 0 },
		"Δ into φ":    func(m *Message) { m.Phi, m.Delta = append(m.Phi, m.Delta[0]), m.Delta[1:] },
	}
	for name, change := range changes {
		m := testMessage()
		change(m)
		if m.Digest() == base {
			t.Errorf("changing the %s leaves the digest", name)
		}
	}
}

func TestOpenRefuses(t *testing.T) {
	key, other := newKey(t), newKey(t)
	b, err := testMessage().Seal(key)
	if err != nil {
		t.Fatal(err)
	}
	flip := func(i int) []byte {
		c := slices.Clone(b)
		c[i] ^= 1
		return c
	}
	tests := []struct {
		name string
		b    []byte
		pub  crypto.PubKey
	}{
		{"another key", b, other.GetPublic()},
		{"magic", flip(0), key.GetPublic()},
		{"replica", flip(len(magic)), key.GetPublic()},
		{"a weight", flip(len(b) - 64 - 2), key.GetPublic()},
		{"signature", flip(len(b) - 1), key.GetPublic()},
		{"unsigned", b[:len(b)-64], key.GetPublic()},
		{"truncated", b[:20], key.GetPublic()},
		{"trailing byte", append(slices.Clone(b), 0), key.GetPublic()},
		{"empty", nil, key.GetPublic()},
	}
	for _, tt := range tests {
		if _, err := Open(tt.b, tt.pub); !errors.Is(err, ErrMessage) {
			t.Errorf("%s: Open = %v, want ErrMessage", tt.name, err)
		}
	}
}
