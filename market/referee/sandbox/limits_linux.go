package sandbox

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// setLimits bounds this process: the address space it may add to what it
// has mapped now (the Go runtime reserves more than a gigabyte of address
// space it barely touches, so memory counts from there) through
// RLIMIT_AS, the Go heap's soft limit an eighth below it (the collector
// works hard before an allocation fails), and its CPU time through
// RLIMIT_CPU: at cpu (whole seconds rounded up) the kernel sends SIGXCPU,
// on which cpuMarker is written to stderr for the parent, and a second
// later SIGKILL.
func setLimits(memory int64, cpu time.Duration, stderr io.Writer) error {
	if memory < MinMemory {
		return fmt.Errorf("a memory limit of %d bytes is below the minimum of %d", memory, MinMemory)
	}
	if cpu <= 0 {
		return fmt.Errorf("a CPU time limit of %s", cpu)
	}
	mapped, err := addressSpace()
	if err != nil {
		return err
	}
	debug.SetMemoryLimit(memory - memory/8)
	as := uint64(mapped + memory)
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: as, Max: as}); err != nil {
		return fmt.Errorf("RLIMIT_AS: %w", err)
	}
	xcpu := make(chan os.Signal, 1)
	signal.Notify(xcpu, syscall.SIGXCPU)
	go func() {
		<-xcpu
		fmt.Fprintln(stderr, cpuMarker)
	}()
	secs := cpuSeconds(cpu)
	if err := syscall.Setrlimit(syscall.RLIMIT_CPU, &syscall.Rlimit{Cur: secs, Max: secs + 1}); err != nil {
		return fmt.Errorf("RLIMIT_CPU: %w", err)
	}
	return nil
}

// addressSpace is the size of this process's address space (VmSize).
func addressSpace() (int64, error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "VmSize:"); ok {
			f := strings.Fields(rest)
			if len(f) == 2 && f[1] == "kB" {
				kb, err := strconv.ParseInt(f[0], 10, 64)
				if err == nil {
					return kb << 10, nil
				}
			}
			return 0, fmt.Errorf("/proc/self/status: VmSize %q", strings.TrimSpace(rest))
		}
	}
	return 0, errors.New("/proc/self/status: no VmSize")
}

// cpuSeconds is the CPU limit as RLIMIT_CPU counts it.
func cpuSeconds(cpu time.Duration) uint64 { return uint64(math.Ceil(cpu.Seconds())) }

// sysProcAttr puts the child in a process group of its own (a terminal's
// ^C reaches the server, which ends its games itself); tether.Start adds
// the parent-death signal.
func sysProcAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setpgid: true} }

// kill ends the child and anything it started.
func kill(p *os.Process) {
	if err := syscall.Kill(-p.Pid, syscall.SIGKILL); err != nil {
		_ = p.Kill()
	}
}

// cpuTime is the CPU time a child used. (Its peak resident size is not
// told: Linux counts the parent's, whose memory the child shared until
// it executed.)
func cpuTime(ps *os.ProcessState) time.Duration { return ps.UserTime() + ps.SystemTime() }

// signalOf is the signal that ended the child, 0 if it exited.
func signalOf(ps *os.ProcessState) syscall.Signal {
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return ws.Signal()
	}
	return 0
}
