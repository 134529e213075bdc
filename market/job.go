package market

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"math/big"
	"time"
)

// SlotState is where a slot of a job is.
type SlotState string

// The slot states. A claimed slot whose claim expired counts as free.
const (
	SlotFree      SlotState = "free"
	SlotClaimed   SlotState = "claimed"
	SlotConfirmed SlotState = "confirmed" // its Staked event is applied
)

// Slot is one worker place of a job.
type Slot struct {
	JobID  Hash
	Index  uint32
	State  SlotState
	Worker Address // zero when free
	// ClaimID and ClaimExpiresAt are set while a claim holds the slot (and
	// kept once it is confirmed, for the record).
	ClaimID        string
	ClaimExpiresAt time.Time
	// PermitNonce is the worker's EIP-2612 nonce read at claim time: the
	// permit it signs must carry it.
	PermitNonce *big.Int
}

// Claim is a worker's time-limited reservation of a slot, to be turned into
// a stake before it expires.
type Claim struct {
	ID          string
	JobID       Hash
	Slot        uint32
	Worker      Address
	ExpiresAt   time.Time
	PermitNonce *big.Int
	// MaxPending bounds the worker's claims not yet staked, over all jobs
	// (0: unbounded): free keys cannot hold many slots for nothing.
	MaxPending int
}

// ClaimRequest asks the store for a free slot of a job.
type ClaimRequest struct {
	JobID       Hash
	Worker      Address
	ClaimID     string
	Now         time.Time
	ExpiresAt   time.Time
	PermitNonce *big.Int
	// MaxPending bounds the worker's claims not yet staked, over all jobs
	// (0: unbounded): free keys cannot hold many slots for nothing.
	MaxPending int
}

// ChainView is what the applied escrow events say about one intent: the
// source of truth for money, from which the intent's state and its slots'
// confirmations are derived (so that removing events undoes them).
type ChainView struct {
	Funded bool
	// Stakers maps each staked slot to its worker.
	Stakers map[uint32]Address
	// LastStake is the block that confirmed the latest stake.
	LastStake BlockRef
	Assigned  bool
	Seed      Hash // the seed of Assigned
	// Delivered is the mask of the slots recorded as delivered (Delivered
	// events; a result's delivered mask replaces it).
	Delivered uint64
	Submitted bool
	Disputed  bool
	Resolved  bool
	Released  bool
	Refunded  bool
	Cancelled bool
	// Weights and TraceRoot are the result the escrow holds (from
	// ResultSubmitted, replaced by Resolved); ReleasedWeights is the hash the
	// Released event paid for, and ReleaseTx its transaction.
	Weights, TraceRoot Hash
	ReleasedWeights    Hash
	ReleaseTx          Hash
	// WindowEnd is the end of the challenge window of a submitted result
	// (unix seconds of chain time).
	WindowEnd uint64
	// Paid and Slashed list the slots the release paid and the slots whose
	// stakes were slashed.
	Paid, Slashed []uint32
}

// State is the intent state the chain implies.
func (v ChainView) State() IntentState {
	switch {
	case v.Refunded:
		return IntentRefunded
	case v.Cancelled:
		return IntentCancelled
	case v.Released:
		return IntentReleased
	case v.Disputed:
		return IntentDisputed
	case v.Submitted:
		return IntentVerifying
	case v.Assigned:
		return IntentRunning
	case v.Funded && len(v.Stakers) > 0:
		return IntentMatched
	case v.Funded:
		return IntentOpen
	}
	return IntentFunding
}

// FullyStaked reports whether every one of slots is staked.
func (v ChainView) FullyStaked(slots uint32) bool {
	for i := range slots {
		if _, ok := v.Stakers[i]; !ok {
			return false
		}
	}
	return true
}

// SlotWorkers lists the worker of each of slots, zero where unstaked: the
// slot -> worker map the escrow's calls take.
func (v ChainView) SlotWorkers(slots uint32) []Address {
	out := make([]Address, slots)
	for i := range slots {
		out[i] = v.Stakers[i]
	}
	return out
}

// Placement is where a slot sits in the run: its replica (which swarm) and
// its rank inside the replica.
type Placement struct {
	Replica, Rank uint32
}

