package escrow

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/escrow/bindings/axlescrow"
	"github.com/axl-market/axl/escrow/bindings/testai"
	"github.com/axl-market/axl/escrow/bindings/testfiattoken"
	"github.com/axl-market/axl/escrow/bindings/testusdc"
)

// Addresses are where the contracts live on a chain.
type Addresses struct {
	Escrow common.Address `json:"escrow"`
	USDC   common.Address `json:"usdc"`
	AI     common.Address `json:"ai"`
}

// Roles names the accounts the escrow grants its roles to at deployment.
type Roles struct {
	Admin    *ecdsa.PrivateKey // deploys everything, owns the test tokens, administers the escrow
	Operator common.Address
	Arbiter  common.Address
	Treasury common.Address
}

// Parameters are the escrow's terms for the intents funded after they are
// set: the protocol fee, the challenge window and the most slots of a job.
type Parameters struct {
	FeeBps          uint16
	ChallengeWindow time.Duration
	MaxSlots        uint8
}

// DefaultParameters are the escrow constructor's.
var DefaultParameters = Parameters{FeeBps: 100, ChallengeWindow: time.Hour, MaxSlots: 64}

// DeployConfig says what Deploy deploys, adopts and sets.
type DeployConfig struct {
	Roles Roles
	// Escrow, when set, is an escrow already deployed, which Deploy adopts
	// instead of deploying one: it grants the roles that Roles names and
	// the escrow's accounts lack, and allows the tokens. Roles.Admin must
	// then hold the escrow's admin role (CheckAdmin says so before
	// anything is sent).
	Escrow common.Address
	// USDC and AI are the tokens the escrow allows; a zero address deploys
	// a test token in its place, owned (and minted) by Roles.Admin.
	USDC, AI common.Address
	// FiatUSDC deploys the test USDC as TestFiatToken, under the domain of
	// Circle's FiatToken (name "USDC", version "2", no EIP-5267), rather
	// than the dev chain's TestUSDC.
	FiatUSDC bool
	// Parameters, when set, replaces the escrow's (the constructor's
	// DefaultParameters on a new escrow).
	Parameters *Parameters
}

// Deployed is what Deploy left on the chain.
type Deployed struct {
	Addresses Addresses
	// Block is the block of the escrow's creation: a watcher of a fresh
	// database starts there. Zero for an adopted escrow.
	Block uint64
	// Receipts are those of every transaction sent, in order, by what it did.
	Receipts []NamedReceipt
}

// NamedReceipt is the receipt of one deployment transaction.
type NamedReceipt struct {
	What    string
	Receipt *types.Receipt
}

// Backend is what deployment and the chain helpers need of a chain client.
type Backend interface {
	bind.ContractBackend
	bind.DeployBackend
}

// AdminRole is AccessControl's DEFAULT_ADMIN_ROLE: it grants the others.
var AdminRole = common.Hash{}

// CheckAdmin refuses a key that cannot administer the escrow at addr: it
// could grant no role and allow no token.
func CheckAdmin(ctx context.Context, caller ethereum.ContractCaller, chainID *big.Int, addr common.Address, admin common.Address) error {
	ok, err := NewContracts(chainID, Addresses{Escrow: addr}).HasRole(ctx, caller, AdminRole, admin)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("the deployer %s does not hold the admin role of the escrow %s: it cannot grant the operator's and arbiter's roles", admin, addr)
	}
	return nil
}

