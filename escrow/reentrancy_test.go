package escrow_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/axl-market/axl/escrow"
)

// TestReentrancyThroughHostileToken: an allowed token that calls back into
// the escrow while its tokens leave it gets nothing twice. The token is its
// own buyer, so the re-entry comes from the very account being paid.
func TestReentrancyThroughHostileToken(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	addr, h := e.hostileToken()
	token := escrow.Call{To: addr}
	call := func(data []byte) escrow.Call { token.Data = data; return token }
	asToken := func(inner escrow.Call) escrow.Call { return call(h.PackExecute(inner.To, inner.Data)) }
	escrowAddr := e.c.Addresses.Escrow
	const amount = 1_000_000

	inst := h.Instance(e.chain.Client(), addr)
	copts := &bind.CallOpts{Context: e.ctx}

	// The re-entered fund would lock tokens the token has approved for it.
	e.exec(e.op, call(h.PackMint(addr, big.NewInt(3*amount))))
	e.exec(e.op, asToken(call(h.PackApprove(escrowAddr, big.NewInt(3*amount)))))
	reentered := e.terms(e.agents[0], addr, amount, 0, 1)
	reentered.Buyer = addr
	for i, attack := range []struct {
		name string
		data []byte
	}{
		{"withdraw again", e.c.Escrow.PackWithdraw(addr)},
		{"fund during withdraw", e.c.Escrow.PackFund(reentered)},
	} {
		t.Run(attack.name, func(t *testing.T) {
			// The token, as a buyer, funds an intent and cancels it: it is owed amount.
			terms := e.terms(e.agents[0], addr, amount, 0, 1)
			terms.Buyer = addr
			e.exec(e.op, asToken(e.c.Fund(terms)))
			e.exec(e.op, asToken(e.c.Cancel(terms, []common.Address{{}})))
			wantBig(t, "credited", e.withdrawable(addr, addr), amount)
			before := e.balance(addr, addr)

			e.exec(e.op, call(h.PackArm(escrowAddr, attack.data)))
			e.exec(e.op, asToken(e.c.Withdraw(addr)))

			attempts, err := bind.Call(inst, copts, h.PackAttempts(), h.UnpackAttempts)
			if err != nil {
				t.Fatal(err)
			}
			successes, err := bind.Call(inst, copts, h.PackSuccesses(), h.UnpackSuccesses)
			if err != nil {
				t.Fatal(err)
			}
			if attempts.Int64() != int64(i+1) || successes.Int64() != 0 {
				t.Fatalf("re-entry attempts %s, successes %s; want %d and 0", attempts, successes, i+1)
			}
			wantBig(t, "paid once", new(big.Int).Sub(e.balance(addr, addr), before), amount)
			wantBig(t, "escrow balance", e.balance(addr, escrowAddr), 0)
			wantBig(t, "withdrawable", e.withdrawable(addr, addr), 0)
			wantBig(t, "liabilities", e.liabilities(addr), 0)
			e.wantState(e.c.IntentID(reentered), stNone)
		})
	}
}
