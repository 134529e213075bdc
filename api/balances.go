package api

import (
	"net/http"
	"time"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
)

// maxPayoutsShown bounds the payouts GET /balances lists.
const maxPayoutsShown = 50

// getBalances godoc
//
//	@Summary		What the escrow holds for the signer, and its payouts
//	@Description	credited: each token's balance in the escrow (read from the chain now), which the next payout pays to the signer's wallet. The server relays one withdrawFor per released, refunded or cancelled intent, paying its buyer and every staker, so that nobody needs ETH to be paid; payouts lists those of the intents the signer bought or held a slot of, newest first (at most 50), in flight (queued, sent) or done (mined).
//	@Tags			escrow
//	@Produce		json
//	@Param			X-AXL-Address	header		string	true	"signer address"
//	@Success		200				{object}	wire.Balances
//	@Failure		401				{object}	wire.Problem
//	@Failure		503				{object}	wire.Problem	"no chain to read"
//	@Security		AXLSignature
//	@Router			/balances [get]
func (s *Server) getBalances(w http.ResponseWriter, r *http.Request) error {
	ctx, who := r.Context(), signer(r)
	chain, ok := s.chain.(market.EscrowBalances)
	if !ok {
		return market.Errorf(market.KindUnavailable, "this server reads no escrow balances")
	}
	addrs := s.chain.Addresses()
	out := wire.Balances{Address: who.String(), Balances: []wire.Balance{}, Payouts: []wire.PayoutTransaction{}}
	for _, t := range []struct {
		token market.Token
		addr  market.Address
	}{{market.TokenUSDC, addrs.USDC}, {market.TokenAI, addrs.AI}} {
		n, err := chain.Credited(ctx, t.addr, who)
		if err != nil {
			return &market.Error{Kind: market.KindUnavailable, Message: "the chain could not be read", Err: err}
		}
		out.Balances = append(out.Balances, wire.Balance{Token: string(t.token), Credited: n.String()})
	}
	if ps, ok := s.store.(market.Payouts); ok {
		list, err := ps.PayoutsOf(ctx, who, maxPayoutsShown)
		if err != nil {
			return err
		}
		for _, p := range list {
			out.Payouts = append(out.Payouts, wire.PayoutTransaction{IntentID: p.Tx.IntentID.String(), Token: string(p.Token),
				Transaction: transactionJSON(p.Tx), CreatedAt: p.Tx.CreatedAt.UTC().Format(time.RFC3339Nano)})
		}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
