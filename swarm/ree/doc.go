// Package ree holds the reproducible execution environment of AXL's
// training: float32 tensor kernels whose results are the same bits on every
// machine, for every number of goroutines.
//
// The rules every kernel here follows:
//
//   - Each output element is computed by exactly one goroutine, in one fixed
//     order of floating-point operations. Parallelism splits outputs, never a
//     sum: a reduction over many elements is cut into chunks of a fixed size
//     (never a function of the goroutine count), summed in order.
//   - Every product is wrapped in an explicit float32(...) (or float64(...))
//     conversion, which forbids the compiler to fuse it with an addition into
//     an FMA (as it may on arm64, or on amd64 with GOAMD64=v3).
//   - Transcendental functions (Exp, Log, Tanh, Cos, …) are the package's own,
//     in pure Go, built on operations IEEE 754 defines exactly (+, −, ×, ÷,
//     sqrt), so they too give the same bits everywhere.
//   - A fast path (AVX2 assembly on amd64, without FMA) performs the very same
//     operations in the very same order as the portable path; tests compare
//     them bit for bit.
package ree
