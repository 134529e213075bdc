package verde

import (
	"bytes"
	"fmt"

	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/noloco"
)

// Delivery is what a slot reveals of its run: its trace's root and leaf
// count, the weights file it delivers, and the inclusion proof of the
// trace's last leaf (the final average's state), which the weights open.
type Delivery struct {
	Root    Hash
	Leaves  int
	Weights []byte
	// FinalProof proves the last leaf under Root (Tree.Proof(Leaves-1)).
	FinalProof []Hash
}

// CheckDelivery checks that a delivery is what its trace commits to, for
// the worker of (replica, rank) of a job: the trace has the leaves the
// job's layout gives that place; the weights are a model the workers'
// parser reads, of the base model's architecture, in its one canonical
// encoding (model.Encode); and their weights, flattened in parameter
// order, hash to the final leaf the proof places under the root. So equal
// roots deliver byte-identical weights files, and a root that commits to
// other weights cannot be revealed with these.
func CheckDelivery(jobID string, plan jobplan.Plan, replica, rank int, base []byte, d Delivery) error {
	cfg := plan.NoLoCo(jobID, replica, rank)
	if want := len(noloco.Layout(cfg, plan.Steps)); d.Leaves != want {
		return fmt.Errorf("the trace has %d leaves; a run of rank %d of this job records %d", d.Leaves, rank, want)
	}
	m, err := model.Parse(d.Weights)
	if err != nil {
		return fmt.Errorf("the weights are not a model the workers read: %w", err)
	}
	b, err := model.Parse(base)
	if err != nil {
		return fmt.Errorf("the base model: %w", err)
	}
	if m.Config != b.Config {
		return fmt.Errorf("the weights are a model of another architecture than the base model's")
	}
	var canon bytes.Buffer
	canon.Grow(len(d.Weights))
	if err := model.Encode(&canon, m); err != nil {
		return err
	}
	if !bytes.Equal(canon.Bytes(), d.Weights) {
		return fmt.Errorf("the weights file is not in the canonical encoding workers write (model.Encode)")
	}
	if !VerifyProof(d.Root, d.Leaves, d.Leaves-1, LeafHash(FinalLeaf(plan.Steps, m)), d.FinalProof) {
		return fmt.Errorf("the weights do not open the last leaf of the trace: the trace commits to other weights")
	}
	return nil
}

// CheckPartial checks the shape of a partial delivery, the trace of a run
// that broke, for the worker of (replica, rank) of a job: at least its
// first leaf (the starting state) and fewer than the whole run records.
// What its leaves hold nobody can check without the run's peers: a partial
// trace is never paid, so it is never matched.
func CheckPartial(jobID string, plan jobplan.Plan, replica, rank int, leaves int) error {
	cfg := plan.NoLoCo(jobID, replica, rank)
	if whole := len(noloco.Layout(cfg, plan.Steps)); leaves < 1 || leaves >= whole {
		return fmt.Errorf("a partial trace has 1 to %d leaves (a whole run of rank %d records %d), not %d", whole-1, rank, whole, leaves)
	}
	return nil
}

// FinalLeaf is the encoded last leaf of the trace of a run of steps inner
// steps that ends with the weights of m.
func FinalLeaf(steps int, m *model.Model) []byte { return FinalEntry(steps, m).Encode(nil) }

// FinalEntry is the last entry of the trace of a run of steps inner steps
// that ends with the weights of m: their hash, flattened in parameter
// order.
func FinalEntry(steps int, m *model.Model) noloco.TraceEntry {
	return noloco.TraceEntry{Step: steps, Kind: noloco.EntryFinal, Peer: -1, Hash: noloco.HashTensors(m.Params)}
}
