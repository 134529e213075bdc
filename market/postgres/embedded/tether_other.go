//go:build !linux

package embedded

import "syscall"

// setDeathSignal does nothing where the kernel has no parent-death signal
// that Go exposes: a server started by Start then outlives a killed
// process, unless it lives in a ScratchDir, whose watchdog stops it.
func setDeathSignal(*syscall.SysProcAttr, syscall.Signal) {}
