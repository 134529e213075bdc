package escrow

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/escrow/bindings/axlescrow"
	"github.com/axl-market/axl/escrow/bindings/hostiletoken"
	"github.com/axl-market/axl/escrow/bindings/testai"
	"github.com/axl-market/axl/escrow/bindings/testusdc"
	"github.com/axl-market/axl/escrow/eip712"
)

// Call is one contract call to send: where and what. The relayer persists
// calls before sending them, so they are plain data.
type Call struct {
	To   common.Address
	Data []byte
}

// Contracts builds the calls of the escrow's life cycle on one chain.
type Contracts struct {
	ChainID   *big.Int
	Addresses Addresses
	Escrow    *axlescrow.AXLEscrow
	USDC      *testusdc.TestUSDC
	AI        *testai.TestAI
	// Domains are the tokens' EIP-712 domains, by address (a deployment
	// file's); a token not in it has the dev chain's domain.
	Domains map[common.Address]eip712.Domain
}

// NewContracts binds the contracts at addrs on the chain chainID.
func NewContracts(chainID *big.Int, addrs Addresses) *Contracts {
	return &Contracts{
		ChainID:   chainID,
		Addresses: addrs,
		Escrow:    axlescrow.NewAXLEscrow(),
		USDC:      testusdc.NewTestUSDC(),
		AI:        testai.NewTestAI(),
	}
}

// EscrowDomain is the escrow's EIP-712 domain.
func (c *Contracts) EscrowDomain() eip712.Domain {
	return eip712.EscrowDomain(c.ChainID, c.Addresses.Escrow)
}

// IntentID is the id the escrow gives the terms: the EIP-712 digest of
// their Intent under the escrow's domain.
func (c *Contracts) IntentID(t Terms) common.Hash { return digest(c.EscrowDomain(), intentMessage(t)) }

// TokenDomain is the EIP-712 domain of a token the contracts know.
func (c *Contracts) TokenDomain(token common.Address) (eip712.Domain, error) {
	if d, ok := c.Domains[token]; ok {
		return d, nil
	}
	switch token {
	case c.Addresses.USDC:
		return eip712.USDCDomain(c.ChainID, token), nil
	case c.Addresses.AI:
		return eip712.AIDomain(c.ChainID, token), nil
	}
	return eip712.Domain{}, fmt.Errorf("token %s is neither the USDC nor the AI of this deployment", token)
}

func (c *Contracts) escrowCall(data []byte) Call { return Call{To: c.Addresses.Escrow, Data: data} }

// Fund is the buyer's own funding call (after approving the escrow).
func (c *Contracts) Fund(t Terms) Call { return c.escrowCall(c.Escrow.PackFund(t)) }

// FundWithAuthorization funds by the buyer's EIP-3009 ReceiveWithAuthorization
// signature, whose nonce must be the intent id.
func (c *Contracts) FundWithAuthorization(t Terms, validAfter, validBefore *big.Int, sig Signature) Call {
	return c.escrowCall(c.Escrow.PackFundWithAuthorization(t, validAfter, validBefore, sig.V, sig.R, sig.S))
}

// DepositAddress is the deposit address of intent id (the escrow's
// depositAddress): what reaches it funds that intent (FundWithDeposit).
func (c *Contracts) DepositAddress(id common.Hash) common.Address {
	return eip712.DepositAddress(c.Addresses.Escrow, id)
}

// FundWithDeposit funds an intent with its deposit address's tokens, the
// buyer's EIP-3009 TransferWithAuthorization of nonce to that address
// submitted first unless it was used already.
func (c *Contracts) FundWithDeposit(t Terms, validAfter, validBefore *big.Int, nonce common.Hash, sig Signature) Call {
	return c.escrowCall(c.Escrow.PackFundWithDeposit(t, validAfter, validBefore, nonce, sig.V, sig.R, sig.S))
}

// SweepDeposit credits the buyer what reached a funded (or expired)
// intent's deposit address.
func (c *Contracts) SweepDeposit(t Terms) Call { return c.escrowCall(c.Escrow.PackSweepDeposit(t)) }

// FundWithPermit funds by the buyer's EIP-2612 permit and its signature of the intent id.
func (c *Contracts) FundWithPermit(t Terms, permitDeadline *big.Int, permit Signature, intentSig []byte) Call {
	return c.escrowCall(c.Escrow.PackFundWithPermit(t, permitDeadline, permit.V, permit.R, permit.S, intentSig))
}

// Stake is a worker's own staking call (after approving the escrow).
func (c *Contracts) Stake(t Terms, slot uint32) Call {
	return c.escrowCall(c.Escrow.PackStake(t, slot))
}

// StakeWithPermit stakes for worker by its permit and its Stake signature.
func (c *Contracts) StakeWithPermit(t Terms, slot uint32, worker common.Address, deadline *big.Int, permit Signature, stakeSig []byte) Call {
	return c.escrowCall(c.Escrow.PackStakeWithPermit(t, slot, worker, deadline, permit.V, permit.R, permit.S, stakeSig))
}

// Cancel cancels before assignment; stakers[i] is slot i's worker or zero.
func (c *Contracts) Cancel(t Terms, stakers []common.Address) Call {
	return c.escrowCall(c.Escrow.PackCancel(t, stakers))
}

