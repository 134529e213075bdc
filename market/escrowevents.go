package market

import (
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"strconv"
	"strings"
)

// EscrowEvent is one event of the escrow contract, typed: one Go type per
// event the market follows, each field one of the event's (the intent id,
// where the event has one, is ChainEvent.IntentID). The watcher decodes
// logs into them with the contract's bindings, so that a renamed event or
// field fails to compile there.
type EscrowEvent interface {
	// EventName is the contract's name of the event, the name it is
	// stored under.
	EventName() string
}

// The field tags are the stored form (ChainEvent.Data): the snake_case of
// the contract's names, addresses and hashes as 0x hex, the uint256 and
// the ",string" integers as decimal strings, the others as JSON numbers.

// Funded: the buyer's price is locked; the intent exists on chain.
type Funded struct {
	Buyer           Address  `json:"buyer"`
	Token           Address  `json:"token"`
	Amount          *big.Int `json:"amount"`
	SpecHash        Hash     `json:"spec_hash"`
	Slots           uint32   `json:"slots"`
	StakePerSlot    *big.Int `json:"stake_per_slot"`
	Deadline        uint64   `json:"deadline"`
	Nonce           *big.Int `json:"nonce"`
	FeeBps          uint16   `json:"fee_bps"`
	ChallengeWindow uint32   `json:"challenge_window"`
}

// Cancelled: the intent was cancelled before assignment.
type Cancelled struct {
	By Address `json:"by"`
}

// Staked: a worker's stake holds a slot.
type Staked struct {
	Slot   uint32   `json:"slot"`
	Worker Address  `json:"worker"`
	Amount *big.Int `json:"amount"`
}

// Assigned: every slot is staked and the slot map is frozen.
type Assigned struct {
	WorkersHash Hash `json:"workers_hash"`
	Seed        Hash `json:"seed"`
}

// Delivered: slots recorded as delivered before a result exists.
type Delivered struct {
	SlotsMask uint64 `json:"slots_mask"`
}

// ResultSubmitted: the agreed result, and the end of its challenge window
// (unix seconds of chain time; a uint40 on chain).
type ResultSubmitted struct {
	WeightsHash   Hash   `json:"weights_hash"`
	TraceRoot     Hash   `json:"trace_root"`
	DeliveredMask uint64 `json:"delivered_mask"`
	WindowEnd     uint64 `json:"window_end,string"`
}

// Disputed: a submitted result is stopped from release.
type Disputed struct {
	By     Address `json:"by"`
	Reason Hash    `json:"reason"`
}

// Resolved: the arbiter settled a dispute; zero hashes keep no result.
type Resolved struct {
	LosingMask    uint64 `json:"losing_mask"`
	DeliveredMask uint64 `json:"delivered_mask"`
	WeightsHash   Hash   `json:"weights_hash"`
	TraceRoot     Hash   `json:"trace_root"`
}

// Released: the result was paid for.
type Released struct {
	WeightsHash Hash     `json:"weights_hash"`
	Fee         *big.Int `json:"fee"`
}

// Refunded: the price went back to the buyer.
type Refunded struct {
	Amount *big.Int `json:"amount"`
}

// SlotAmount is what Paid, Slashed and StakeReturned say: a slot, its
// worker and an amount of the intent's token.
type SlotAmount struct {
	Slot   uint32   `json:"slot"`
	Worker Address  `json:"worker"`
	Amount *big.Int `json:"amount"`
}

// Paid: a slot's worker was credited its pay and stake.
type Paid SlotAmount

// Slashed: a slot's stake was taken.
type Slashed SlotAmount

// StakeReturned: the stake of a slot neither paid nor slashed was
// credited back to its worker.
type StakeReturned SlotAmount

// BalanceChange is what Credited and Withdrawn say of an account's
// withdrawable balance in a token; they concern no intent.
type BalanceChange struct {
	Token   Address  `json:"token"`
	Account Address  `json:"account"`
	Amount  *big.Int `json:"amount"`
}

// Credited: an account's withdrawable balance grew.
type Credited BalanceChange

// Withdrawn: an account pulled its balance, or was paid it (withdrawFor).
type Withdrawn BalanceChange

// WithdrawalRefused: the token refused to pay an account its balance
// (withdrawFor), which the account keeps.
type WithdrawalRefused BalanceChange

// EventName implements EscrowEvent.
func (Funded) EventName() string { return "Funded" }

// EventName implements EscrowEvent.
func (Cancelled) EventName() string { return "Cancelled" }

// EventName implements EscrowEvent.
func (Staked) EventName() string { return "Staked" }

// EventName implements EscrowEvent.
func (Assigned) EventName() string { return "Assigned" }

// EventName implements EscrowEvent.
func (Delivered) EventName() string { return "Delivered" }

// EventName implements EscrowEvent.
func (ResultSubmitted) EventName() string { return "ResultSubmitted" }

// EventName implements EscrowEvent.
func (Disputed) EventName() string { return "Disputed" }

// EventName implements EscrowEvent.
func (Resolved) EventName() string { return "Resolved" }