// Place draws the placement of every slot from seed: the slots are put in
// a seed-keyed order (Fisher–Yates driven by sha256(seed ‖ i as 8 bytes)) and the
// k-th of that order is replica k / workers, rank k % workers. No worker
// controls the seed (the hash of the block of the last stake), so none
// chooses its replica or its peers.
func Place(seed Hash, workers, replicas uint32) []Placement {
	n := workers * replicas
	order := make([]uint32, n)
	for i := range order {
		order[i] = uint32(i)
	}
	for i := n; i > 1; i-- {
		var b [40]byte
		copy(b[:32], seed[:])
		binary.BigEndian.PutUint64(b[32:], uint64(i))
		sum := sha256.Sum256(b[:])
		r := new(big.Int).SetBytes(sum[:])
		j := r.Mod(r, big.NewInt(int64(i))).Uint64()
		order[i-1], order[j] = order[j], order[i-1]
	}
	out := make([]Placement, n)
	for k, slot := range order {
		out[slot] = Placement{Replica: uint32(k) / workers, Rank: uint32(k) % workers}
	}
	return out
}

// Ledger is the persistence of what follows an intent's funding: its state
// derived from the chain, its job, slots and claims, and their workers.
type Ledger interface {
	// ApplyChain recomputes an intent's chain-derived state from its applied
	// chain events, in one transaction: the intent's state (with an event
	// log entry per transition), its job and slots (made on first funding:
	// the matcher), and each slot's confirmation. Idempotent.
	ApplyChain(ctx context.Context, id Hash, now time.Time) (Intent, ChainView, error)
	// ActiveIntents lists the ids of intents that are not final.
	ActiveIntents(ctx context.Context) ([]Hash, error)
	// IntentByID returns an intent whoever asks (for the server's own use).
	IntentByID(ctx context.Context, id Hash) (Intent, error)
	// RequestCancel records the buyer's wish to cancel an intent that is
	// not assigned yet (KindConflict otherwise); further claims are refused.
	RequestCancel(ctx context.Context, id Hash, buyer Address, now time.Time) (Intent, error)
	// FailUnfunded makes an intent that is still funding failed, with the
	// reason in its event log; it reports whether it did.
	FailUnfunded(ctx context.Context, id Hash, reason string, now time.Time) (bool, error)
	// CancelRequested reports whether the buyer asked to cancel.
	CancelRequested(ctx context.Context, id Hash) (bool, error)

	// Job returns a job.
	Job(ctx context.Context, id Hash) (Job, error)
	// JobSlots lists a job's slots in order.
	JobSlots(ctx context.Context, id Hash) ([]Slot, error)
	// ClaimSlot reserves the lowest free slot of an open job for a
	// registered worker until r.ExpiresAt. It refuses an unregistered worker
	// (KindForbidden), a worker already in the job or holding as many slots
	// as its capacity, and a full or closed job (KindConflict).
	ClaimSlot(ctx context.Context, r ClaimRequest) (Claim, error)
	// Claim returns a job's claim by id, whoever holds it now.
	Claim(ctx context.Context, jobID Hash, claimID string) (Claim, Slot, error)
	// ExpireClaims frees the slots whose claims expired by now.
	ExpireClaims(ctx context.Context, now time.Time) (int64, error)

	// Worker returns a registered worker.
	Worker(ctx context.Context, a Address) (Worker, error)
	// ChainEventsOf lists an intent's applied chain events in chain order.
	ChainEventsOf(ctx context.Context, intentID Hash) ([]ChainEvent, error)
}

// Relay is the port to the server's relayer of escrow calls: the
// calls it relays from its operator key. Every call is recorded before it
// is sent and asking twice sends once.
type Relay interface {
	// Fund relays the buyer's signed funding of an intent.
	Fund(ctx context.Context, in Intent) error
	// Stake relays a worker's signed stake of its claimed slot.
	Stake(ctx context.Context, in Intent, c Claim, permitSig, stakeSig []byte) (Tx, error)
	// Transactions lists the relayed transactions of an intent.
	Transactions(ctx context.Context, id Hash) ([]Tx, error)
}
