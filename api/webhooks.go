package api

import (
	"crypto/rand"
	"encoding/hex"
	"math"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/webhook"
)

func webhookJSON(w market.Webhook) wire.Webhook {
	ts := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339Nano)
	}
	out := wire.Webhook{ID: w.ID, URL: w.URL, Events: w.Types, CreatedAt: ts(w.CreatedAt), Pending: w.Pending,
		Failures: w.Failures, FailingSince: ts(w.FailingSince), LastError: w.LastError, DisabledAt: ts(w.DisabledAt),
		DisabledReason: w.DisabledReason}
	if out.Events == nil {
		out.Events = []string{}
	}
	if w.Failures > 0 && w.DisabledAt.IsZero() {
		out.NextAttemptAt = ts(w.NextAttempt)
	}
	return out
}

// webhooks is the store's side of webhooks, or an error when it has none.
func (s *Server) webhooks() (market.Webhooks, error) {
	wh, ok := s.store.(market.Webhooks)
	if !ok {
		return nil, market.Errorf(market.KindUnavailable, "this server keeps no webhooks")
	}
	return wh, nil
}

// checkWebhookHost refuses, unless the server allows private targets, a
// URL whose host is plainly not public: localhost or a non-public IP
// literal. A name is checked where it matters, when the sender connects.
func (s *Server) checkWebhookHost(raw string) error {
	if s.cfg.AllowPrivateWebhooks {
		return nil
	}
	u, _ := url.Parse(raw) // market.CheckWebhook parsed it
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return market.Errorf(market.KindInvalid, "url: %s is loopback; this server delivers to public addresses only", host)
	}
	if ip, err := netip.ParseAddr(host); err == nil && !webhook.PublicAddress(ip) {
		return market.Errorf(market.KindInvalid, "url: %s is not a public address; this server delivers to public addresses only", host)
	}
	return nil
}

// postWebhook godoc
//
//	@Summary		Register a webhook endpoint
//	@Description	Events of the signer's intents (of the listed types; all when none is listed: state, job, slot, progress, revealed, transaction, dispute, cancel_requested) are POSTed to the URL as Standard Webhooks: headers webhook-id (evt_<seq>, the same on every attempt), webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256 of "id.timestamp.body"> under the secret, shown once in this answer). Deliveries come from an outbox written with the events, at least once, in order per intent, retried with backoff (5 s doubling, at most hourly) until a 2xx; an endpoint failing for three days is disabled and its queue dropped. Private and loopback targets are refused unless the server allows them.
//	@Tags			webhooks
//	@Accept			json
//	@Produce		json
//	@Param			body			body		wire.WebhookRequest	true	"URL and event types"
//	@Param			X-AXL-Address	header		string				true	"signer address"
//	@Success		201				{object}	wire.Webhook
//	@Failure		400				{object}	wire.Problem
//	@Failure		401				{object}	wire.Problem
//	@Failure		409				{object}	wire.Problem	"the address has its most endpoints"
//	@Security		AXLSignature
//	@Router			/webhooks [post]
func (s *Server) postWebhook(w http.ResponseWriter, r *http.Request) error {
	wh, err := s.webhooks()
	if err != nil {
		return err
	}
	var req wire.WebhookRequest
	if err := decodeJSON(r.Body, &req); err != nil {
		return err
	}
	if err := market.CheckWebhook(req.URL, req.Events); err != nil {
		return err
	}
	if err := s.checkWebhookHost(req.URL); err != nil {
		return err
	}
	key, shown := webhook.NewSecret()
	id := make([]byte, 12)
	rand.Read(id)
	hook := market.Webhook{ID: "wh_" + hex.EncodeToString(id), Owner: signer(r), URL: req.URL, Types: req.Events,
		Secret: key, CreatedAt: s.clock.Now().UTC()}
	most := s.cfg.Limits.WebhooksPerAddress
	if most <= 0 { // no limit
		most = math.MaxInt32
	}
	if err := wh.CreateWebhook(r.Context(), hook, most); err != nil {
		return err
	}
	out := webhookJSON(hook)
	out.Secret = shown
	writeJSON(w, http.StatusCreated, out)
	return nil
}

// listWebhooks godoc
//
//	@Summary		List the signer's webhook endpoints
//	@Description	With each one's queue and its failures: pending deliveries, failures in a row, since when, the next attempt, the last error, and when and why it was disabled. Secrets are not shown.
//	@Tags			webhooks
//	@Produce		json
//	@Param			X-AXL-Address	header		string	true	"signer address"
//	@Success		200				{object}	wire.WebhookList
//	@Failure		401				{object}	wire.Problem
//	@Security		AXLSignature
//	@Router			/webhooks [get]
func (s *Server) listWebhooks(w http.ResponseWriter, r *http.Request) error {
	wh, err := s.webhooks()
	if err != nil {
		return err
	}
	list, err := wh.WebhooksOf(r.Context(), signer(r))
	if err != nil {
		return err
	}
	out := wire.WebhookList{Webhooks: []wire.Webhook{}}
	for _, h := range list {
		out.Webhooks = append(out.Webhooks, webhookJSON(h))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// deleteWebhook godoc
//
//	@Summary		Delete a webhook endpoint
//	@Description	Its queued deliveries are dropped with it.
//	@Tags			webhooks
//	@Param			id				path	string	true	"webhook id"
//	@Param			X-AXL-Address	header	string	true	"signer address"
//	@Success		204
//	@Failure		401	{object}	wire.Problem
//	@Failure		404	{object}	wire.Problem
//	@Security		AXLSignature
//	@Router			/webhooks/{id} [delete]
func (s *Server) deleteWebhook(w http.ResponseWriter, r *http.Request) error {
	wh, err := s.webhooks()
	if err != nil {
		return err
	}
	if err := wh.DeleteWebhook(r.Context(), signer(r), chi.URLParam(r, "id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
