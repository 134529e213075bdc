package escrow_test

import (
	"context"
	"math/big"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/core/types"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/bindings/testfiattoken"
)

// TestFiatTokenFunding deploys with the FiatToken-shaped USDC: its domain
// is read from name() and version() (it has no EIP-5267), a buyer's
// authorisation signed under it funds an intent, and one signed under the
// dev chain's TestUSDC domain, which --chain-rpc used to hand out, is
// refused by the token. The deployment file round-trips.
func TestFiatTokenFunding(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	mine := func(ctx context.Context, tx *types.Transaction) (*types.Receipt, error) {
		e.chain.Commit()
		return e.chain.Client().TransactionReceipt(ctx, tx.Hash())
	}
	done, err := escrow.Deploy(e.ctx, e.chain.Client(), e.chain.ChainID(), escrow.DeployConfig{
		Roles:    escrow.Roles{Admin: e.op.Key, Operator: e.op.Address, Arbiter: e.arbiter.Address, Treasury: e.treasury.Address},
		FiatUSDC: true,
	}, mine)
	if err != nil {
		t.Fatal(err)
	}
	if done.Block == 0 || len(done.Receipts) != 5 {
		t.Fatalf("deployed %+v: want the escrow's block and 5 receipts (3 deployments, 2 allowances)", done)
	}
	a := done.Addresses
	usdc, err := escrow.ReadTokenDomain(e.ctx, e.chain.Client(), e.chain.ChainID(), a.USDC, nil)
	if err != nil {
		t.Fatal(err)
	}
	ai, err := escrow.ReadTokenDomain(e.ctx, e.chain.Client(), e.chain.ChainID(), a.AI, nil)
	if err != nil {
		t.Fatal(err)
	}
	if usdc.Name != "USDC" || usdc.Version != "2" || usdc.Source != escrow.DomainFromNameVersion || ai.Source != escrow.DomainFromEIP5267 {
		t.Fatalf("domains %+v %+v", usdc, ai)
	}
	// The file's domain is used, and checked, when the token answers neither.
	if _, err := escrow.ReadTokenDomain(e.ctx, e.chain.Client(), e.chain.ChainID(), a.USDC, &escrow.TokenDomain{Name: "USDC", Version: "1"}); err == nil {
		t.Fatal("a deployment file's domain that the token does not sign under was accepted")
	}
	d := escrow.Deployment{ChainID: e.chain.ChainID().Uint64(), Escrow: a.Escrow, DeployBlock: done.Block, USDC: usdc, AI: ai}
	path := filepath.Join(t.TempDir(), "deployment.json")
	if err := d.Write(path); err != nil {
		t.Fatal(err)
	}
	back, err := escrow.ReadDeployment(path)
	if err != nil || back != d {
		t.Fatalf("read back %+v (%v), wrote %+v", back, err, d)
	}

	buyer := e.agents[0]
	fiat := testfiattoken.NewTestFiatToken()
	e.exec(e.op, escrow.Call{To: a.USDC, Data: fiat.PackMint(buyer.Address, big.NewInt(5_000_000))})
	terms := e.terms(buyer, a.USDC, 1_000_000, 10, 2)
	vb := e.validBefore()
	for _, c := range []struct {
		name string
		c    *escrow.Contracts
		want string
	}{{"dev chain's domain", escrow.NewContracts(e.chain.ChainID(), a), "InvalidAuthorizationSigner"}, {"the token's domain", d.Contracts(), ""}} {
		sig, err := c.c.SignFundingAuthorization(buyer.Key, terms, big.NewInt(0), vb)
		if err != nil {
			t.Fatal(err)
		}
		call := c.c.FundWithAuthorization(terms, big.NewInt(0), vb, sig)
		if c.want != "" {
			e.revert(e.op, call, c.want)
			continue
		}
		e.exec(e.op, call)
	}
	if got := e.balance(a.USDC, a.Escrow); got.Int64() != 1_000_000 {
		t.Fatalf("escrow holds %s, want the price", got)
	}
}
