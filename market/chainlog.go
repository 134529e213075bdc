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
	// Name is the contract's event name: Funded, Staked, Assigned, …
	Name string
	// IntentID is zero for events that concern no intent (Credited, Withdrawn, …).
	IntentID Hash
	// Data holds the event's fields, in snake_case JSON.
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
