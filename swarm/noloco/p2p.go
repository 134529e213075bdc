package noloco

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
)

// ProtocolID is the prefix of the libp2p protocols of NoLoCo's messages; a
// run's own is RunProtocol. A stream carries one message: a uint32
// big-endian length and the envelope (Message.Seal), answered by one byte,
// 0 if the receiver accepted it. An empty envelope is a probe (Probe),
// acknowledged and kept by no one.
const ProtocolID protocol.ID = "/axl/noloco/1.0.0"

// RunProtocol is the protocol of one replica's run of a job: each run has
// its own handler, so that a host in several runs at once (a worker of
// capacity above one) keeps them apart, and a peer serving it has joined
// this run, not merely some run.
func RunProtocol(job string, replica int) protocol.ID {
	return protocol.ID(fmt.Sprintf("%s/%s/%d", ProtocolID, job, replica))
}

// Acknowledgements: a receiver answers every message with one of these.
const (
	ackOK       byte = 0
	ackRejected byte = 1
)

// P2PConfig places a worker's host in its replica.
type P2PConfig struct {
	Job     string
	Replica int
	Rank    int
	// Peers are the libp2p ids of the replica's workers, by rank (this
	// worker's own included). Their addresses must be in the host's peer
	// store.
	Peers []peer.ID
	// MaxVector bounds the φ and Δ a peer may send, in elements: the size of
	// the model.
	MaxVector int
	// Timeout bounds the reading of one incoming message (default 30 s).
	Timeout time.Duration
	// Redial bounds the attempt to reconnect to a peer whose connection
	// closed (default 5 s); if it fails, the peer is gone and whoever waits
	// for it is told at once rather than at the run's timeout.
	Redial time.Duration
	Log    *slog.Logger
}

// P2P is the Transport of one worker over libp2p streams. Messages are
// signed with the host's private key and verified against the sender's
// peer id, which must be the one of the rank the message claims.
type P2P struct {
	host   host.Host
	key    crypto.PrivKey
	cfg    P2PConfig
	proto  protocol.ID
	end    *endpoint
	log    *slog.Logger
	notify network.Notifiee
	ctx    context.Context // ends with Close
	cancel context.CancelFunc
}

// NewP2P registers the run's stream handler (RunProtocol) on h and returns the
// transport. Close removes it.
func NewP2P(h host.Host, cfg P2PConfig) (*P2P, error) {
	if cfg.Rank < 0 || cfg.Rank >= len(cfg.Peers) || cfg.Peers[cfg.Rank] != h.ID() {
		return nil, fmt.Errorf("rank %d: the host %s is not that rank among %d peers", cfg.Rank, h.ID(), len(cfg.Peers))
	}
	key := h.Peerstore().PrivKey(h.ID())
	if key == nil {
		return nil, fmt.Errorf("host %s holds no private key", h.ID())
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.Redial <= 0 {
		cfg.Redial = 5 * time.Second
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	p := &P2P{
		host: h, key: key, cfg: cfg, proto: RunProtocol(cfg.Job, cfg.Replica),
		end: newEndpoint(cfg.Job, cfg.Replica, cfg.Rank, len(cfg.Peers), cfg.MaxVector),
		log: cfg.Log.With("rank", cfg.Rank),
	}
	p.ctx, p.cancel = context.WithCancel(context.Background())
	p.notify = &network.NotifyBundle{DisconnectedF: func(_ network.Network, c network.Conn) {
		go p.redial(c.RemotePeer())
	}}
	h.Network().Notify(p.notify)
	h.SetStreamHandler(p.proto, p.handle)
	return p, nil
}

// Close stops accepting messages; waiting receivers return ErrClosed.
func (p *P2P) Close() error {
	p.host.Network().StopNotify(p.notify)
	p.host.RemoveStreamHandler(p.proto)
	p.cancel()
	p.end.close()
	return nil
}

// redial reconnects to a peer of the replica whose connection closed, and
// marks it gone if that fails: a crashed worker refuses at once.
func (p *P2P) redial(id peer.ID) {
	rank := slices.Index(p.cfg.Peers, id)
	if rank < 0 || rank == p.cfg.Rank || p.host.Network().Connectedness(id) == network.Connected {
		return
	}
	ctx, cancel := context.WithTimeout(p.ctx, p.cfg.Redial)
	defer cancel()
	if err := p.host.Connect(ctx, peer.AddrInfo{ID: id}); err != nil {
		if p.ctx.Err() != nil {
			return // closed meanwhile: not the peer's doing
		}
		p.log.Warn("noloco peer gone", "peer", id, "peer_rank", rank, "err", err)
		p.end.fail(rank, fmt.Errorf("%w: disconnected and unreachable: %v", ErrGone, err))
	}
}

// maxEnvelope is the largest envelope a peer may send: the header, two
// vectors of MaxVector elements and a signature.
func (p *P2P) maxEnvelope() int {
	if p.cfg.MaxVector <= 0 {
		return 1 << 30
	}
	return 1<<12 + 8*p.cfg.MaxVector
}

// Send opens a stream to rank m.To, writes the sealed message and waits for
// the acknowledgement.
func (p *P2P) Send(ctx context.Context, m *Message) (int, error) {
	if int(m.To) >= len(p.cfg.Peers) {
		return 0, fmt.Errorf("no rank %d among %d workers", m.To, len(p.cfg.Peers))
	}
	b, err := m.Seal(p.key)
	if err != nil {
		return 0, err
	}
	return p.roundTrip(ctx, p.cfg.Peers[m.To], b)
}

// Probe reports whether the peer of rank serves this run yet: it sends
// the peer an empty envelope on the run's protocol, which a peer that
// joined acknowledges. Unlike the peer store's protocol list, learnt from
// identify and its pushes (which a handler registered while the
// connection opens can miss), it asks the peer itself.
func (p *P2P) Probe(ctx context.Context, rank int) error {
	if rank < 0 || rank >= len(p.cfg.Peers) {
		return fmt.Errorf("no rank %d among %d workers", rank, len(p.cfg.Peers))
	}
	_, err := p.roundTrip(ctx, p.cfg.Peers[rank], nil)
	return err
}

// roundTrip opens a stream of the run's protocol to peer to, writes the
// frame of envelope b and waits for the acknowledgement.
func (p *P2P) roundTrip(ctx context.Context, to peer.ID, b []byte) (int, error) {
	s, err := p.host.NewStream(ctx, to, p.proto)
	if err != nil {
		return 0, fmt.Errorf("peer %s: open stream: %w", to, err)
	}
	defer s.Close()
	if dl, ok := ctx.Deadline(); ok {
		if err := s.SetDeadline(dl); err != nil {
			s.Reset()
			return 0, fmt.Errorf("peer %s: %w", to, err)
		}
	}
	// Reset the stream if ctx ends first, so that a silent peer cannot hold
	// the write or the read beyond it.
	stop := context.AfterFunc(ctx, func() { s.Reset() })
	defer stop()
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(b)))
	if _, err := s.Write(append(n[:], b...)); err != nil {
		s.Reset()
		return 0, fmt.Errorf("peer %s: send: %w", to, err)
	}
	if err := s.CloseWrite(); err != nil {
		s.Reset()
		return 0, fmt.Errorf("peer %s: send: %w", to, err)
	}
	var ack [1]byte
	if _, err := io.ReadFull(s, ack[:]); err != nil {
		s.Reset()
		return 0, fmt.Errorf("peer %s: no acknowledgement: %w", to, err)
	}
	if ack[0] != ackOK {
		return 0, fmt.Errorf("peer %s: %w: message refused", to, ErrMessage)
	}
	return len(n) + len(b), nil
}

