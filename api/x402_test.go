package api_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/eip712"
	"github.com/axl-market/axl/market"
)

// decodeHeader decodes an x402 header (base64 JSON) into v.
func decodeHeader(t *testing.T, h string, v any) {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(h)
	if err != nil {
		t.Fatalf("header %q: %v", h, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("header %s: %v", b, err)
	}
}

// payment is a's x402 payment of the requirements req, as @x402/evm's exact
// scheme makes it; edit changes the authorisation before it is signed.
func payment(t *testing.T, a account, req wire.PaymentRequirements, validBefore time.Time, edit func(*wire.ExactAuthorization)) string {
	t.Helper()
	nonce := crypto.Keccak256Hash([]byte(t.Name()), []byte(validBefore.String()))
	auth := wire.ExactAuthorization{From: a.addr.String(), To: req.PayTo, Value: req.Amount, ValidAfter: "0",
		ValidBefore: big.NewInt(validBefore.Unix()).String(), Nonce: nonce.Hex()}
	if edit != nil {
		edit(&auth)
	}
	value, _ := new(big.Int).SetString(auth.Value, 10)
	after, _ := new(big.Int).SetString(auth.ValidAfter, 10)
	before, _ := new(big.Int).SetString(auth.ValidBefore, 10)
	dom := eip712.Domain{Name: req.Extra.Name, Version: req.Extra.Version, ChainID: big.NewInt(1337), VerifyingContract: common.HexToAddress(req.Asset)}
	digest, err := eip712.Digest(dom, eip712.Authorization{Kind: eip712.TransferWithAuthorization, From: common.HexToAddress(auth.From),
		To: common.HexToAddress(auth.To), Value: value, ValidAfter: after, ValidBefore: before, Nonce: common.HexToHash(auth.Nonce)})
	if err != nil {
		t.Fatal(err)
	}
	sig, err := crypto.Sign(digest[:], a.key)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	b, _ := json.Marshal(wire.PaymentPayload{X402Version: 2, Accepted: req,
		Payload: wire.ExactPayload{Authorization: auth, Signature: "0x" + hex.EncodeToString(sig)}})
	return base64.StdEncoding.EncodeToString(b)
}

// TestX402Payment pays for an intent as an x402 client does: the 402 and
// its requirements, the very request retried with PAYMENT-SIGNATURE, the
// 201 with PAYMENT-RESPONSE and the deposit funding queued with the
// intent; and the payments a hostile or careless client sends.
func TestX402Payment(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	alice, mallory := newAccount(t), newAccount(t)
	q := e.quote(alice, e.quoteBody(alice, "USDC", "1000000000000000000000"))
	body := mustJSON(t, map[string]string{"quote_id": q.QuoteID, "intent_signature": signTyped(t, alice, q.IntentTypedData)})
	first := e.newRequest(req{method: "POST", path: "/intents", body: body, as: &alice, header: map[string]string{"Idempotency-Key": "x402"}})

	// The 402 records nothing: the very request (same signature, same
	// nonce) is answered 402 again.
	var required wire.PaymentRequired
	for range 2 {
		r := e.send(first.Clone(context.Background()), req{body: body})
		p := r.problem(t, http.StatusPaymentRequired, market.KindPaymentRequired)
		contains(t, p.Detail, wire.HeaderPaymentSignature)
		decodeHeader(t, r.header.Get(wire.HeaderPaymentRequired), &required)
		first.Body = nopCloser(body)
	}
	if required.X402Version != 2 || len(required.Accepts) != 1 || !strings.HasSuffix(required.Resource.URL, "/intents") {
		t.Fatalf("payment required %+v", required)
	}
	pr := required.Accepts[0]
	intentID := common.HexToHash(q.IntentID)
	wantTo := eip712.DepositAddress(common.Address(chainAddrs.Escrow), intentID)
	if pr.Scheme != "exact" || pr.Network != "eip155:1337" || pr.Amount != q.Price || !strings.EqualFold(pr.Asset, common.Address(chainAddrs.USDC).Hex()) ||
		pr.PayTo != wantTo.Hex() || pr.MaxTimeoutSeconds != 600 || pr.Extra.Name != eip712.USDCDomainName || pr.Extra.Version != eip712.DomainVersion {
		t.Fatalf("requirements %+v, want %s to %s", pr, q.Price, wantTo.Hex())
	}

	paid := func(a account, key, pay string) resp {
		t.Helper()
		return e.do(req{method: "POST", path: "/intents", body: body, as: &a,
			header: map[string]string{"Idempotency-Key": key, wire.HeaderPaymentSignature: pay}})
	}
	soon := func() time.Time { return e.clock.Now().Add(10 * time.Minute) }
	refusals := []struct {
		name string
		as   account
		pay  func() string
		want string
	}{
		{"not base64", alice, func() string { return "%%%" }, "not base64"},
		{"not a payload", alice, func() string { return base64.StdEncoding.EncodeToString([]byte(`[1]`)) }, "not an x402 payment payload"},
		{"to the escrow itself", alice, func() string {
			return payment(t, alice, pr, soon(), func(a *wire.ExactAuthorization) { a.To = common.Address(chainAddrs.Escrow).Hex() })
		}, "transfers"},
		{"less than the price", alice, func() string {
			return payment(t, alice, pr, soon(), func(a *wire.ExactAuthorization) { a.Value = "1" })
		}, "transfers 1"},
		{"from another payer", alice, func() string { return payment(t, mallory, pr, soon(), nil) }, "not from the buyer"},
		{"signed by another key", alice, func() string {
			return payment(t, mallory, pr, soon(), func(a *wire.ExactAuthorization) { a.From = alice.addr.String() })
		}, "signed by " + mallory.addr.String()},
		{"void too soon", alice, func() string { return payment(t, alice, pr, e.clock.Now().Add(30*time.Second), nil) }, "must stay valid"},
		{"not valid yet", alice, func() string {
			return payment(t, alice, pr, soon(), func(a *wire.ExactAuthorization) { a.ValidAfter = big.NewInt(soon().Unix()).String() })
		}, "valid only after"},
		{"another network", alice, func() string {
			other := pr
			other.Network = "eip155:1"
			return payment(t, alice, other, soon(), nil)
		}, "eip155:1"},
	}
	for _, c := range refusals {
		r := paid(c.as, "x402", c.pay())
		p := r.problem(t, http.StatusPaymentRequired, market.KindPaymentRequired)
		contains(t, p.Detail, c.want)
		var again wire.PaymentRequired
		decodeHeader(t, r.header.Get(wire.HeaderPaymentRequired), &again)
		if !strings.Contains(again.Error, c.want) || again.Accepts[0] != pr {
			t.Errorf("%s: PAYMENT-REQUIRED %+v", c.name, again)
		}
	}
	// Mallory cannot pay for Alice's quote, nor learn its terms.
	mbody := mustJSON(t, map[string]string{"quote_id": q.QuoteID, "intent_signature": signTyped(t, mallory, q.IntentTypedData)})
	e.do(req{method: "POST", path: "/intents", body: mbody, as: &mallory, header: map[string]string{"Idempotency-Key": "m"}}).
		problem(t, http.StatusNotFound, market.KindNotFound)
	// Both a funding signature and a payment: refused, not guessed at.
	both := mustJSON(t, signedIntent(t, alice, q))
	e.do(req{method: "POST", path: "/intents", body: both, as: &alice,
		header: map[string]string{"Idempotency-Key": "both", wire.HeaderPaymentSignature: payment(t, alice, pr, soon(), nil)}}).
		problem(t, http.StatusBadRequest, market.KindInvalid)

	// The refused payments left the key free: the good one is taken.
	before := soon()
	good := payment(t, alice, pr, before, nil)
	r := paid(alice, "x402", good)
	if r.status != http.StatusCreated {
		t.Fatalf("paid: %d %s", r.status, r.body)
	}
	var in wire.Intent
	r.json(t, &in)
	var settled wire.SettleResponse
	decodeHeader(t, r.header.Get(wire.HeaderPaymentResponse), &settled)
	if !settled.Success || settled.Network != "eip155:1337" || !strings.EqualFold(settled.Payer, alice.addr.String()) ||
		settled.Extra["intent_id"] != q.IntentID || settled.Amount != q.Price {
		t.Fatalf("settle response %+v", settled)
	}
	if in.ID != q.IntentID || in.State != "funding" || in.Deposit == nil || in.Deposit.ValidBefore != before.Unix() {
		t.Fatalf("intent %+v", in)
	}
	// The retry is the same response, with its PAYMENT-RESPONSE.
	again := paid(alice, "x402", good)
	if again.status != http.StatusCreated || again.header.Get("Idempotent-Replayed") != "true" ||
		again.header.Get(wire.HeaderPaymentResponse) != r.header.Get(wire.HeaderPaymentResponse) || !bytes.Equal(again.body, r.body) {
		t.Fatalf("replay: %d %v %s", again.status, again.header, again.body)
	}

	// The funding queued with the intent is the escrow's fundWithDeposit of
	// this very authorisation.
	ctx := context.Background()
	txs, err := e.store.TxsOfIntent(ctx, market.Hash(intentID))
	if err != nil || len(txs) != 1 {
		t.Fatalf("txs %+v %v", txs, err)
	}
	stored, err := e.store.Intent(ctx, market.Hash(intentID), alice.addr)
	if err != nil || stored.Deposit == nil || stored.Deposit.ValidBefore.Unix() != before.Unix() {
		t.Fatalf("stored intent %+v %v", stored, err)
	}
	contracts := escrow.NewContracts(big.NewInt(1337), escrow.Addresses{Escrow: common.Address(chainAddrs.Escrow),
		USDC: common.Address(chainAddrs.USDC), AI: common.Address(chainAddrs.AI)})
	var p wire.PaymentPayload
	decodeHeader(t, good, &p)
	sig, err := escrow.ParseSignature(common.FromHex(p.Payload.Signature))
	if err != nil {
		t.Fatal(err)
	}
	terms := escrow.Terms{Buyer: common.Address(alice.addr), Token: common.Address(chainAddrs.USDC), Amount: stored.Price,
		SpecHash: common.Hash(stored.SpecHash), Slots: stored.Spec.Slots(), StakePerSlot: stored.StakePerSlot,
		Deadline: uint64(stored.Deadline.Unix()), Nonce: stored.Nonce}
	want := contracts.FundWithDeposit(terms, new(big.Int), big.NewInt(before.Unix()), common.HexToHash(p.Payload.Authorization.Nonce), sig)
	if txs[0].Kind != market.TxFund || !bytes.Equal(txs[0].Data, want.Data) || txs[0].To != market.Address(want.To) {
		t.Fatalf("funding tx %+v, want fundWithDeposit to %s", txs[0], want.To)
	}
}

// TestX402OnlyForEIP3009 refuses to offer x402 for a token without
// transfer authorisations ($AI): the client is told to sign the funding.
func TestX402OnlyForEIP3009(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	alice := newAccount(t)
	q := e.quote(alice, e.quoteBody(alice, "AI", "1000000000000000000000"))
	body := mustJSON(t, map[string]string{"quote_id": q.QuoteID, "intent_signature": signTyped(t, alice, q.IntentTypedData)})
	p := e.do(req{method: "POST", path: "/intents", body: body, as: &alice, header: map[string]string{"Idempotency-Key": "ai"}}).
		problem(t, http.StatusBadRequest, market.KindInvalid)
	contains(t, p.Detail, "only USDC")
	// A forged intent signature is said before any payment is signed.
	q2 := e.quote(alice, e.quoteBody(alice, "USDC", "1000000000000000000000"))
	forged := mustJSON(t, map[string]string{"quote_id": q2.QuoteID, "intent_signature": signTyped(t, newAccount(t), q2.IntentTypedData)})
	e.do(req{method: "POST", path: "/intents", body: forged, as: &alice, header: map[string]string{"Idempotency-Key": "f"}}).
		problem(t, http.StatusUnprocessableEntity, market.KindBadSignature)
}
