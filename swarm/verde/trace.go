package verde

import (
	"crypto/rand"
	"crypto/sha256"
	"fmt"
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

// Commitment is a worker's commitment to its trace root for a job: the
// sha256 of "axl-verde-commit/1", the job id, the worker's address, the
// root and the salt. Published first, it binds the worker to its root
// without showing it, so that no replica can copy another's answer; and it
// binds the committer: a commitment copied from another worker does not
// open for the copier, whatever root and salt it reveals.
func Commitment(job [32]byte, worker [20]byte, root Hash, salt Salt) Hash {
	h := sha256.New()
	h.Write([]byte("axl-verde-commit/1"))
	h.Write(job[:])
	h.Write(worker[:])
	h.Write(root[:])
	h.Write(salt[:])
	var out Hash
	h.Sum(out[:0])
	return out
}

// CheckReveal reports whether a revealed root and salt open the commitment
// of worker for job.
func CheckReveal(commitment Hash, job [32]byte, worker [20]byte, root Hash, salt Salt) bool {
	return Commitment(job, worker, root, salt) == commitment
}
