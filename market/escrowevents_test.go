package market_test

import (
	"math/big"
	"reflect"
	"testing"

	"github.com/axl-market/axl/market"
)

// TestEscrowEventsReadTheStoredForm: rows the watcher wrote before the
// events were typed (the ABI's fields by snake_case name, addresses in
// EIP-55 case, uint256 and uint40 as decimal strings) decode into the
// typed events unchanged, so no migration is needed.
func TestEscrowEventsReadTheStoredForm(t *testing.T) {
	t.Parallel()
	worker, _ := market.ParseAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")
	buyer, _ := market.ParseAddress("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")
	h := func(b byte) market.Hash { return market.Hash{b, 0xee} }
	for _, tc := range []struct {
		name, data string
		want       market.EscrowEvent
	}{
		{"Funded", `{"amount":"1000000003","buyer":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","challenge_window":3600,` +
			`"deadline":1900000000,"fee_bps":100,"nonce":"115792089237316195423570985008687907853269984665640564039457584007913129639935",` +
			`"slots":4,"spec_hash":"` + h(1).String() + `","stake_per_slot":"50000000","token":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"}`,
			market.Funded{Buyer: buyer, Token: buyer, Amount: big.NewInt(1_000_000_003), SpecHash: h(1), Slots: 4,
				StakePerSlot: big.NewInt(50_000_000), Deadline: 1_900_000_000,
				Nonce: new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1)), FeeBps: 100, ChallengeWindow: 3600}},
		{"Staked", `{"amount":"10","slot":3,"worker":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"}`,
			market.Staked{Slot: 3, Worker: worker, Amount: big.NewInt(10)}},
		{"Assigned", `{"seed":"` + h(2).String() + `","workers_hash":"` + h(3).String() + `"}`,
			market.Assigned{WorkersHash: h(3), Seed: h(2)}},
		{"Delivered", `{"slots_mask":5}`, market.Delivered{SlotsMask: 5}},
		{"ResultSubmitted", `{"delivered_mask":15,"trace_root":"` + h(4).String() + `","weights_hash":"` + h(5).String() + `","window_end":"1900003600"}`,
			market.ResultSubmitted{WeightsHash: h(5), TraceRoot: h(4), DeliveredMask: 15, WindowEnd: 1_900_003_600}},
		{"Disputed", `{"by":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","reason":"` + h(6).String() + `"}`,
			market.Disputed{By: worker, Reason: h(6)}},
		{"Resolved", `{"delivered_mask":3,"losing_mask":4,"trace_root":"` + h(7).String() + `","weights_hash":"` + h(8).String() + `"}`,
			market.Resolved{LosingMask: 4, DeliveredMask: 3, WeightsHash: h(8), TraceRoot: h(7)}},
		{"Released", `{"fee":"7","weights_hash":"` + h(9).String() + `"}`, market.Released{WeightsHash: h(9), Fee: big.NewInt(7)}},
		{"Refunded", `{"amount":"11"}`, market.Refunded{Amount: big.NewInt(11)}},
		{"Cancelled", `{"by":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"}`, market.Cancelled{By: buyer}},
		{"Paid", `{"amount":"12","slot":1,"worker":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"}`,
			market.Paid{Slot: 1, Worker: worker, Amount: big.NewInt(12)}},
		{"Slashed", `{"amount":"13","slot":2,"worker":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"}`,
			market.Slashed{Slot: 2, Worker: worker, Amount: big.NewInt(13)}},
		{"StakeReturned", `{"amount":"14","slot":0,"worker":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"}`,
			market.StakeReturned{Slot: 0, Worker: worker, Amount: big.NewInt(14)}},
		{"Credited", `{"account":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","amount":"15","token":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"}`,
			market.Credited{Token: buyer, Account: worker, Amount: big.NewInt(15)}},
		{"Withdrawn", `{"account":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","amount":"16","token":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"}`,
			market.Withdrawn{Token: buyer, Account: worker, Amount: big.NewInt(16)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stored := market.ChainEvent{Block: 9, Name: tc.name, Data: []byte(tc.data)}
			got, err := stored.Event()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("decoded %+v, want %+v", got, tc.want)
			}
			// What is written now reads back the same, under the same name.
			again, err := market.NewChainEvent(market.ChainEvent{Block: 9}, got)
			if err != nil {
				t.Fatal(err)
			}
			if again.Name != tc.name || again.Block != 9 {
				t.Fatalf("re-encoded as %s at %d", again.Name, again.Block)
			}
			back, err := again.Event()
			if err != nil || !reflect.DeepEqual(back, tc.want) {
				t.Fatalf("round trip %+v (%v), want %+v; stored %s", back, err, tc.want, again.Data)
			}
		})
	}
	seen := map[string]bool{}
	for _, ev := range market.EscrowEvents() {
		if seen[ev.EventName()] {
			t.Errorf("two types are named %s", ev.EventName())
		}
		seen[ev.EventName()] = true
	}
}

// TestEscrowEventRefusals: what this build cannot read is an internal
// error, never a zero event that would move money on a wrong view.
func TestEscrowEventRefusals(t *testing.T) {
	t.Parallel()
	for name, e := range map[string]market.ChainEvent{
		"unknown name":     {Name: "RoleGranted", Data: []byte(`{}`)},
		"renamed event":    {Name: "Stake", Data: []byte(`{"slot":0}`)},
		"not an object":    {Name: "Staked", Data: []byte(`[1]`)},
		"bad address":      {Name: "Staked", Data: []byte(`{"slot":0,"worker":"nope"}`)},
		"address as bytes": {Name: "Staked", Data: []byte(`{"worker":[1,2,3]}`)},
		"bad hash":         {Name: "Assigned", Data: []byte(`{"seed":"0x12"}`)},
		"negative amount":  {Name: "Refunded", Data: []byte(`{"amount":"-1"}`)},
		"amount as number": {Name: "Refunded", Data: []byte(`{"amount":1}`)},
		"slot overflow":    {Name: "Staked", Data: []byte(`{"slot":4294967296}`)},
		"window end float": {Name: "ResultSubmitted", Data: []byte(`{"window_end":5.5}`)},
		"slot as text":     {Name: "Staked", Data: []byte(`{"slot":"one"}`)},
		"window end text":  {Name: "ResultSubmitted", Data: []byte(`{"window_end":"soon"}`)},
	} {
		if ev, err := e.Event(); market.ErrorKind(err) != market.KindInternal {
			t.Errorf("%s: %+v, %v; want an internal error", name, ev, err)
		}
		if _, err := market.ReadChain([]market.ChainEvent{e}); err == nil {
			t.Errorf("%s: the chain view was read", name)
		}
	}
}
