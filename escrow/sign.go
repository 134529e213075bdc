package escrow

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/escrow/eip712"
)

// SignFundingAuthorization signs, as the buyer, the EIP-3009
// ReceiveWithAuthorization that moves the price of t into the escrow. Its
// nonce is the intent id, so the signature authorises these terms only.
func (c *Contracts) SignFundingAuthorization(buyer *ecdsa.PrivateKey, t Terms, validAfter, validBefore *big.Int) (Signature, error) {
	dom, err := c.TokenDomain(t.Token)
	if err != nil {
		return Signature{}, err
	}
	auth := eip712.Authorization{
		Kind: eip712.ReceiveWithAuthorization, From: t.Buyer, To: c.Addresses.Escrow, Value: t.Amount,
		ValidAfter: validAfter, ValidBefore: validBefore, Nonce: c.IntentID(t),
	}
	return SignDigest(buyer, digest(dom, auth))
}

// SignDepositAuthorization signs, as the buyer, the EIP-3009
// TransferWithAuthorization of the price of t to the intent's deposit
// address, with a nonce of the buyer's choosing: what an x402 client of the
// exact scheme signs when payTo is that address.
func (c *Contracts) SignDepositAuthorization(buyer *ecdsa.PrivateKey, t Terms, validAfter, validBefore *big.Int, nonce common.Hash) (Signature, error) {
	dom, err := c.TokenDomain(t.Token)
	if err != nil {
		return Signature{}, err
	}
	auth := eip712.Authorization{
		Kind: eip712.TransferWithAuthorization, From: t.Buyer, To: c.DepositAddress(c.IntentID(t)), Value: t.Amount,
		ValidAfter: validAfter, ValidBefore: validBefore, Nonce: nonce,
	}
	return SignDigest(buyer, digest(dom, auth))
}

// SignPermit signs an EIP-2612 permit for the escrow to pull value of token from owner.
func (c *Contracts) SignPermit(owner *ecdsa.PrivateKey, token common.Address, value, nonce, deadline *big.Int) (Signature, error) {
	dom, err := c.TokenDomain(token)
	if err != nil {
		return Signature{}, err
	}
	addr := crypto.PubkeyToAddress(owner.PublicKey)
	return SignDigest(owner, digest(dom, eip712.Permit{Owner: addr, Spender: c.Addresses.Escrow, Value: value, Nonce: nonce, Deadline: deadline}))
}

// SignIntent signs the intent id, as fundWithPermit checks it.
func (c *Contracts) SignIntent(buyer *ecdsa.PrivateKey, t Terms) (Signature, error) {
	return SignDigest(buyer, c.IntentID(t))
}

// SignStake signs, as the worker, the binding of its permit to one slot.
func (c *Contracts) SignStake(worker *ecdsa.PrivateKey, t Terms, slot uint32, deadline *big.Int) (Signature, error) {
	addr := crypto.PubkeyToAddress(worker.PublicKey)
	return SignDigest(worker, digest(c.EscrowDomain(), eip712.Stake{IntentID: c.IntentID(t), Slot: slot, Worker: addr, Deadline: deadline}))
}

// PermitNonce reads owner's current EIP-2612 nonce on token.
func (c *Contracts) PermitNonce(ctx context.Context, b bind.ContractBackend, token, owner common.Address) (*big.Int, error) {
	// Both tokens share the ERC20Permit nonces(address) method.
	inst := c.AI.Instance(b, token)
	n, err := bind.Call(inst, &bind.CallOpts{Context: ctx}, c.AI.PackNonces(owner), c.AI.UnpackNonces)
	if err != nil {
		return nil, fmt.Errorf("permit nonce of %s on %s: %w", owner, token, err)
	}
	return n, nil
}
