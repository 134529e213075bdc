package escrow

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"sort"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/axl-market/axl/escrow/bindings/axlescrow"
	"github.com/axl-market/axl/market"
)

// WatchClient is what the watcher needs of an Ethereum node.
type WatchClient interface {
	ethereum.LogFilterer
	ethereum.BlockNumberReader
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
}

// WatcherConfig configures a Watcher.
type WatcherConfig struct {
	Client WatchClient
	Log    market.ChainLog
	Escrow common.Address
	// ChainID names the stream with the escrow address.
	ChainID *big.Int
	// Confirmations is how many blocks must follow a block before its
	// events are applied; 0 applies them at once (fine on the dev chain).
	Confirmations uint64
	// FromBlock is the first block whose events are read when no cursor is
	// stored yet: the escrow's deploy block (nothing of it lies before).
	FromBlock uint64
	// MaxRange bounds the blocks of one log query (default 2,000).
	MaxRange uint64
	// OnApplied, when set, hears of each pass that applied or removed events.
	OnApplied func(ctx context.Context, applied, removed []market.ChainEvent)
	Logger    *slog.Logger
}

// errChainMoved stops a pass that saw the chain reorganise under it.
var errChainMoved = errors.New("chain moved during the pass")

// Watcher follows the escrow's events from a stored cursor, a
// confirmation depth behind the head. Each event is applied once, however
// often it is seen; a reorg is noticed by block hash and what was applied
// from the abandoned blocks is rolled back before the new ones apply.
type Watcher struct {
	cfg      WatcherConfig
	stream   string
	abi      *abi.ABI
	decoders map[string]eventDecoder
	log      *slog.Logger
}

