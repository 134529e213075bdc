// Package alloctest measures what a function allocates on the heap, for
// the fuzz targets that bound the memory a parser gives to its input.
package alloctest

import "runtime/metrics"

// Bytes returns the bytes the process allocates on the heap while f runs:
// the runtime's cumulative count, read without stopping the world. It is
// exact for large allocations, the ones a bound is about; small ones may
// be counted late, and other goroutines' allocations count too.
func Bytes(f func()) uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	before := s[0].Value.Uint64()
	f()
	metrics.Read(s)
	return s[0].Value.Uint64() - before
}
