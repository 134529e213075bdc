package operator

import (
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/market"
)

var _ market.FundingTxs = (*Operator)(nil)

// FundingTx implements market.FundingTxs: the transaction Fund enqueues
// (same key, sender, call), for the intent write to queue with the intent.
func (o *Operator) FundingTx(in market.Intent, expiresAt time.Time) (market.Tx, error) {
	t, err := o.Terms(in)
	if err != nil {
		return market.Tx{}, err
	}
	sig, err := escrow.ParseSignature(in.FundingSignature)
	if err != nil {
		return market.Tx{}, market.Errorf(market.KindBadSignature, "funding signature: %v", err)
	}
	expiry := big.NewInt(expiresAt.Unix())
	var call escrow.Call
	switch {
	case in.Deposit != nil:
		// Paid by x402: the buyer's transfer to the deposit address, of its
		// own validity and nonce.
		a := in.Deposit
		call = o.cfg.Contracts.FundWithDeposit(t, big.NewInt(a.ValidAfter.Unix()), big.NewInt(a.ValidBefore.Unix()), common.Hash(a.Nonce), sig)
	case in.Token == market.TokenUSDC:
		call = o.cfg.Contracts.FundWithAuthorization(t, new(big.Int), expiry, sig)
	default:
		call = o.cfg.Contracts.FundWithPermit(t, expiry, sig, in.IntentSignature)
	}
	return market.Tx{Key: "fund:" + in.ID.String(), Kind: market.TxFund, IntentID: in.ID,
		From: market.Address(o.cfg.Relayer.From()), To: market.Address(common.Address(call.To)), Data: call.Data}, nil
}