// Deploy deploys the test tokens that cfg asks for and the escrow (or
// adopts cfg.Escrow), grants the roles, allows both tokens on the escrow
// and sets its parameters. It waits for every transaction through mine,
// which on a chain that mines on demand seals a block (and on a real chain
// waits for its confirmations); a transaction that reverted fails it.
func Deploy(ctx context.Context, b Backend, chainID *big.Int, cfg DeployConfig, mine func(context.Context, *types.Transaction) (*types.Receipt, error)) (Deployed, error) {
	roles := cfg.Roles
	admin := crypto.PubkeyToAddress(roles.Admin.PublicKey)
	opts := bind.NewKeyedTransactor(roles.Admin, chainID)
	opts.Context = ctx
	out := Deployed{Addresses: Addresses{Escrow: cfg.Escrow, USDC: cfg.USDC, AI: cfg.AI}}
	addrs := &out.Addresses

	wait := func(what string, tx *types.Transaction) (*types.Receipt, error) {
		r, err := mine(ctx, tx)
		if err == nil && r.Status != types.ReceiptStatusSuccessful {
			err = fmt.Errorf("transaction %s reverted", tx.Hash())
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out.Receipts = append(out.Receipts, NamedReceipt{What: what, Receipt: r})
		return r, nil
	}
	deploy := func(name string, meta *bind.MetaData, input []byte) (common.Address, *types.Receipt, error) {
		addr, tx, err := bind.DeployContract(opts, common.FromHex(meta.Bin), b, input)
		if err != nil {
			return common.Address{}, nil, fmt.Errorf("deploy %s: %w", name, err)
		}
		r, err := wait("deploy "+name, tx)
		return addr, r, err
	}
	var err error
	if addrs.USDC == (common.Address{}) {
		name, meta, input := "TestUSDC", &testusdc.TestUSDCMetaData, testusdc.NewTestUSDC().PackConstructor(admin)
		if cfg.FiatUSDC {
			name, meta, input = "TestFiatToken", &testfiattoken.TestFiatTokenMetaData, testfiattoken.NewTestFiatToken().PackConstructor(admin)
		}
		if addrs.USDC, _, err = deploy(name, meta, input); err != nil {
			return out, err
		}
	}
	if addrs.AI == (common.Address{}) {
		if addrs.AI, _, err = deploy("TestAI", &testai.TestAIMetaData, testai.NewTestAI().PackConstructor(admin)); err != nil {
			return out, err
		}
	}
	esc := axlescrow.NewAXLEscrow()
	var calls []struct {
		what string
		data []byte
	}
	add := func(what string, data []byte) {
		calls = append(calls, struct {
			what string
			data []byte
		}{what, data})
	}
	if addrs.Escrow == (common.Address{}) {
		var r *types.Receipt
		addrs.Escrow, r, err = deploy("AXLEscrow", &axlescrow.AXLEscrowMetaData, esc.PackConstructor(admin, roles.Operator, roles.Arbiter, roles.Treasury))
		if err != nil {
			return out, err
		}
		out.Block = r.BlockNumber.Uint64()
	} else {
		if err := CheckAdmin(ctx, b, chainID, addrs.Escrow, admin); err != nil {
			return out, err
		}
		c := NewContracts(chainID, *addrs)
		for _, g := range []struct {
			name    string
			role    common.Hash
			account common.Address
		}{{"operator", OperatorRole, roles.Operator}, {"arbiter", ArbiterRole, roles.Arbiter}} {
			has, err := c.HasRole(ctx, b, g.role, g.account)
			if err != nil {
				return out, err
			}
			if !has {
				add("grant the "+g.name+" role", esc.PackGrantRole(g.role, g.account))
			}
		}
		if has, err := c.HasRole(ctx, b, TreasuryRole, roles.Treasury); err != nil {
			return out, err
		} else if !has {
			add("set the treasury", esc.PackSetTreasury(roles.Treasury))
		}
	}
	for _, token := range []common.Address{addrs.USDC, addrs.AI} {
		add("allow token "+token.Hex(), esc.PackSetTokenAllowed(token, true))
	}
	if p := cfg.Parameters; p != nil {
		add("set parameters", esc.PackSetParameters(p.FeeBps, uint32(p.ChallengeWindow/time.Second), p.MaxSlots))
	}
	inst := esc.Instance(b, addrs.Escrow)
	for _, call := range calls {
		tx, err := bind.Transact(inst, opts, call.data)
		if err != nil {
			if reason := RevertReason(err); reason != "" {
				return out, fmt.Errorf("%s: reverted: %s", call.what, reason)
			}
			return out, fmt.Errorf("%s: %w", call.what, err)
		}
		if _, err := wait(call.what, tx); err != nil {
			return out, err
		}
	}
	return out, nil
}

// ReceiptReader is what WaitConfirmed reads of a node.
type ReceiptReader interface {
	TransactionReceipt(ctx context.Context, hash common.Hash) (*types.Receipt, error)
	BlockNumber(ctx context.Context) (uint64, error)
}

// WaitConfirmed returns Deploy's mine for a real node: it polls for tx's
// receipt until confirmations blocks follow its block (the watcher's
// depth: head − confirmations ≥ its block), reading the receipt again at
// that depth so that a transaction a reorg dropped is waited for anew.
func WaitConfirmed(node ReceiptReader, confirmations uint64, poll time.Duration) func(context.Context, *types.Transaction) (*types.Receipt, error) {
	if poll <= 0 {
		poll = time.Second
	}
	return func(ctx context.Context, tx *types.Transaction) (*types.Receipt, error) {
		t := time.NewTicker(poll)
		defer t.Stop()
		for {
			r, err := node.TransactionReceipt(ctx, tx.Hash())
			if err != nil && !errors.Is(err, ethereum.NotFound) {
				return nil, fmt.Errorf("receipt of %s: %w", tx.Hash(), err)
			}
			if err == nil {
				head, err := node.BlockNumber(ctx)
				if err != nil {
					return nil, fmt.Errorf("head: %w", err)
				}
				if head >= r.BlockNumber.Uint64()+confirmations {
					again, err := node.TransactionReceipt(ctx, tx.Hash())
					if err == nil && again.BlockHash == r.BlockHash {
						return r, nil
					}
				}
			}
			select {
			case <-ctx.Done():
				return nil, fmt.Errorf("waiting for %s: %w", tx.Hash(), ctx.Err())
			case <-t.C:
			}
		}
	}
}

// FirstEventBlock is the block of the escrow's first event (its
// constructor's), where a watcher of an adopted escrow starts. Nodes that
// bound the range of a log query refuse it on a long chain.
func FirstEventBlock(ctx context.Context, logs ethereum.LogFilterer, addr common.Address) (uint64, error) {
	found, err := logs.FilterLogs(ctx, ethereum.FilterQuery{FromBlock: new(big.Int), Addresses: []common.Address{addr}})
	if err != nil {
		return 0, fmt.Errorf("the escrow's first event: %w", err)
	}
	if len(found) == 0 {
		return 0, fmt.Errorf("the escrow %s has no events", addr)
	}
	return found[0].BlockNumber, nil
}

// ReadParameters reads the escrow's current parameters.
func ReadParameters(ctx context.Context, caller bind.ContractBackend, addr common.Address) (Parameters, error) {
	esc := axlescrow.NewAXLEscrow()
	inst := esc.Instance(caller, addr)
	opts := &bind.CallOpts{Context: ctx}
	fee, err := bind.Call(inst, opts, esc.PackFeeBps(), esc.UnpackFeeBps)
	if err != nil {
		return Parameters{}, fmt.Errorf("escrow feeBps: %w", err)
	}
	window, err := bind.Call(inst, opts, esc.PackChallengeWindow(), esc.UnpackChallengeWindow)
	if err != nil {
		return Parameters{}, fmt.Errorf("escrow challengeWindow: %w", err)
	}
	slots, err := bind.Call(inst, opts, esc.PackMaxSlots(), esc.UnpackMaxSlots)
	if err != nil {
		return Parameters{}, fmt.Errorf("escrow maxSlots: %w", err)
	}
	return Parameters{FeeBps: fee, ChallengeWindow: time.Duration(window) * time.Second, MaxSlots: slots}, nil
}
