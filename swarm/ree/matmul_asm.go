//go:build (amd64 || arm64) && !purego

package ree

// sliceData returns a pointer to the first element of s for the assembly
// kernels, or nil for a slice with no room (a product of depth zero reads
// nothing).
func sliceData(s []float32) *float32 {
	if cap(s) == 0 {
		return nil
	}
	return &s[:1][0]
}
