package escrow_test

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/bindings/axlescrow"
	"github.com/axl-market/axl/escrow/bindings/hostiletoken"
	"github.com/axl-market/axl/escrow/devchain"
)

// State values of AXLEscrow.State.
const (
	stNone uint8 = iota
	stFunded
	stAssigned
	stSubmitted
	stDisputed
	stResolved
	stReleased
	stRefunded
	stCancelled
)

// env is a fresh dev chain with the contracts deployed and distinct
// operator (also the admin), arbiter and treasury accounts. Blocks are sealed by each call,
// and time moves only by AdjustTime.
type env struct {
	t        *testing.T
	ctx      context.Context
	chain    *devchain.Chain
	c        *escrow.Contracts
	op       devchain.Account
	arbiter  devchain.Account
	treasury devchain.Account
	agents   []devchain.Account
	workers  []devchain.Account
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx := t.Context()
	chain, err := devchain.Start(ctx, devchain.Config{SeparateRoles: true})
	if err != nil {
		t.Fatalf("start dev chain: %v", err)
	}
	t.Cleanup(chain.Close)
	return &env{
		t: t, ctx: ctx, chain: chain,
		c:        escrow.NewContracts(chain.ChainID(), chain.Addresses),
		op:       chain.Operator,
		arbiter:  chain.Arbiter,
		treasury: chain.Role(devchain.RoleTreasury)[0],
		agents:   chain.Role(devchain.RoleAgent),
		workers:  chain.Role(devchain.RoleWorker),
	}
}

// exec sends call from who and fails the test if it does not succeed.
func (e *env) exec(who devchain.Account, call escrow.Call) *types.Receipt {
	e.t.Helper()
	r, err := e.chain.Exec(e.ctx, who.Key, call)
	if err != nil {
		e.t.Fatalf("call from %s %d: %v", who.Role, who.Index, err)
	}
	return r
}

// revert sends call from who and fails the test unless the contract refuses
// it with an error whose decoded form starts with want.
func (e *env) revert(who devchain.Account, call escrow.Call, want string) {
	e.t.Helper()
	_, err := e.chain.Exec(e.ctx, who.Key, call)
	var re *devchain.RevertError
	if !errors.As(err, &re) {
		e.t.Fatalf("want revert %q, got %v", want, err)
	}
	if !strings.HasPrefix(re.Reason, want) {
		e.t.Fatalf("want revert %q, got %q", want, re.Reason)
	}
}

