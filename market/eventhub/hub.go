// Package eventhub fans intents' event logs out to their followers (the
// API's event streams) in process. The log is read once per append and
// intent, whatever the number of followers: a notification (PostgreSQL's
// LISTEN/NOTIFY, through market/postgres.Listener) says which intent's log
// grew, the hub reads the new entries once into a short per-intent buffer,
// and every follower takes them from there. Nothing polls.
package eventhub

import (
	"context"
	"log/slog"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/axl-market/axl/market"
)

// Log reads an intent's event log (market.Store does).
type Log interface {
	// IntentEvents returns up to limit events of an intent with Seq > after.
	IntentEvents(ctx context.Context, id market.Hash, after int64, limit int) ([]market.IntentEvent, error)
}

// Registry registers the intents the hub follows, where the notifications
// are sent from (market/postgres.Listener): only their appends are
// announced.
type Registry interface {
	// Follow registers intent id for topic: every append that does not
	// commit before Follow returns is notified.
	Follow(ctx context.Context, id market.Hash, topic int64) error
	// Unfollow forgets topic's registration.
	Unfollow(ctx context.Context, id market.Hash, topic int64) error
}

// Config bounds a hub; zero fields take DefaultConfig's.
type Config struct {
	// MaxStreams is the most followers at once, of all intents.
	MaxStreams int
	// MaxStreamsPerIntent is the most followers of one intent at once.
	MaxStreamsPerIntent int
	// Buffer is how many recent events are kept per followed intent; a
	// follower that falls further behind reads what it missed itself.
	Buffer int
}

// DefaultConfig holds the defaults of axl serve.
var DefaultConfig = Config{MaxStreams: 1024, MaxStreamsPerIntent: 64, Buffer: 64}

// page is how many events one read takes.
const page = 100

// Hub is the fan-out. Its EventsAppended and Resync methods are what the
// notification source calls (market/postgres.EventHandler).
type Hub struct {
	cfg      Config
	log      Log
	registry Registry
	logger   *slog.Logger
	ctx      context.Context // the reads'; cancelled by Close
	cancel   context.CancelFunc

	mu     sync.Mutex
	topics map[market.Hash]*topic
	total  int
	closed bool
	serial int64 // numbers the topics

	reads atomic.Int64
}

// topic is one followed intent. Its fields are guarded by Hub.mu.
type topic struct {
	id     market.Hash
	serial int64
	subs   int
	// followed is set once the registry holds the topic; cleared when a
	// resync asks for it again (the database may have lost it).
	followed bool
	// events holds every event e of the log with start < e.Seq <= last,
	// in order.
	events      []market.IntentEvent
	start, last int64
	// final is set once an event of a final state was read: its streams
	// end when they have delivered what was read.
	final bool
	err   error // a read failed: the topic's streams end, a new topic starts
	// changed is closed, and replaced, whenever the above change.
	changed        chan struct{}
	reading, dirty bool
}

// New returns a hub reading log and registering its intents with
// registry; logger may be nil.
func New(cfg Config, log Log, registry Registry, logger *slog.Logger) *Hub {
	def := DefaultConfig
	if cfg.MaxStreams <= 0 {
		cfg.MaxStreams = def.MaxStreams
	}
	if cfg.MaxStreamsPerIntent <= 0 {
		cfg.MaxStreamsPerIntent = def.MaxStreamsPerIntent
	}
	if cfg.Buffer <= 0 {
		cfg.Buffer = def.Buffer
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Hub{cfg: cfg, log: log, registry: registry, logger: logger, ctx: ctx, cancel: cancel, topics: map[market.Hash]*topic{}}
}

// Close ends every stream and stops the reads in flight.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	h.closed = true
	h.cancel()
	for id, t := range h.topics {
		t.err = market.Errorf(market.KindUnavailable, "the server is shutting down")
		t.broadcast()
		delete(h.topics, id)
	}
}

// Streams is the number of open streams.
func (h *Hub) Streams() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.total
}

// Reads is the number of log reads the hub made for its topics (not the
// catch-up reads of streams that fell behind).
func (h *Hub) Reads() int64 { return h.reads.Load() }

// EventsAppended implements market/postgres.EventHandler: the log of id
// grew. It never blocks.
func (h *Hub) EventsAppended(id market.Hash) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if t := h.topics[id]; t != nil {
		h.schedule(t)
	}
}

// Resync implements market/postgres.EventHandler: notifications may have
// been lost, so every followed log is read again from where it was.
func (h *Hub) Resync() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, t := range h.topics {
		t.followed = false
		h.schedule(t)
	}
}

// schedule has t read, now or right after the read in flight; h.mu held.
func (h *Hub) schedule(t *topic) {
	if t.reading {
		t.dirty = true
		return
	}
	t.reading = true
	go h.read(t)
}