// Assign freezes the slot map once every slot is staked.
func (c *Contracts) Assign(t Terms, workers []common.Address, seed common.Hash) Call {
	return c.escrowCall(c.Escrow.PackAssign(t, workers, seed))
}

// RecordDelivery records slots that delivered before a result exists.
func (c *Contracts) RecordDelivery(t Terms, mask uint64) Call {
	return c.escrowCall(c.Escrow.PackRecordDelivery(t, mask))
}

// SubmitResult submits the agreed result and opens the challenge window.
func (c *Contracts) SubmitResult(t Terms, weights, traceRoot common.Hash, delivered uint64) Call {
	return c.escrowCall(c.Escrow.PackSubmitResult(t, weights, traceRoot, delivered))
}

// Dispute stops a submitted result from being released.
func (c *Contracts) Dispute(t Terms, reason common.Hash) Call {
	return c.escrowCall(c.Escrow.PackDispute(t, reason))
}

// Resolve settles a dispute by naming the losing and the delivering slots.
func (c *Contracts) Resolve(t Terms, workers []common.Address, losing, delivered uint64, weights, traceRoot common.Hash) Call {
	return c.escrowCall(c.Escrow.PackResolve(t, workers, losing, delivered, weights, traceRoot))
}

// Release pays a result after its window, or a resolved dispute.
func (c *Contracts) Release(t Terms, workers []common.Address) Call {
	return c.escrowCall(c.Escrow.PackRelease(t, workers))
}

// Refund returns the price after the deadline with no result.
func (c *Contracts) Refund(t Terms, workers []common.Address) Call {
	return c.escrowCall(c.Escrow.PackRefund(t, workers))
}

// Withdraw pulls the caller's balance in token.
func (c *Contracts) Withdraw(token common.Address) Call {
	return c.escrowCall(c.Escrow.PackWithdraw(token))
}

// WithdrawFor pays each of accounts its balance in token, whoever sends it.
func (c *Contracts) WithdrawFor(token common.Address, accounts []common.Address) Call {
	return c.escrowCall(c.Escrow.PackWithdrawFor(token, accounts))
}

// The escrow's AccessControl roles, as the contract hashes their names.
var (
	OperatorRole = crypto.Keccak256Hash([]byte("OPERATOR_ROLE"))
	ArbiterRole  = crypto.Keccak256Hash([]byte("ARBITER_ROLE"))
	TreasuryRole = crypto.Keccak256Hash([]byte("TREASURY_ROLE"))
)

// HasRole reports whether account holds role on the escrow: a server can
// check at start that its operator and arbiter keys hold theirs.
func (c *Contracts) HasRole(ctx context.Context, caller ethereum.ContractCaller, role common.Hash, account common.Address) (bool, error) {
	out, err := caller.CallContract(ctx, ethereum.CallMsg{To: &c.Addresses.Escrow, Data: c.Escrow.PackHasRole(role, account)}, nil)
	if err != nil {
		return false, fmt.Errorf("escrow hasRole: %w", err)
	}
	return c.Escrow.UnpackHasRole(out)
}

// revertABIs are the ABIs whose custom errors RevertReason decodes.
var revertABIs = func() []*abi.ABI {
	var out []*abi.ABI
	for _, meta := range []interface{ ParseABI() (*abi.ABI, error) }{
		&axlescrow.AXLEscrowMetaData, &testusdc.TestUSDCMetaData, &testai.TestAIMetaData, &hostiletoken.HostileTokenMetaData,
	} {
		a, err := meta.ParseABI()
		if err != nil {
			panic(fmt.Sprintf("escrow: embedded ABI does not parse: %v", err)) // generated code; cannot happen
		}
		out = append(out, a)
	}
	return out
}()

// RevertReason decodes the revert data carried by an error from a call or
// a gas estimate into the contract's error, e.g. "WrongState(0x…, 2)".
// It returns "" when err carries no revert data.
func RevertReason(err error) string {
	var de interface{ ErrorData() interface{} }
	if !errors.As(err, &de) {
		return ""
	}
	s, ok := de.ErrorData().(string)
	if !ok {
		return ""
	}
	data, decErr := hexutil.Decode(s)
	if decErr != nil || len(data) < 4 {
		return ""
	}
	return DecodeRevert(data)
}

// DecodeRevert names the custom error or the Error(string) in revert data.
func DecodeRevert(data []byte) string {
	if msg, err := abi.UnpackRevert(data); err == nil {
		return msg
	}
	if len(data) < 4 {
		return fmt.Sprintf("revert 0x%x", data)
	}
	var id [4]byte
	copy(id[:], data[:4])
	for _, a := range revertABIs {
		e, err := a.ErrorByID(id)
		if err != nil {
			continue
		}
		vals, err := e.Inputs.Unpack(data[4:])
		if err != nil {
			return e.Name
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			switch v := v.(type) {
			case [32]byte:
				parts[i] = common.Hash(v).Hex()
			default:
				parts[i] = fmt.Sprint(v)
			}
		}
		return e.Name + "(" + strings.Join(parts, ", ") + ")"
	}
	return fmt.Sprintf("revert 0x%x", data)
}
