package market

import (
	"context"
	"encoding/json"
)

// BlockRef names a block by number and hash: the hash tells a reorg apart.
type BlockRef struct {
	Number uint64
	Hash   Hash
}

// ChainEvent is one event of the escrow contract as the watcher applied it.
// (BlockHash, LogIndex) identifies it: delivered at least once, it is
// stored once.
type ChainEvent struct {
	Block     uint64
	BlockHash Hash
	TxHash    Hash
	LogIndex  uint
	// IntentID is zero for events that concern no intent (Credited, Withdrawn).
	IntentID Hash
	// Name and Data are the stored form of the typed event (Event decodes
	// it, NewChainEvent encodes it): the contract's event name (Funded,
	// Staked, …) and its fields in JSON as the EscrowEvent type's tags say.
	Name string
	Data json.RawMessage
}

// ChainLog is the watcher's persistence: the applied events and the cursor
// of each stream (one stream per contract and chain).
type ChainLog interface {
	// ChainCursor is the last block applied on the stream; zero before any.
	ChainCursor(ctx context.Context, stream string) (BlockRef, error)
	// ApplyChainBlocks stores the events of the blocks up to cursor and
	// moves the cursor there, atomically. An event already stored is skipped.
	ApplyChainBlocks(ctx context.Context, stream string, cursor BlockRef, events []ChainEvent) error
	// AppliedBlocks lists the blocks the stream holds events of or had its
	// cursor at, highest first, below the given number, at most limit.
	AppliedBlocks(ctx context.Context, stream string, below uint64, limit int) ([]BlockRef, error)
	// RewindChain removes the events of blocks above to and moves the cursor
	// back to it; it returns what it removed.
	RewindChain(ctx context.Context, stream string, to BlockRef) ([]ChainEvent, error)
	// ChainEventsOf lists an intent's applied events in chain order.
	ChainEventsOf(ctx context.Context, intentID Hash) ([]ChainEvent, error)
}

// ReadChain folds an intent's events, in chain order, into a view. An
// event this build cannot decode is an error: the view would be wrong.
func ReadChain(events []ChainEvent) (ChainView, error) {
	v := ChainView{Stakers: map[uint32]Address{}}
	for _, e := range events {
		ev, err := e.Event()
		if err != nil {
			return v, err
		}
		switch ev := ev.(type) {
		case Funded:
			v.Funded = true
		case Staked:
			v.Stakers[ev.Slot] = ev.Worker
			v.LastStake = BlockRef{Number: e.Block, Hash: e.BlockHash}
		case Assigned:
			v.Assigned, v.Seed = true, ev.Seed
		case Delivered:
			v.Delivered |= ev.SlotsMask
		case ResultSubmitted:
			v.Submitted, v.Weights, v.TraceRoot, v.WindowEnd = true, ev.WeightsHash, ev.TraceRoot, ev.WindowEnd
		case Disputed:
			v.Disputed = true
		case Resolved:
			v.Resolved = true
			if ev.WeightsHash != (Hash{}) {
				v.Weights, v.TraceRoot = ev.WeightsHash, ev.TraceRoot
			}
		case Released:
			v.Released, v.ReleasedWeights, v.ReleaseTx = true, ev.WeightsHash, e.TxHash
		case Paid:
			v.Paid = append(v.Paid, ev.Slot)
		case Slashed:
			v.Slashed = append(v.Slashed, ev.Slot)
		case Refunded:
			v.Refunded = true
		case Cancelled:
			v.Cancelled = true
		}
	}
	return v, nil
}
