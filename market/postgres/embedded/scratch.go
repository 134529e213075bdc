package embedded

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
)

// watchdogScript is the watchdog of a ScratchDir, run by /bin/sh with the
// directory as $1. Its fd 3 is the read end of a pipe whose write end only
// the owning process holds, so the read returns, at end of file, once the
// owner has closed it or is gone, however it went. Then it shuts down
// (SIGQUIT: immediate, the data is going) every server whose postmaster.pid
// lies under the directory, killing one that takes over five seconds, and
// removes the directory. A pid is taken for that server only while the
// process's working directory is the data directory, as a postmaster's
// and its backends' is, so that a stale postmaster.pid whose pid has been
// reused does not get another process signalled; where there is no /proc
// it must at least be a postgres.
const watchdogScript = `
read -r _ <&3
exec 3<&-
server_alive() { # pid datadir
	if [ -d /proc/self ]; then
		[ "$(readlink "/proc/$1/cwd" 2>/dev/null)" = "$2" ]
	else
		[ "$(ps -o comm= -p "$1" 2>/dev/null)" = postgres ]
	fi
}
find "$1" -name postmaster.pid 2>/dev/null | while IFS= read -r f; do
	read -r pid <"$f" 2>/dev/null || continue
	n=0
	while server_alive "$pid" "${f%/postmaster.pid}" && [ $n -lt 100 ]; do
		case $n in 0) kill -QUIT "$pid" 2>/dev/null ;; 50) kill -KILL "$pid" 2>/dev/null ;; esac
		sleep 0.1
		n=$((n + 1))
	done
done
n=0
while [ -e "$1" ] && [ $n -lt 50 ]; do
	rm -rf "$1" 2>/dev/null || sleep 0.1
	n=$((n + 1))
done
[ ! -e "$1" ]
`

// watchdogPipes holds the write end of each watchdog's pipe until its
// directory is removed: an *os.File that is garbage collected closes its
// descriptor, which would set the watchdog off.
var watchdogPipes sync.Map // *os.File → struct{}

// ScratchDir creates a new temporary directory (pattern as for
// os.MkdirTemp) for clusters whose data is scratch, such as tests', or for
// a data dir that holds one. The server user can reach it, and it does not
// outlive this process: a watchdog, a shell in a process group of its own
// (a terminal's Ctrl-C is not for it), waits for this process to go,
// however it goes (exit, SIGKILL, a panic, a test binary's -timeout), then
// shuts down the servers whose data directories lie under dir and removes
// dir.
//
// remove sets the watchdog off now and waits, within ctx, for it to have
// done so: call it after stopping the clusters you started under dir.
func ScratchDir(pattern string) (dir string, remove func(context.Context) error, err error) {
	dir, err = os.MkdirTemp("", pattern)
	if err != nil {
		return "", nil, err
	}
	// The server runs as an unprivileged user when we are root: it must be
	// able to traverse the directory. And /proc/PID/cwd, which the watchdog
	// compares, has the symbolic links resolved.
	resolved := dir
	if err = os.Chmod(dir, 0o711); err == nil {
		resolved, err = filepath.EvalSymlinks(dir)
	}
	if err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	dir = resolved
	r, w, err := os.Pipe()
	if err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	cmd := exec.Command("/bin/sh", "-c", watchdogScript, "sh", dir)
	cmd.Dir = "/"
	cmd.ExtraFiles = []*os.File{r} // fd 3
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	err = cmd.Start()
	r.Close()
	if err != nil {
		w.Close()
		os.RemoveAll(dir)
		return "", nil, fmt.Errorf("starting the watchdog of %s: %w", dir, err)
	}
	watchdogPipes.Store(w, struct{}{})
	done := make(chan struct{})
	var werr error
	go func() { werr = cmd.Wait(); close(done) }()
	var once sync.Once
	remove = func(ctx context.Context) error {
		once.Do(func() {
			watchdogPipes.Delete(w)
			w.Close()
		})
		select {
		case <-done:
		case <-ctx.Done():
			return fmt.Errorf("removing %s: %w", dir, ctx.Err())
		}
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		// The watchdog gave up, or was killed: try once more.
		if err := os.RemoveAll(dir); err != nil {
			return fmt.Errorf("removing %s: %w (watchdog: %v)", dir, err, werr)
		}
		return nil
	}
	return dir, remove, nil
}
