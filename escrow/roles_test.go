package escrow_test

import (
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/devchain"
)

// TestDevChainArbiterOnItsOwnKey: the dev chain as `axl serve` and `axl
// devnet` start it gives the arbiter role to a funded account of its own
// and not to the operator, whose key then cannot dispute or resolve.
func TestDevChainArbiterOnItsOwnKey(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	chain, err := devchain.Start(ctx, devchain.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(chain.Close)
	op, arb := chain.Operator, chain.Arbiter
	if op.Role != devchain.RoleOperator || chain.Accounts[0] != op {
		t.Fatalf("operator %+v, accounts[0] %+v", op, chain.Accounts[0])
	}
	wantArb := crypto.PubkeyToAddress(devchain.Key(devchain.RoleArbiter, 0).PublicKey)
	if arb.Role != devchain.RoleArbiter || arb.Address != wantArb || arb.Address == op.Address {
		t.Fatalf("arbiter %s (%s), want %s, distinct from the operator %s", arb.Address, arb.Role, wantArb, op.Address)
	}
	if got := chain.Role(devchain.RoleArbiter); len(got) != 1 || got[0] != arb {
		t.Fatalf("arbiter accounts %+v", got)
	}
	c := escrow.NewContracts(chain.ChainID(), chain.Addresses)
	// The Go role hashes are the contract's.
	for _, tc := range []struct {
		name string
		pack []byte
		want common.Hash
	}{
		{"ARBITER_ROLE", c.Escrow.PackARBITERROLE(), escrow.ArbiterRole},
		{"OPERATOR_ROLE", c.Escrow.PackOPERATORROLE(), escrow.OperatorRole},
		{"TREASURY_ROLE", c.Escrow.PackTREASURYROLE(), escrow.TreasuryRole},
	} {
		out, err := chain.Client().CallContract(ctx, ethereum.CallMsg{To: &c.Addresses.Escrow, Data: tc.pack}, nil)
		if err != nil || common.BytesToHash(out) != tc.want {
			t.Fatalf("%s: contract %x (%v), Go %s", tc.name, out, err, tc.want)
		}
	}
	for _, tc := range []struct {
		name string
		role common.Hash
		who  devchain.Account
		want bool
	}{
		{"arbiter", escrow.ArbiterRole, arb, true}, {"arbiter", escrow.ArbiterRole, op, false},
		{"operator", escrow.OperatorRole, op, true}, {"operator", escrow.OperatorRole, arb, false},
	} {
		if got := hasEscrowRole(t, chain, tc.role, tc.who.Address); got != tc.want {
			t.Errorf("%s role of the %s: %v, want %v", tc.name, tc.who.Role, got, tc.want)
		}
	}
	if eth, err := chain.Client().BalanceAt(ctx, arb.Address, nil); err != nil || eth.Sign() == 0 {
		t.Fatalf("arbiter ETH %v (%v): it cannot pay for its transactions", eth, err)
	}
	var listed bool
	for _, a := range chain.Info().Accounts {
		if a.Role == devchain.RoleArbiter {
			listed = a.Address == arb.Address && a.PrivateKey == "0x"+common.Bytes2Hex(crypto.FromECDSA(arb.Key))
		}
	}
	if !listed {
		t.Fatal("devnet.json does not list the arbiter with its key")
	}

	// A 2-slot intent with a submitted result: only the arbiter may stop or settle it.
	e := &env{t: t, ctx: ctx, chain: chain, c: c, op: op, arbiter: arb,
		agents: chain.Role(devchain.RoleAgent), workers: chain.Role(devchain.RoleWorker)}
	terms := e.terms(e.agents[0], e.c.Addresses.USDC, 1_000_000, 1_000, 2)
	id := e.fund(e.agents[0], terms)
	ws := e.stakeAll(terms, 0)
	e.exec(op, e.c.Assign(terms, ws, common.Hash{}))
	e.revert(arb, e.c.SubmitResult(terms, common.HexToHash("0x1"), common.Hash{}, 0b11), "AccessControlUnauthorizedAccount")
	e.exec(op, e.c.SubmitResult(terms, common.HexToHash("0x1"), common.Hash{}, 0b11))
	e.revert(op, e.c.Dispute(terms, common.Hash{}), "AccessControlUnauthorizedAccount")
	e.exec(arb, e.c.Dispute(terms, common.Hash{}))
	e.revert(op, e.c.Resolve(terms, ws, 0b10, 0b01, common.Hash{}, common.Hash{}), "AccessControlUnauthorizedAccount")
	e.revert(op, e.c.Resolve(terms, ws, 0, 0, common.Hash{}, common.Hash{}), "AccessControlUnauthorizedAccount")
	e.exec(arb, e.c.Resolve(terms, ws, 0b10, 0b01, common.Hash{}, common.Hash{}))
	e.wantState(id, stResolved)
}

// hasEscrowRole reports whether who holds role on the chain's escrow.
func hasEscrowRole(t *testing.T, chain *devchain.Chain, role common.Hash, who common.Address) bool {
	t.Helper()
	has, err := escrow.NewContracts(chain.ChainID(), chain.Addresses).HasRole(t.Context(), chain.Client(), role, who)
	if err != nil {
		t.Fatalf("hasRole %s: %v", role, err)
	}
	return has
}
