package embedded

import (
	"bytes"
	"os/exec"
	"runtime"
	"syscall"
)

// A child is a process started by startTethered.
type child struct {
	cmd  *exec.Cmd
	done chan struct{} // closed once the process has exited and been reaped
	err  error         // cmd.Wait's result, set before done is closed
}

// startTethered starts cmd so that it does not outlive this process: on
// Linux the kernel sends it sig (SysProcAttr.Pdeathsig) when its parent
// goes, by SIGKILL or a test binary's -timeout panic as well as by exit.
//
// The kernel's parent is the OS thread that forked the child, not the
// process: the signal fires when that thread exits, and Go ends a thread
// whenever a goroutine locked to it returns without unlocking, which any
// code in the process may do. So cmd is started from a goroutine that
// locks itself to its thread and waits there for the child: no other
// goroutine runs on that thread, which lives until the child is reaped.
func startTethered(cmd *exec.Cmd, sig syscall.Signal) (*child, error) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	setDeathSignal(cmd.SysProcAttr, sig)
	c := &child{cmd: cmd, done: make(chan struct{})}
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

// runTethered is cmd.CombinedOutput for a tethered child.
func runTethered(cmd *exec.Cmd, sig syscall.Signal) ([]byte, error) {
	var out bytes.Buffer // one writer for both: exec.Cmd writes to it from one goroutine
	cmd.Stdout, cmd.Stderr = &out, &out
	c, err := startTethered(cmd, sig)
	if err != nil {
		return nil, err
	}
	<-c.done
	return out.Bytes(), c.err
}

// StartTethered starts cmd so that it does not outlive this process (on
// Linux the kernel SIGKILLs it when its parent thread goes, see
// startTethered), and sends Wait's result to exited, which should have room
// for it. Tests start their servers, workers, chains and node processes
// this way, as Start does its PostgreSQL.
func StartTethered(cmd *exec.Cmd, exited chan<- error) error {
	c, err := startTethered(cmd, syscall.SIGKILL)
	if err != nil {
		return err
	}
	go func() {
		<-c.done
		exited <- c.err
	}()
	return nil
}
