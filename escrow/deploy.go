package escrow

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/escrow/bindings/axlescrow"
	"github.com/axl-market/axl/escrow/bindings/testai"
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
	Admin    *ecdsa.PrivateKey // deploys everything, owns the tokens, administers the escrow
	Operator common.Address
	Arbiter  common.Address
	Treasury common.Address
}

// Backend is what deployment and the chain helpers need of a chain client.
type Backend interface {
	bind.ContractBackend
	bind.DeployBackend
}

// Deploy deploys the two test tokens and the escrow, grants the roles and
// allows both tokens on the escrow. It waits for every transaction through
// mine, which on a chain that mines on demand seals a block (and on a real
// chain waits for one).
func Deploy(ctx context.Context, b Backend, chainID *big.Int, roles Roles, mine func(context.Context, *types.Transaction) (*types.Receipt, error)) (Addresses, error) {
	admin := crypto.PubkeyToAddress(roles.Admin.PublicKey)
	opts := bind.NewKeyedTransactor(roles.Admin, chainID)
	opts.Context = ctx
	var addrs Addresses

	deploy := func(name string, meta *bind.MetaData, input []byte) (common.Address, error) {
		addr, tx, err := bind.DeployContract(opts, common.FromHex(meta.Bin), b, input)
		if err != nil {
			return common.Address{}, fmt.Errorf("deploy %s: %w", name, err)
		}
		if _, err := mine(ctx, tx); err != nil {
			return common.Address{}, fmt.Errorf("deploy %s: %w", name, err)
		}
		return addr, nil
	}
	var err error
	if addrs.USDC, err = deploy("TestUSDC", &testusdc.TestUSDCMetaData, testusdc.NewTestUSDC().PackConstructor(admin)); err != nil {
		return addrs, err
	}
	if addrs.AI, err = deploy("TestAI", &testai.TestAIMetaData, testai.NewTestAI().PackConstructor(admin)); err != nil {
		return addrs, err
	}
	esc := axlescrow.NewAXLEscrow()
	if addrs.Escrow, err = deploy("AXLEscrow", &axlescrow.AXLEscrowMetaData, esc.PackConstructor(admin, roles.Operator, roles.Arbiter, roles.Treasury)); err != nil {
		return addrs, err
	}
	inst := esc.Instance(b, addrs.Escrow)
	for _, token := range []common.Address{addrs.USDC, addrs.AI} {
		tx, err := bind.Transact(inst, opts, esc.PackSetTokenAllowed(token, true))
		if err != nil {
			return addrs, fmt.Errorf("allow token %s: %w", token, err)
		}
		if _, err := mine(ctx, tx); err != nil {
			return addrs, fmt.Errorf("allow token %s: %w", token, err)
		}
	}
	return addrs, nil
}
