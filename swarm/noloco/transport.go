package noloco

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/libp2p/go-libp2p/core/crypto"
)

// Transport carries the messages of one worker of a replica to and from the
// others, which it knows by rank.
type Transport interface {
	// Send signs m and delivers it to rank m.To, and returns the size of
	// what it sent. It returns once the receiver has accepted the message.
	Send(ctx context.Context, m *Message) (int, error)
	// Recv returns the message of kind, step and round from rank from,
	// waiting for it until ctx is done. It has been verified: signed by
	// from, and addressed to this worker of this job and replica.
	Recv(ctx context.Context, from int, kind Kind, step uint64, round uint32) (*Message, error)
}

// ErrClosed is returned by the transports once closed.
var ErrClosed = errors.New("noloco transport closed")

// ErrGone is wrapped by the error of a Recv from a peer that went away.
var ErrGone = errors.New("peer gone")

// endpoint is what a worker's transport knows of its place in the replica.
type endpoint struct {
	job           string
	replica, rank int
	workers       int
	maxVector     int // longest φ or Δ accepted; 0 means any
	mu            sync.Mutex
	boxes         map[mailKey]chan *Message
	closed        chan struct{}
	closeOnce     sync.Once
	gone          []chan struct{} // by rank: closed once the peer is known gone
	goneErr       []error
	taken         map[mailKey]bool // keys already received, to refuse replays
}

type mailKey struct {
	from  int
	kind  Kind
	step  uint64
	round uint32
}

func newEndpoint(job string, replica, rank, workers, maxVector int) *endpoint {
	return &endpoint{
		job: job, replica: replica, rank: rank, workers: workers, maxVector: maxVector,
		boxes: make(map[mailKey]chan *Message), closed: make(chan struct{}),
		gone: make([]chan struct{}, workers), goneErr: make([]error, workers),
		taken: make(map[mailKey]bool),
	}
}

// check refuses a message that is not for this worker of this job and
// replica, or whose vectors exceed the model.
func (e *endpoint) check(m *Message) error {
	switch {
	case m.Job != e.job:
		return fmt.Errorf("%w: job %q, this worker runs %q", ErrMessage, m.Job, e.job)
	case int(m.Replica) != e.replica:
		return fmt.Errorf("%w: replica %d, this worker is in %d", ErrMessage, m.Replica, e.replica)
	case int(m.To) != e.rank:
		return fmt.Errorf("%w: addressed to rank %d, this worker is %d", ErrMessage, m.To, e.rank)
	case int(m.From) >= e.workers || int(m.From) == e.rank:
		return fmt.Errorf("%w: from rank %d of %d", ErrMessage, m.From, e.workers)
	case e.maxVector > 0 && (len(m.Phi) > e.maxVector || len(m.Delta) > e.maxVector):
		return fmt.Errorf("%w: vectors of %d and %d elements, at most %d", ErrMessage, len(m.Phi), len(m.Delta), e.maxVector)
	}
	return nil
}

// box returns the mailbox of k, making it if need be. e.mu must be held.
func (e *endpoint) box(k mailKey) chan *Message {
	c, ok := e.boxes[k]
	if !ok {
		c = make(chan *Message, 1)
		e.boxes[k] = c
	}
	return c
}

// deliver checks m and files it for Recv. A second message under the same
// key, before or after the first was received, is refused.
func (e *endpoint) deliver(m *Message) error {
	if err := e.check(m); err != nil {
		return err
	}
	k := mailKey{int(m.From), m.Kind, m.Step, m.Round}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.taken[k] {
		return fmt.Errorf("%w: %s message of step %d round %d from rank %d already received", ErrMessage, m.Kind, m.Step, m.Round, m.From)
	}
	if limit := max(maxPending, 2*e.workers); e.pending(k.from) >= limit {
		return fmt.Errorf("%w: %d messages from rank %d wait already", ErrMessage, limit, m.From)
	}
	select {
	case e.box(k) <- m:
		return nil
	default:
		return fmt.Errorf("%w: duplicate %s message of step %d round %d from rank %d", ErrMessage, m.Kind, m.Step, m.Round, m.From)
	}
}

