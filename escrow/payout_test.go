package escrow_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/devchain"
)

// TestWithdrawForPaysOnlyTheAccounts: a stranger's withdrawFor pays each
// listed account its own balance, to itself; an account the token refuses
// to pay (a blocklist) keeps its balance while the others are paid; an
// account that withdrew already, or is listed twice, is paid nothing more;
// more accounts than an intent has parties are refused.
func TestWithdrawForPaysOnlyTheAccounts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	addr, h := e.hostileToken()
	escrowAddr := e.c.Addresses.Escrow
	const amount = 1_000_000
	paid, refused, self := e.agents[0], e.agents[1], e.workers[1]
	for _, a := range []common.Address{paid.Address, refused.Address, self.Address} {
		e.exec(e.op, escrow.Call{To: addr, Data: h.PackMint(a, big.NewInt(amount))})
	}
	for _, buyer := range []devchain.Account{paid, refused, self} {
		e.exec(buyer, escrow.Call{To: addr, Data: h.PackApprove(escrowAddr, big.NewInt(amount))})
		terms := e.terms(buyer, addr, amount, 0, 1)
		e.exec(buyer, e.c.Fund(terms))
		e.exec(buyer, e.c.Cancel(terms, []common.Address{{}}))
		wantBig(t, "credited", e.withdrawable(addr, buyer.Address), amount)
	}
	e.exec(self, e.c.Withdraw(addr))
	e.exec(e.op, escrow.Call{To: addr, Data: h.PackRefuse(refused.Address)})

	stranger := e.workers[0]
	r := e.exec(stranger, e.c.WithdrawFor(addr, []common.Address{paid.Address, refused.Address, self.Address, paid.Address}))
	var withdrawn, refusals int
	for _, l := range r.Logs {
		if ev, err := e.c.Escrow.UnpackWithdrawnEvent(l); err == nil {
			withdrawn++
			if ev.Account != paid.Address || ev.Amount.Int64() != amount {
				t.Errorf("Withdrawn %+v, want the paid account's %d", ev, amount)
			}
		}
		if ev, err := e.c.Escrow.UnpackWithdrawalRefusedEvent(l); err == nil {
			refusals++
			if ev.Account != refused.Address {
				t.Errorf("WithdrawalRefused %+v, want the refused account", ev)
			}
		}
	}
	if withdrawn != 1 || refusals != 1 {
		t.Errorf("%d Withdrawn and %d WithdrawalRefused events, want one each", withdrawn, refusals)
	}
	wantBig(t, "paid's wallet", e.balance(addr, paid.Address), amount)
	wantBig(t, "paid's balance", e.withdrawable(addr, paid.Address), 0)
	wantBig(t, "refused's wallet", e.balance(addr, refused.Address), 0)
	wantBig(t, "refused's balance, kept", e.withdrawable(addr, refused.Address), amount)
	wantBig(t, "self's wallet", e.balance(addr, self.Address), amount)
	wantBig(t, "the stranger's wallet", e.balance(addr, stranger.Address), 0)
	wantBig(t, "liabilities", e.liabilities(addr), amount)
	wantBig(t, "escrow balance", e.balance(addr, escrowAddr), amount)

	too := make([]common.Address, 66)
	e.revert(stranger, e.c.WithdrawFor(addr, too), "OutOfBounds")
}
