//go:build !(amd64 || arm64) || purego

package ree

// haveFastKernel is false: this architecture has only the portable kernels.
const haveFastKernel = false

func kernelFast(k int, a, b, c []float32, ldc int) { kernelGo(k, a, b, c, ldc) }