func (e *endpoint) recv(ctx context.Context, from int, kind Kind, step uint64, round uint32) (*Message, error) {
	k := mailKey{from, kind, step, round}
	e.mu.Lock()
	box := e.box(k)
	e.mu.Unlock()
	var gone chan struct{}
	if from >= 0 && from < len(e.gone) {
		gone = e.peerGone(from)
	}
	select {
	case m := <-box:
		e.take(k)
		return m, nil
	case <-gone:
		// What arrived before the peer went is still good.
		select {
		case m := <-box:
			e.take(k)
			return m, nil
		default:
		}
		e.mu.Lock()
		defer e.mu.Unlock()
		return nil, e.goneErr[from]
	case <-e.closed:
		return nil, ErrClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// maxPending bounds the messages of one sender that wait to be received
// (or twice the workers, if more), so that a peer cannot fill the memory:
// honest workers are at most a few exchanges ahead of each other, or the
// length of the ring in an all-reduce.
const maxPending = 32

// pending counts the messages from rank that wait. e.mu must be held.
func (e *endpoint) pending(rank int) int {
	n := 0
	for k, c := range e.boxes {
		if k.from == rank && len(c) > 0 {
			n++
		}
	}
	return n
}

// take marks k received.
func (e *endpoint) take(k mailKey) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.boxes, k)
	e.taken[k] = true
}

// peerGone returns the channel closed when rank is known gone.
func (e *endpoint) peerGone(rank int) chan struct{} {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.gone[rank] == nil {
		e.gone[rank] = make(chan struct{})
	}
	return e.gone[rank]
}

// fail records that rank is gone, for err: what waits for it fails.
func (e *endpoint) fail(rank int, err error) {
	c := e.peerGone(rank)
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.goneErr[rank] == nil {
		e.goneErr[rank] = err
		close(c)
	}
}

func (e *endpoint) close() { e.closeOnce.Do(func() { close(e.closed) }) }

func (e *endpoint) isClosed() bool {
	select {
	case <-e.closed:
		return true
	default:
		return false
	}
}

// MemNetwork connects the workers of one replica in memory. Messages are
// sealed and opened as on the wire, so sizes and checks are those of P2P.
type MemNetwork struct {
	ends []*endpoint
	keys []crypto.PrivKey
}

// NewMemNetwork returns a network of workers ranks, each with a fresh
// Ed25519 key.
func NewMemNetwork(job string, replica, workers int) (*MemNetwork, error) {
	n := &MemNetwork{}
	for r := range workers {
		key, _, err := crypto.GenerateEd25519Key(nil)
		if err != nil {
			return nil, err
		}
		n.keys = append(n.keys, key)
		n.ends = append(n.ends, newEndpoint(job, replica, r, workers, 0))
	}
	return n, nil
}

// Transport returns the transport of rank.
func (n *MemNetwork) Transport(rank int) Transport { return &memTransport{net: n, rank: rank} }

// Close takes rank off the network, as when a peer's host goes away: what
// it waits for fails, what is sent to it is refused, and whoever waits for
// a message from it is told.
func (n *MemNetwork) Close(rank int) {
	n.ends[rank].close()
	for r, e := range n.ends {
		if r != rank {
			e.fail(rank, fmt.Errorf("rank %d: %w", rank, ErrGone))
		}
	}
}

type memTransport struct {
	net  *MemNetwork
	rank int
}

func (t *memTransport) Send(ctx context.Context, m *Message) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if t.net.ends[t.rank].isClosed() {
		return 0, ErrClosed
	}
	if int(m.To) >= len(t.net.ends) {
		return 0, fmt.Errorf("no rank %d among %d workers", m.To, len(t.net.ends))
	}
	b, err := m.Seal(t.net.keys[t.rank])
	if err != nil {
		return 0, err
	}
	dst := t.net.ends[m.To]
	if dst.isClosed() {
		return 0, fmt.Errorf("rank %d: %w", m.To, ErrClosed)
	}
	got, err := Open(b, t.net.keys[t.rank].GetPublic())
	if err != nil {
		return 0, err
	}
	if int(got.From) != t.rank {
		return 0, fmt.Errorf("%w: rank %d signs as rank %d", ErrMessage, t.rank, got.From)
	}
	return len(b), dst.deliver(got)
}

func (t *memTransport) Recv(ctx context.Context, from int, kind Kind, step uint64, round uint32) (*Message, error) {
	return t.net.ends[t.rank].recv(ctx, from, kind, step, round)
}
