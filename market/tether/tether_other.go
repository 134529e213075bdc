//go:build !linux

package tether

import "syscall"

// setDeathSignal does nothing where the kernel has no parent-death signal
// that Go exposes: a child started by Start then outlives a killed
// process (the embedded PostgreSQL's ScratchDir watchdog still stops its
// test clusters).
func setDeathSignal(*syscall.SysProcAttr, syscall.Signal) {}
