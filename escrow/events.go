package escrow

import (
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/axl-market/axl/escrow/bindings/axlescrow"
	"github.com/axl-market/axl/market"
)

// eventDecoder unpacks one escrow event with the bindings into the
// market's type, with the intent it concerns (zero for none).
type eventDecoder func(l *types.Log) (id common.Hash, ev market.EscrowEvent, err error)

func decodeWith[E any](unpack func(*types.Log) (*E, error), convert func(*E) (common.Hash, market.EscrowEvent)) eventDecoder {
	return func(l *types.Log) (common.Hash, market.EscrowEvent, error) {
		e, err := unpack(l)
		if err != nil {
			return common.Hash{}, nil, err
		}
		id, ev := convert(e)
		return id, ev, nil
	}
}

// ignoredEvents are the escrow's events the market does not follow: roles
// and parameters, which concern no intent and no balance.
var ignoredEvents = map[string]bool{
	axlescrow.AXLEscrowRoleGrantedEventName: true, axlescrow.AXLEscrowRoleRevokedEventName: true,
	axlescrow.AXLEscrowRoleAdminChangedEventName: true, axlescrow.AXLEscrowTokenAllowedEventName: true,
	axlescrow.AXLEscrowParametersSetEventName: true, axlescrow.AXLEscrowTreasurySetEventName: true,
	axlescrow.AXLEscrowEIP712DomainChangedEventName: true,
}

// eventDecoders are the typed decoders of the events the market follows,
// by the contract's event name. Field for field, a renamed event or field
// of the contract fails to compile here once the bindings are regenerated.
func eventDecoders(c *axlescrow.AXLEscrow) map[string]eventDecoder {
	addr := func(a common.Address) market.Address { return market.Address(a) }
	return map[string]eventDecoder{
		axlescrow.AXLEscrowFundedEventName: decodeWith(c.UnpackFundedEvent, func(e *axlescrow.AXLEscrowFunded) (common.Hash, market.EscrowEvent) {
			return e.Id, market.Funded{Buyer: addr(e.Buyer), Token: addr(e.Token), Amount: e.Amount, SpecHash: e.SpecHash,
				Slots: e.Slots, StakePerSlot: e.StakePerSlot, Deadline: e.Deadline, Nonce: e.Nonce, FeeBps: e.FeeBps,
				ChallengeWindow: e.ChallengeWindow}
		}),
		axlescrow.AXLEscrowCancelledEventName: decodeWith(c.UnpackCancelledEvent, func(e *axlescrow.AXLEscrowCancelled) (common.Hash, market.EscrowEvent) {
			return e.Id, market.Cancelled{By: addr(e.By)}
		}),
		axlescrow.AXLEscrowStakedEventName: decodeWith(c.UnpackStakedEvent, func(e *axlescrow.AXLEscrowStaked) (common.Hash, market.EscrowEvent) {
			return e.Id, market.Staked{Slot: e.Slot, Worker: addr(e.Worker), Amount: e.Amount}
		}),
		axlescrow.AXLEscrowAssignedEventName: decodeWith(c.UnpackAssignedEvent, func(e *axlescrow.AXLEscrowAssigned) (common.Hash, market.EscrowEvent) {
			return e.Id, market.Assigned{WorkersHash: e.WorkersHash, Seed: e.Seed}
		}),
		axlescrow.AXLEscrowDeliveredEventName: decodeWith(c.UnpackDeliveredEvent, func(e *axlescrow.AXLEscrowDelivered) (common.Hash, market.EscrowEvent) {
			return e.Id, market.Delivered{SlotsMask: e.SlotsMask}
		}),
		axlescrow.AXLEscrowResultSubmittedEventName: decodeWith(c.UnpackResultSubmittedEvent, func(e *axlescrow.AXLEscrowResultSubmitted) (common.Hash, market.EscrowEvent) {
			// windowEnd is a uint40 on chain: it fits a uint64.
			return e.Id, market.ResultSubmitted{WeightsHash: e.WeightsHash, TraceRoot: e.TraceRoot, DeliveredMask: e.DeliveredMask,
				WindowEnd: e.WindowEnd.Uint64()}
		}),
		axlescrow.AXLEscrowDisputedEventName: decodeWith(c.UnpackDisputedEvent, func(e *axlescrow.AXLEscrowDisputed) (common.Hash, market.EscrowEvent) {
			return e.Id, market.Disputed{By: addr(e.By), Reason: e.Reason}
		}),
		axlescrow.AXLEscrowResolvedEventName: decodeWith(c.UnpackResolvedEvent, func(e *axlescrow.AXLEscrowResolved) (common.Hash, market.EscrowEvent) {
			return e.Id, market.Resolved{LosingMask: e.LosingMask, DeliveredMask: e.DeliveredMask, WeightsHash: e.WeightsHash,
				TraceRoot: e.TraceRoot}
		}),
		axlescrow.AXLEscrowReleasedEventName: decodeWith(c.UnpackReleasedEvent, func(e *axlescrow.AXLEscrowReleased) (common.Hash, market.EscrowEvent) {
			return e.Id, market.Released{WeightsHash: e.WeightsHash, Fee: e.Fee}
		}),
		axlescrow.AXLEscrowRefundedEventName: decodeWith(c.UnpackRefundedEvent, func(e *axlescrow.AXLEscrowRefunded) (common.Hash, market.EscrowEvent) {
			return e.Id, market.Refunded{Amount: e.Amount}
		}),
		axlescrow.AXLEscrowPaidEventName: decodeWith(c.UnpackPaidEvent, func(e *axlescrow.AXLEscrowPaid) (common.Hash, market.EscrowEvent) {
			return e.Id, market.Paid{Slot: e.Slot, Worker: addr(e.Worker), Amount: e.Amount}
		}),
		axlescrow.AXLEscrowSlashedEventName: decodeWith(c.UnpackSlashedEvent, func(e *axlescrow.AXLEscrowSlashed) (common.Hash, market.EscrowEvent) {
			return e.Id, market.Slashed{Slot: e.Slot, Worker: addr(e.Worker), Amount: e.Amount}
		}),
		axlescrow.AXLEscrowStakeReturnedEventName: decodeWith(c.UnpackStakeReturnedEvent, func(e *axlescrow.AXLEscrowStakeReturned) (common.Hash, market.EscrowEvent) {
			return e.Id, market.StakeReturned{Slot: e.Slot, Worker: addr(e.Worker), Amount: e.Amount}
		}),
		axlescrow.AXLEscrowCreditedEventName: decodeWith(c.UnpackCreditedEvent, func(e *axlescrow.AXLEscrowCredited) (common.Hash, market.EscrowEvent) {
			return common.Hash{}, market.Credited{Token: addr(e.Token), Account: addr(e.Account), Amount: e.Amount}
		}),
		axlescrow.AXLEscrowWithdrawnEventName: decodeWith(c.UnpackWithdrawnEvent, func(e *axlescrow.AXLEscrowWithdrawn) (common.Hash, market.EscrowEvent) {
			return common.Hash{}, market.Withdrawn{Token: addr(e.Token), Account: addr(e.Account), Amount: e.Amount}
		}),
		axlescrow.AXLEscrowWithdrawalRefusedEventName: decodeWith(c.UnpackWithdrawalRefusedEvent, func(e *axlescrow.AXLEscrowWithdrawalRefused) (common.Hash, market.EscrowEvent) {
			return common.Hash{}, market.WithdrawalRefused{Token: addr(e.Token), Account: addr(e.Account), Amount: e.Amount}
		}),
	}
}