// Recv waits for a message from rank from.
func (p *P2P) Recv(ctx context.Context, from int, kind Kind, step uint64, round uint32) (*Message, error) {
	m, err := p.end.recv(ctx, from, kind, step, round)
	if err != nil && from >= 0 && from < len(p.cfg.Peers) {
		return nil, fmt.Errorf("peer %s: %w", p.cfg.Peers[from], err)
	}
	return m, err
}

// handle reads one message from a stream, verifies and files it, and
// acknowledges it.
func (p *P2P) handle(s network.Stream) {
	defer s.Close()
	remote := s.Conn().RemotePeer()
	if err := s.SetDeadline(time.Now().Add(p.cfg.Timeout)); err != nil {
		s.Reset()
		return
	}
	m, err := p.read(s)
	if err == nil && m != nil { // nil: a probe
		err = p.end.deliver(m)
	}
	ack := ackOK
	if err != nil {
		p.log.Warn("noloco message refused", "peer", remote, "err", err)
		ack = ackRejected
	}
	if _, err := s.Write([]byte{ack}); err != nil {
		s.Reset()
	}
}

// read reads the frame of one message from a peer of the replica: nil, no
// error, for a probe's empty one.
func (p *P2P) read(s network.Stream) (*Message, error) {
	remote := s.Conn().RemotePeer()
	from := slices.Index(p.cfg.Peers, remote)
	if from < 0 {
		return nil, fmt.Errorf("%w: peer %s is not in this replica", ErrMessage, remote)
	}
	var n [4]byte
	if _, err := io.ReadFull(s, n[:]); err != nil {
		return nil, err
	}
	size := binary.BigEndian.Uint32(n[:])
	if size == 0 {
		return nil, nil // a probe: the sender asks whether this run is served
	}
	if int64(size) > int64(p.maxEnvelope()) {
		return nil, fmt.Errorf("%w: %d bytes, at most %d", ErrMessage, size, p.maxEnvelope())
	}
	b := make([]byte, size)
	if _, err := io.ReadFull(s, b); err != nil {
		return nil, err
	}
	pub := s.Conn().RemotePublicKey()
	if pub == nil {
		return nil, errors.New("connection without the remote's public key")
	}
	m, err := Open(b, pub)
	if err != nil {
		return nil, err
	}
	if int(m.From) != from {
		return nil, fmt.Errorf("%w: peer %s is rank %d and signs as rank %d", ErrMessage, remote, from, m.From)
	}
	return m, nil
}
