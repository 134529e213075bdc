package postgres_test

import (
	"encoding/json"
	"testing"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/postgres/pgtest"
)

// TestApplyChainSwapsStakers: a reorg that swaps two workers' slots is
// stored though no worker may sit twice in a job, not even between two
// rows' writes; the slots the chain no longer holds staked are freed, and
// each change is in the intent's log.
func TestApplyChainSwapsStakers(t *testing.T) {
	t.Parallel()
	s := pgtest.NewStore(t)
	ctx := t.Context()
	id := stakedJob(t, s) // slot i staked by addr(10+i)
	if _, err := s.RewindChain(ctx, "test", market.BlockRef{}); err != nil {
		t.Fatal(err)
	}
	staked := func(slot int, w market.Address) json.RawMessage {
		return json.RawMessage(`{"slot":` + string(rune('0'+slot)) + `,"worker":"` + w.String() + `"}`)
	}
	block := market.BlockRef{Number: 1, Hash: market.Hash{0xb2}}
	events := []market.ChainEvent{
		{Block: 1, BlockHash: block.Hash, LogIndex: 0, Name: "Funded", IntentID: id, Data: json.RawMessage(`{}`)},
		{Block: 1, BlockHash: block.Hash, LogIndex: 1, Name: "Staked", IntentID: id, Data: staked(0, addr(11))},
		{Block: 1, BlockHash: block.Hash, LogIndex: 2, Name: "Staked", IntentID: id, Data: staked(1, addr(10))},
	}
	if err := s.ApplyChainBlocks(ctx, "test", block, events); err != nil {
		t.Fatal(err)
	}
	in, _, err := s.ApplyChain(ctx, id, t0)
	if err != nil {
		t.Fatalf("the swap: %v", err)
	}
	if in.State != market.IntentMatched {
		t.Fatalf("intent %s, want matched", in.State)
	}
	want := []struct {
		state  market.SlotState
		worker market.Address
	}{{market.SlotConfirmed, addr(11)}, {market.SlotConfirmed, addr(10)}, {market.SlotFree, market.Address{}}, {market.SlotFree, market.Address{}}}
	slots, err := s.JobSlots(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for i, sl := range slots {
		if sl.State != want[i].state || sl.Worker != want[i].worker {
			t.Fatalf("slot %d: %s %s, want %s %s", i, sl.State, sl.Worker, want[i].state, want[i].worker)
		}
	}
	j, err := s.Job(ctx, id)
	if err != nil || j.FreeSlots != 2 {
		t.Fatalf("job %+v, %v: want 2 free slots", j, err)
	}
	// 4 confirmations, then slots 2 and 3 un-confirmed and 0 and 1
	// confirmed to their new stakers.
	if n := len(eventsOf(t, s, id, "slot")); n != 8 {
		t.Fatalf("%d slot events, want 8", n)
	}
	// Derived again, nothing changes.
	if _, _, err := s.ApplyChain(ctx, id, t0); err != nil {
		t.Fatal(err)
	}
	if n := len(eventsOf(t, s, id, "slot")); n != 8 {
		t.Fatalf("%d slot events after a second derivation, want 8", n)
	}
}
