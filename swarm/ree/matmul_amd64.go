//go:build amd64 && !purego

package ree

import "golang.org/x/sys/cpu"

// haveFastKernel is fixed at start-up by what the CPU can do; it selects a
// speed, never a result.
var haveFastKernel = cpu.X86.HasAVX2

// kern4x16AVX2 is kernelGo in AVX2: VMULPS then VADDPS, never FMA, over k
// ascending, eight columns per instruction.
//
//go:noescape
func kern4x16AVX2(k int, a, b, c *float32, ldc int)

func kernelFast(k int, a, b, c []float32, ldc int) {
	if k > 0 {
		_, _ = a[k*tileM-1], b[k*tileN-1]
	}
	_ = c[(tileM-1)*ldc+tileN-1]
	kern4x16AVX2(k, sliceData(a), sliceData(b), &c[0], ldc)
}
