package pgtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/axl-market/axl/market/postgres/embedded"
	"github.com/axl-market/axl/market/postgres/pgtest"
	"github.com/axl-market/axl/market/tether"
)

// report is what a child test process says of the cluster it started.
type report struct {
	Dir string `json:"dir"`
	PID int    `json:"pid"` // the postmaster's
}

// TestClusterGoesWithItsProcess: a test binary SIGKILLed while its cluster
// runs (pgtest.Run never gets to stop it) leaves neither a server nor its
// directory.
func TestClusterGoesWithItsProcess(t *testing.T) {
	if os.Getenv(childEnv) == "cluster" {
		c := pgtest.Cluster(t)
		pgtest.NewDatabase(t)
		b, err := os.ReadFile(filepath.Join(c.Dir(), "data", "postmaster.pid"))
		if err != nil {
			t.Fatal(err)
		}
		pid, _ := strconv.Atoi(strings.SplitN(string(b), "\n", 2)[0])
		if err := json.NewEncoder(os.Stdout).Encode(report{Dir: c.Dir(), PID: pid}); err != nil {
			t.Fatal(err)
		}
		select {} // until killed
	}
	if _, err := embedded.FindBinaries(); err != nil {
		t.Skip(err)
	}
	t.Parallel()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$")
	// The child's TMPDIR, where its cluster goes, is one the server user
	// can reach, and is ours to remove in any case.
	cmd.Env = append(os.Environ(), childEnv+"=cluster", "TMPDIR="+pgtest.TempDir(t, "axl-pgtest-parent-"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	// A pipe of our own: StdoutPipe's is closed by Wait, which runs
	// meanwhile (startTethered).
	stdout, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdout.Close()
	cmd.Stdout = w
	done := startTethered(t, cmd)
	w.Close()
	var r report
	if err := json.NewDecoder(stdout).Decode(&r); err != nil {
		t.Fatalf("child: %v\n%s", err, stderr.Bytes())
	}
	if !alive(r.PID) {
		t.Fatalf("postmaster %d is not running", r.PID)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-done
	gone := func() bool {
		_, err := os.Stat(r.Dir)
		return errors.Is(err, fs.ErrNotExist) && !alive(r.PID)
	}
	if err := waitUntil(ctx, gone); err != nil {
		_, serr := os.Stat(r.Dir)
		t.Fatalf("after SIGKILL of the test binary: postmaster %d alive %v, %s: %v: %v", r.PID, alive(r.PID), r.Dir, serr, err)
	}
}

// startTethered starts cmd so that it dies with this process
// (tether.Start), SIGKILLs it when the test ends, and returns a channel
// closed once it has been reaped.
func startTethered(t *testing.T, cmd *exec.Cmd) <-chan struct{} {
	t.Helper()
	c, err := tether.Start(cmd, syscall.SIGKILL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-c.Done()
	})
	return c.Done()
}

// alive reports whether process pid runs. A zombie does not: the init of
// a container may never reap the orphans it inherits.
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	i := bytes.LastIndexByte(b, ')') // pid (comm) state …
	return i > 0 && i+2 < len(b) && b[i+2] != 'Z'
}

// waitUntil polls cond until it holds or ctx ends.
func waitUntil(ctx context.Context, cond func() bool) error {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
	return nil
}
