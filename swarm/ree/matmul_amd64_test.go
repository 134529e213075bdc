//go:build amd64 && !purego

package ree

import (
	"testing"

	"golang.org/x/sys/cpu"
)

// TestFastPathInUse makes sure the bit-for-bit comparisons of the fast and
// portable paths compare two different implementations on this machine.
func TestFastPathInUse(t *testing.T) {
	if !cpu.X86.HasAVX2 {
		t.Skip("no AVX2: only the portable kernels run here")
	}
	if !NewPool(1).Fast() || NewPool(1, Portable()).Fast() {
		t.Fatal("the AVX2 kernel is not selected, or Portable does not turn it off")
	}
}
