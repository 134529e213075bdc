package market

import (
	"context"
	"time"
)

// FundingTxs is implemented by a Relay that can say, writing nothing,
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

// IntentRequest is what a POST /intents must record before it writes:
// its signed request's digest (a replay is refused) and its idempotency
// key, and the quote it accepts.
type IntentRequest struct {
	Nonce        Hash // the signed request's digest
	NonceExpires time.Time
	Owner        Address
	Key          string // the idempotency key
	RequestHash  Hash   // of the body
	QuoteID      string
}

// IntentRequests is implemented by a Store that begins a POST /intents
// in one round trip: the digest recorded (KindUnauthorized on a replay,
// and then nothing else is done), the key claimed as by BeginIdempotent
// (rec nil: the caller holds it; else the stored record), and the quote
// of the owner read (nil when there is none).
type IntentRequests interface {
	BeginIntentRequest(ctx context.Context, r IntentRequest) (rec *Idempotent, q *Quote, err error)
}
