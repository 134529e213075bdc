package escrow

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/axl-market/axl/escrow/bindings/axlescrow"
	"github.com/axl-market/axl/escrow/bindings/testai"
	"github.com/axl-market/axl/market"
)

// Chain is market.Chain over Ethereum JSON-RPC: the chain id, the
// deployment's addresses, the tokens' EIP-2612 nonces and balances, and a
// liveness check. It serves the dev chain and a real network alike.
type Chain struct {
	client  *ethclient.Client
	chainID *big.Int
	addrs   market.ChainAddresses
	// erc20 packs the calls both tokens share (ERC-20 and ERC20Permit).
	erc20 *testai.TestAI
	esc   *axlescrow.AXLEscrow
}

var (
	_ market.Chain          = (*Chain)(nil)
	_ market.EscrowBalances = (*Chain)(nil)
)

// Dial connects to rpcURL and reads its chain id.
func Dial(ctx context.Context, rpcURL string, addrs market.ChainAddresses) (*Chain, error) {
	client, err := ethclient.DialContext(ctx, rpcURL)
	if err != nil {
		return nil, fmt.Errorf("chain RPC %s: %w", rpcURL, err)
	}
	id, err := client.ChainID(ctx)
	if err != nil {
		client.Close()
		return nil, fmt.Errorf("chain RPC %s does not answer eth_chainId: %w", rpcURL, err)
	}
	return &Chain{client: client, chainID: id, addrs: addrs, erc20: testai.NewTestAI(), esc: axlescrow.NewAXLEscrow()}, nil
}

// Client is the RPC connection.
func (c *Chain) Client() *ethclient.Client { return c.client }

// Close closes the RPC connection.
func (c *Chain) Close() { c.client.Close() }

// ChainID implements market.Chain.
func (c *Chain) ChainID() *big.Int { return new(big.Int).Set(c.chainID) }

// Addresses implements market.Chain.
func (c *Chain) Addresses() market.ChainAddresses { return c.addrs }

// PermitNonce implements market.Chain by calling token.nonces(owner).
func (c *Chain) PermitNonce(ctx context.Context, token, owner market.Address) (*big.Int, error) {
	return c.ownerCall(ctx, "nonces", "an EIP-2612 token", token, owner, c.erc20.PackNonces, c.erc20.UnpackNonces)
}

// TokenBalance implements market.Chain by calling token.balanceOf(owner).
func (c *Chain) TokenBalance(ctx context.Context, token, owner market.Address) (*big.Int, error) {
	return c.ownerCall(ctx, "balanceOf", "an ERC-20 token", token, owner, c.erc20.PackBalanceOf, c.erc20.UnpackBalanceOf)
}

// Credited implements market.EscrowBalances by calling the escrow's
// withdrawable(token, account).
func (c *Chain) Credited(ctx context.Context, token, account market.Address) (*big.Int, error) {
	n, err := bind.Call(c.esc.Instance(c.client, common.Address(c.addrs.Escrow)), &bind.CallOpts{Context: ctx},
		c.esc.PackWithdrawable(common.Address(token), common.Address(account)), c.esc.UnpackWithdrawable)
	if err != nil {
		return nil, fmt.Errorf("withdrawable(%s, %s) on the escrow %s: %w", token, account, c.addrs.Escrow, err)
	}
	return n, nil
}

// ownerCall calls a token's view method of one address that returns a uint256.
func (c *Chain) ownerCall(ctx context.Context, method, kind string, token, owner market.Address,
	pack func(common.Address) []byte, unpack func([]byte) (*big.Int, error)) (*big.Int, error) {
	n, err := bind.Call(c.erc20.Instance(c.client, common.Address(token)), &bind.CallOpts{Context: ctx}, pack(common.Address(owner)), unpack)
	if err != nil {
		return nil, fmt.Errorf("%s(%s) on %s (%s?): %w", method, owner, token, kind, err)
	}
	return n, nil
}

// Ready implements market.Chain: the node answers with its head.
func (c *Chain) Ready(ctx context.Context) error {
	_, err := c.client.BlockNumber(ctx)
	return err
}
