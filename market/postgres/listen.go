package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/axl-market/axl/market"
)

// EventChannel is the channel on which every append to an intent's event
// log is announced, with the intent id in hex (migration 000011).
const EventChannel = "intent_events"

// EventHandler receives what the listening connection hears.
type EventHandler interface {
	// EventsAppended says that the event log of intent id grew.
	EventsAppended(id market.Hash)
	// Resync says that notifications may have been missed (the listening
	// connection was down and is back): every followed log must be read.
	Resync()
}

// Listener is the server's one listening connection: a dedicated pgx.Conn
// (not a pooled one, which the pool may close or hand to someone else) on
// LISTEN intent_events. It reconnects with backoff when the connection
// dies and then asks the handler to resync, so that nothing is missed.
// It also registers the intents the server follows (Follow), since only
// their appends are notified.
type Listener struct {
	url     string
	store   *Store
	id      string // names this listener's follower rows and connection
	handler EventHandler
	log     *slog.Logger
	// MinBackoff and MaxBackoff bound the wait between reconnections
	// (doubling from the first to the second; zero: 100 ms and 10 s).
	MinBackoff, MaxBackoff time.Duration
}

// NewListener returns the listener of a server on databaseURL, whose
// follower rows it writes through store; set its handler with SetHandler
// before Run. logger may be nil.
func NewListener(databaseURL string, store *Store, logger *slog.Logger) *Listener {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	var b [12]byte
	_, _ = rand.Read(b[:])
	return &Listener{url: databaseURL, store: store, id: hex.EncodeToString(b[:]), log: logger}
}

// SetHandler sets who is told of the notifications.
func (l *Listener) SetHandler(h EventHandler) { l.handler = h }

// applicationName is the listening connection's, by which follower rows
// of listeners gone are recognised.
func (l *Listener) applicationName() string { return "axl-listener " + l.id }

// Follow registers intent id as followed by this server's topic, so that
// its appends are notified from the moment it returns. It first takes the
// intent's row lock, which waits for every transaction that appended to
// its log and has not committed (each holds the row's key-share lock by
// the foreign key), and which every later append waits for: so each
// append either commits before Follow returns, and the topic's first read
// finds it, or sees the registration and notifies.
func (l *Listener) Follow(ctx context.Context, id market.Hash, topic int64) error {
	_, err := l.store.pool.Exec(ctx, `
		WITH i AS (SELECT id FROM intents WHERE id = $1 FOR UPDATE)
		INSERT INTO intent_followers (intent_id, listener, topic) SELECT id, $2, $3 FROM i ON CONFLICT DO NOTHING`,
		id[:], l.id, topic)
	return wrap(err, "intent follower")
}

// Unfollow forgets a topic's registration.
func (l *Listener) Unfollow(ctx context.Context, id market.Hash, topic int64) error {
	_, err := l.store.pool.Exec(ctx, `DELETE FROM intent_followers WHERE intent_id = $1 AND listener = $2 AND topic = $3`,
		id[:], l.id, topic)
	return wrap(err, "intent follower")
}

// Run listens until ctx ends, reconnecting whenever the connection fails.
// The handler is asked to resync after every connection, the first
// included: notifications sent before LISTEN took effect reach nobody.
func (l *Listener) Run(ctx context.Context) error {
	log := l.log
	lo, hi := l.MinBackoff, l.MaxBackoff
	if lo <= 0 {
		lo = 100 * time.Millisecond
	}
	if hi < lo {
		hi = max(10*time.Second, lo)
	}
	wait := lo
	for {
		err := l.listen(ctx, func() { wait = lo })
		if ctx.Err() != nil {
			return nil
		}
		log.WarnContext(ctx, "event listener: connection lost, reconnecting", "err", err, "in", wait)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
		wait = min(2*wait, hi)
	}
}

// listen holds one connection until it fails; up runs once it listens.
func (l *Listener) listen(ctx context.Context, up func()) error {
	cfg, err := pgx.ParseConfig(l.url)
	if err != nil {
		return fmt.Errorf("database URL: %w", err)
	}
	cfg.RuntimeParams["application_name"] = l.applicationName()
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = conn.Close(cctx)
	}()
	if _, err := conn.Exec(ctx, "LISTEN "+EventChannel); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	// The rows of listeners whose connection is gone (a server that died)
	// would only cost notifications nobody hears.
	if _, err := conn.Exec(ctx, `DELETE FROM intent_followers f WHERE NOT EXISTS (
		SELECT 1 FROM pg_stat_activity a WHERE a.application_name = 'axl-listener ' || f.listener)`); err != nil {
		return fmt.Errorf("forget the followers of listeners gone: %w", err)
	}
	up()
	l.handler.Resync()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		b, err := hex.DecodeString(n.Payload)
		if err != nil || len(b) != len(market.Hash{}) {
			// Not ours: someone else notifies on the channel. Reading
			// every log is the safe answer.
			l.handler.Resync()
			continue
		}
		l.handler.EventsAppended(market.Hash(b))
	}
}

// FlushStats has every idle connection of the store's pools report its
// statistics now (pg_stat_force_next_flush), so that pg_stat_database is
// current: a backend otherwise reports up to 10 s late. For measurements;
// it returns how many connections it asked, each a transaction.
func (s *Store) FlushStats(ctx context.Context) (int, error) {
	n := 0
	pools := []*pgxpool.Pool{s.pool}
	if s.async != s.pool {
		pools = append(pools, s.async)
	}
	for _, p := range pools {
		for _, c := range p.AcquireAllIdle(ctx) {
			_, err := c.Exec(ctx, `SELECT pg_stat_force_next_flush()`)
			c.Release()
			if err != nil {
				return n, wrap(err, "statistics")
			}
			n++
		}
	}
	return n, nil
}

// Transactions is the number of transactions the database committed and
// rolled back, as pg_stat_database reports them (see FlushStats).
func (s *Store) Transactions(ctx context.Context) (int64, error) {
	var n int64
	err := s.pool.QueryRow(ctx, `SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()`).Scan(&n)
	return n, wrap(err, "statistics")
}
