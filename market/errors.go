// Package market is the domain of AXL market: artifacts, quotes, intents,
// jobs and workers, the errors they raise, and the ports (Store, Chain,
// Clock) that the adapters implement. It knows nothing of HTTP or SQL.
package market

import (
	"errors"
	"fmt"
)

// Kind classifies an Error; the api package maps each kind to one HTTP
// status and one problem type, once.
type Kind string

// The kinds of domain error. A kind's value is the suffix of its problem
// type URI, which clients match: a Go name may change, a value may not.
const (
	KindInternal          Kind = "internal"         // a bug or an unexpected failure
	KindInvalid           Kind = "invalid"          // the input is malformed or breaks a rule
	KindUnauthorized      Kind = "unauthorized"     // the caller could not be authenticated
	KindForbidden         Kind = "forbidden"        // the caller may not do this
	KindNotFound          Kind = "not-found"        // no such thing (or not visible to the caller)
	KindConflict          Kind = "conflict"         // the state of the thing forbids it now
	KindTooLarge          Kind = "too-large"        // an input exceeds a size limit
	KindInconsistent      Kind = "unprocessable"    // well formed but contradicts earlier input
	KindPriceTooHigh      Kind = "price-too-high"   // the quote exceeds the buyer's max_price
	KindInfeasible        Kind = "infeasible"       // a worker or the referee could not run the job as specified
	KindExpired           Kind = "expired"          // a quote or authorisation is past its time
	KindBadSignature      Kind = "bad-signature"    // a typed-data signature does not verify
	KindUnavailable       Kind = "unavailable"      // a dependency (database, chain) is down
	KindUnsupportedFormat Kind = "unsupported-type" // the input is in a format the market does not take
	KindPaymentRequired   Kind = "payment-required" // the request must carry a payment (x402), or its payment does not verify
)

// Error is the one error type of the domain. Message is safe to show to the
// caller; Err, if set, is the cause and is never shown.
type Error struct {
	Kind    Kind
	Message string
	// Extra holds machine-readable members added to the problem document
	// (for example the price when it exceeds max_price).
	Extra map[string]any
	Err   error
}

// Error renders the kind, the message and the cause, for logs.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Kind, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Kind, e.Message)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error of the given kind with a formatted message.
func Errorf(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// ErrorKind returns the kind of err: that of the first *Error in its chain,
// or KindInternal when there is none.
func ErrorKind(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// ErrorMessage returns the caller-safe message of err, or a generic one for
// errors that are not *Error (their text may reveal internals).
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
