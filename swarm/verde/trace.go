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

// Commit is the commitment to a trace root: sha256 of a domain tag, the
// root and the salt. Published first, it binds a worker to its root
// without showing it, so that no replica can copy another's answer.
func Commit(root Hash, salt Salt) Hash {
	h := sha256.New()
	h.Write([]byte("axl-verde-commit-v1"))
	h.Write(root[:])
	h.Write(salt[:])
	var out Hash
	h.Sum(out[:0])
	return out
}

// CheckReveal reports whether a revealed root and salt open the commitment.
func CheckReveal(commitment, root Hash, salt Salt) bool {
	return Commit(root, salt) == commitment
}
