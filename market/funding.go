package market

import (
	"context"
	"time"
)

// FundingTxs is implemented by an Escrow that can say, writing nothing,
// which transaction relays an intent's funding, so that the intent and its
// funding are queued in one write (FundedIntents).
type FundingTxs interface {
	// FundingTx is the relayed transaction that funds in, whose quote
	// expires at expiresAt (the authorisation's validity).
	FundingTx(in Intent, expiresAt time.Time) (Tx, error)
}

// FundedIntents is implemented by a Store that writes an intent with the
// transaction that funds it (Tx.Key unique: one row per key, whoever
// asks twice) and its "transaction" event, in the one write of
// CreateIntent.
type FundedIntents interface {
	CreateFundedIntent(ctx context.Context, in Intent, done *IdempotentResponse, funding *Tx) (Intent, error)
}