func (e *env) now() time.Time {
	e.t.Helper()
	now, err := e.chain.Now(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	return now
}

func (e *env) advance(d time.Duration) {
	e.t.Helper()
	if err := e.chain.AdjustTime(d); err != nil {
		e.t.Fatalf("adjust time: %v", err)
	}
}

// nonceCounter is shared by the parallel tests.
var nonceCounter atomic.Int64

// terms builds fresh terms (a new nonce each time) with a one-day deadline.
func (e *env) terms(buyer devchain.Account, token common.Address, amount, stake int64, slots uint32) escrow.Terms {
	n := nonceCounter.Add(1)
	return escrow.Terms{
		Buyer: buyer.Address, Token: token, Amount: big.NewInt(amount),
		SpecHash: crypto.Keccak256Hash([]byte("spec"), big.NewInt(n).Bytes()), Slots: slots,
		StakePerSlot: big.NewInt(stake), Deadline: uint64(e.now().Add(24 * time.Hour).Unix()),
		Nonce: big.NewInt(n),
	}
}

func (e *env) validBefore() *big.Int { return big.NewInt(e.now().Add(time.Hour).Unix()) }

// fundCall is the relayed funding of t signed by its buyer: EIP-3009 for
// USDC, a permit and the intent signature for AI.
func (e *env) fundCall(buyer devchain.Account, t escrow.Terms) escrow.Call {
	e.t.Helper()
	vb := e.validBefore()
	if t.Token == e.c.Addresses.AI {
		nonce, err := e.c.PermitNonce(e.ctx, e.chain.Client(), t.Token, buyer.Address)
		if err != nil {
			e.t.Fatal(err)
		}
		permit, err := e.c.SignPermit(buyer.Key, t.Token, t.Amount, nonce, vb)
		if err != nil {
			e.t.Fatal(err)
		}
		sig, err := e.c.SignIntent(buyer.Key, t)
		if err != nil {
			e.t.Fatal(err)
		}
		return e.c.FundWithPermit(t, vb, permit, sig.Bytes())
	}
	sig, err := e.c.SignFundingAuthorization(buyer.Key, t, big.NewInt(0), vb)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.c.FundWithAuthorization(t, big.NewInt(0), vb, sig)
}

func (e *env) fund(buyer devchain.Account, t escrow.Terms) common.Hash {
	e.t.Helper()
	e.exec(e.op, e.fundCall(buyer, t))
	return e.c.IntentID(t)
}

// stakeCall is the relayed permit stake of slot by w.
func (e *env) stakeCall(w devchain.Account, t escrow.Terms, slot uint32) escrow.Call {
	e.t.Helper()
	deadline := e.validBefore()
	nonce, err := e.c.PermitNonce(e.ctx, e.chain.Client(), t.Token, w.Address)
	if err != nil {
		e.t.Fatal(err)
	}
	permit, err := e.c.SignPermit(w.Key, t.Token, t.StakePerSlot, nonce, deadline)
	if err != nil {
		e.t.Fatal(err)
	}
	sig, err := e.c.SignStake(w.Key, t, slot, deadline)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.c.StakeWithPermit(t, slot, w.Address, deadline, permit, sig.Bytes())
}

// stakeAll stakes every slot, slot i by workers[first+i], and returns the slot map.
func (e *env) stakeAll(t escrow.Terms, first int) []common.Address {
	e.t.Helper()
	ws := make([]common.Address, t.Slots)
	for i := range ws {
		w := e.workers[first+i]
		e.exec(e.op, e.stakeCall(w, t, uint32(i)))
		ws[i] = w.Address
	}
	return ws
}

func (e *env) balance(token, who common.Address) *big.Int {
	e.t.Helper()
	inst := e.c.AI.Instance(e.chain.Client(), token)
	b, err := bind.Call(inst, &bind.CallOpts{Context: e.ctx}, e.c.AI.PackBalanceOf(who), e.c.AI.UnpackBalanceOf)
	if err != nil {
		e.t.Fatalf("balanceOf: %v", err)
	}
	return b
}

func (e *env) withdrawable(token, who common.Address) *big.Int {
	e.t.Helper()
	v, err := bind.Call(e.escrowInst(), &bind.CallOpts{Context: e.ctx}, e.c.Escrow.PackWithdrawable(token, who), e.c.Escrow.UnpackWithdrawable)
	if err != nil {
		e.t.Fatalf("withdrawable: %v", err)
	}
	return v
}

func (e *env) liabilities(token common.Address) *big.Int {
	e.t.Helper()
	v, err := bind.Call(e.escrowInst(), &bind.CallOpts{Context: e.ctx}, e.c.Escrow.PackLiabilities(token), e.c.Escrow.UnpackLiabilities)
	if err != nil {
		e.t.Fatalf("liabilities: %v", err)
	}
	return v
}

func (e *env) record(id common.Hash) axlescrow.AXLEscrowEscrow {
	e.t.Helper()
	v, err := bind.Call(e.escrowInst(), &bind.CallOpts{Context: e.ctx}, e.c.Escrow.PackEscrows(id), e.c.Escrow.UnpackEscrows)
	if err != nil {
		e.t.Fatalf("escrows: %v", err)
	}
	return v
}

func (e *env) escrowInst() *bind.BoundContract {
	return e.c.Escrow.Instance(e.chain.Client(), e.c.Addresses.Escrow)
}

// wantState fails unless the escrow of id is in state want.
func (e *env) wantState(id common.Hash, want uint8) {
	e.t.Helper()
	if got := e.record(id).State; got != want {
		e.t.Fatalf("escrow state = %d, want %d", got, want)
	}
}

// wantBig fails unless got == want.
func wantBig(t *testing.T, what string, got *big.Int, want int64) {
	t.Helper()
	if got.Cmp(big.NewInt(want)) != 0 {
		t.Fatalf("%s = %s, want %d", what, got, want)
	}
}

// withdrawAll withdraws who's balance and returns how much arrived.
func (e *env) withdrawAll(who devchain.Account, token common.Address) *big.Int {
	e.t.Helper()
	before := e.balance(token, who.Address)
	e.exec(who, e.c.Withdraw(token))
	return new(big.Int).Sub(e.balance(token, who.Address), before)
}

// slashedSlots are the slots of the Slashed events in r, in order.
func (e *env) slashedSlots(r *types.Receipt) []uint32 {
	var out []uint32
	for _, l := range r.Logs {
		if ev, err := e.c.Escrow.UnpackSlashedEvent(l); err == nil {
			out = append(out, ev.Slot)
		}
	}
	return out
}

// paidSlots are the slots of the Paid events in r, in order.
func (e *env) paidSlots(r *types.Receipt) []uint32 {
	var out []uint32
	for _, l := range r.Logs {
		if ev, err := e.c.Escrow.UnpackPaidEvent(l); err == nil {
			out = append(out, ev.Slot)
		}
	}
	return out
}

// returnedSlots are the slots of the StakeReturned events in r, in order.
func (e *env) returnedSlots(r *types.Receipt) []uint32 {
	var out []uint32
	for _, l := range r.Logs {
		if ev, err := e.c.Escrow.UnpackStakeReturnedEvent(l); err == nil {
			out = append(out, ev.Slot)
		}
	}
	return out
}

// settlement is what one receipt says of each slot of an intent: the kind
// of its event (Paid, Slashed or StakeReturned), its worker and amount.
type settlement struct {
	Kind   string
	Worker common.Address
	Amount *big.Int
}

// settlements are the Paid, Slashed and StakeReturned events of intent id
// in r by slot; a slot with two of them fails the test.
func (e *env) settlements(r *types.Receipt, id common.Hash) map[uint32]settlement {
	e.t.Helper()
	out := map[uint32]settlement{}
	add := func(kind string, evID [32]byte, slot uint32, worker common.Address, amount *big.Int) {
		if common.Hash(evID) != id {
			e.t.Fatalf("%s event of intent %x in a settlement of %x", kind, evID, id)
		}
		if old, dup := out[slot]; dup {
			e.t.Fatalf("slot %d has both %s and %s events", slot, old.Kind, kind)
		}
		out[slot] = settlement{Kind: kind, Worker: worker, Amount: amount}
	}
	for _, l := range r.Logs {
		if ev, err := e.c.Escrow.UnpackPaidEvent(l); err == nil {
			add("Paid", ev.Id, ev.Slot, ev.Worker, ev.Amount)
		} else if ev, err := e.c.Escrow.UnpackSlashedEvent(l); err == nil {
			add("Slashed", ev.Id, ev.Slot, ev.Worker, ev.Amount)
		} else if ev, err := e.c.Escrow.UnpackStakeReturnedEvent(l); err == nil {
			add("StakeReturned", ev.Id, ev.Slot, ev.Worker, ev.Amount)
		}
	}
	return out
}

// hostileToken deploys a HostileToken (the operator's transaction) and has
// the escrow allow it.
func (e *env) hostileToken() (common.Address, *hostiletoken.HostileToken) {
	e.t.Helper()
	h := hostiletoken.NewHostileToken()
	opts := e.chain.Transactor(e.op.Key)
	opts.Context = e.ctx
	addr, tx, err := bind.DeployContract(opts, common.FromHex(hostiletoken.HostileTokenMetaData.Bin), e.chain.Client(), nil)
	if err != nil {
		e.t.Fatal(err)
	}
	e.chain.Commit()
	if _, err := bind.WaitDeployed(e.ctx, e.chain.Client(), tx.Hash()); err != nil {
		e.t.Fatal(err)
	}
	e.exec(e.op, escrow.Call{To: e.c.Addresses.Escrow, Data: e.c.Escrow.PackSetTokenAllowed(addr, true)})
	return addr, h
}
