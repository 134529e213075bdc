package embedded

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/axl-market/axl/market/tether"
)

// scratchDir is a ScratchDir removed when the test ends.
func scratchDir(t *testing.T) string {
	t.Helper()
	dir, remove, err := ScratchDir("axl-embedded-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := remove(ctx); err != nil {
			t.Error(err)
		}
	})
	return dir
}

// alive reports whether process pid runs. A zombie does not: the init of
// a container may never reap the orphans it inherits.
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return runtime.GOOS != "linux" && syscall.Kill(pid, 0) == nil
	}
	i := bytes.LastIndexByte(b, ')') // pid (comm) state …
	return i > 0 && i+2 < len(b) && b[i+2] != 'Z'
}

// processesIn lists the processes whose working directory lies under dir,
// as a PostgreSQL server's and its backends' does (Linux; none elsewhere).
func processesIn(dir string) []string {
	var found []string
	procs, _ := filepath.Glob("/proc/[0-9]*")
	for _, p := range procs {
		if cwd, err := os.Readlink(p + "/cwd"); err == nil && (cwd == dir || strings.HasPrefix(cwd, dir+"/")) {
			found = append(found, filepath.Base(p))
		}
	}
	return found
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

// childReport is what a child test process says of the cluster it started.
type childReport struct {
	Dir string `json:"dir"` // the cluster's Dir
	PID int    `json:"pid"` // the postmaster's
}

// childEnv names, in a child test process, how it starts its cluster and
// how it ends: "keep kill" (a cluster under the dir in AXL_EMBEDDED_DIR,
// then SIGKILL from its parent), "scratch kill" (in a ScratchDir of its
// own) or "scratch panic" (it panics, as the alarm of go test -timeout
// does).
const childEnv = "AXL_EMBEDDED_CHILD"

// runChild is the child test process: it starts a cluster, reports it on
// stdout and waits for its end.
func runChild(mode string) {
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var dir string
	if strings.HasPrefix(mode, "scratch") {
		d, _, err := ScratchDir("axl-embedded-child-")
		if err != nil {
			fail(err)
		}
		dir = d
	} else {
		dir = filepath.Join(os.Getenv("AXL_EMBEDDED_DIR"), "pg")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := Start(ctx, Config{Dir: dir})
	if err != nil {
		fail(err)
	}
	if err := json.NewEncoder(os.Stdout).Encode(childReport{Dir: dir, PID: c.server.Cmd.Process.Pid}); err != nil {
		fail(err)
	}
	if strings.HasSuffix(mode, "panic") {
		go panic("test timed out (simulated)") // as testing's alarm: in a goroutine, no deferred calls run
	}
	select {} // until killed
}

// startChild re-runs this test in a child process in the given mode and
// returns its report; the child is SIGKILLed, if still running, when the
// test ends.
func startChild(t *testing.T, mode string, env ...string) (childReport, *tether.Child) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$")
	cmd.Env = append(append(os.Environ(), childEnv+"="+mode), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	// A pipe of our own, not StdoutPipe, which Wait closes when the child
	// exits, maybe before we have read what it wrote.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd.Stdout = w
	ch, err := tether.Start(cmd, syscall.SIGKILL)
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-ch.Done()
	})
	var rep childReport
	if err := json.NewDecoder(r).Decode(&rep); err != nil {
		_ = cmd.Process.Kill()
		<-ch.Done()
		t.Fatalf("child: %v: %s", err, stderr.Bytes())
	}
	return rep, ch
}

// TestServerDiesWithItsProcess: a server whose process is SIGKILLed,
// without Stop, shuts down, and its data stays.
func TestServerDiesWithItsProcess(t *testing.T) {
	if mode := os.Getenv(childEnv); mode != "" {
		runChild(mode)
		return
	}
	if _, err := FindBinaries(); err != nil {
		t.Skip(err)
	}
	if runtime.GOOS != "linux" {
		t.Skip("the parent-death signal is Linux's")
	}
	t.Parallel()
	dir := scratchDir(t)
	r, ch := startChild(t, "keep kill", "AXL_EMBEDDED_DIR="+dir)
	if !alive(r.PID) {
		t.Fatalf("postmaster %d is not running", r.PID)
	}
	if err := ch.Cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-ch.Done()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	if err := waitUntil(ctx, func() bool { return !alive(r.PID) && len(processesIn(r.Dir)) == 0 }); err != nil {
		t.Fatalf("postmaster %d alive %v, processes in %s: %v: %v", r.PID, alive(r.PID), r.Dir, processesIn(r.Dir), err)
	}
	if _, err := os.Stat(filepath.Join(r.Dir, "data", "PG_VERSION")); err != nil {
		t.Fatalf("the data dir went with the server: %v", err)
	}
	// A fast shutdown: the next start needs no crash recovery.
	log, _ := os.ReadFile(filepath.Join(r.Dir, "data", "server.log"))
	if !bytes.Contains(log, []byte("database system is shut down")) {
		t.Errorf("the server did not shut down cleanly:\n%s", log)
	}
}

// TestScratchDirWatchdog: when the process that made a ScratchDir dies,
// SIGKILLed or by a panic such as go test -timeout's, the server of the
// cluster in it stops and the directory goes, with no Stop or remove.
func TestScratchDirWatchdog(t *testing.T) {
	if mode := os.Getenv(childEnv); mode != "" {
		runChild(mode)
		return
	}
	if _, err := FindBinaries(); err != nil {
		t.Skip(err)
	}
	for _, end := range []string{"kill", "panic"} {
		t.Run(end, func(t *testing.T) {
			t.Parallel()
			r, ch := startChild(t, "scratch "+end)
			if !alive(r.PID) {
				t.Fatalf("postmaster %d is not running", r.PID)
			}
			if end == "kill" {
				if err := ch.Cmd.Process.Kill(); err != nil {
					t.Fatal(err)
				}
			}
			<-ch.Done()
			ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
			defer cancel()
			gone := func() bool {
				_, err := os.Stat(r.Dir)
				return errors.Is(err, fs.ErrNotExist) && !alive(r.PID) && len(processesIn(r.Dir)) == 0
			}
			if err := waitUntil(ctx, gone); err != nil {
				_, serr := os.Stat(r.Dir)
				t.Fatalf("after the child's end (%v): postmaster %d alive %v, processes in %s: %v, stat: %v: %v",
					ch.Wait(), r.PID, alive(r.PID), r.Dir, processesIn(r.Dir), serr, err)
			}
		})
	}
}
