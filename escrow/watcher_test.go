package escrow_test

import (
	"context"
	"encoding/json"
	"strconv"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/market"
)

type watcherEnv struct {
	*relayerEnv
	mu      sync.Mutex
	removed []market.ChainEvent
}

func newWatcherEnv(t *testing.T) *watcherEnv {
	t.Helper()
	return &watcherEnv{relayerEnv: newRelayerEnv(t)}
}

func (e *watcherEnv) watcher(confirmations uint64) *escrow.Watcher {
	e.t.Helper()
	w, err := escrow.NewWatcher(escrow.WatcherConfig{
		Client: e.chain.Client(), Log: e.store, Escrow: e.c.Addresses.Escrow, ChainID: e.chain.ChainID(),
		Confirmations: confirmations,
		OnApplied: func(_ context.Context, _, removed []market.ChainEvent) {
			e.mu.Lock()
			e.removed = append(e.removed, removed...)
			e.mu.Unlock()
		},
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return w
}

func (e *watcherEnv) poll(w *escrow.Watcher) {
	e.t.Helper()
	if err := w.Poll(e.ctx); err != nil {
		e.t.Fatalf("watcher pass: %v", err)
	}
}

// names lists the intent's applied events as "Name" or "Name:slot".
func (e *watcherEnv) names(id common.Hash) []string {
	e.t.Helper()
	events, err := e.store.ChainEventsOf(e.ctx, market.Hash(id))
	if err != nil {
		e.t.Fatal(err)
	}
	var out []string
	for _, ev := range events {
		typed, err := ev.Event()
		if err != nil {
			e.t.Fatalf("event %s %s: %v", ev.Name, ev.Data, err)
		}
		name := typed.EventName()
		if s, ok := typed.(market.Staked); ok {
			name += ":" + strconv.Itoa(int(s.Slot))
		}
		out = append(out, name)
	}
	return out
}

// typedEvents are the intent's applied events, decoded.
func (e *watcherEnv) typedEvents(id common.Hash) []market.EscrowEvent {
	e.t.Helper()
	events, err := e.store.ChainEventsOf(e.ctx, market.Hash(id))
	if err != nil {
		e.t.Fatal(err)
	}
	var out []market.EscrowEvent
	for _, ev := range events {
		typed, err := ev.Event()
		if err != nil {
			e.t.Fatalf("event %s %s: %v", ev.Name, ev.Data, err)
		}
		out = append(out, typed)
	}
	return out
}

func wantNames(t *testing.T, got []string, want ...string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("events %v, want %v", got, want)
		}
	}
}

func TestWatcherAppliesEachEventOnce(t *testing.T) {
	t.Parallel()
	e := newWatcherEnv(t)
	buyer := e.agents[0]
	terms := e.terms(buyer, e.c.Addresses.USDC, 1_000_000, 10, 2)
	id := e.fund(buyer, terms)
	e.exec(e.op, e.stakeCall(e.workers[0], terms, 0))
	e.exec(e.op, e.stakeCall(e.workers[1], terms, 1))

	w := e.watcher(0)
	e.poll(w)
	e.poll(w)
	wantNames(t, e.names(id), "Funded", "Staked:0", "Staked:1")
	// The stored events carry the chain's values, typed.
	evs := e.typedEvents(id)
	f, ok := evs[0].(market.Funded)
	if !ok || f.Buyer != market.Address(buyer.Address) || f.Token != market.Address(terms.Token) ||
		f.Amount.Cmp(terms.Amount) != 0 || f.SpecHash != market.Hash(terms.SpecHash) || f.Slots != terms.Slots ||
		f.StakePerSlot.Cmp(terms.StakePerSlot) != 0 || f.Deadline != terms.Deadline || f.Nonce.Cmp(terms.Nonce) != 0 {
		t.Fatalf("funded %+v, terms %+v", evs[0], terms)
	}
	if s, ok := evs[2].(market.Staked); !ok || s.Worker != market.Address(e.workers[1].Address) || s.Amount.Cmp(terms.StakePerSlot) != 0 {
		t.Fatalf("second stake %+v", evs[2])
	}

	events, err := e.store.ChainEventsOf(e.ctx, market.Hash(id))
	if err != nil {
		t.Fatal(err)
	}
	var funded struct {
		Buyer  string `json:"buyer"`
		Amount string `json:"amount"`
		Slots  uint32 `json:"slots"`
	}
	if err := json.Unmarshal(events[0].Data, &funded); err != nil {
		t.Fatal(err)
	}
	if common.HexToAddress(funded.Buyer) != buyer.Address || funded.Amount != "1000000" || funded.Slots != 2 {
		t.Fatalf("Funded data %s", events[0].Data)
	}
	// Delivered again (a restarted watcher from an old cursor): stored once.
	cur, err := e.store.ChainCursor(e.ctx, w.Stream())
	if err != nil {
		t.Fatal(err)
	}
	if err := e.store.ApplyChainBlocks(e.ctx, w.Stream(), cur, events); err != nil {
		t.Fatal(err)
	}
	e.poll(e.watcher(0))
	wantNames(t, e.names(id), "Funded", "Staked:0", "Staked:1")
}

