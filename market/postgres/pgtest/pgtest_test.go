package pgtest_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/axl-market/axl/market/postgres/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

// childEnv, in a child test process, says what its test does.
const childEnv = "AXL_PGTEST_CHILD"

// TestClusterStartsOnFirstUse: a test binary none of whose tests needs a
// database starts no PostgreSQL, and Run leaves nothing in TMPDIR.
func TestClusterStartsOnFirstUse(t *testing.T) {
	if os.Getenv(childEnv) == "none" {
		// Needs no database: what Run's temporary directory holds.
		entries, err := os.ReadDir(os.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			fmt.Println(e.Name())
		}
		return
	}
	t.Parallel()
	tmp := t.TempDir()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^"+t.Name()+"$")
	cmd.Env = append(os.Environ(), childEnv+"=none", "TMPDIR="+tmp)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("child: %v\n%s", err, out.Bytes())
	}
	if strings.Contains(out.String(), "axl-pgtest-") {
		t.Errorf("the child started a cluster: its TMPDIR held\n%s", out.Bytes())
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("the child left %v in its TMPDIR", left)
	}
}

func TestNewStore(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	if err := s.Ping(t.Context()); err != nil {
		t.Fatal(err)
	}
}
