package ree

import "math"

// Rand is a SplitMix64 generator: a fixed, documented algorithm, so that a
// seed names the same stream on every machine and in every Go release.
type Rand struct{ state uint64 }

// NewRand returns a generator seeded with seed.
func NewRand(seed uint64) *Rand { return &Rand{state: seed} }

// Uint64 returns the next 64 pseudo-random bits.
func (r *Rand) Uint64() uint64 {
	r.state += 0x9e3779b97f4a7c15
	return mix64(r.state)
}

// Float64 returns a number in [0, 1) with 53 random bits.
func (r *Rand) Float64() float64 { return float64(r.Uint64()>>11) * 0x1p-53 }

// Intn returns a number in [0, n) for n > 0 (with a bias below 2⁻³² for the
// sizes used here).
func (r *Rand) Intn(n int) int { return int((r.Uint64() >> 1) % uint64(n)) }

// Norm returns a standard normal number, by the Box–Muller transform on the
// package's own Log64 and Cos64.
func (r *Rand) Norm() float64 {
	u1 := 1 - r.Float64() // in (0, 1]
	u2 := r.Float64()
	return float64(math.Sqrt(float64(-2*log64(u1))) * cos64(float64(twoPi*u2)))
}

// Mix hashes a tuple of integers into 64 bits. It names sub-streams: the
// generator for (seed, shard, step) is NewRand(Mix(seed, shard, step)).
func Mix(vals ...uint64) uint64 {
	h := uint64(0x243f6a8885a308d3)
	for _, v := range vals {
		h = mix64(h ^ mix64(v+0x9e3779b97f4a7c15))
	}
	return h
}

// mix64 is SplitMix64's finaliser.
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
