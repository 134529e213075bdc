package devchain

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/escrow"
)

// GasEntry is the gas one escrow call used, beside its target when it has one.
type GasEntry struct {
	Call   string
	Gas    uint64
	Target uint64
}

// The gas targets of the escrow issue.
const (
	GasTargetFundByAuthorization = 150_000
	GasTargetStakeByPermit       = 130_000
	GasTargetRelease4Slots       = 200_000
)

// MeasureGas walks a 4-slot intent through its life cycle on a fresh
// in-memory dev chain and reports the gas of every call. Stakes by permit
// are measured for workers that never used a permit before, the dearer case.
// A last intent is resolved keeping its result and released with one slot
// of each kind: paid, slashed and excused (its stake returned).
func MeasureGas(ctx context.Context) ([]GasEntry, error) {
	// Accounts of their own for the last intent: agent 2, workers 8 to 11.
	chain, err := Start(ctx, Config{Agents: 3, Workers: 12})
	if err != nil {
		return nil, err
	}
	defer chain.Close()
	c := escrow.NewContracts(chain.ChainID(), chain.Addresses)
	op, arbiter := chain.Operator, chain.Arbiter
	agents, workers := chain.Role(RoleAgent), chain.Role(RoleWorker)
	var report []GasEntry
	exec := func(name string, target uint64, key Account, call escrow.Call) error {
		r, err := chain.Exec(ctx, key.Key, call)
		if err != nil {
			return fmt.Errorf("gas report: %s: %w", name, err)
		}
		if name != "" {
			report = append(report, GasEntry{Call: name, Gas: r.GasUsed, Target: target})
		}
		return nil
	}
	now, err := chain.Now(ctx)
	if err != nil {
		return nil, err
	}
	deadline := now.Add(24 * time.Hour)
	newTerms := func(buyer Account, token common.Address, amount, stake *big.Int) escrow.Terms {
		return escrow.Terms{
			Buyer: buyer.Address, Token: token, Amount: amount, SpecHash: randomHash(),
			Slots: 4, StakePerSlot: stake, Deadline: uint64(deadline.Unix()), Nonce: new(big.Int).SetBytes(randomHash().Bytes()),
		}
	}
	validBefore := big.NewInt(deadline.Unix())

	// USDC: fund by EIP-3009, stake by permit, assign, submit, release, withdraw.
	t := newTerms(agents[0], c.Addresses.USDC, big.NewInt(1_000_000_000), big.NewInt(100_000_000))
	sig, err := c.SignFundingAuthorization(agents[0].Key, t, big.NewInt(0), validBefore)
	if err != nil {
		return nil, err
	}
	if err := exec("fundWithAuthorization (USDC, EIP-3009)", GasTargetFundByAuthorization, op, c.FundWithAuthorization(t, big.NewInt(0), validBefore, sig)); err != nil {
		return nil, err
	}
	slots := make([]common.Address, 4)
	for i := range 4 {
		w := workers[i]
		nonce, err := c.PermitNonce(ctx, chain.Client(), t.Token, w.Address)
		if err != nil {
			return nil, err
		}
		permit, err := c.SignPermit(w.Key, t.Token, t.StakePerSlot, nonce, validBefore)
		if err != nil {
			return nil, err
		}
		stakeSig, err := c.SignStake(w.Key, t, uint32(i), validBefore)
		if err != nil {
			return nil, err
		}
		name := fmt.Sprintf("stakeWithPermit (slot %d)", i)
		if err := exec(name, GasTargetStakeByPermit, op, c.StakeWithPermit(t, uint32(i), w.Address, validBefore, permit, stakeSig.Bytes())); err != nil {
			return nil, err
		}
		slots[i] = w.Address
	}
	if err := exec("assign (4 slots)", 0, op, c.Assign(t, slots, randomHash())); err != nil {
		return nil, err
	}
	if err := exec("submitResult", 0, op, c.SubmitResult(t, randomHash(), randomHash(), 0b1111)); err != nil {
		return nil, err
	}
	if err := chain.AdjustTime(2 * time.Hour); err != nil {
		return nil, err
	}
	if err := exec("release (4 slots)", GasTargetRelease4Slots, agents[1], c.Release(t, slots)); err != nil {
		return nil, err
	}
	if err := exec("withdraw", 0, workers[0], c.Withdraw(t.Token)); err != nil {
		return nil, err
	}
	// The server's payout of the other parties: the buyer (the rounding of
	// the shares), and three workers, each its pay and its stake.
	payees := []common.Address{t.Buyer, slots[1], slots[2], slots[3]}
	if err := exec("withdrawFor (4 accounts)", 0, op, c.WithdrawFor(t.Token, payees)); err != nil {
		return nil, err
	}

	// The arbiter's calls on a second 4-slot intent: a dispute of the
	// submitted result, then a ruling that convicts one slot and refunds
	// the buyer (the dearer resolve: every stake is settled at once).
	t4 := newTerms(agents[0], c.Addresses.USDC, big.NewInt(1_000_000_000), big.NewInt(100_000_000))
	sig4, err := c.SignFundingAuthorization(agents[0].Key, t4, big.NewInt(0), validBefore)
	if err != nil {
		return nil, err
	}
	if err := exec("", 0, op, c.FundWithAuthorization(t4, big.NewInt(0), validBefore, sig4)); err != nil {
		return nil, err
	}
	for i := range slots {
		if err := exec("", 0, workers[i], escrow.Call{To: t4.Token, Data: c.USDC.PackApprove(c.Addresses.Escrow, t4.StakePerSlot)}); err != nil {
			return nil, err
		}
		if err := exec("", 0, workers[i], c.Stake(t4, uint32(i))); err != nil {
			return nil, err
		}
	}
	if err := exec("", 0, op, c.Assign(t4, slots, randomHash())); err != nil {
		return nil, err
	}
	if err := exec("", 0, op, c.SubmitResult(t4, randomHash(), randomHash(), 0b1111)); err != nil {
		return nil, err
	}
	if err := exec("dispute (arbiter)", 0, arbiter, c.Dispute(t4, randomHash())); err != nil {
		return nil, err
	}
	if err := exec("resolve (4 slots, 1 losing, refund; arbiter)", 0, arbiter, c.Resolve(t4, slots, 0b0001, 0b0001, common.Hash{}, common.Hash{})); err != nil {
		return nil, err
	}

	// AI: fund by permit plus intent signature; stake with own transactions; cancel.
	t2 := newTerms(agents[1], c.Addresses.AI, big.NewInt(1e18), big.NewInt(1e17))
	nonce, err := c.PermitNonce(ctx, chain.Client(), t2.Token, t2.Buyer)
	if err != nil {
		return nil, err
	}
	permit, err := c.SignPermit(agents[1].Key, t2.Token, t2.Amount, nonce, validBefore)
	if err != nil {
		return nil, err
	}
	intentSig, err := c.SignIntent(agents[1].Key, t2)
	if err != nil {
		return nil, err
	}
	if err := exec("fundWithPermit (AI, EIP-2612)", 0, op, c.FundWithPermit(t2, validBefore, permit, intentSig.Bytes())); err != nil {
		return nil, err
	}
	w := workers[4]
	if err := exec("approve (worker, AI)", 0, w, escrow.Call{To: t2.Token, Data: c.AI.PackApprove(c.Addresses.Escrow, t2.StakePerSlot)}); err != nil {
		return nil, err
	}
	if err := exec("stake (own transaction)", 0, w, c.Stake(t2, 0)); err != nil {
		return nil, err
	}
	if err := exec("cancel (1 staker)", 0, agents[1], c.Cancel(t2, []common.Address{w.Address, {}, {}, {}})); err != nil {
		return nil, err
	}

	// USDC bought with the buyer's own approve + fund.
	t3 := newTerms(agents[0], c.Addresses.USDC, big.NewInt(5_000_000), big.NewInt(1_000_000))
	if err := exec("approve (buyer, USDC)", 0, agents[0], escrow.Call{To: t3.Token, Data: c.USDC.PackApprove(c.Addresses.Escrow, t3.Amount)}); err != nil {
		return nil, err
	}
	if err := exec("fund (own transaction)", 0, agents[0], c.Fund(t3)); err != nil {
		return nil, err
	}

	// USDC paid to the intent's deposit address, as an x402 client of the
	// exact scheme does (an EIP-3009 transfer to payTo), relayed.
	t6 := newTerms(agents[0], c.Addresses.USDC, big.NewInt(3_000_000), big.NewInt(1_000_000))
	nonce6 := randomHash()
	sig6, err := c.SignDepositAuthorization(agents[0].Key, t6, big.NewInt(0), validBefore, nonce6)
	if err != nil {
		return nil, err
	}
	if err := exec("fundWithDeposit (USDC, EIP-3009 to the deposit address)", 0, op, c.FundWithDeposit(t6, big.NewInt(0), validBefore, nonce6, sig6)); err != nil {
		return nil, err
	}

	// A ruled release on one more 4-slot intent: slot 2 convicted, slot 3
	// excused (neither delivered nor losing), slots 0 and 1 paid. In AI, by
	// accounts of their own that the escrow owes nothing yet (the dearer case).
	t5 := newTerms(agents[2], c.Addresses.AI, big.NewInt(1e18), big.NewInt(1e17))
	if err := exec("", 0, agents[2], escrow.Call{To: t5.Token, Data: c.AI.PackApprove(c.Addresses.Escrow, t5.Amount)}); err != nil {
		return nil, err
	}
	if err := exec("", 0, agents[2], c.Fund(t5)); err != nil {
		return nil, err
	}
	slots5 := make([]common.Address, 4)
	for i := range slots5 {
		w := workers[8+i]
		if err := exec("", 0, w, escrow.Call{To: t5.Token, Data: c.AI.PackApprove(c.Addresses.Escrow, t5.StakePerSlot)}); err != nil {
			return nil, err
		}
		if err := exec("", 0, w, c.Stake(t5, uint32(i))); err != nil {
			return nil, err
		}
		slots5[i] = w.Address
	}
	if err := exec("", 0, op, c.Assign(t5, slots5, randomHash())); err != nil {
		return nil, err
	}
	if err := exec("resolve (4 slots, 1 losing, result kept; arbiter)", 0, arbiter, c.Resolve(t5, slots5, 0b0100, 0b0011, randomHash(), randomHash())); err != nil {
		return nil, err
	}
	if err := exec("release (4 slots: 2 paid, 1 slashed, 1 excused)", GasTargetRelease4Slots, agents[0], c.Release(t5, slots5)); err != nil {
		return nil, err
	}
	return report, nil
}

// Role returns the dev accounts of a role, in index order.
func (c *Chain) Role(role string) []Account {
	var out []Account
	for _, a := range c.Accounts {
		if a.Role == role {
			out = append(out, a)
		}
	}
	return out
}

// Now is the timestamp of the head block: the chain's clock.
func (c *Chain) Now(ctx context.Context) (time.Time, error) {
	h, err := c.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return time.Time{}, fmt.Errorf("head: %w", err)
	}
	return time.Unix(int64(h.Time), 0), nil
}

func randomHash() common.Hash {
	var h common.Hash
	if _, err := rand.Read(h[:]); err != nil {
		// crypto/rand never fails on supported platforms (Go 1.24+).
		return crypto.Keccak256Hash([]byte(time.Now().String()))
	}
	return h
}
