package market

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Webhook is an endpoint a buyer registered to be told of its intents'
// events: each event of a type it wants is delivered to URL, signed with
// Secret (Standard Webhooks), at least once and in order per intent.
type Webhook struct {
	ID    string
	Owner Address
	URL   string
	// Types are the intent event types it wants (IntentEvent.Type); empty:
	// every type.
	Types []string
	// Secret is the HMAC key of its signatures: shown to the owner once,
	// when the endpoint is made.
	Secret    []byte
	CreatedAt time.Time

	// Failures counts the failed deliveries in a row, since FailingSince.
	Failures     int
	FailingSince time.Time
	NextAttempt  time.Time
	LastError    string
	// DisabledAt is when the endpoint was disabled (zero while it is
	// enabled), after failing for WebhookPolicy.DisableAfter.
	DisabledAt     time.Time
	DisabledReason string
	// Pending counts the deliveries queued for it.
	Pending int
}

// WebhookDelivery is one queued delivery: an event for an endpoint.
type WebhookDelivery struct {
	Webhook  string
	Event    IntentEvent
	Attempts int
}

// Webhooks is the persistence of webhook endpoints and of their outbox:
// the store queues a delivery in the transaction that appends an event to
// an intent's log, for each enabled endpoint of the intent's buyer that
// wants it.
type Webhooks interface {
	// CreateWebhook stores a new endpoint, refusing (KindConflict) an owner
	// that already has max enabled ones.
	CreateWebhook(ctx context.Context, w Webhook, max int) error
	// WebhooksOf lists an owner's endpoints, the oldest first, without
	// their secrets.
	WebhooksOf(ctx context.Context, owner Address) ([]Webhook, error)
	// DeleteWebhook removes an owner's endpoint and its queued deliveries
	// (KindNotFound when the owner has no such endpoint).
	DeleteWebhook(ctx context.Context, owner Address, id string) error
	// LeaseWebhooks takes, until until, up to limit enabled endpoints whose
	// next attempt is due by now, that have deliveries queued and that no
	// one holds; a lease ends with WebhookDelivered or WebhookFailed, or
	// when it runs out.
	LeaseWebhooks(ctx context.Context, now, until time.Time, limit int) ([]Webhook, error)
	// QueuedDeliveries lists up to limit queued deliveries of an endpoint in
	// the order of the log (per intent, the order of its events).
	QueuedDeliveries(ctx context.Context, id string, limit int) ([]WebhookDelivery, error)
	// WebhookDelivered removes a delivery that its endpoint took and ends
	// the endpoint's run of failures.
	WebhookDelivered(ctx context.Context, id string, seq int64) error
	// WebhookFailed records a failed delivery of the endpoint's queued event
	// seq: its attempts, the endpoint's failures, next attempt and error;
	// with disable set it disables the endpoint with the error as reason
	// and drops its queue.
	WebhookFailed(ctx context.Context, id string, seq int64, errText string, next time.Time, disable bool, now time.Time) error
	// ReleaseWebhook ends a lease without a delivery attempt.
	ReleaseWebhook(ctx context.Context, id string) error
}

// WebhookEventTypes are the event types of an intent's log an endpoint may
// ask for: the intent's state changes (released, refunded and the others),
// its job and slots, workers' progress, reveals, the relayed transactions,
// disputes and a cancellation request.
var WebhookEventTypes = []string{"state", "job", "slot", "progress", "revealed", "transaction", "dispute", "cancel_requested"}

// WebhookPolicy is how an endpoint that fails is retried and when it is
// given up on.
type WebhookPolicy struct {
	// FirstRetry is the wait after the first failure; each further one
	// doubles it, up to MaxRetry.
	FirstRetry, MaxRetry time.Duration
	// DisableAfter is how long an endpoint may fail every delivery before
	// it is disabled (and its queue dropped).
	DisableAfter time.Duration
}

// DefaultWebhookPolicy retries after 5 s, 10 s, 20 s … at most hourly, and
// disables an endpoint that failed for three days.
var DefaultWebhookPolicy = WebhookPolicy{FirstRetry: 5 * time.Second, MaxRetry: time.Hour, DisableAfter: 72 * time.Hour}

// Retry returns when an endpoint that has now failed failures times in a
// row, since failingSince, is tried next, and whether it is disabled
// instead.
func (p WebhookPolicy) Retry(failures int, failingSince, now time.Time) (next time.Time, disable bool) {
	if !failingSince.IsZero() && now.Sub(failingSince) >= p.DisableAfter {
		return time.Time{}, true
	}
	wait := p.FirstRetry
	for i := 1; i < failures && wait < p.MaxRetry; i++ {
		wait *= 2
	}
	return now.Add(min(wait, p.MaxRetry)), false
}

// MaxWebhookURL bounds the length of an endpoint's URL.
const MaxWebhookURL = 2048

// CheckWebhook checks what a buyer asks to register: an absolute http or
// https URL without credentials, and known, distinct event types. Where
// the URL may point (not a private or loopback address) is the sender's
// check, made when it connects.
func CheckWebhook(rawURL string, types []string) error {
	if rawURL == "" || len(rawURL) > MaxWebhookURL {
		return Errorf(KindInvalid, "url is required, at most %d characters", MaxWebhookURL)
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return Errorf(KindInvalid, "url: %v", err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return Errorf(KindInvalid, "url: the scheme must be http or https, not %q", u.Scheme)
	case u.Host == "" || u.Hostname() == "":
		return Errorf(KindInvalid, "url: no host")
	case u.User != nil:
		return Errorf(KindInvalid, "url: credentials in a webhook URL are refused (they would be stored in clear)")
	case u.Fragment != "":
		return Errorf(KindInvalid, "url: a fragment is never sent; remove it")
	}
	seen := map[string]bool{}
	for _, t := range types {
		if !slices.Contains(WebhookEventTypes, t) {
			return Errorf(KindInvalid, "events: unknown event type %q (known: %s)", t, strings.Join(WebhookEventTypes, ", "))
		}
		if seen[t] {
			return Errorf(KindInvalid, "events: %q is listed twice", t)
		}
		seen[t] = true
	}
	return nil
}

// WebhookMessageType is the type a delivery of event type t carries.
func WebhookMessageType(t string) string { return "intent." + t }

// WebhookMessageID is the webhook-id of the delivery of the event of
// sequence seq: the same on every attempt, so that a receiver drops a
// duplicate.
func WebhookMessageID(seq int64) string { return fmt.Sprintf("evt_%d", seq) }