// NewWatcher returns a watcher; it does nothing until Poll or Run.
func NewWatcher(cfg WatcherConfig) (*Watcher, error) {
	if cfg.MaxRange == 0 {
		cfg.MaxRange = 2_000
	}
	parsed, err := axlescrow.AXLEscrowMetaData.ParseABI()
	if err != nil {
		return nil, err
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Watcher{
		cfg:      cfg,
		stream:   fmt.Sprintf("escrow:%s:%s", cfg.ChainID, cfg.Escrow.Hex()),
		abi:      parsed,
		decoders: eventDecoders(axlescrow.NewAXLEscrow()),
		log:      logger.With("component", "watcher"),
	}, nil
}

// Stream is the name of the watcher's cursor.
func (w *Watcher) Stream() string { return w.stream }

// Run polls every interval until ctx ends.
func (w *Watcher) Run(ctx context.Context, interval time.Duration) error {
	market.Every(ctx, interval, w.log, "watcher pass", w.Poll)
	return nil
}

// Poll makes one pass: it rolls back a reorganised tail, then applies the
// confirmed blocks after the cursor, a bounded range at a time.
func (w *Watcher) Poll(ctx context.Context) error {
	removed, err := w.unwindReorg(ctx)
	if err != nil {
		return err
	}
	head, err := w.cfg.Client.BlockNumber(ctx)
	if err != nil {
		return fmt.Errorf("head: %w", err)
	}
	var applied []market.ChainEvent
	defer func() {
		if w.cfg.OnApplied != nil && (len(applied) > 0 || len(removed) > 0) {
			w.cfg.OnApplied(ctx, applied, removed)
		}
	}()
	if head < w.cfg.Confirmations {
		return nil
	}
	target := head - w.cfg.Confirmations
	for {
		cur, err := w.cfg.Log.ChainCursor(ctx, w.stream)
		if err != nil {
			return err
		}
		if cur.Number >= target {
			return nil
		}
		from := max(cur.Number+1, w.cfg.FromBlock)
		if from > target {
			return nil
		}
		to := min(target, from-1+w.cfg.MaxRange)
		events, end, err := w.fetch(ctx, from, to)
		if errors.Is(err, errChainMoved) {
			w.log.Warn("chain moved during a pass; starting over", "block", to)
			return nil
		}
		if err != nil {
			return err
		}
		// The range's last block must still extend what we applied: if the
		// chain moved under us between the queries, start the pass again.
		if cur.Number > 0 {
			parent, err := w.cfg.Client.HeaderByNumber(ctx, new(big.Int).SetUint64(cur.Number))
			if err != nil {
				return fmt.Errorf("header %d: %w", cur.Number, err)
			}
			if market.Hash(parent.Hash()) != cur.Hash {
				w.log.Warn("chain moved during a pass; starting over", "block", cur.Number)
				return nil
			}
		}
		if err := w.cfg.Log.ApplyChainBlocks(ctx, w.stream, end, events); err != nil {
			return err
		}
		applied = append(applied, events...)
		if len(events) > 0 {
			w.log.Info("applied escrow events", "from", from, "to", to, "events", len(events))
		}
	}
}

// unwindReorg compares the cursor's block hash with the chain's and, on a
// mismatch, walks back over the applied blocks to the last one the chain
// still has, and rewinds there.
func (w *Watcher) unwindReorg(ctx context.Context) ([]market.ChainEvent, error) {
	cur, err := w.cfg.Log.ChainCursor(ctx, w.stream)
	if err != nil || cur.Number == 0 {
		return nil, err
	}
	same, err := w.onChain(ctx, cur)
	if err != nil || same {
		return nil, err
	}
	below := cur.Number + 1
	for {
		blocks, err := w.cfg.Log.AppliedBlocks(ctx, w.stream, below, 64)
		if err != nil {
			return nil, err
		}
		if len(blocks) == 0 {
			return w.rewind(ctx, cur, market.BlockRef{})
		}
		for _, b := range blocks {
			ok, err := w.onChain(ctx, b)
			if err != nil {
				return nil, err
			}
			if ok {
				return w.rewind(ctx, cur, b)
			}
		}
		below = blocks[len(blocks)-1].Number
	}
}

func (w *Watcher) rewind(ctx context.Context, from, to market.BlockRef) ([]market.ChainEvent, error) {
	removed, err := w.cfg.Log.RewindChain(ctx, w.stream, to)
	if err != nil {
		return nil, err
	}
	w.log.Warn("reorg: rolled back escrow events", "from_block", from.Number, "to_block", to.Number, "removed", len(removed))
	return removed, nil
}

// onChain reports whether b is on the canonical chain.
func (w *Watcher) onChain(ctx context.Context, b market.BlockRef) (bool, error) {
	h, err := w.cfg.Client.HeaderByNumber(ctx, new(big.Int).SetUint64(b.Number))
	if errors.Is(err, ethereum.NotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("header %d: %w", b.Number, err)
	}
	return market.Hash(h.Hash()) == b.Hash, nil
}

// fetch reads and decodes the escrow's logs of blocks from..to and the ref
// of block to.
func (w *Watcher) fetch(ctx context.Context, from, to uint64) ([]market.ChainEvent, market.BlockRef, error) {
	end, err := w.cfg.Client.HeaderByNumber(ctx, new(big.Int).SetUint64(to))
	if err != nil {
		return nil, market.BlockRef{}, fmt.Errorf("header %d: %w", to, err)
	}
	logs, err := w.cfg.Client.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(from), ToBlock: new(big.Int).SetUint64(to),
		Addresses: []common.Address{w.cfg.Escrow},
	})
	if err != nil {
		return nil, market.BlockRef{}, fmt.Errorf("logs %d–%d: %w", from, to, err)
	}
	// Logs from a chain that moved during the query would mix two forks.
	again, err := w.cfg.Client.HeaderByNumber(ctx, new(big.Int).SetUint64(to))
	if err != nil {
		return nil, market.BlockRef{}, fmt.Errorf("header %d: %w", to, err)
	}
	if again.Hash() != end.Hash() {
		return nil, market.BlockRef{}, errChainMoved
	}
	sort.Slice(logs, func(i, j int) bool {
		if logs[i].BlockNumber != logs[j].BlockNumber {
			return logs[i].BlockNumber < logs[j].BlockNumber
		}
		return logs[i].Index < logs[j].Index
	})
	events := make([]market.ChainEvent, 0, len(logs))
	for _, l := range logs {
		if l.Removed {
			continue
		}
		ev, ok, err := w.decode(l)
		if err != nil {
			return nil, market.BlockRef{}, err
		}
		if ok {
			events = append(events, ev)
		}
	}
	return events, market.BlockRef{Number: to, Hash: market.Hash(end.Hash())}, nil
}

// decode turns a log into a ChainEvent, typed by the bindings. Events the
// market does not follow (roles, parameters) are skipped; one of ours that
// no decoder knows is an error, never a silent skip.
func (w *Watcher) decode(l types.Log) (market.ChainEvent, bool, error) {
	if len(l.Topics) == 0 {
		return market.ChainEvent{}, false, nil
	}
	ev, err := w.abi.EventByID(l.Topics[0])
	if err != nil {
		return market.ChainEvent{}, false, nil // not one of ours
	}
	if ignoredEvents[ev.Name] {
		return market.ChainEvent{}, false, nil
	}
	decode, ok := w.decoders[ev.Name]
	if !ok {
		return market.ChainEvent{}, false, fmt.Errorf("escrow event %s at %d/%d has no decoder", ev.Name, l.BlockNumber, l.Index)
	}
	id, typed, err := decode(&l)
	if err != nil {
		return market.ChainEvent{}, false, fmt.Errorf("decode %s at %d/%d: %w", ev.Name, l.BlockNumber, l.Index, err)
	}
	out, err := market.NewChainEvent(market.ChainEvent{
		Block: l.BlockNumber, BlockHash: market.Hash(l.BlockHash), TxHash: market.Hash(l.TxHash),
		LogIndex: l.Index, IntentID: market.Hash(id),
	}, typed)
	return out, err == nil, err
}
