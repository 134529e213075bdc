package market_test

import (
	"encoding/json"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/axl-market/axl/market"
)

func TestDerive(t *testing.T) {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	now := t0.Add(time.Minute)
	id := market.Hash{7}
	a, b, c := market.Address{0xa}, market.Address{0xb}, market.Address{0xc}
	intent := func(st market.IntentState) market.Intent {
		return market.Intent{ID: id, Token: market.TokenUSDC, State: st, Price: big.NewInt(1000), StakePerSlot: big.NewInt(10),
			Spec: market.Spec{Steps: 5, Workers: 2, Replicas: 2}, ModelSize: 64, SlotMemory: 128,
			Deadline: t0.Add(time.Hour), UpdatedAt: t0}
	}
	free := func(i uint32) market.Slot { return market.Slot{JobID: id, Index: i, State: market.SlotFree} }
	claimed := func(i uint32, w market.Address) market.Slot {
		return market.Slot{JobID: id, Index: i, State: market.SlotClaimed, Worker: w, ClaimID: "c" + w.String()[:4],
			ClaimExpiresAt: t0.Add(10 * time.Minute), PermitNonce: big.NewInt(3)}
	}
	confirmed := func(i uint32, w market.Address) market.Slot {
		s := claimed(i, w)
		s.State = market.SlotConfirmed
		return s
	}
	job := func(in market.Intent, cancel bool, games [][]uint32, slots ...market.Slot) market.Holding {
		h := market.Holding{Intent: in, CancelRequested: cancel, HasJob: true, Slots: slots}
		for _, g := range games {
			h.Games = append(h.Games, market.Dispute{JobID: id, Slots: g})
		}
		return h
	}
	stakers := func(m map[uint32]market.Address) market.ChainView {
		return market.ChainView{Funded: true, Stakers: m}
	}
	type event struct {
		Type  string
		State market.IntentState
		Data  string
	}
	for _, tc := range []struct {
		name   string
		h      market.Holding
		view   market.ChainView
		state  market.IntentState
		newJob bool
		slots  []market.Slot
		// changed lists the slots to write; free and closed are the listing.
		changed []uint32
		free    uint32
		closed  bool
		events  []event
	}{
		{
			name: "unfunded: nothing but the state", h: market.Holding{Intent: intent(market.IntentFunding)},
			view: market.ChainView{}, state: market.IntentFunding,
		},
		{
			name: "funded: the matcher makes the job", h: market.Holding{Intent: intent(market.IntentFunding)},
			view: stakers(nil), state: market.IntentOpen, newJob: true,
			slots: []market.Slot{free(0), free(1), free(2), free(3)}, free: 4,
			events: []event{{"state", market.IntentOpen, `{"from":"funding"}`}, {"job", market.IntentOpen, `{"slots":4}`}},
		},
		{
			name: "funded and staked in one batch: made and confirmed", h: market.Holding{Intent: intent(market.IntentFunding)},
			view: stakers(map[uint32]market.Address{1: a}), state: market.IntentMatched, newJob: true,
			slots:   []market.Slot{free(0), {JobID: id, Index: 1, State: market.SlotConfirmed, Worker: a}, free(2), free(3)},
			changed: []uint32{1}, free: 3,
			events: []event{{"state", market.IntentMatched, `{"from":"funding"}`}, {"job", market.IntentMatched, `{"slots":4}`},
				{"slot", market.IntentMatched, `{"slot":1,"state":"confirmed","worker":"` + a.String() + `"}`}},
		},
		{
			name: "the job is made once", h: job(intent(market.IntentOpen), false, nil, free(0), free(1), free(2), free(3)),
			view: stakers(nil), state: market.IntentOpen, slots: []market.Slot{free(0), free(1), free(2), free(3)}, free: 4,
		},
		{
			name: "a stake confirms its claim", h: job(intent(market.IntentOpen), false, nil, claimed(0, a), free(1), free(2), free(3)),
			view: stakers(map[uint32]market.Address{0: a}), state: market.IntentMatched,
			slots:   []market.Slot{confirmed(0, a), free(1), free(2), free(3)},
			changed: []uint32{0}, free: 3,
			events: []event{{"state", market.IntentMatched, `{"from":"open"}`},
				{"slot", market.IntentMatched, `{"slot":0,"state":"confirmed","worker":"` + a.String() + `"}`}},
		},
		{
			name: "the chain's staker wins over a claim and leaves its other place",
			h:    job(intent(market.IntentMatched), false, nil, claimed(0, a), claimed(1, b), free(2), free(3)),
			view: stakers(map[uint32]market.Address{0: b}), state: market.IntentMatched,
			slots:   []market.Slot{{JobID: id, Index: 0, State: market.SlotConfirmed, Worker: b, ClaimID: claimed(0, a).ClaimID, ClaimExpiresAt: t0.Add(10 * time.Minute), PermitNonce: big.NewInt(3)}, free(1), free(2), free(3)},
			changed: []uint32{0, 1}, free: 3,
			events: []event{{"slot", market.IntentMatched, `{"slot":0,"state":"confirmed","worker":"` + b.String() + `"}`}},
		},
		{
			name: "a reorg un-confirms: back to the claim, or free",
			h: job(intent(market.IntentMatched), false, nil, confirmed(0, a),
				market.Slot{JobID: id, Index: 1, State: market.SlotConfirmed, Worker: b}, free(2), free(3)),
			view: stakers(nil), state: market.IntentOpen,
			slots:   []market.Slot{claimed(0, a), free(1), free(2), free(3)},
			changed: []uint32{0, 1}, free: 3,
			events: []event{{"state", market.IntentOpen, `{"from":"matched"}`},
				{"slot", market.IntentOpen, `{"slot":0,"state":"unconfirmed","worker":"` + a.String() + `"}`},
				{"slot", market.IntentOpen, `{"slot":1,"state":"unconfirmed","worker":"` + b.String() + `"}`}},
		},
		{
			name: "a worker the chain moved frees its old slot",
			h:    job(intent(market.IntentMatched), false, nil, free(0), confirmed(1, c), free(2), free(3)),
			view: stakers(map[uint32]market.Address{2: c}), state: market.IntentMatched,
			slots:   []market.Slot{free(0), free(1), {JobID: id, Index: 2, State: market.SlotConfirmed, Worker: c}, free(3)},
			changed: []uint32{1, 2}, free: 3,
			events: []event{{"slot", market.IntentMatched, `{"slot":1,"state":"unconfirmed","worker":"` + c.String() + `"}`},
				{"slot", market.IntentMatched, `{"slot":2,"state":"confirmed","worker":"` + c.String() + `"}`}},
		},
		{
			name: "a cancel request keeps the job closed", h: job(intent(market.IntentOpen), true, nil, free(0), free(1), free(2), free(3)),
			view: stakers(nil), state: market.IntentOpen, slots: []market.Slot{free(0), free(1), free(2), free(3)}, free: 4, closed: true,
		},
		{
			name: "a game between two replicas makes a running intent disputed",
			h: job(intent(market.IntentRunning), false, [][]uint32{{0}, {1, 3}},
				confirmed(0, a), confirmed(1, b), confirmed(2, c), confirmed(3, market.Address{0xd})),
			view:  market.ChainView{Funded: true, Assigned: true, Stakers: map[uint32]market.Address{0: a, 1: b, 2: c, 3: {0xd}}},
			state: market.IntentDisputed,
			slots: []market.Slot{confirmed(0, a), confirmed(1, b), confirmed(2, c), confirmed(3, market.Address{0xd})}, closed: true,
			events: []event{{"state", market.IntentDisputed, `{"from":"running"}`}},
		},
		{
			name: "a spot check leaves it running",
			h: job(intent(market.IntentRunning), false, [][]uint32{{0}},
				confirmed(0, a), confirmed(1, b), confirmed(2, c), confirmed(3, market.Address{0xd})),
			view:  market.ChainView{Funded: true, Assigned: true, Stakers: map[uint32]market.Address{0: a, 1: b, 2: c, 3: {0xd}}},
			state: market.IntentRunning,
			slots: []market.Slot{confirmed(0, a), confirmed(1, b), confirmed(2, c), confirmed(3, market.Address{0xd})}, closed: true,
		},
		{
			name: "the chain's word after the game: a submitted result is verifying",
			h: job(intent(market.IntentDisputed), false, [][]uint32{{1, 3}},
				confirmed(0, a), confirmed(1, b), confirmed(2, c), confirmed(3, market.Address{0xd})),
			view: market.ChainView{Funded: true, Assigned: true, Submitted: true,
				Stakers: map[uint32]market.Address{0: a, 1: b, 2: c, 3: {0xd}}},
			state: market.IntentVerifying,
			slots: []market.Slot{confirmed(0, a), confirmed(1, b), confirmed(2, c), confirmed(3, market.Address{0xd})}, closed: true,
			events: []event{{"state", market.IntentVerifying, `{"from":"disputed"}`}},
		},
		{
			name: "a failed intent is final", h: market.Holding{Intent: intent(market.IntentFailed)},
			view: stakers(nil), state: market.IntentFailed,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := market.Derive(tc.h, tc.view, now)
			if d.Intent.State != tc.state {
				t.Fatalf("state %s, want %s", d.Intent.State, tc.state)
			}
			if changed := d.Intent.State != tc.h.Intent.State; changed != d.Intent.UpdatedAt.Equal(now) {
				t.Fatalf("updated at %s after %s -> %s", d.Intent.UpdatedAt, tc.h.Intent.State, d.Intent.State)
			}
			if (d.NewJob != nil) != tc.newJob {
				t.Fatalf("new job %+v, want one: %v", d.NewJob, tc.newJob)
			}
			if d.NewJob != nil {
				j := d.NewJob
				if j.Slots != 4 || j.FreeSlots != 4 || j.PayPerSlot.Int64() != 250 || j.StakePerSlot.Int64() != 10 ||
					j.ModelSize != 64 || j.SlotMemory != 128 || j.Steps != 5 || !j.Deadline.Equal(tc.h.Intent.Deadline) || !j.CreatedAt.Equal(now) {
					t.Fatalf("new job %+v", j)
				}
			}
			if len(d.Slots) != len(tc.slots) {
				t.Fatalf("slots %+v, want %+v", d.Slots, tc.slots)
			}
			for i, want := range tc.slots {
				got := d.Slots[i]
				if got.Index != want.Index || got.State != want.State || got.Worker != want.Worker || got.ClaimID != want.ClaimID ||
					!got.ClaimExpiresAt.Equal(want.ClaimExpiresAt) || (got.PermitNonce == nil) != (want.PermitNonce == nil) {
					t.Errorf("slot %d: %+v, want %+v", i, got, want)
				}
			}
			if !slices.Equal(d.Changed, tc.changed) {
				t.Errorf("changed %v, want %v", d.Changed, tc.changed)
			}
			if tc.h.HasJob || tc.newJob {
				if d.FreeSlots != tc.free || d.Closed != tc.closed {
					t.Errorf("listing: %d free, closed %v; want %d, %v", d.FreeSlots, d.Closed, tc.free, tc.closed)
				}
			}
			var events []event
			for _, e := range d.Events {
				if e.IntentID != id || !e.CreatedAt.Equal(now) {
					t.Errorf("event %+v", e)
				}
				var v any
				if err := json.Unmarshal(e.Data, &v); err != nil {
					t.Fatalf("event %s: %v", e.Type, err)
				}
				events = append(events, event{e.Type, e.State, string(e.Data)})
			}
			if !slices.Equal(events, tc.events) {
				t.Errorf("events\n %v\nwant\n %v", events, tc.events)
			}
		})
	}
}

