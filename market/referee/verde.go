package referee

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/verde"
)

// verdeAsker puts swarm/verde's questions to a slot through its challenges.
type verdeAsker struct{ s *SlotAsker }

func (a verdeAsker) Ask(ctx context.Context, q verde.Question) (json.RawMessage, error) {
	return a.s.AskRaw(ctx, q.Kind, q.Args)
}

// placement maps the job's slots to verde's (replica, rank) and back, and
// lists what each slot revealed.
type placement struct {
	slotOf  map[verde.Slot]uint32
	of      map[uint32]verde.Slot
	reveals map[verde.Slot]verde.Reveal
}

func place(reports []market.SlotReport) placement {
	p := placement{slotOf: map[verde.Slot]uint32{}, of: map[uint32]verde.Slot{}, reveals: map[verde.Slot]verde.Reveal{}}
	for _, r := range reports {
		s := verde.Slot{Replica: int(r.Replica), Rank: int(r.Rank)}
		p.slotOf[s], p.of[r.Slot] = r.Slot, s
		if r.Reveal != nil {
			p.reveals[s] = verde.Reveal{Root: verde.Hash(r.Reveal.TraceRoot), Leaves: int(r.Reveal.Leaves)}
		}
	}
	return p
}

// outcome renders a game's record as the dispute's transcript and its
// ruling in the job's slots, verde's own verdict kept beside them.
func (p placement) outcome(record any, r *verde.Ruling) (json.RawMessage, market.Ruling, error) {
	out := market.Ruling{Guilty: []uint32{}, Reasons: []string{}}
	for _, v := range r.Guilty {
		slot, ok := p.slotOf[v.Slot]
		if !ok {
			return nil, out, fmt.Errorf("referee: the game convicted %v, which is no slot of the job", v.Slot)
		}
		out.Guilty = append(out.Guilty, slot)
		out.Reasons = append(out.Reasons, fmt.Sprintf("%v: %s", v.Slot, v.Reason))
	}
	transcript, err := json.Marshal(record)
	if err != nil {
		return nil, out, err
	}
	out.Verdict, err = json.Marshal(r)
	return transcript, out, err
}

// VerdeGame plays a dispute between two slots of one rank with
// swarm/verde's referee: bisection over the two traces, then over the
// diverging step's operators, and one operator recomputed (or a gossip
// message checked against its sender's own commitments).
func VerdeGame(ctx context.Context, in GameInput) (json.RawMessage, market.Ruling, error) {
	p := place(in.Reports)
	if len(in.Dispute.Slots) != 2 {
		return nil, market.Ruling{}, fmt.Errorf("referee: a dispute between %d slots", len(in.Dispute.Slots))
	}
	a, b := p.of[in.Dispute.Slots[0]], p.of[in.Dispute.Slots[1]]
	t, r, err := verde.Judge(ctx, verde.Setup{
		Job: in.Intent.ID.String(), Plan: jobplan.FromSpec(in.Intent.Spec), Base: in.Base, Data: in.Data, Tokenizer: in.Tokenizer,
		Rank: a.Rank, Replicas: [2]int{a.Replica, b.Replica}, Reveals: p.reveals,
		Askers: func(s verde.Slot) verde.Asker { return verdeAsker{in.Asker(p.slotOf[s])} },
		Pool:   ree.NewPool(1),
	})
	if err != nil {
		return nil, market.Ruling{}, err
	}
	return p.outcome(t, r)
}

// SpotCheckGame returns the game that spot-checks k inner steps of one slot
// of a single-replica job, recomputing each from the committed state
// before it. The steps are drawn from the slots' revealed roots and salts,
// which no worker knew all of before it committed.
func SpotCheckGame(k int) Game {
	return func(ctx context.Context, in GameInput) (json.RawMessage, market.Ruling, error) {
		p := place(in.Reports)
		if len(in.Dispute.Slots) != 1 {
			return nil, market.Ruling{}, fmt.Errorf("referee: a spot check of %d slots", len(in.Dispute.Slots))
		}
		slot := p.of[in.Dispute.Slots[0]]
		h := sha256.New()
		h.Write(in.Intent.ID[:])
		for _, r := range in.Reports {
			if r.Reveal != nil {
				h.Write(r.Reveal.TraceRoot[:])
				h.Write(r.Reveal.Salt[:])
			}
		}
		seed := binary.BigEndian.Uint64(h.Sum(nil))
		rep, r, err := verde.SpotCheckSlot(ctx, verde.SpotSetup{
			Job: in.Intent.ID.String(), Plan: jobplan.FromSpec(in.Intent.Spec), Base: in.Base, Data: in.Data, Tokenizer: in.Tokenizer,
			Slot: slot, Reveal: p.reveals[slot], Asker: verdeAsker{in.Asker(in.Dispute.Slots[0])}, Seed: seed, K: k,
			Pool: ree.NewPool(1),
		})
		if err != nil {
			return nil, market.Ruling{}, err
		}
		return p.outcome(rep, r)
	}
}