// read brings t up to date with the log, as long as it is told of more.
func (h *Hub) read(t *topic) {
	for {
		h.mu.Lock()
		after, follow := t.last, !t.followed
		t.dirty, t.followed = false, true
		h.mu.Unlock()
		var err error
		if follow {
			// Before the read: what commits after it is announced.
			err = h.registry.Follow(h.ctx, t.id, t.serial)
		}
		var evs []market.IntentEvent
		if err == nil {
			evs, err = h.log.IntentEvents(h.ctx, t.id, after, page)
			h.reads.Add(1)
		}
		h.mu.Lock()
		if err != nil {
			if h.ctx.Err() == nil {
				h.logger.Error("event hub: reading an intent's events", "intent", t.id, "err", err)
			}
			t.err, t.reading = err, false
			if h.topics[t.id] == t {
				h.forget(t) // the next stream starts afresh
			}
			t.broadcast()
			h.mu.Unlock()
			return
		}
		for _, e := range evs {
			if e.Seq <= t.last {
				continue
			}
			t.events = append(t.events, e)
			t.last = e.Seq
			if e.State.Final() {
				t.final = true
			}
		}
		if n := len(t.events) - h.cfg.Buffer; n > 0 {
			t.start = t.events[n-1].Seq
			t.events = append(t.events[:0:0], t.events[n:]...)
		}
		if len(evs) > 0 {
			t.broadcast()
		}
		if len(evs) < page && !t.dirty {
			t.reading = false
			h.mu.Unlock()
			return
		}
		h.mu.Unlock()
	}
}

// broadcast wakes t's streams; h.mu held.
func (t *topic) broadcast() {
	close(t.changed)
	t.changed = make(chan struct{})
}

// Subscribe opens a stream of intent id's events after the event after.
// The caller checked that it may see them, and closes the stream. Past
// MaxStreams or MaxStreamsPerIntent it fails with KindUnavailable.
func (h *Hub) Subscribe(id market.Hash, after int64) (*Stream, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, market.Errorf(market.KindUnavailable, "the server is shutting down")
	}
	if h.total >= h.cfg.MaxStreams {
		return nil, market.Errorf(market.KindUnavailable, "the server holds its %d event streams; retry later", h.cfg.MaxStreams)
	}
	t := h.topics[id]
	if t != nil && t.subs >= h.cfg.MaxStreamsPerIntent {
		return nil, market.Errorf(market.KindUnavailable, "intent %s has %d event streams open, the most an intent may; close one first", id, t.subs)
	}
	if t == nil {
		h.serial++
		t = &topic{id: id, serial: h.serial, start: after, last: after, changed: make(chan struct{})}
		h.topics[id] = t
		h.schedule(t)
	}
	t.subs++
	h.total++
	return &Stream{h: h, t: t, cursor: after, wait: t.changed}, nil
}

// Stream follows one intent's events. It is not safe for concurrent use.
type Stream struct {
	h      *Hub
	t      *topic
	cursor int64
	wait   chan struct{}
	closed bool
}

// Changed is closed when the stream may have more to read than Next last
// returned.
func (s *Stream) Changed() <-chan struct{} { return s.wait }

// Next returns, without waiting, the events after the last one it
// returned, in order (none when there are no new ones: wait on Changed).
// final reports that the intent is final and every event read was
// returned: the stream has nothing more to say. An error ends the stream
// (a read of the log failed, or the hub closed): the follower may resume
// from its last event on a new one.
func (s *Stream) Next(ctx context.Context) (evs []market.IntentEvent, final bool, err error) {
	h, t := s.h, s.t
	h.mu.Lock()
	s.wait = t.changed
	if t.err != nil {
		h.mu.Unlock()
		return nil, false, t.err
	}
	if s.cursor < t.start {
		// Behind the buffer (a stream resumed from further back than the
		// first follower, or too slow): read what it missed itself.
		start := t.start
		h.mu.Unlock()
		evs, err := h.log.IntentEvents(ctx, t.id, s.cursor, page)
		if err != nil {
			return nil, false, err
		}
		if len(evs) == 0 {
			s.cursor = start
		} else {
			s.cursor = evs[len(evs)-1].Seq
		}
		// Come back at once: the buffer may follow.
		s.wait = closedChan
		return evs, false, nil
	}
	defer h.mu.Unlock()
	i := sort.Search(len(t.events), func(i int) bool { return t.events[i].Seq > s.cursor })
	evs = append([]market.IntentEvent(nil), t.events[i:]...)
	if len(evs) > 0 {
		s.cursor = evs[len(evs)-1].Seq
	}
	return evs, len(evs) == 0 && t.final, nil
}

// closedChan is a closed channel: Changed that fires at once.
var closedChan = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

// Close ends the stream and frees its place.
func (s *Stream) Close() {
	h := s.h
	h.mu.Lock()
	defer h.mu.Unlock()
	if s.closed {
		return
	}
	s.closed = true
	s.t.subs--
	h.total--
	if s.t.subs == 0 && h.topics[s.t.id] == s.t {
		h.forget(s.t)
	}
}

// forget removes t, which no stream follows any more, and its
// registration; h.mu held.
func (h *Hub) forget(t *topic) {
	delete(h.topics, t.id)
	go func() {
		// A registration left behind (the database is down) costs only
		// notifications nobody hears, and goes with the listener.
		if err := h.registry.Unfollow(h.ctx, t.id, t.serial); err != nil && h.ctx.Err() == nil {
			h.logger.Warn("event hub: unfollowing an intent", "intent", t.id, "err", err)
		}
	}()
}
