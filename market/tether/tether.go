// Package tether starts child processes that do not outlive this one: on
// Linux the kernel signals a child when its parent goes (Pdeathsig), by
// SIGKILL or a test binary's -timeout panic as well as by exit. The
// embedded PostgreSQL, the referee's sandboxed games and the tests'
// servers, workers, chains and node clients all start this way.
package tether

import (
	"bytes"
	"os/exec"
	"runtime"
	"syscall"
)

// Child is a process started by Start.
type Child struct {
	// Cmd is the started command (its Process, its ProcessState once done).
	Cmd  *exec.Cmd
	done chan struct{} // closed once the process has exited and been reaped
	err  error         // Cmd.Wait's result, set before done is closed
}

// Start starts cmd so that the kernel sends it sig when this process goes
// (where the kernel has a parent-death signal Go exposes: Linux).
//
// The kernel's parent is the OS thread that forked the child, not the
// process: the signal fires when that thread exits, and Go ends a thread
// whenever a goroutine locked to it returns without unlocking, which any
// code in the process may do. So cmd is started from a goroutine that
// locks itself to its thread and waits there for the child: no other
// goroutine runs on that thread, which lives until the child is reaped.
// Other fields of cmd.SysProcAttr are kept.
func Start(cmd *exec.Cmd, sig syscall.Signal) (*Child, error) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	setDeathSignal(cmd.SysProcAttr, sig)
	c := &Child{Cmd: cmd, done: make(chan struct{})}
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread() // the child is gone by then
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		c.err = cmd.Wait()
		close(c.done)
	}()
	if err := <-started; err != nil {
		return nil, err
	}
	return c, nil
}

// Done is closed once the child has exited and been reaped.
func (c *Child) Done() <-chan struct{} { return c.done }

// Wait waits for the child to exit and returns Cmd.Wait's result.
func (c *Child) Wait() error {
	<-c.done
	return c.err
}

// Run is cmd.CombinedOutput for a tethered child.
func Run(cmd *exec.Cmd, sig syscall.Signal) ([]byte, error) {
	var out bytes.Buffer // one writer for both: exec.Cmd writes to it from one goroutine
	cmd.Stdout, cmd.Stderr = &out, &out
	c, err := Start(cmd, sig)
	if err != nil {
		return nil, err
	}
	err = c.Wait()
	return out.Bytes(), err
}
