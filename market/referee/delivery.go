package referee

import (
	"context"
	"fmt"
	"io"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/blobstore"
	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/swarm/verde"
)

// Deliveries implements market.DeliveryCheck with swarm/verde's check on
// the artifacts of the blob store: the revealed weights must open the last
// leaf of the revealed trace.
type Deliveries struct {
	Blobs *blobstore.Store
}

var _ market.DeliveryCheck = Deliveries{}

// CheckDelivery implements market.DeliveryCheck.
func (d Deliveries) CheckDelivery(_ context.Context, in market.Intent, slot market.SlotReport, r market.Reveal, finalProof []market.Hash) error {
	if r.Partial {
		err := verde.CheckPartial(in.ID.String(), jobplan.FromSpec(in.Spec), int(slot.Replica), int(slot.Rank), int(r.Leaves))
		if err != nil {
			return market.Errorf(market.KindInvalid, "partial reveal of slot %d: %v", slot.Slot, err)
		}
		return nil
	}
	base, err := readBlob(d.Blobs, in.Spec.BaseModel)
	if err != nil {
		return err
	}
	weights, err := readBlob(d.Blobs, r.Weights)
	if err != nil {
		return err
	}
	proof := make([]verde.Hash, len(finalProof))
	for i, h := range finalProof {
		proof[i] = verde.Hash(h)
	}
	err = verde.CheckDelivery(in.ID.String(), jobplan.FromSpec(in.Spec), int(slot.Replica), int(slot.Rank), base,
		verde.Delivery{Root: verde.Hash(r.TraceRoot), Leaves: int(r.Leaves), Weights: weights, FinalProof: proof})
	if err != nil {
		return market.Errorf(market.KindInvalid, "weights %s of slot %d: %v", r.Weights, slot.Slot, err)
	}
	return nil
}

// readBlob reads an artifact whole.
func readBlob(blobs *blobstore.Store, id market.ArtifactID) ([]byte, error) {
	if blobs == nil {
		return nil, fmt.Errorf("referee: no blob store to read artifact %s from", id)
	}
	f, err := blobs.Open(id)
	if err != nil {
		return nil, fmt.Errorf("referee: artifact %s: %w", id, err)
	}
	defer f.Close()
	return io.ReadAll(f)
}
