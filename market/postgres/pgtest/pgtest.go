// Package pgtest gives tests a real PostgreSQL: one embedded cluster per
// test binary (started by Run from TestMain) and one freshly migrated
// database per test, cloned from a template so that it takes milliseconds.
package pgtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/axl-market/axl/market/postgres"
	"github.com/axl-market/axl/market/postgres/embedded"
)

const template = "axl_template"

// cluster is the test binary's cluster: one per process, set by Run.
var (
	mu      sync.Mutex
	cluster *embedded.Cluster
	counter atomic.Int64
)

// Run starts a cluster in a temporary directory, migrates a template
// database, runs the tests and stops and removes the cluster. Use it as
// `func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }`.
func Run(m *testing.M) int {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir, err := os.MkdirTemp("", "axl-pgtest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "pgtest:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	// The server runs as an unprivileged user when we are root: it must
	// be able to traverse the directory.
	if err := os.Chmod(dir, 0o711); err != nil {
		fmt.Fprintln(os.Stderr, "pgtest:", err)
		return 1
	}
	c, err := embedded.Start(ctx, embedded.Config{Dir: filepath.Join(dir, "pg")})
	if err == nil {
		err = c.EnsureDatabase(ctx, template)
	}
	if err == nil {
		err = postgres.MigrateUp(c.URL(template))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "pgtest: starting PostgreSQL:", err)
		if c != nil {
			c.Stop(context.Background())
		}
		return 1
	}
	mu.Lock()
	cluster = c
	mu.Unlock()
	code := m.Run()
	if err := c.Stop(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "pgtest:", err)
	}
	return code
}

// Cluster returns the running cluster.
func Cluster(t testing.TB) *embedded.Cluster {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if cluster == nil {
		t.Fatal("pgtest: no cluster; call pgtest.Run from TestMain")
	}
	return cluster
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
	s, err := postgres.Open(context.Background(), NewDatabase(t), 20)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}
