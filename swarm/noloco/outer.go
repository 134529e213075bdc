// Package noloco trains the workers of one replica together with NoLoCo
// (Kolehmainen et al., 2025): inner AdamW steps on each worker's own data
// shard and, every H inner steps, an outer step that averages with one
// partner drawn from a shared-seed permutation instead of an all-reduce.
// A run ends with one deterministic average of all the workers' weights.
//
// The algorithm (Groups, OuterStep) is pure and bit-reproducible; the
// messages between workers go through a Transport: libp2p streams between
// hosts (P2P), or memory (MemNetwork) for tests and the benchmark against
// the DiLoCo and data-parallel baselines.
package noloco

import (
	"fmt"
	"math"
	"slices"

	"github.com/axl-market/axl/swarm/ree"
)

// Params are the constants of NoLoCo's outer step.
type Params struct {
	Alpha float32 // momentum decay α
	Beta  float32 // weight β of the group's mean outer delta
	Gamma float32 // pull γ towards the group's mean slow weights
	H     int     // inner steps between outer steps
}

// DefaultParams returns the published settings: α = 0.5, β = γ = 0.7, H = 50.
func DefaultParams() Params { return Params{Alpha: 0.5, Beta: 0.7, Gamma: 0.7, H: 50} }

// Validate reports whether p gives a stable outer step for pairs: β > α and
// α < γ < √(2 + α²).
func (p Params) Validate() error {
	a, b, g := float64(p.Alpha), float64(p.Beta), float64(p.Gamma)
	switch {
	case p.H < 1:
		return fmt.Errorf("outer step every %d inner steps: want at least 1", p.H)
	case !(a >= 0 && b > a && g > a && g < math.Sqrt(2+a*a)):
		return fmt.Errorf("α=%g β=%g γ=%g: want 0 ≤ α < β and α < γ < √(2+α²)", a, b, g)
	}
	return nil
}

// OuterStep computes one member's outer step:
//
//	δ ← α·δ + β·mean_G(Δ) − γ·(φ_self − mean_G(φ));  φ_self ← φ_self + δ
//
// phi and delta hold the slow weights and outer deltas of the group's
// members in rank order, self indexes this member among them, mom is its
// momentum δ (updated in place) and the new φ_self is written to out (which
// may be phi[self]). The means sum in rank order and every product is
// rounded on its own, so every member computes the same means to the bit.
func OuterStep(p Params, self int, phi, delta [][]float32, mom, out []float32) {
	n := float32(len(phi))
	mine := phi[self]
	for k := range mom {
		var sp, sd float32
		for j := range phi {
			sp += phi[j][k]
			sd += delta[j][k]
		}
		meanPhi, meanDelta := sp/n, sd/n
		d := float32(p.Alpha*mom[k]) + float32(p.Beta*meanDelta) - float32(p.Gamma*(mine[k]-meanPhi))
		mom[k] = d
		out[k] = mine[k] + d
	}
}

// Groups returns the groups of outer step outer among n workers: a
// permutation of the ranks drawn from (seed, outer) alone, cut into
// consecutive pairs; when n is odd the last pair takes the odd one out as
// a third. Each group lists its ranks in ascending order.
func Groups(seed uint64, outer, n int) [][]int {
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	// Fisher–Yates on the project's fixed generator, on a stream of its own.
	r := ree.NewRand(ree.Mix(seed, groupStream, uint64(outer)))
	for i := n - 1; i > 0; i-- {
		j := r.Intn(i + 1)
		perm[i], perm[j] = perm[j], perm[i]
	}
	var groups [][]int
	for i := 0; i+1 < n; i += 2 {
		groups = append(groups, perm[i:i+2:i+2])
	}
	switch {
	case n == 1:
		groups = [][]int{perm}
	case n%2 == 1:
		last := len(groups) - 1
		groups[last] = append(groups[last], perm[n-1])
	}
	for _, g := range groups {
		slices.Sort(g)
	}
	return groups
}

// groupStream names the generator stream of the pairings, apart from the
// data's (seed, shard, step) streams.
const groupStream = 0x6e6f6c6f636f // "noloco"

// GroupOf returns the group of groups that holds rank.
func GroupOf(groups [][]int, rank int) []int {
	for _, g := range groups {
		if slices.Contains(g, rank) {
			return g
		}
	}
	return nil
}
