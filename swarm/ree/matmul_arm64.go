//go:build arm64 && !purego

package ree

import "golang.org/x/sys/cpu"

// haveFastKernel is fixed at start-up by what the CPU can do (Advanced SIMD
// is part of every ARMv8-A core); it selects a speed, never a result.
var haveFastKernel = cpu.ARM64.HasASIMD

// kern4x16NEON is kernelGo in Advanced SIMD: FMUL then FADD, never FMLA,
// over k ascending, four columns per instruction.
//
//go:noescape
func kern4x16NEON(k int, a, b, c *float32, ldc int)

func kernelFast(k int, a, b, c []float32, ldc int) {
	if k > 0 {
		_, _ = a[k*tileM-1], b[k*tileN-1]
	}
	_ = c[(tileM-1)*ldc+tileN-1]
	kern4x16NEON(k, sliceData(a), sliceData(b), &c[0], ldc)
}
