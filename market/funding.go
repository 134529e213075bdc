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

// DepositAuthorization is the buyer's EIP-3009 TransferWithAuthorization of
// an intent's price to the intent's deposit address, x402's "exact"
// scheme: the buyer picks the nonce and the validity, and the escrow's
// deposit funding submits it (or, when someone submitted it straight to
// the token first, finds the tokens there all the same). Its signature is
// the intent's FundingSignature.
type DepositAuthorization struct {
	ValidAfter  time.Time // unix seconds; the authorisation is void before
	ValidBefore time.Time // unix seconds; and from this time on
	Nonce       Hash
}

// MinDepositValidity is how long, at least, a deposit authorisation must
// stay valid when it is presented: the time to relay and mine its funding.
const MinDepositValidity = time.Minute

// Check refuses an authorisation that cannot fund an intent presented at
// now: not yet valid, or void within MinDepositValidity.
func (a DepositAuthorization) Check(now time.Time) error {
	switch {
	case a.ValidAfter.After(now):
		return Errorf(KindInvalid, "the payment authorisation is valid only after %s", a.ValidAfter.UTC().Format(time.RFC3339))
	case a.ValidBefore.Before(now.Add(MinDepositValidity)):
		return Errorf(KindExpired, "the payment authorisation is void at %s: it must stay valid %s after it is presented, to be relayed",
			a.ValidBefore.UTC().Format(time.RFC3339), MinDepositValidity)
	}
	return nil
}
