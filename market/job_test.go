package market_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/axl-market/axl/market"
)

func ev(name string, block uint64, data any) market.ChainEvent {
	b, _ := json.Marshal(data)
	return market.ChainEvent{Name: name, Block: block, BlockHash: market.Hash{byte(block)}, Data: b}
}

func TestChainViewState(t *testing.T) {
	w := "0x70997970c51812dc3a010c7d01b50e0d17dc79c8"
	seed := market.Hash{9}.String()
	funded := ev("Funded", 1, map[string]any{})
	staked := func(slot int, block uint64) market.ChainEvent {
		return ev("Staked", block, map[string]any{"slot": slot, "worker": w, "amount": "10"})
	}
	for _, tc := range []struct {
		name   string
		events []market.ChainEvent
		want   market.IntentState
		full   bool
	}{
		{"nothing", nil, market.IntentFunding, false},
		{"funded", []market.ChainEvent{funded}, market.IntentOpen, false},
		{"one stake", []market.ChainEvent{funded, staked(0, 2)}, market.IntentMatched, false},
		{"all staked", []market.ChainEvent{funded, staked(0, 2), staked(1, 3)}, market.IntentMatched, true},
		{"assigned", []market.ChainEvent{funded, staked(0, 2), staked(1, 3), ev("Assigned", 4, map[string]any{"seed": seed})}, market.IntentRunning, true},
		{"cancelled", []market.ChainEvent{funded, staked(0, 2), ev("Cancelled", 3, map[string]any{})}, market.IntentCancelled, false},
		{"refunded", []market.ChainEvent{funded, ev("Refunded", 3, map[string]any{})}, market.IntentRefunded, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := market.ReadChain(tc.events)
			if err != nil {
				t.Fatal(err)
			}
			if got := v.State(); got != tc.want {
				t.Fatalf("state %s, want %s", got, tc.want)
			}
			if got := v.FullyStaked(2); got != tc.full {
				t.Fatalf("fully staked %v, want %v", got, tc.full)
			}
		})
	}
	v, _ := market.ReadChain([]market.ChainEvent{funded, staked(1, 5), staked(0, 7)})
	if v.LastStake.Number != 7 || v.SlotWorkers(3)[2] != (market.Address{}) {
		t.Fatalf("last stake %+v, workers %v", v.LastStake, v.SlotWorkers(3))
	}
	if _, err := market.ReadChain([]market.ChainEvent{{Name: "Staked", Data: []byte(`{"slot":0,"worker":"nope"}`)}}); err == nil {
		t.Fatal("a Staked event with a bad worker was read")
	}
}

func TestPlaceIsAPermutationKeyedBySeed(t *testing.T) {
	const workers, replicas = 3, 4
	a, b := market.Place(market.Hash{1}, workers, replicas), market.Place(market.Hash{2}, workers, replicas)
	for _, p := range [][]market.Placement{a, b} {
		seen := map[market.Placement]bool{}
		for _, x := range p {
			if x.Replica >= replicas || x.Rank >= workers || seen[x] {
				t.Fatalf("placement %v is not a permutation", p)
			}
			seen[x] = true
		}
	}
	same := true
	for i := range a {
		same = same && a[i] == b[i]
	}
	if same {
		t.Fatal("two seeds gave the same placement")
	}
	again := market.Place(market.Hash{1}, workers, replicas)
	for i := range a {
		if a[i] != again[i] {
			t.Fatal("the same seed gave two placements")
		}
	}
}

// TestReadChainKeepsTheResult: the result's hashes, the window end (a uint40
// the watcher renders as a decimal string), the release and who was paid and
// slashed are read from the events as the watcher stores them.
func TestReadChainKeepsTheResult(t *testing.T) {
	t.Parallel()
	w := "0x" + strings.Repeat("ab", 32)
	r := "0x" + strings.Repeat("cd", 32)
	ev := func(name, data string) market.ChainEvent { return market.ChainEvent{Name: name, Data: []byte(data)} }
	v, err := market.ReadChain([]market.ChainEvent{
		ev("ResultSubmitted", `{"weights_hash":"`+w+`","trace_root":"`+r+`","delivered_mask":"15","window_end":"1764080000"}`),
		ev("Released", `{"weights_hash":"`+w+`","fee":"10"}`),
		ev("Paid", `{"slot":1,"worker":"0x0000000000000000000000000000000000000001","amount":"5"}`),
		ev("Slashed", `{"slot":2,"worker":"0x0000000000000000000000000000000000000002","amount":"5"}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	if !v.Submitted || !v.Released || v.WindowEnd != 1764080000 || v.Weights.String() != w || v.TraceRoot.String() != r ||
		v.ReleasedWeights.String() != w || len(v.Paid) != 1 || v.Paid[0] != 1 || len(v.Slashed) != 1 || v.Slashed[0] != 2 {
		t.Fatalf("view %+v", v)
	}
	if _, err := market.ReadChain([]market.ChainEvent{ev("ResultSubmitted", `{"window_end":"soon"}`)}); err == nil {
		t.Fatal("a window end that is no number was read")
	}
}
