// Package webhook delivers the events of buyers' intents to the webhook
// endpoints they registered: from the store's outbox, signed as the
// Standard Webhooks specification says (webhook-id, webhook-timestamp,
// webhook-signature: v1,<base64 HMAC-SHA256>), at least once, in order
// per intent, retried with backoff (market.WebhookPolicy), and never to a
// private or loopback address unless the operator allows it.
package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/axl-market/axl/market"
)

// SecretPrefix opens an endpoint's secret as it is shown: Standard
// Webhooks' whsec_ and the key in base64.
const SecretPrefix = "whsec_"

// NewSecret returns a fresh 32-byte key and its shown form.
func NewSecret() ([]byte, string) {
	key := make([]byte, 32)
	rand.Read(key)
	return key, SecretPrefix + base64.StdEncoding.EncodeToString(key)
}

// Sign returns the webhook-signature header of a message: v1, and the
// base64 HMAC-SHA256 of "id.timestamp.body" under key.
func Sign(key []byte, id string, ts int64, body []byte) string {
	mac := hmac.New(sha256.New, key)
	fmt.Fprintf(mac, "%s.%d.", id, ts)
	mac.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// Payload is the body of a delivery: the message type, when the event
// happened and the event as the intent's event stream sends it.
type Payload struct {
	Type      string `json:"type"`
	Timestamp string `json:"timestamp"`
	Data      Event  `json:"data"`
}

// Event is an intent event, as the buyer's event stream sends it.
type Event struct {
	Seq       int64           `json:"seq"`
	IntentID  string          `json:"intent_id"`
	Type      string          `json:"type"`
	State     string          `json:"state"`
	Data      json.RawMessage `json:"data"`
	CreatedAt string          `json:"created_at"`
}

// body renders the payload of e.
func body(e market.IntentEvent) []byte {
	at := e.CreatedAt.UTC().Format(time.RFC3339Nano)
	data := e.Data
	if len(data) == 0 {
		data = json.RawMessage("{}")
	}
	b, _ := json.Marshal(Payload{Type: market.WebhookMessageType(e.Type), Timestamp: at,
		Data: Event{Seq: e.Seq, IntentID: e.IntentID.String(), Type: e.Type, State: string(e.State), Data: data, CreatedAt: at}})
	return b
}

// ErrPrivateAddress is a connection refused because the endpoint's host
// resolved to an address that is not public.
var ErrPrivateAddress = errors.New("the webhook's host resolves to a private, loopback or otherwise non-public address")

// PublicAddress reports whether ip is a public unicast address: not
// loopback, private (RFC 1918, unique local), link-local, shared (RFC
// 6598), unspecified, multicast or reserved for documentation or
// benchmarks.
func PublicAddress(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("2001:db8::/32"),
	netip.MustParsePrefix("64:ff9b::/96"), // NAT64: may map to a private IPv4
}

// NewClient returns the HTTP client deliveries are sent with: each
// connection is checked, once resolved, against PublicAddress (so that a
// name resolving to a private address at delivery time, after it was
// registered, is refused too) unless allowPrivate; no proxy from the
// environment, no redirect followed, timeout per delivery.
func NewClient(allowPrivate bool, timeout time.Duration) *http.Client {
	d := &net.Dialer{Timeout: timeout}
	if !allowPrivate {
		d.Control = func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil || !PublicAddress(ap.Addr()) {
				return fmt.Errorf("%w: %s", ErrPrivateAddress, address)
			}
			return nil
		}
	}
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{DialContext: d.DialContext, Proxy: nil, MaxIdleConnsPerHost: 2,
			IdleConnTimeout: 90 * time.Second, TLSHandshakeTimeout: timeout, ResponseHeaderTimeout: timeout},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// Dispatcher delivers the queued deliveries of the endpoints it leases.
// Several servers may run one each on one store: an endpoint is leased by
// one at a time.
type Dispatcher struct {
	Store  market.Webhooks
	Client *http.Client
	Clock  market.Clock
	Policy market.WebhookPolicy
	Log    *slog.Logger
	// Lease is how long a pass holds an endpoint (default a minute); it
	// stops delivering to it when less than the client's timeout is left.
	Lease time.Duration
	// Endpoints is how many endpoints a pass leases, delivered to at once
	// (default 16); Batch how many deliveries a pass reads for one
	// (default 50).
	Endpoints, Batch int
}

// maxResponse is how much of an endpoint's answer is read (and dropped).
const maxResponse = 64 << 10

// Pass leases the endpoints that are due and delivers their queues; it
// returns the number of deliveries an endpoint took.
func (d *Dispatcher) Pass(ctx context.Context) (int, error) {
	lease, endpoints, batch := d.Lease, d.Endpoints, d.Batch
	if lease <= 0 {
		lease = time.Minute
	}
	if endpoints <= 0 {
		endpoints = 16
	}
	if batch <= 0 {
		batch = 50
	}
	now := d.Clock.Now()
	until := now.Add(lease)
	ws, err := d.Store.LeaseWebhooks(ctx, now, until, endpoints)
	if err != nil {
		return 0, err
	}
	var mu sync.Mutex
	var total int
	var errs []error
	var wg sync.WaitGroup
	for _, w := range ws {
		wg.Go(func() {
			n, err := d.deliver(ctx, w, until, batch)
			mu.Lock()
			defer mu.Unlock()
			total += n
			if err != nil {
				errs = append(errs, fmt.Errorf("webhook %s: %w", w.ID, err))
			}
		})
	}
	wg.Wait()
	return total, errors.Join(errs...)
}

// deliver sends an endpoint's queue in order until one delivery fails or
// the lease runs short, and records the outcome.
func (d *Dispatcher) deliver(ctx context.Context, w market.Webhook, until time.Time, batch int) (int, error) {
	queue, err := d.Store.QueuedDeliveries(ctx, w.ID, batch)
	if err != nil {
		return 0, errors.Join(err, d.Store.ReleaseWebhook(context.WithoutCancel(ctx), w.ID))
	}
	n := 0
	for _, q := range queue {
		if until.Sub(d.Clock.Now()) < d.Client.Timeout {
			break
		}
		if err := d.send(ctx, w, q.Event); err != nil {
			if ctx.Err() != nil {
				return n, errors.Join(ctx.Err(), d.Store.ReleaseWebhook(context.WithoutCancel(ctx), w.ID))
			}
			now := d.Clock.Now()
			since := w.FailingSince
			if since.IsZero() {
				since = now
			}
			next, disable := d.Policy.Retry(w.Failures+1, since, now)
			why := err.Error()
			if disable {
				why = fmt.Sprintf("disabled after failing for %s: %s", d.Policy.DisableAfter, why)
			}
			d.logger().Warn("webhook delivery failed", "webhook", w.ID, "seq", q.Event.Seq, "failures", w.Failures+1,
				"next_attempt", next, "disabled", disable, "err", err)
			return n, d.Store.WebhookFailed(ctx, w.ID, q.Event.Seq, why, next, disable, now)
		}
		if err := d.Store.WebhookDelivered(ctx, w.ID, q.Event.Seq); err != nil {
			return n, errors.Join(err, d.Store.ReleaseWebhook(context.WithoutCancel(ctx), w.ID))
		}
		w.Failures, w.FailingSince = 0, time.Time{}
		n++
	}
	return n, d.Store.ReleaseWebhook(ctx, w.ID)
}

// send posts one delivery and wants a 2xx.
func (d *Dispatcher) send(ctx context.Context, w market.Webhook, e market.IntentEvent) error {
	b := body(e)
	id, ts := market.WebhookMessageID(e.Seq), d.Clock.Now().Unix()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "axl-webhooks/1")
	req.Header.Set("webhook-id", id)
	req.Header.Set("webhook-timestamp", strconv.FormatInt(ts, 10))
	req.Header.Set("webhook-signature", Sign(w.Secret, id, ts, b))
	res, err := d.Client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	io.Copy(io.Discard, io.LimitReader(res.Body, maxResponse))
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("the endpoint answered %s", strings.TrimSpace(res.Status))
	}
	return nil
}

func (d *Dispatcher) logger() *slog.Logger {
	if d.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return d.Log
}

// Run passes at once, then every interval until ctx ends.
func (d *Dispatcher) Run(ctx context.Context, interval time.Duration) {
	market.Every(ctx, interval, d.logger(), "webhook deliveries", func(ctx context.Context) error {
		_, err := d.Pass(ctx)
		return err
	})
}
