package market

import (
	"encoding/json"
	"math/big"
	"time"
)

// The derivation of an intent from its chain events (DESIGN §3): the
// escrow's events are the truth about money, and what the market holds
// of an intent — its state, its job and slots, the listing — follows
// from them, so that removing events (a reorg) undoes what they did. It
// is pure: the store loads what Derive reads and writes what it returns,
// in one transaction.

// Holding is what the store holds of an intent that its chain events
// decide, as loaded before a derivation.
type Holding struct {
	Intent          Intent
	CancelRequested bool
	// Games are the referee's games of the job (only their Slots are read).
	Games []Dispute
	// HasJob is set once the matcher made the job; Slots are its slots in
	// order.
	HasJob bool
	Slots  []Slot
}

// Derived is what a derivation makes of a Holding: every field is the
// new value to store, and Events are the entries to append to the
// intent's event log.
type Derived struct {
	Intent Intent // State, UpdatedAt and AssignedAt derived
	// NewJob is the job the matcher made now (nil when there was one, or
	// none is due); its slots are in Slots, all free before the stakes.
	NewJob *Job
	// Slots are the slots of the job, in order (nil without a job);
	// Changed lists the indexes of those to write.
	Slots   []Slot
	Changed []uint32
	// FreeSlots and Closed are the job's listing: its free slots, and
	// whether it takes no claims.
	FreeSlots uint32
	Closed    bool
	Events    []IntentEvent
}

// Derive applies the chain's view to what the store holds of an intent,
// at now:
//   - the intent's state is the chain's, but a game between two replicas
//     makes a running intent disputed: the referee plays it off chain
//     while the escrow stays assigned;
//   - the commit phase starts when the server learnt of the assignment,
//     and a reorg that removes the Assigned event unsets it;
//   - a funded intent gets its job, with workers × replicas free slots,
//     once (the matcher);
//   - each slot's confirmation is the chain's: a slot staked on chain is
//     confirmed to its staker, whose other places in the job are freed;
//     a confirmed slot the chain does not hold staked goes back to its
//     claim, or free;
//   - the job is listed (takes claims) while the intent is open or
//     matched and the buyer has not asked to cancel.
//
// An intent that failed off chain is final: nothing is derived.
func Derive(h Holding, view ChainView, now time.Time) Derived {
	in := h.Intent
	d := Derived{Intent: in}
	if in.State == IntentFailed {
		return d
	}
	st := view.State()
	if st == IntentRunning && replicaGame(h.Games) {
		st = IntentDisputed
	}
	if st != in.State {
		d.event("state", st, map[string]any{"from": in.State}, now)
		d.Intent.State, d.Intent.UpdatedAt = st, now
	}
	switch {
	case view.Assigned && in.AssignedAt.IsZero():
		d.Intent.AssignedAt = now
	case !view.Assigned && !in.AssignedAt.IsZero():
		d.Intent.AssignedAt = time.Time{}
	}
	slots := h.Slots
	if !h.HasJob {
		if !view.Funded {
			return d
		}
		j := NewJob(d.Intent, now)
		d.NewJob = &j
		d.event("job", d.Intent.State, map[string]any{"slots": j.Slots}, now)
		slots = make([]Slot, j.Slots)
		for i := range slots {
			slots[i] = Slot{JobID: in.ID, Index: uint32(i), State: SlotFree}
		}
	}
	d.reconcile(slots, view.Stakers, now)
	listed := d.Intent.State == IntentOpen || d.Intent.State == IntentMatched
	d.Closed = !listed || h.CancelRequested
	return d
}

// replicaGame reports whether one of the games is between two replicas
// (a spot check is a game of one slot).
func replicaGame(games []Dispute) bool {
	for _, g := range games {
		if len(g.Slots) > 1 {
			return true
		}
	}
	return false
}

// NewJob is the job the matcher makes of a funded intent: workers ×
// replicas slots, all free, each paid an equal share of the price.
func NewJob(in Intent, now time.Time) Job {
	n := in.Spec.Slots()
	return Job{ID: in.ID, Token: in.Token, Slots: n, FreeSlots: n,
		PayPerSlot: new(big.Int).Div(in.Price, big.NewInt(int64(n))), StakePerSlot: in.StakePerSlot,
		ModelSize: in.ModelSize, SlotMemory: in.SlotMemory, Steps: in.Spec.Steps,
		Hyperparameters: in.Spec.Hyperparameters, BaseModel: in.Spec.BaseModel, Deadline: in.Deadline, CreatedAt: now}
}

// reconcile makes each slot's confirmation the chain's, recording the
// slots it changes, and counts the free slots.
func (d *Derived) reconcile(slots []Slot, stakers map[uint32]Address, now time.Time) {
	d.Slots = append([]Slot(nil), slots...)
	changed := map[uint32]bool{}
	// Un-confirm first so that a worker the chain moved frees its old place.
	for i, sl := range d.Slots {
		if _, staked := stakers[sl.Index]; staked || sl.State != SlotConfirmed {
			continue
		}
		if sl.ClaimID == "" {
			d.Slots[i].State, d.Slots[i].Worker = SlotFree, Address{}
		} else {
			d.Slots[i].State = SlotClaimed
		}
		changed[sl.Index] = true
		d.event("slot", d.Intent.State, map[string]any{"slot": sl.Index, "state": "unconfirmed", "worker": sl.Worker.String()}, now)
	}
	for i, sl := range d.Slots {
		staker, staked := stakers[sl.Index]
		if !staked || sl.State == SlotConfirmed && sl.Worker == staker {
			continue
		}
		// The chain's staker wins: any other place it holds in the job goes.
		for k, other := range d.Slots {
			if k != i && other.Worker == staker && other.State != SlotFree {
				d.Slots[k] = Slot{JobID: other.JobID, Index: other.Index, State: SlotFree}
				changed[other.Index] = true
			}
		}
		d.Slots[i].State, d.Slots[i].Worker = SlotConfirmed, staker
		changed[sl.Index] = true
		d.event("slot", d.Intent.State, map[string]any{"slot": sl.Index, "state": "confirmed", "worker": staker.String()}, now)
	}
	for _, sl := range d.Slots {
		if changed[sl.Index] {
			d.Changed = append(d.Changed, sl.Index)
		}
		if sl.State == SlotFree {
			d.FreeSlots++
		}
	}
}

// event appends an entry to the intent's event log.
func (d *Derived) event(typ string, st IntentState, data map[string]any, now time.Time) {
	b, err := json.Marshal(data)
	if err != nil {
		panic(err) // maps of strings, numbers and states always marshal
	}
	d.Events = append(d.Events, IntentEvent{IntentID: d.Intent.ID, Type: typ, State: st, Data: b, CreatedAt: now})
}