// TestDeriveAssignedAt: the commit phase starts when the server learns of
// the assignment, once; a reorg that removes the Assigned event unsets it.
func TestDeriveAssignedAt(t *testing.T) {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	in := market.Intent{ID: market.Hash{1}, State: market.IntentMatched, Spec: market.Spec{Workers: 1, Replicas: 1}}
	slots := []market.Slot{{Index: 0, State: market.SlotConfirmed, Worker: market.Address{1}}}
	view := market.ChainView{Funded: true, Assigned: true, Stakers: map[uint32]market.Address{0: {1}}}
	d := market.Derive(market.Holding{Intent: in, HasJob: true, Slots: slots}, view, t0)
	if !d.Intent.AssignedAt.Equal(t0) || d.Intent.State != market.IntentRunning {
		t.Fatalf("assigned at %s, state %s; want %s, running", d.Intent.AssignedAt, d.Intent.State, t0)
	}
	again := market.Derive(market.Holding{Intent: d.Intent, HasJob: true, Slots: slots}, view, t0.Add(time.Hour))
	if !again.Intent.AssignedAt.Equal(t0) || len(again.Events) != 0 || len(again.Changed) != 0 {
		t.Fatalf("derived again: assigned at %s, events %v, changed %v", again.Intent.AssignedAt, again.Events, again.Changed)
	}
	view.Assigned = false
	undone := market.Derive(market.Holding{Intent: d.Intent, HasJob: true, Slots: slots}, view, t0.Add(time.Hour))
	if !undone.Intent.AssignedAt.IsZero() || undone.Intent.State != market.IntentMatched {
		t.Fatalf("after the reorg: assigned at %s, state %s", undone.Intent.AssignedAt, undone.Intent.State)
	}
}
