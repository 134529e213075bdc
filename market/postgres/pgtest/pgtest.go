// Package pgtest gives tests a real PostgreSQL: one embedded cluster per
// test binary, started on the first call of Cluster (a test binary none of
// whose tests needs it starts none), and one freshly migrated database per
// test, cloned from a template so that it takes milliseconds.
//
// Nothing of it outlives the test binary, however the binary ends: the
// cluster lives in an embedded.ScratchDir, whose watchdog shuts it down
// and removes it when the binary dies without stopping it (a -timeout
// panic, SIGKILL). Run does the same for the binary's temporary files.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/axl-market/axl/market/eventhub"
	"github.com/axl-market/axl/market/postgres"
	"github.com/axl-market/axl/market/postgres/embedded"
)

const template = "axl_template"

// The test binary's cluster, started by the first Cluster call.
var (
	mu       sync.Mutex
	cluster  *embedded.Cluster
	startErr error                       // why the cluster could not start; Cluster fails with it
	remove   func(context.Context) error // removes the cluster's directory
	counter  atomic.Int64
)

// Run runs the tests with TMPDIR set to a scratch directory of the test
// binary's own (embedded.ScratchDir), so that what they leave there,
// t.TempDir's directories included, goes when the binary does, even by a
// -timeout panic or SIGKILL, which skip cleanups. Then it stops the
// cluster, if one was started, and removes the directory. Use it as
// `func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }`; without it the
// cluster goes all the same, by its watchdog, when the binary exits.
func Run(m *testing.M) int {
	tmp, removeTmp, err := embedded.ScratchDir("axl-test-")
	if err != nil {
		slog.Error("pgtest: a temporary directory for the tests", "err", err)
		return 1
	}
	prev, had := os.LookupEnv("TMPDIR")
	os.Setenv("TMPDIR", tmp)
	code := m.Run()
	err = stop()
	if had {
		os.Setenv("TMPDIR", prev)
	} else {
		os.Unsetenv("TMPDIR")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err = errors.Join(err, removeTmp(ctx))
	if err != nil {
		slog.Error("pgtest: cleaning up after the tests", "err", err)
		if code == 0 {
			code = 1
		}
	}
	return code
}

// Cluster returns the test binary's cluster, starting it on the first call.
func Cluster(t testing.TB) *embedded.Cluster {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if cluster == nil && startErr == nil {
		cluster, startErr = start()
	}
	if startErr != nil {
		t.Fatalf("pgtest: starting PostgreSQL: %v", startErr)
	}
	return cluster
}

// start starts a cluster in a scratch directory and migrates the template
// database.
func start() (*embedded.Cluster, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir, rm, err := embedded.ScratchDir("axl-pgtest-")
	if err != nil {
		return nil, err
	}
	c, err := embedded.Start(ctx, embedded.Config{Dir: dir})
	if err == nil {
		if err = c.EnsureDatabase(ctx, template); err == nil {
			err = postgres.MigrateUp(c.URL(template))
		}
		if err != nil {
			c.Stop(ctx)
		}
	}
	if err != nil {
		rm(ctx)
		return nil, err
	}
	remove = rm
	return c, nil
}

// stop stops the cluster, if started, and removes its directory.
func stop() error {
	mu.Lock()
	defer mu.Unlock()
	if cluster == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := cluster.Stop(ctx)
	if rerr := remove(ctx); err == nil {
		err = rerr
	}
	cluster, remove = nil, nil
	return err
}

// TempDir returns a new directory (pattern as for os.MkdirTemp) for a
// cluster or for a data dir that holds one, such as axl serve's: the
// PostgreSQL server user can reach it, it is removed when the test ends,
// and, should the test binary die first, the servers under it are shut
// down and it is removed by its watchdog (embedded.ScratchDir). Stop the
// clusters under it in cleanups registered after TempDir, which run before
// its own.
func TempDir(t testing.TB, pattern string) string {
	t.Helper()
	dir, rm, err := embedded.ScratchDir(pattern)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := rm(ctx); err != nil {
			t.Error(err)
		}
	})
	return dir
}

// NewDatabase creates a migrated database for this test and returns its URL.
func NewDatabase(t testing.TB) string {
	t.Helper()
	c := Cluster(t)
	ctx := context.Background()
	name := fmt.Sprintf("test_%d_%d", os.Getpid(), counter.Add(1))
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE "+template); err != nil {
		t.Fatal(err)
	}
	return c.URL(name)
}

// NewStore returns a Store on a fresh database, closed when the test ends.
func NewStore(t testing.TB) *postgres.Store {
	t.Helper()
	s, _ := NewStoreURL(t)
	return s
}

// NewStoreURL is NewStore, with the database's URL.
func NewStoreURL(t testing.TB) (*postgres.Store, string) {
	t.Helper()
	url := NewDatabase(t)
	s, err := postgres.Open(context.Background(), url, 20)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s, url
}

// StartEvents runs a server's listening connection (postgres.Listener, on
// the database at url) and its event hub until the test ends, as axl serve
// does.
func StartEvents(t testing.TB, url string, store *postgres.Store, cfg eventhub.Config) *eventhub.Hub {
	t.Helper()
	lis := postgres.NewListener(url, store, nil)
	lis.MinBackoff = 10 * time.Millisecond
	hub := eventhub.New(cfg, store, lis, nil)
	lis.SetHandler(hub)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); lis.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done; hub.Close() })
	return hub
}

// KillLockSessions terminates the sessions of the database at url that
// hold an advisory lock (the singletons' leases), as an administrator, a
// failover or a cut connection would, waiting up to 5 s for each to end;
// it returns how many ended.
func KillLockSessions(t testing.TB, url string) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Error(err)
		return 0
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) FROM pg_locks
		WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`).Scan(&n); err != nil {
		t.Error(err)
	}
	return n
}
