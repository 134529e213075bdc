package verde

import (
	"crypto/rand"
	"fmt"

	"github.com/axl-market/axl/market"
)

// TreeOf builds the Merkle tree of encoded leaves, such as the canonical
// trace entries of a worker's run (swarm/noloco writes them): the leaf
// format belongs to whoever writes the trace, the tree does not look inside.
func TreeOf(leaves [][]byte) (*Tree, error) {
	hashes := make([]Hash, len(leaves))
	for i, l := range leaves {
		hashes[i] = LeafHash(l)
	}
	return NewTree(hashes)
}

// Salt hides a trace root inside its commitment until the reveal.
type Salt [32]byte

// NewSalt draws a random salt.
func NewSalt() (Salt, error) {
	var s Salt
	if _, err := rand.Read(s[:]); err != nil {
		return s, fmt.Errorf("verde: salt: %w", err)
	}
	return s, nil
}

// Commitment is a worker's commitment to its trace root for a job:
// market.Commitment, the one formula of the project.
func Commitment(job [32]byte, worker [20]byte, root Hash, salt Salt) Hash {
	return Hash(market.Commitment(job, worker, market.Hash(root), market.Hash(salt)))
}

// CheckReveal reports whether a revealed root and salt open the commitment
// of worker for job.
func CheckReveal(commitment Hash, job [32]byte, worker [20]byte, root Hash, salt Salt) bool {
	return Commitment(job, worker, root, salt) == commitment
}
