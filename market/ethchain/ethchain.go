// Package ethchain implements market.Chain over Ethereum JSON-RPC: the
// chain id, the deployment's addresses, the tokens' EIP-2612 nonces and a
// liveness check. It serves the in-process dev chain and a real network alike.
package ethchain

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/axl-market/axl/market"
)

// Chain is market.Chain on an ethclient.
type Chain struct {
	client  *ethclient.Client
	chainID *big.Int
	addrs   market.ChainAddresses
}

var _ market.Chain = (*Chain)(nil)

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
	return &Chain{client: client, chainID: id, addrs: addrs}, nil
}

// Close closes the RPC connection.
func (c *Chain) Close() { c.client.Close() }

// ChainID implements market.Chain.
func (c *Chain) ChainID() *big.Int { return new(big.Int).Set(c.chainID) }

// Addresses implements market.Chain.
func (c *Chain) Addresses() market.ChainAddresses { return c.addrs }

// noncesSelector is the selector of EIP-2612's nonces(address).
var noncesSelector = crypto.Keccak256([]byte("nonces(address)"))[:4]

// PermitNonce implements market.Chain by calling token.nonces(owner).
func (c *Chain) PermitNonce(ctx context.Context, token, owner market.Address) (*big.Int, error) {
	to := common.Address(token)
	data := append(append([]byte{}, noncesSelector...), common.LeftPadBytes(owner[:], 32)...)
	out, err := c.client.CallContract(ctx, ethereum.CallMsg{To: &to, Data: data}, nil)
	if err != nil {
		return nil, fmt.Errorf("nonces(%s) on %s: %w", owner, to, err)
	}
	if len(out) != 32 {
		return nil, fmt.Errorf("nonces(%s) on %s returned %d bytes: is it an EIP-2612 token?", owner, to, len(out))
	}
	return new(big.Int).SetBytes(out), nil
}

// balanceOfSelector is the selector of ERC-20's balanceOf(address).
var balanceOfSelector = crypto.Keccak256([]byte("balanceOf(address)"))[:4]

// TokenBalance implements market.Chain by calling token.balanceOf(owner).
func (c *Chain) TokenBalance(ctx context.Context, token, owner market.Address) (*big.Int, error) {
	to := common.Address(token)
	data := append(append([]byte{}, balanceOfSelector...), common.LeftPadBytes(owner[:], 32)...)
	out, err := c.client.CallContract(ctx, ethereum.CallMsg{To: &to, Data: data}, nil)
	if err != nil {
		return nil, fmt.Errorf("balanceOf(%s) on %s: %w", owner, to, err)
	}
	if len(out) != 32 {
		return nil, fmt.Errorf("balanceOf(%s) on %s returned %d bytes: is it an ERC-20 token?", owner, to, len(out))
	}
	return new(big.Int).SetBytes(out), nil
}

// Ready implements market.Chain: the node answers with its head.
func (c *Chain) Ready(ctx context.Context) error {
	_, err := c.client.BlockNumber(ctx)
	return err
}
