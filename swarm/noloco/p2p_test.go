package noloco

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/peerstore"
	"github.com/libp2p/go-libp2p/p2p/transport/tcp"
)

// newHosts starts n libp2p hosts on loopback that know each other's
// addresses; host i has keys[i] when keys are given, else a random key.
func newHosts(t testing.TB, n int, keys ...crypto.PrivKey) []host.Host {
	t.Helper()
	hosts := make([]host.Host, n)
	for i := range hosts {
		opts := []libp2p.Option{
			libp2p.ListenAddrStrings("/ip4/127.0.0.1/tcp/0"),
			libp2p.Transport(tcp.NewTCPTransport),
			libp2p.DisableRelay(),
		}
		if i < len(keys) {
			opts = append(opts, libp2p.Identity(keys[i]))
		}
		h, err := libp2p.New(opts...)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { h.Close() })
		hosts[i] = h
	}
	for _, h := range hosts {
		for _, o := range hosts {
			if o != h {
				h.Peerstore().AddAddrs(o.ID(), o.Addrs(), peerstore.PermanentAddrTTL)
			}
		}
	}
	return hosts
}

func ids(hosts []host.Host) []peer.ID {
	var out []peer.ID
	for _, h := range hosts {
		out = append(out, h.ID())
	}
	return out
}

