package embedded

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func TestStartStopRestart(t *testing.T) {
	if _, err := FindBinaries(); err != nil {
		t.Skip(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir := filepath.Join(scratchDir(t), "pg")

	c, err := Start(ctx, Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Stop(context.Background()) })
	if err := c.EnsureDatabase(ctx, "axl"); err != nil {
		t.Fatal(err)
	}
	if err := c.EnsureDatabase(ctx, "axl"); err != nil {
		t.Fatalf("second EnsureDatabase: %v", err)
	}
	exec := func(c *Cluster, sql string) {
		t.Helper()
		conn, err := pgx.Connect(ctx, c.URL("axl"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	exec(c, "CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)")

	// A second Start while it runs attaches and does not own the server.
	c2, err := Start(ctx, Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if c2.Port() != c.Port() || c2.owned {
		t.Fatalf("attach: port %d owned %v, want port %d not owned", c2.Port(), c2.owned, c.Port())
	}
	if err := c2.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.runningPort(); !ok {
		t.Fatal("stopping an attached cluster stopped the server")
	}

	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.waitGone(ctx); err != nil {
		t.Fatal(err)
	}

	// Restart reuses the data.
	c3, err := Start(ctx, Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c3.Stop(context.Background()) })
	conn, err := pgx.Connect(ctx, c3.URL("axl"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var x int
	if err := conn.QueryRow(ctx, "SELECT x FROM kept").Scan(&x); err != nil || x != 42 {
		t.Fatalf("after restart: x=%d err=%v", x, err)
	}
}

func TestStartErrors(t *testing.T) {
	ctx := context.Background()
	_, err := Start(ctx, Config{Dir: t.TempDir(), BinDir: "/nonexistent"})
	if err == nil {
		t.Fatal("Start with a bin dir without binaries succeeded")
	}
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o600)
	_, err = Start(ctx, Config{Dir: filepath.Join(file, "sub")})
	if err == nil || !strings.Contains(err.Error(), "not writable") {
		t.Fatalf("Start under a file: %v, want a not-writable error", err)
	}
}
