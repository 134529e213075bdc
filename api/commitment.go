package api

import (
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/swarm/verde"
)

// opens reports whether root and salt open worker's commitment c for job:
// verde.Commitment, sha256("axl-verde-commit/1" ‖ job ‖ worker ‖ root ‖
// salt), names the worker, so that a commitment copied from another slot
// does not open for the copier.
func opens(c, job market.Hash, worker market.Address, root, salt market.Hash) bool {
	return verde.CheckReveal(verde.Hash(c), job, worker, verde.Hash(root), verde.Salt(salt))
}