func newP2P(t *testing.T, h host.Host, cfg P2PConfig) *P2P {
	t.Helper()
	p, err := NewP2P(h, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// p2pTransports returns the transports of a replica on hosts.
func p2pTransports(t *testing.T, s swarmSpec, replica int, hosts []host.Host) []Transport {
	t.Helper()
	var out []Transport
	for r, h := range hosts {
		out = append(out, newP2P(t, h, P2PConfig{Job: s.run.Job, Replica: replica, Rank: r, Peers: ids(hosts), MaxVector: s.cfg.NumParams()}))
	}
	return out
}

// TestP2PRunMatchesMemory runs a replica of three workers over libp2p and
// wants, worker by worker, the trace and weights of the same job run in
// memory by another replica.
func TestP2PRunMatchesMemory(t *testing.T) {
	s := testSpec(NoLoCo, 3, 8, 4)
	tps := p2pTransports(t, s, 0, newHosts(t, 3))
	wire := runSwarm(t, s, 0, func(r int) Transport { return tps[r] })
	mem := memSwarm(t, s, 1)
	for r := range wire {
		if wire[r].err != nil || mem[r].err != nil {
			t.Fatalf("rank %d: %v, %v", r, wire[r].err, mem[r].err)
		}
		if !slices.Equal(wire[r].res.Trace, mem[r].res.Trace) {
			t.Errorf("rank %d: the trace over libp2p differs from the one in memory", r)
		}
		if !slices.Equal(wire[r].weights, mem[r].weights) {
			t.Errorf("rank %d: the weights over libp2p differ from those in memory", r)
		}
		if wire[r].res.BytesSent <= mem[r].res.BytesSent {
			t.Errorf("rank %d: %d bytes on the wire, %d in memory: the wire adds the length prefix", r, wire[r].res.BytesSent, mem[r].res.BytesSent)
		}
	}
}

// TestP2PRefuses sends messages that the receiver must refuse, and one it
// must accept.
func TestP2PRefuses(t *testing.T) {
	hosts := newHosts(t, 4) // hosts[3] is a stranger to the replica
	peers := ids(hosts[:3])
	var log syncBuffer
	recv := newP2P(t, hosts[1], P2PConfig{Job: "job-1", Replica: 0, Rank: 1, Peers: peers, MaxVector: 4, Timeout: 5 * time.Second,
		Log: slog.New(slog.NewTextHandler(&log, nil))})
	good := P2PConfig{Job: "job-1", Replica: 0, Rank: 0, Peers: peers}
	tests := []struct {
		name   string
		sender host.Host
		cfg    func(c P2PConfig) P2PConfig
		msg    func(m *Message)
		reason string // in the receiver's log
	}{
		// On the run's protocol, a message that names another run.
		{"another job", hosts[0], func(c P2PConfig) P2PConfig { return c }, func(m *Message) { m.Job = "job-2" }, `job \"job-2\"`},
		{"another replica", hosts[0], func(c P2PConfig) P2PConfig { return c }, func(m *Message) { m.Replica = 1 }, "replica 1"},
		{"signs as another rank", hosts[0], func(c P2PConfig) P2PConfig {
			c.Rank, c.Peers = 2, []peer.ID{peers[2], peers[1], peers[0]}
			return c
		}, nil, "is rank 0 and signs as rank 2"},
		{"addressed to another rank", hosts[0], func(c P2PConfig) P2PConfig {
			c.Peers = []peer.ID{peers[0], peers[2], peers[1]}
			return c
		}, func(m *Message) { m.To = 2 }, "addressed to rank 2"},
		{"stranger", hosts[3], func(c P2PConfig) P2PConfig {
			c.Rank, c.Peers = 2, []peer.ID{peers[0], peers[1], hosts[3].ID()}
			return c
		}, nil, "not in this replica"},
		{"too large", hosts[0], func(c P2PConfig) P2PConfig { return c }, func(m *Message) { m.Phi = make([]float32, 5) }, "at most 4"},
	}
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.cfg(good)
			send := newP2P(t, tt.sender, cfg)
			m := &Message{Kind: KindOuter, Job: cfg.Job, Replica: uint32(cfg.Replica), Step: 1, From: uint32(cfg.Rank), To: 1, Phi: []float32{1}, Delta: []float32{2}}
			if tt.msg != nil {
				tt.msg(m)
			}
			if _, err := send.Send(ctx, m); !errors.Is(err, ErrMessage) {
				t.Errorf("Send = %v, want a refusal", err)
			}
			if !strings.Contains(log.String(), tt.reason) {
				t.Errorf("the receiver's log does not say %q:\n%s", tt.reason, log.String())
			}
		})
	}
	for from := range 3 {
		short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		if m, err := recv.Recv(short, from, KindOuter, 1, 0); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("rank %d: Recv = %+v, %v: a refused message was delivered", from, m, err)
		}
		cancel()
	}

	send := newP2P(t, hosts[0], good)
	m := &Message{Kind: KindOuter, Job: "job-1", Step: 1, From: 0, To: 1, Phi: []float32{1}, Delta: []float32{2}}
	if _, err := send.Send(ctx, m); err != nil {
		t.Fatalf("a good message: %v", err)
	}
	got, err := recv.Recv(ctx, 0, KindOuter, 1, 0)
	if err != nil || got.Digest() != m.Digest() {
		t.Fatalf("Recv = %+v, %v", got, err)
	}
	if _, err := send.Send(ctx, m); !errors.Is(err, ErrMessage) || !strings.Contains(log.String(), "already received") {
		t.Errorf("a replay: Send = %v, want a refusal", err)
	}
}

