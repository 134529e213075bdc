package postgres

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/axl-market/axl/market"
)

// LeaseRenew is how often a held lease is renewed: its holder asks its own
// session whether it still holds the lock, each question bounded by it, so
// that a half-open connection is given up within two of them. A session
// that dies (pg_terminate_backend, a restarted server, a reset) is noticed
// at once, without waiting for a renewal.
const LeaseRenew = time.Second

// heldSQL tells whether the advisory lock of (classid, objid) is granted
// to the session with the given pid.
const heldSQL = `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'
	AND classid::bigint = $1 AND objid::bigint = $2 AND objsubid = 1 AND pid = $3 AND granted)`

// pgLease is a session advisory lock held on a connection of its own,
// outside the pool, watched by a goroutine that closes lost the moment the
// connection dies or a renewal fails.
type pgLease struct {
	name     string
	cls, obj int64 // the lock key as pg_locks shows it
	pid      uint32
	conn     *pgx.Conn
	lost     chan struct{}
	stop     context.CancelFunc
	done     chan struct{}
	pool     queryRower

	mu       sync.Mutex
	err      error
	once     sync.Once
	released sync.Once
}

// queryRower is a pool, a connection or a transaction.
type queryRower interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

var _ market.Lease = (*pgLease)(nil)

// TryLock implements market.Locker with a session advisory lock held on a
// connection of its own, outside the pool: the singletons' locks never take
// the connections the API and the loops query on, a dead process's lock
// dies with its connection, and a lock whose connection dies is lost at
// once (Lost closes, and RecordTxAttempt refuses it).
func (s *Store) TryLock(ctx context.Context, name string) (market.Lease, bool, error) {
	h := fnv.New64a()
	h.Write([]byte(name))
	key := h.Sum64()
	cfg := s.pool.Config().ConnConfig.Copy()
	// A wait bounded by a deadline on the socket leaves the connection
	// usable (the default sends a cancel request, a connection each time).
	cfg.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.DeadlineContextWatcherHandler{Conn: c.Conn()}
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, false, wrap(err, "lock")
	}
	var ok bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, int64(key)).Scan(&ok); err != nil || !ok {
		closeConn(conn)
		return nil, false, wrap(err, "lock")
	}
	book.taken(name)
	watch, stop := context.WithCancel(context.Background())
	l := &pgLease{
		name: name, cls: int64(key >> 32), obj: int64(key & 0xffffffff), pid: conn.PgConn().PID(), conn: conn,
		lost: make(chan struct{}), stop: stop, done: make(chan struct{}), pool: s.pool,
	}
	go l.watch(watch)
	return l, true, nil
}

func closeConn(conn *pgx.Conn) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = conn.Close(ctx)
}

// watch waits on the lock's connection, which nothing else uses: a read
// that fails other than by its deadline means the session is gone. Between
// waits it renews the lease by asking the session whether it still holds
// the lock.
func (l *pgLease) watch(ctx context.Context) {
	defer close(l.done)
	for {
		wait, cancel := context.WithTimeout(ctx, LeaseRenew)
		err := l.conn.PgConn().WaitForNotification(wait)
		cancel()
		if ctx.Err() != nil {
			return
		}
		if err != nil && !pgconn.Timeout(err) {
			l.lose(fmt.Errorf("the lock's connection died: %w", err))
			return
		}
		renew, cancel := context.WithTimeout(ctx, LeaseRenew)
		var held bool
		err = l.conn.QueryRow(renew, heldSQL, l.cls, l.obj, l.pid).Scan(&held)
		cancel()
		if ctx.Err() != nil {
			return
		}
		switch {
		case err != nil:
			l.lose(fmt.Errorf("renewing the lease: %w", err))
			return
		case !held:
			l.lose(errors.New("the lock is no longer held by its session"))
			return
		}
	}
}

func (l *pgLease) lose(err error) {
	l.once.Do(func() {
		l.mu.Lock()
		l.err = market.Errorf(market.KindUnavailable, "lease %q lost: %v", l.name, err)
		l.mu.Unlock()
		close(l.lost)
		book.lost(l.name)
	})
}

// release is lose for a lease given up, which the metrics do not count lost.
func (l *pgLease) release() {
	l.once.Do(func() {
		l.mu.Lock()
		l.err = market.Errorf(market.KindUnavailable, "lease %q released", l.name)
		l.mu.Unlock()
		close(l.lost)
		book.released(l.name)
	})
}

// Lost implements market.Lease.
func (l *pgLease) Lost() <-chan struct{} { return l.lost }

// Err implements market.Lease.
func (l *pgLease) Err() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}

// Held implements market.Lease, asking through the pool: the answer does
// not depend on the lock's connection being healthy from this side.
func (l *pgLease) Held(ctx context.Context) error {
	return l.heldOn(ctx, l.pool)
}

func (l *pgLease) heldOn(ctx context.Context, q queryRower) error {
	if err := l.Err(); err != nil {
		return err
	}
	var held bool
	if err := q.QueryRow(ctx, heldSQL, l.cls, l.obj, l.pid).Scan(&held); err != nil {
		return wrap(err, "lease")
	}
	if !held {
		l.lose(errors.New("the lock is no longer held by its session"))
		return l.Err()
	}
	return nil
}

// Release implements market.Lease. It unlocks before it closes the
// session: the server drops a closed session's locks a moment after the
// client has gone, and a TryLock in that moment would find it taken. If
// the unlock fails the session is dead or dying, and its locks with it.
func (l *pgLease) Release() {
	l.released.Do(func() {
		l.release()
		l.stop()
		<-l.done
		ctx, cancel := context.WithTimeout(context.Background(), LeaseRenew)
		defer cancel()
		_, _ = l.conn.Exec(ctx, `SELECT pg_advisory_unlock_all()`)
		closeConn(l.conn)
	})
}

// book keeps, for /metrics, which leases this process holds and how often
// it lost each: a lost lease is an operator's concern, not a log line only.
var book = &leaseBook{held: map[string]int{}, lostN: map[string]int{}}

type leaseBook struct {
	mu    sync.Mutex
	held  map[string]int // leases of the name held now (one per store)
	lostN map[string]int
}

func (b *leaseBook) taken(name string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.held[name]++
	b.lostN[name] += 0
}

func (b *leaseBook) released(name string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.held[name]--
}

func (b *leaseBook) lost(name string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.held[name]--
	b.lostN[name]++
}

var (
	leaseHeld = prometheus.NewDesc("axl_lease_held", "Whether this process holds the singleton lease (1) or not (0).", []string{"name"}, nil)
	leaseLost = prometheus.NewDesc("axl_lease_lost_total", "Leases this process lost while holding them (their session died).", []string{"name"}, nil)
)

// LeaseCollector returns a Prometheus collector of the process's leases:
// axl_lease_held and axl_lease_lost_total by lease name, for every lease
// it ever took.
func LeaseCollector() prometheus.Collector { return book }

// Describe implements prometheus.Collector.
func (b *leaseBook) Describe(ch chan<- *prometheus.Desc) {
	ch <- leaseHeld
	ch <- leaseLost
}

// Collect implements prometheus.Collector.
func (b *leaseBook) Collect(ch chan<- prometheus.Metric) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for name, n := range b.lostN {
		held := 0.0
		if b.held[name] > 0 {
			held = 1
		}
		ch <- prometheus.MustNewConstMetric(leaseHeld, prometheus.GaugeValue, held, name)
		ch <- prometheus.MustNewConstMetric(leaseLost, prometheus.CounterValue, float64(n), name)
	}
}
