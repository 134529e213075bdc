//go:build !linux

package escrow_test

import "os/exec"

// startTethered starts cmd; Wait's result goes to exited, which should
// have room for it. There is no parent-death signal here: the child
// outlives a test binary that is killed.
func startTethered(cmd *exec.Cmd, exited chan<- error) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { exited <- cmd.Wait() }()
	return nil
}