// TestP2PTwoRunsOnOneHost places the same two hosts in two runs at once,
// as workers of capacity two: each run's messages reach its own receiver,
// a probe answers only for a run the peer serves, and closing one run
// leaves the other served.
func TestP2PTwoRunsOnOneHost(t *testing.T) {
	hosts := newHosts(t, 2)
	peers := ids(hosts)
	runs := map[string][2]*P2P{}
	for _, job := range []string{"job-a", "job-b"} {
		var pair [2]*P2P
		for r := range 2 {
			pair[r] = newP2P(t, hosts[r], P2PConfig{Job: job, Replica: 0, Rank: r, Peers: peers, MaxVector: 4, Timeout: 5 * time.Second})
		}
		runs[job] = pair
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	for job, pair := range runs {
		if err := pair[0].Probe(ctx, 1); err != nil {
			t.Fatalf("%s: probe of a peer in the run: %v", job, err)
		}
		m := &Message{Kind: KindOuter, Job: job, Step: 1, From: 0, To: 1, Phi: []float32{1}, Delta: []float32{2}}
		if _, err := pair[0].Send(ctx, m); err != nil {
			t.Fatalf("%s: Send: %v", job, err)
		}
		got, err := pair[1].Recv(ctx, 0, KindOuter, 1, 0)
		if err != nil || got.Digest() != m.Digest() {
			t.Fatalf("%s: Recv = %+v, %v", job, got, err)
		}
	}
	stranger := newP2P(t, hosts[0], P2PConfig{Job: "job-c", Replica: 0, Rank: 0, Peers: peers, MaxVector: 4})
	if err := stranger.Probe(ctx, 1); err == nil {
		t.Error("a probe for a run the peer is not in was answered")
	}
	runs["job-a"][1].Close()
	if err := runs["job-a"][0].Probe(ctx, 1); err == nil {
		t.Error("a probe for a run the peer closed was answered")
	}
	m := &Message{Kind: KindOuter, Job: "job-b", Step: 2, From: 0, To: 1, Phi: []float32{3}, Delta: []float32{4}}
	if _, err := runs["job-b"][0].Send(ctx, m); err != nil {
		t.Fatalf("job-b after job-a closed: %v", err)
	}
	if got, err := runs["job-b"][1].Recv(ctx, 0, KindOuter, 2, 0); err != nil || got.Digest() != m.Digest() {
		t.Fatalf("job-b after job-a closed: Recv = %+v, %v", got, err)
	}
}

// syncBuffer is a bytes.Buffer for a logger that writes from several
// goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// killer closes its worker's host when the run comes to send for outer
// step 2, as a worker that crashes mid-run.
type killer struct {
	Transport
	host host.Host
	once sync.Once
	at   chan time.Time
}

func (k *killer) Send(ctx context.Context, m *Message) (int, error) {
	if m.Kind == KindOuter && m.Step == 2 {
		k.once.Do(func() {
			k.host.Close()
			k.at <- time.Now()
		})
		return 0, errors.New("killed")
	}
	return k.Transport.Send(ctx, m)
}

func TestP2PPeerKilled(t *testing.T) {
	s := testSpec(NoLoCo, 2, 12, 4)
	s.run.Timeout = 15 * time.Second
	hosts := newHosts(t, 2)
	tps := p2pTransports(t, s, 0, hosts)
	k := &killer{Transport: tps[1], host: hosts[1], at: make(chan time.Time, 1)}
	tps[1] = k
	out := runSwarm(t, s, 0, func(r int) Transport { return tps[r] })
	killed := <-k.at
	err := out[0].err
	t.Logf("rank 0: %v", err)
	var pe *PeerError
	if !errors.As(err, &pe) || pe.Rank != 1 {
		t.Fatalf("rank 0: %v, want a PeerError naming rank 1", err)
	}
	if !strings.Contains(err.Error(), hosts[1].ID().String()) {
		t.Errorf("%v does not name the peer %s", err, hosts[1].ID())
	}
	// Rank 0 may or may not have had the acknowledgement of outer step 1.
	if !regexp.MustCompile(`outer step [12]\b`).MatchString(err.Error()) {
		t.Errorf("%v does not name the outer step", err)
	}
	if out[1].err == nil {
		t.Error("the killed worker's run succeeded")
	}
	// The run noticed the disconnection, well before the timeout.
	if d := time.Since(killed); d > 5*time.Second {
		t.Errorf("rank 0 failed %v after the kill", d)
	}
	// Either rank 0 was sending when rank 1 went, or it was waiting and
	// learnt it from the disconnection.
	if !errors.Is(err, ErrGone) && !strings.Contains(err.Error(), ": send: ") {
		t.Errorf("%v: want a failed send or ErrGone", err)
	}
}
