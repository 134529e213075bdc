//go:build arm64 && !purego

package ree

import "testing"

// TestFastPathInUse makes sure the bit-for-bit comparisons of the fast and
// portable paths compare two different implementations: every ARMv8-A core
// has Advanced SIMD.
func TestFastPathInUse(t *testing.T) {
	if !NewPool(1).Fast() || NewPool(1, Portable()).Fast() {
		t.Fatal("the NEON kernel is not selected, or Portable does not turn it off")
	}
}
