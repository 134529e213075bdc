package api

import (
	"crypto/sha256"

	"github.com/axl-market/axl/market"
)

// commitmentDomain prefixes every commitment, so that a commitment is never
// a hash of anything else.
const commitmentDomain = "axl-verde-commit/1"

// commitment is a worker's commitment to its trace root for a job, as
// swarm/verde computes it: sha256("axl-verde-commit/1" ‖ job ‖ worker ‖ root
// ‖ salt). It names the worker, so that a commitment copied from another
// slot cannot be opened by the copier.
// TODO(verde): call verde.Commitment once it is committed in swarm/verde.
func commitment(job market.Hash, worker market.Address, root, salt market.Hash) market.Hash {
	h := sha256.New()
	h.Write([]byte(commitmentDomain))
	h.Write(job[:])
	h.Write(worker[:])
	h.Write(root[:])
	h.Write(salt[:])
	return market.Hash(h.Sum(nil))
}

// opens reports whether root and salt open worker's commitment c for job.
func opens(c, job market.Hash, worker market.Address, root, salt market.Hash) bool {
	return commitment(job, worker, root, salt) == c
}
