package escrow

import (
	"reflect"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/axl-market/axl/escrow/bindings/axlescrow"
	"github.com/axl-market/axl/market"
)

// emptyLog is a log of ev with every argument zero, as the contract would
// emit it.
func emptyLog(t *testing.T, ev abi.Event) types.Log {
	t.Helper()
	l := types.Log{Topics: []common.Hash{ev.ID}}
	var data abi.Arguments
	var values []any
	for _, in := range ev.Inputs {
		if in.Indexed {
			l.Topics = append(l.Topics, common.Hash{})
			continue
		}
		data = append(data, in)
		zero := reflect.Zero(in.Type.GetType())
		if zero.Kind() == reflect.Pointer { // *big.Int
			zero = reflect.New(zero.Type().Elem())
		}
		values = append(values, zero.Interface())
	}
	packed, err := data.Pack(values...)
	if err != nil {
		t.Fatalf("pack %s: %v", ev.Name, err)
	}
	l.Data = packed
	return l
}

// TestEveryEscrowEventIsTyped: each event of the contract's ABI is either
// decoded by the bindings into the market's type of the same name or
// explicitly ignored, and each of the market's types has its decoder. A
// new or renamed event fails here, not in production.
func TestEveryEscrowEventIsTyped(t *testing.T) {
	t.Parallel()
	parsed, err := axlescrow.AXLEscrowMetaData.ParseABI()
	if err != nil {
		t.Fatal(err)
	}
	decoders := eventDecoders(axlescrow.NewAXLEscrow())
	decoded := map[string]bool{}
	for name, ev := range parsed.Events {
		if ignoredEvents[name] {
			if _, ok := decoders[name]; ok {
				t.Errorf("%s is both decoded and ignored", name)
			}
			continue
		}
		decode, ok := decoders[name]
		if !ok {
			t.Errorf("the contract's event %s is neither decoded nor ignored", name)
			continue
		}
		_, typed, err := decode(new(emptyLog(t, ev)))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if typed.EventName() != name {
			t.Errorf("the contract's %s decodes into the market's %s", name, typed.EventName())
		}
		// The market's type has one field per argument but the intent id.
		args := len(ev.Inputs)
		if ev.Inputs[0].Name == "id" {
			args--
		}
		if n := reflect.TypeOf(typed).NumField(); n != args {
			t.Errorf("%s: the market's type has %d fields, the event %d arguments besides the id", name, n, args)
		}
		decoded[name] = true
	}
	for name := range ignoredEvents {
		if _, ok := parsed.Events[name]; !ok {
			t.Errorf("ignored event %s is not in the contract's ABI", name)
		}
	}
	for _, ev := range market.EscrowEvents() {
		if !decoded[ev.EventName()] {
			t.Errorf("the market's %s is decoded from no event of the contract", ev.EventName())
		}
	}
	// A log whose topic is another event's is refused by the binding.
	staked := decoders[axlescrow.AXLEscrowStakedEventName]
	if _, _, err := staked(new(emptyLog(t, parsed.Events[axlescrow.AXLEscrowPaidEventName]))); err == nil {
		t.Error("a Paid log decoded as Staked")
	}
}