// EventName implements EscrowEvent.
func (Released) EventName() string { return "Released" }

// EventName implements EscrowEvent.
func (Refunded) EventName() string { return "Refunded" }

// EventName implements EscrowEvent.
func (Paid) EventName() string { return "Paid" }

// EventName implements EscrowEvent.
func (Slashed) EventName() string { return "Slashed" }

// EventName implements EscrowEvent.
func (StakeReturned) EventName() string { return "StakeReturned" }

// EventName implements EscrowEvent.
func (Credited) EventName() string { return "Credited" }

// EventName implements EscrowEvent.
func (Withdrawn) EventName() string { return "Withdrawn" }

// EventName implements EscrowEvent.
func (WithdrawalRefused) EventName() string { return "WithdrawalRefused" }

// EscrowEvents returns a zero value of every escrow event type the market
// follows.
func EscrowEvents() []EscrowEvent {
	return []EscrowEvent{Funded{}, Cancelled{}, Staked{}, Assigned{}, Delivered{}, ResultSubmitted{},
		Disputed{}, Resolved{}, Released{}, Refunded{}, Paid{}, Slashed{}, StakeReturned{}, Credited{}, Withdrawn{}, WithdrawalRefused{}}
}

// escrowEventTypes maps each event's name to its type; it is never written.
var escrowEventTypes = func() map[string]reflect.Type {
	events := EscrowEvents()
	m := make(map[string]reflect.Type, len(events))
	for _, ev := range events {
		m[ev.EventName()] = reflect.TypeOf(ev)
	}
	return m
}()

var (
	addressType = reflect.TypeFor[Address]()
	hashType    = reflect.TypeFor[Hash]()
	bigIntType  = reflect.TypeFor[*big.Int]()
)

// NewChainEvent is the stored form of ev at its place on the chain (at's
// block, transaction, log index and intent id).
func NewChainEvent(at ChainEvent, ev EscrowEvent) (ChainEvent, error) {
	v := reflect.ValueOf(ev)
	fields := make(map[string]any, v.NumField())
	for i := range v.NumField() {
		name, quoted := fieldTag(v.Type().Field(i))
		f := v.Field(i)
		switch f.Type() {
		case addressType, hashType:
			fields[name] = f.Interface().(fmt.Stringer).String()
		case bigIntType:
			x, _ := f.Interface().(*big.Int)
			if x == nil {
				x = new(big.Int)
			}
			fields[name] = x.String()
		default:
			if quoted {
				fields[name] = strconv.FormatUint(f.Uint(), 10)
			} else {
				fields[name] = f.Interface()
			}
		}
	}
	data, err := json.Marshal(fields)
	if err != nil {
		return ChainEvent{}, fmt.Errorf("encode %s: %w", ev.EventName(), err)
	}
	at.Name, at.Data = ev.EventName(), data
	return at, nil
}

// Event decodes the stored event into its type. A name the market does
// not know, or data that does not fit the type, is an error of kind
// KindInternal: the watcher wrote what this build cannot read. Absent
// fields are zero.
func (e ChainEvent) Event() (EscrowEvent, error) {
	t, ok := escrowEventTypes[e.Name]
	if !ok {
		return nil, Errorf(KindInternal, "chain event %q is not an escrow event this build knows", e.Name)
	}
	var raw map[string]json.RawMessage
	if len(e.Data) > 0 {
		if err := json.Unmarshal(e.Data, &raw); err != nil {
			return nil, &Error{Kind: KindInternal, Message: "bad " + e.Name + " event", Err: err}
		}
	}
	v := reflect.New(t).Elem()
	for i := range t.NumField() {
		name, _ := fieldTag(t.Field(i))
		data, ok := raw[name]
		if !ok {
			continue
		}
		if err := decodeField(v.Field(i), data); err != nil {
			return nil, &Error{Kind: KindInternal, Message: fmt.Sprintf("bad %s event: %s", e.Name, name), Err: err}
		}
	}
	return v.Interface().(EscrowEvent), nil
}

func fieldTag(f reflect.StructField) (name string, quoted bool) {
	name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name, opts == "string"
}

func decodeField(f reflect.Value, data json.RawMessage) error {
	switch f.Type() {
	case addressType, hashType, bigIntType:
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		switch f.Type() {
		case addressType:
			a, err := ParseAddress(s)
			f.Set(reflect.ValueOf(a))
			return err
		case hashType:
			h, err := ParseHash(s)
			f.Set(reflect.ValueOf(h))
			return err
		}
		x, ok := new(big.Int).SetString(s, 10)
		if !ok || x.Sign() < 0 {
			return fmt.Errorf("%q is not a decimal unsigned integer", s)
		}
		f.Set(reflect.ValueOf(x))
		return nil
	}
	// An integer is read as a number or as a decimal string, whichever
	// form (",string" or not) wrote it.
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		n, err := strconv.ParseUint(s, 10, f.Type().Bits())
		f.SetUint(n)
		return err
	}
	return json.Unmarshal(data, f.Addr().Interface())
}
