package escrow_test

import (
	"math/big"
	"testing"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/devchain"
	"github.com/axl-market/axl/market"
)

// TestChainOverRPC: market.Chain over JSON-RPC reads what the chain holds,
// and a token address with no contract behind it is an error, not a zero.
func TestChainOverRPC(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	dev, err := devchain.Start(ctx, devchain.Config{RPCAddr: "127.0.0.1:0", Automine: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(dev.Close)
	addrs := market.ChainAddresses{Escrow: market.Address(dev.Addresses.Escrow), USDC: market.Address(dev.Addresses.USDC),
		AI: market.Address(dev.Addresses.AI)}
	ch, err := escrow.Dial(ctx, dev.RPCURL, addrs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ch.Close)
	if err := ch.Ready(ctx); err != nil {
		t.Fatal(err)
	}
	if ch.ChainID().Int64() != devchain.ChainID || ch.Addresses() != addrs {
		t.Fatalf("chain %s at %+v", ch.ChainID(), ch.Addresses())
	}
	c := escrow.NewContracts(dev.ChainID(), dev.Addresses)
	agent, worker := dev.Role(devchain.RoleAgent)[0], dev.Role(devchain.RoleWorker)[0]
	before, err := ch.TokenBalance(ctx, addrs.USDC, market.Address(worker.Address))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dev.Exec(ctx, agent.Key, escrow.Call{To: c.Addresses.USDC, Data: c.USDC.PackTransfer(worker.Address, big.NewInt(7))}); err != nil {
		t.Fatal(err)
	}
	after, err := ch.TokenBalance(ctx, addrs.USDC, market.Address(worker.Address))
	if err != nil || new(big.Int).Sub(after, before).Int64() != 7 {
		t.Fatalf("balance %s then %s (%v), want 7 more", before, after, err)
	}
	// A permit spent moves the owner's EIP-2612 nonce on.
	n0, err := ch.PermitNonce(ctx, addrs.AI, market.Address(agent.Address))
	if err != nil {
		t.Fatal(err)
	}
	vb := big.NewInt(1 << 40)
	sig, err := c.SignPermit(agent.Key, c.Addresses.AI, big.NewInt(1), n0, vb)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dev.Exec(ctx, worker.Key, escrow.Call{To: c.Addresses.AI,
		Data: c.AI.PackPermit(agent.Address, c.Addresses.Escrow, big.NewInt(1), vb, sig.V, sig.R, sig.S)}); err != nil {
		t.Fatal(err)
	}
	if n1, err := ch.PermitNonce(ctx, addrs.AI, market.Address(agent.Address)); err != nil || n1.Cmp(new(big.Int).Add(n0, big.NewInt(1))) != 0 {
		t.Fatalf("permit nonce %s then %s (%v)", n0, n1, err)
	}
	nobody := market.Address{0xde, 0xad}
	if _, err := ch.PermitNonce(ctx, nobody, market.Address(agent.Address)); err == nil {
		t.Error("the nonce of an address with no code was read")
	}
	if _, err := ch.TokenBalance(ctx, nobody, market.Address(agent.Address)); err == nil {
		t.Error("the balance on an address with no code was read")
	}
}