func TestWatcherWaitsForConfirmations(t *testing.T) {
	t.Parallel()
	e := newWatcherEnv(t)
	buyer := e.agents[0]
	terms := e.terms(buyer, e.c.Addresses.USDC, 1_000_000, 10, 2)
	id := e.fund(buyer, terms)
	w := e.watcher(2)
	e.poll(w)
	wantNames(t, e.names(id))
	e.chain.Commit()
	e.poll(w)
	wantNames(t, e.names(id))
	e.chain.Commit()
	e.poll(w)
	wantNames(t, e.names(id), "Funded")
}

// TestWatcherRollsBackAReorg: a reorg that removes a Staked event takes the
// stake out of what the market knows, and the watcher says so.
func TestWatcherRollsBackAReorg(t *testing.T) {
	t.Parallel()
	e := newWatcherEnv(t)
	buyer := e.agents[0]
	terms := e.terms(buyer, e.c.Addresses.USDC, 1_000_000, 10, 2)
	id := e.fund(buyer, terms)
	e.exec(e.op, e.stakeCall(e.workers[0], terms, 0))
	fork, err := e.chain.Client().HeaderByNumber(e.ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	e.exec(e.op, e.stakeCall(e.workers[1], terms, 1))
	w := e.watcher(0)
	e.poll(w)
	wantNames(t, e.names(id), "Funded", "Staked:0", "Staked:1")

	// A longer chain without the second stake replaces the tip.
	if err := e.chain.Fork(fork.Hash()); err != nil {
		t.Fatal(err)
	}
	e.chain.Rollback()
	e.chain.Commit()
	e.chain.Commit()
	e.poll(w)
	wantNames(t, e.names(id), "Funded", "Staked:0")
	e.mu.Lock()
	removed := e.removed
	e.mu.Unlock()
	if len(removed) != 1 || removed[0].Name != "Staked" {
		t.Fatalf("removed %+v, want the second Staked", removed)
	}
	// The slot is free again on chain too, and a new stake is seen.
	e.exec(e.op, e.stakeCall(e.workers[2], terms, 1))
	e.poll(w)
	wantNames(t, e.names(id), "Funded", "Staked:0", "Staked:1")
}

// TestWatcherStartsAtFromBlock: a watcher with no cursor reads from its
// FromBlock (the deploy block of a deployment file) and applies nothing of
// the blocks before it.
func TestWatcherStartsAtFromBlock(t *testing.T) {
	t.Parallel()
	e := newWatcherEnv(t)
	buyer := e.agents[0]
	before := e.fund(buyer, e.terms(buyer, e.c.Addresses.USDC, 1_000_000, 10, 2))
	head, err := e.chain.Client().BlockNumber(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	after := e.fund(buyer, e.terms(buyer, e.c.Addresses.USDC, 1_000_000, 10, 2))
	w, err := escrow.NewWatcher(escrow.WatcherConfig{Client: e.chain.Client(), Log: e.store, Escrow: e.c.Addresses.Escrow,
		ChainID: e.chain.ChainID(), FromBlock: head + 1})
	if err != nil {
		t.Fatal(err)
	}
	e.poll(w)
	wantNames(t, e.names(before))
	wantNames(t, e.names(after), "Funded")
	if cur, err := e.store.ChainCursor(e.ctx, w.Stream()); err != nil || cur.Number <= head {
		t.Fatalf("cursor %+v (%v), want past block %d", cur, err, head)
	}
}
