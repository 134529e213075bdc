//go:build !linux

package sandbox

import (
	"errors"
	"io"
	"os"
	"syscall"
	"time"
)

// setLimits refuses: the sandbox bounds a child with Linux's resource
// limits, and a game without them is what the sandbox exists to prevent.
func setLimits(int64, time.Duration, io.Writer) error {
	return errors.New("the referee's sandbox needs Linux")
}

func sysProcAttr() *syscall.SysProcAttr { return nil }

func kill(p *os.Process) { _ = p.Kill() }

func cpuTime(ps *os.ProcessState) time.Duration { return ps.UserTime() + ps.SystemTime() }

func signalOf(*os.ProcessState) syscall.Signal { return 0 }
