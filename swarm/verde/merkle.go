// Package verde holds the verification side of AXL's training (Arun et al.,
// Verde, 2025): Merkle trees over traces with inclusion proofs,
// commit-then-reveal commitments bound to the committer (Commitment), and
// the refereed game between two replicas that disagree.
//
// The game is transport-agnostic: the referee (Judge, or SpotCheckSlot for
// a job with one replica) puts Questions to the parties through Askers,
// small JSON in and JSON out, and a worker answers them with a Prover over
// the archive its run kept (noloco.Config.ArchiveDir). The server carries
// the questions over HTTP; tests carry them in memory. The referee bisects
// the two traces to the earliest diverging leaf, then, by its kind, bisects
// that inner step's operator records and recomputes one operator (JudgeOp),
// or links the records to the committed states, or checks a gossip message
// against its sender's committed state, or recomputes an outer step or the
// final average; a party that does not answer, or answers against its own
// commitment, loses. The Transcript records every question and comparison,
// for anyone to re-check (Transcript.Verify).
package verde

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"math/bits"
)

// Hash is a SHA-256 digest.
type Hash [sha256.Size]byte

// String is the hash in hex.
func (h Hash) String() string { return fmt.Sprintf("%x", h[:]) }

// Leaves and interior nodes are hashed with different prefixes (as in
// RFC 6962), so that no leaf can pose as a node and no proof can be forged
// by moving a level.
const (
	leafPrefix = 0x00
	nodePrefix = 0x01
)

// LeafHash is the hash of a leaf's bytes in the tree.
func LeafHash(data []byte) Hash {
	h := sha256.New()
	h.Write([]byte{leafPrefix})
	h.Write(data)
	var out Hash
	h.Sum(out[:0])
	return out
}

// NodeHash is the hash of an interior node from its two children.
func NodeHash(left, right Hash) Hash {
	var buf [1 + 2*sha256.Size]byte
	buf[0] = nodePrefix
	copy(buf[1:], left[:])
	copy(buf[1+sha256.Size:], right[:])
	return sha256.Sum256(buf[:])
}

// Split is where the range [lo, hi) of more than one leaf divides: after
// the largest power of two below its size. Every tree, proof and bisection
// here uses this one shape, so all parties agree on which node is which.
func Split(lo, hi int) int {
	n := hi - lo
	return lo + 1<<(bits.Len(uint(n-1))-1)
}

// Tree is a Merkle tree over leaf hashes, kept whole so that any node of it
// can be served during a dispute.
type Tree struct {
	leaves []Hash
	nodes  map[[2]int]Hash
}

// ErrEmpty is the error of a tree without leaves.
var ErrEmpty = errors.New("verde: a tree needs at least one leaf")

// NewTree builds the tree of the given leaf hashes.
func NewTree(leaves []Hash) (*Tree, error) {
	if len(leaves) == 0 {
		return nil, ErrEmpty
	}
	t := &Tree{leaves: append([]Hash(nil), leaves...), nodes: make(map[[2]int]Hash, 2*len(leaves))}
	t.build(0, len(leaves))
	return t, nil
}

func (t *Tree) build(lo, hi int) Hash {
	if hi-lo == 1 {
		t.nodes[[2]int{lo, hi}] = t.leaves[lo]
		return t.leaves[lo]
	}
	k := Split(lo, hi)
	h := NodeHash(t.build(lo, k), t.build(k, hi))
	t.nodes[[2]int{lo, hi}] = h
	return h
}

// Len is the number of leaves.
func (t *Tree) Len() int { return len(t.leaves) }

// Root is the hash of the whole tree.
func (t *Tree) Root() Hash { return t.nodes[[2]int{0, len(t.leaves)}] }

// Node returns the hash of the subtree over [lo, hi), if the tree has that node.
func (t *Tree) Node(lo, hi int) (Hash, bool) {
	h, ok := t.nodes[[2]int{lo, hi}]
	return h, ok
}

// Leaf returns leaf i's hash.
func (t *Tree) Leaf(i int) Hash { return t.leaves[i] }

// Proof is the inclusion proof of leaf i: the sibling hashes from the leaf
// up to the root.
func (t *Tree) Proof(i int) ([]Hash, error) {
	if i < 0 || i >= len(t.leaves) {
		return nil, fmt.Errorf("verde: leaf %d of %d", i, len(t.leaves))
	}
	var path []Hash
	lo, hi := 0, len(t.leaves)
	for hi-lo > 1 {
		k := Split(lo, hi)
		if i < k {
			path = append(path, t.nodes[[2]int{k, hi}])
			hi = k
		} else {
			path = append(path, t.nodes[[2]int{lo, k}])
			lo = k
		}
	}
	// Siblings were collected root-down; a proof lists them leaf-up.
	for a, b := 0, len(path)-1; a < b; a, b = a+1, b-1 {
		path[a], path[b] = path[b], path[a]
	}
	return path, nil
}

// VerifyProof reports whether leaf (a leaf hash) is leaf i of the n-leaf
// tree with the given root, by the proof.
func VerifyProof(root Hash, n, i int, leaf Hash, proof []Hash) bool {
	if i < 0 || i >= n {
		return false
	}
	// Walk down to learn, level by level, which side the leaf is on.
	var right []bool
	lo, hi := 0, n
	for hi-lo > 1 {
		k := Split(lo, hi)
		if i < k {
			right = append(right, false)
			hi = k
		} else {
			right = append(right, true)
			lo = k
		}
	}
	if len(right) != len(proof) {
		return false
	}
	h := leaf
	for level, sib := range proof {
		if right[len(right)-1-level] {
			h = NodeHash(sib, h)
		} else {
			h = NodeHash(h, sib)
		}
	}
	return h == root
}
