package tether

import "syscall"

// setDeathSignal has the kernel send sig to the child when its parent
// thread exits.
func setDeathSignal(attr *syscall.SysProcAttr, sig syscall.Signal) { attr.Pdeathsig = sig }
