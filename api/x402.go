package api

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"time"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
)

// paymentTimeout is the maxTimeoutSeconds of the market's x402
// requirements: how long the client makes its authorisation valid. It
// leaves the relayer far more than market.MinDepositValidity.
const paymentTimeout = 10 * time.Minute

// maxPaymentHeader bounds PAYMENT-SIGNATURE (base64): an exact payload is
// well under 2 KiB.
const maxPaymentHeader = 8 << 10

// network is the x402 name of the server's chain, "eip155:<chain id>".
func (s *Server) network() string { return "eip155:" + s.chain.ChainID().String() }

// paymentRequirements are the terms of paying quote q by x402: the exact
// scheme, the price in the quote's token to its intent's deposit address.
func (s *Server) paymentRequirements(q market.Quote) (wire.PaymentRequirements, error) {
	if s.chain == nil {
		return wire.PaymentRequirements{}, market.Errorf(market.KindInvalid, "funding_signature is required: this server takes no x402 payment")
	}
	td, err := s.broker.DepositTerms(q)
	if err != nil {
		return wire.PaymentRequirements{}, err
	}
	return wire.PaymentRequirements{Scheme: wire.X402SchemeExact, Network: s.network(), Amount: q.Price.String(),
		Asset: td.Domain.VerifyingContract, PayTo: td.Message["to"], MaxTimeoutSeconds: int64(paymentTimeout / time.Second),
		Extra: wire.PaymentExtra{Name: td.Domain.Name, Version: td.Domain.Version}}, nil
}

// setPaymentRequired sets the headers of a 402: PAYMENT-REQUIRED, the
// requirements an x402 client pays by, with reason (nil: none) as its
// error when a payment was refused.
func setPaymentRequired(w http.ResponseWriter, r *http.Request, req wire.PaymentRequirements, reason error) {
	pr := wire.PaymentRequired{X402Version: wire.X402Version, Accepts: []wire.PaymentRequirements{req},
		Resource: wire.PaymentResource{URL: requestURL(r), Description: "fund the intent of the quote", MimeType: "application/json"}}
	if reason != nil {
		pr.Error = market.ErrorMessage(reason)
	}
	b, _ := json.Marshal(pr)
	w.Header().Set(wire.HeaderPaymentRequired, base64.StdEncoding.EncodeToString(b))
	w.Header().Set("Cache-Control", "no-store")
}

// offerPayment answers a POST /intents with no funding signature and no
// payment: 402 with the quote's x402 requirements. It records nothing
// (neither the signed request's nonce nor the idempotency key), for the
// client retries the very request with PAYMENT-SIGNATURE added.
func (s *Server) offerPayment(w http.ResponseWriter, r *http.Request, req wire.CreateIntentRequest) error {
	ctx, buyer := r.Context(), signer(r)
	q, err := s.store.Quote(ctx, req.QuoteID, buyer)
	if err != nil {
		return err
	}
	if now := s.clock.Now(); !now.Before(q.ExpiresAt) {
		return market.Errorf(market.KindExpired, "quote %s expired at %s", q.ID, q.ExpiresAt.UTC().Format(time.RFC3339))
	}
	// A bad intent signature is said now, before the client signs a payment.
	isig, err := parseSignature(req.IntentSignature, "intent_signature")
	if err != nil {
		return err
	}
	if signed, err := s.broker.Signing.RecoverDigest(q.IntentID, isig); err != nil || signed != buyer {
		return market.Errorf(market.KindBadSignature, "intent_signature does not sign quote %s's intent by the buyer %s", q.ID, buyer)
	}
	pr, err := s.paymentRequirements(q)
	if err != nil {
		return err
	}
	setPaymentRequired(w, r, pr, nil)
	return market.Errorf(market.KindPaymentRequired,
		"this intent is paid by x402: sign the exact requirements of the %s header and retry with %s", wire.HeaderPaymentRequired, wire.HeaderPaymentSignature)
}

// requestURL is the URL r was sent to, as the client named it.
func requestURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + r.URL.RequestURI()
}

