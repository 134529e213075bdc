package escrow_test

import (
	"os/exec"
	"runtime"
	"syscall"
)

// startTethered starts cmd so that it does not outlive the test binary,
// however that ends (SIGKILL, a -timeout panic): the kernel SIGKILLs the
// child when its parent goes (Pdeathsig). Wait's result goes to exited,
// which should have room for it.
//
// The kernel's parent is the OS thread that forked the child: the signal
// fires when that thread exits, and Go ends a thread when a goroutine
// locked to it returns, which code anywhere in the binary may do. So the
// child is started and waited for by a goroutine locked to its thread,
// which thus lives as long as the child.
func startTethered(cmd *exec.Cmd, exited chan<- error) error {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread() // the child is gone by then
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		exited <- cmd.Wait()
	}()
	return <-started
}