// parsePayment reads a PAYMENT-SIGNATURE header for the requirements req of
// buyer's quote: the payload must accept exactly req and authorise buyer's
// transfer of the amount to payTo. It returns the authorisation and its
// signature (which the broker verifies); every refusal is
// KindPaymentRequired.
func parsePayment(header string, req wire.PaymentRequirements, buyer market.Address) (market.DepositAuthorization, []byte, error) {
	refuse := func(format string, args ...any) (market.DepositAuthorization, []byte, error) {
		return market.DepositAuthorization{}, nil, market.Errorf(market.KindPaymentRequired, format, args...)
	}
	if len(header) > maxPaymentHeader {
		return refuse("the %s header exceeds %d bytes", wire.HeaderPaymentSignature, maxPaymentHeader)
	}
	raw, err := base64.StdEncoding.DecodeString(header)
	if err != nil {
		return refuse("the %s header is not base64", wire.HeaderPaymentSignature)
	}
	var p wire.PaymentPayload
	if err := json.Unmarshal(raw, &p); err != nil {
		return refuse("the %s header is not an x402 payment payload: %v", wire.HeaderPaymentSignature, err)
	}
	a, auth := p.Accepted, p.Payload.Authorization
	switch {
	case p.X402Version != wire.X402Version:
		return refuse("x402Version %d: want %d", p.X402Version, wire.X402Version)
	case a.Scheme != req.Scheme || a.Network != req.Network:
		return refuse("the payment is %s on %s: want %s on %s", a.Scheme, a.Network, req.Scheme, req.Network)
	case !strings.EqualFold(a.Asset, req.Asset) || !strings.EqualFold(a.PayTo, req.PayTo) || a.Amount != req.Amount:
		return refuse("the payment accepted %s of %s to %s: want %s of %s to %s", a.Amount, a.Asset, a.PayTo, req.Amount, req.Asset, req.PayTo)
	case !strings.EqualFold(auth.From, buyer.String()):
		return refuse("the authorisation is from %s, not from the buyer %s (the request's signer)", auth.From, buyer)
	case !strings.EqualFold(auth.To, req.PayTo) || auth.Value != req.Amount:
		return refuse("the authorisation transfers %s to %s: want %s to %s", auth.Value, auth.To, req.Amount, req.PayTo)
	}
	after, err := unixSeconds(auth.ValidAfter, "validAfter")
	if err != nil {
		return market.DepositAuthorization{}, nil, err
	}
	before, err := unixSeconds(auth.ValidBefore, "validBefore")
	if err != nil {
		return market.DepositAuthorization{}, nil, err
	}
	nonce, err := market.ParseHash(auth.Nonce)
	if err != nil {
		return refuse("the authorisation's nonce must be 32 bytes of 0x hex")
	}
	sig, err := parseSignature(p.Payload.Signature, "the payment's signature")
	if err != nil {
		return refuse("%s", market.ErrorMessage(err))
	}
	return market.DepositAuthorization{ValidAfter: after, ValidBefore: before, Nonce: nonce}, sig, nil
}

// unixSeconds parses a uint256 decimal of an authorisation as a time.
func unixSeconds(s, what string) (time.Time, error) {
	n, ok := new(big.Int).SetString(s, 10)
	if !ok || n.Sign() < 0 || !n.IsInt64() || n.Int64() > 1<<40 {
		return time.Time{}, market.Errorf(market.KindPaymentRequired, "the authorisation's %s %q is not a time in unix seconds", what, s)
	}
	return time.Unix(n.Int64(), 0).UTC(), nil
}

// settleResponse is the PAYMENT-RESPONSE of the intent created by a
// payment (rendered: its JSON).
func (s *Server) settleResponse(rendered []byte) (string, error) {
	var in wire.Intent
	if err := json.Unmarshal(rendered, &in); err != nil {
		return "", fmt.Errorf("settle response: %w", err)
	}
	b, err := json.Marshal(wire.SettleResponse{Success: true, Payer: in.Buyer, Network: s.network(), Amount: in.Price,
		Extra: map[string]any{"intent_id": in.ID, "state": in.State}})
	return base64.StdEncoding.EncodeToString(b), err
}
