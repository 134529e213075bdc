package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"
	"github.com/go-chi/chi/v5"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/broker"
	"github.com/axl-market/axl/market/eventhub"
)

func typedDataJSON(td market.TypedData) wire.TypedData {
	out := wire.TypedData{
		Domain: wire.TypedDataDomain{Name: td.Domain.Name, Version: td.Domain.Version,
			ChainID: td.Domain.ChainID.Int64(), VerifyingContract: td.Domain.VerifyingContract},
		Types: map[string][]wire.TypedDataField{}, PrimaryType: td.PrimaryType, Message: td.Message,
	}
	for name, fields := range td.Types {
		for _, f := range fields {
			out.Types[name] = append(out.Types[name], wire.TypedDataField{Name: f.Name, Type: f.Type})
		}
	}
	return out
}

func specJSON(s market.Spec) wire.Spec {
	out := wire.Spec{BaseModel: s.BaseModel.String(), Dataset: s.Dataset.String(), Steps: s.Steps, Workers: s.Workers,
		Replicas: s.Replicas, Seed: strconv.FormatUint(s.Seed, 10), Hyperparameters: hyperparametersJSON(s.Hyperparameters)}
	if s.Tokenized() {
		out.DatasetFormat, out.Tokens = string(s.Format), tokenStreamJSON(s.Tokens)
		if s.Tokenizer != (market.ArtifactID{}) {
			out.Tokenizer = s.Tokenizer.String()
		}
	}
	out.LoRASettings = loraJSON(s)
	return out
}

// loraJSON is the wire form of s's method: empty for a full fine-tune.
func loraJSON(s market.Spec) wire.LoRASettings {
	if !s.IsLoRA() {
		return wire.LoRASettings{}
	}
	return wire.LoRASettings{Method: s.Method, LoRAR: s.LoRA.R, LoRAAlpha: s.LoRA.Alpha, LoRATargets: s.LoRA.Targets.Names()}
}

func tokenStreamJSON(t market.TokenStream) *wire.TokenStream {
	return &wire.TokenStream{Hash: t.Hash.String(), Count: t.Count}
}

func hyperparametersJSON(h market.Hyperparameters) wire.Hyperparameters {
	return wire.Hyperparameters{LearningRate: h.LearningRate, WeightDecay: h.WeightDecay, BatchSize: h.BatchSize,
		SeqLen: h.SeqLen, WarmupSteps: h.WarmupSteps, InnerSteps: h.InnerSteps}
}

func parseUint(s string, what string) (*big.Int, error) {
	x, ok := new(big.Int).SetString(s, 10)
	if !ok || x.Sign() < 0 || x.BitLen() > 256 || strings.HasPrefix(s, "+") {
		return nil, market.Errorf(market.KindInvalid, "%s must be a decimal integer of base units", what)
	}
	return x, nil
}

// quote godoc
//
//	@Summary		Quote a job
//	@Description	Checks that the job can run before anyone stakes, and prices it. The base model is read by the workers' own loader; the defaults are filled in for the model (seq_len at most its n_positions) and written into the spec; seq_len must fit the model's context, every worker's shard of the dataset must hold one sequence (workers × (seq_len+1) bytes at least), and a slot's memory and the referee's recomputation of one step must fit the server's --max-job-memory (and the largest answer to the referee its body limit): else 422 infeasible, whose bound, limit and value say which and by how much. The price is the work: 6 × trainable parameters (all the model's for a full fine-tune; a LoRA adapter's) × tokens processed (steps × batch_size × seq_len × workers × replicas) FLOPs, times the token's rate per GFLOP (by default 1 base unit of USDC, 1 USDC per PFLOP, or 10^12 wei of AI), rounded up, at least the token's minimum (0.01 USDC, 0.01 AI); each slot stakes half its pay. Returns the Intent and the funding authorisation to sign (EIP-3009 ReceiveWithAuthorization for USDC, EIP-2612 Permit for AI).
//	@Tags			intents
//	@Accept			json
//	@Produce		json
//	@Param			X-AXL-Address	header		string			true	"signer address"
//	@Param			X-AXL-Timestamp	header		string			true	"unix seconds"
//	@Param			request			body		wire.QuoteRequest	true	"the job"
//	@Success		200				{object}	wire.Quote
//	@Failure		400				{object}	wire.Problem
//	@Failure		401				{object}	wire.Problem
//	@Failure		404				{object}	wire.Problem
//	@Failure		413				{object}	wire.Problem
//	@Failure		422				{object}	wire.Problem	"infeasible job (bound, limit and value say which bound and by how much), or price above max_price (the problem states the price)"
//	@Failure		503				{object}	wire.Problem
//	@Security		AXLSignature
//	@Router			/intents/quote [post]
func (s *Server) quote(w http.ResponseWriter, r *http.Request) error {
	var req wire.QuoteRequest
	if err := decodeJSON(r.Body, &req); err != nil {
		return err
	}
	qr, err := quoteRequest(req)
	if err != nil {
		return err
	}
	offer, err := s.broker.Quote(r.Context(), signer(r), qr)
	if err != nil {
		return err
	}
	q := offer.Quote
	writeJSON(w, http.StatusOK, wire.Quote{
		QuoteID: q.ID, IntentID: q.IntentID.String(), Token: string(q.Token), Price: q.Price.String(),
		StakePerSlot: q.StakePerSlot.String(), Slots: q.Spec.Slots(), SlotMemory: q.SlotMemory, Spec: specJSON(q.Spec), SpecHash: q.SpecHash.String(),
		Deadline: q.Deadline.UTC().Format(time.RFC3339), ExpiresAt: q.ExpiresAt.UTC().Format(time.RFC3339),
		IntentTypedData: typedDataJSON(offer.Intent), FundingTypedData: typedDataJSON(offer.Funding),
	})
	return nil
}

func quoteRequest(req wire.QuoteRequest) (broker.QuoteRequest, error) {
	qr := broker.QuoteRequest{Token: market.Token(req.Token), Steps: req.Steps, Workers: req.Workers, Replicas: req.Replicas}
	var err error
	if qr.BaseModel, err = market.ParseArtifactID(req.BaseModel); err != nil {
		return qr, market.Errorf(market.KindInvalid, "base_model: %s", market.ErrorMessage(err))
	}
	if qr.Dataset, err = market.ParseArtifactID(req.Dataset); err != nil {
		return qr, market.Errorf(market.KindInvalid, "dataset: %s", market.ErrorMessage(err))
	}
	if req.Tokenizer != "" {
		if qr.Tokenizer, err = market.ParseArtifactID(req.Tokenizer); err != nil {
			return qr, market.Errorf(market.KindInvalid, "tokenizer: %s", market.ErrorMessage(err))
		}
	}
	switch f := market.DatasetFormat(req.DatasetFormat); f {
	case "", market.FormatText, market.FormatJSONL:
		qr.Format = f
	default:
		return qr, market.Errorf(market.KindInvalid, "dataset_format %q: want text or jsonl", req.DatasetFormat)
	}
	qr.Method, qr.LoRA = req.Method, market.LoRA{R: req.LoRAR, Alpha: req.LoRAAlpha}
	if req.LoRATargets != nil {
		if qr.LoRA.Targets, err = market.ParseLoRATargets(req.LoRATargets); err != nil {
			return qr, err
		}
	}
	if qr.MaxPrice, err = parseUint(req.MaxPrice, "max_price"); err != nil {
		return qr, err
	}
	if qr.Deadline, err = time.Parse(time.RFC3339, req.Deadline); err != nil {
		return qr, market.Errorf(market.KindInvalid, "deadline must be an RFC 3339 time")
	}
	if req.Seed != "" {
		seed, err := strconv.ParseUint(req.Seed, 10, 64)
		if err != nil {
			return qr, market.Errorf(market.KindInvalid, "seed must be a decimal uint64")
		}
		qr.Seed = &seed
	}
	if h := req.Hyperparameters; h != nil {
		qr.Hyperparameters = market.Hyperparameters{LearningRate: h.LearningRate, WeightDecay: h.WeightDecay,
			BatchSize: h.BatchSize, SeqLen: h.SeqLen, WarmupSteps: h.WarmupSteps, InnerSteps: h.InnerSteps}
	}
	return qr, nil
}

func intentJSON(in market.Intent) wire.Intent {
	return wire.Intent{
		ID: in.ID.String(), QuoteID: in.QuoteID, State: string(in.State), Buyer: common.Address(in.Buyer).Hex(),
		Token: string(in.Token), Price: in.Price.String(), StakePerSlot: in.StakePerSlot.String(), Slots: in.Spec.Slots(),
		Spec: specJSON(in.Spec), SpecHash: in.SpecHash.String(), ModelSize: in.ModelSize,
		Deadline: in.Deadline.UTC().Format(time.RFC3339), Nonce: in.Nonce.String(),
		IntentSignature: "0x" + hex.EncodeToString(in.IntentSignature), FundingSignature: "0x" + hex.EncodeToString(in.FundingSignature),
		CreatedAt: in.CreatedAt.UTC().Format(time.RFC3339Nano), UpdatedAt: in.UpdatedAt.UTC().Format(time.RFC3339Nano),
		Deposit: depositJSON(in.Deposit),
	}
}

func depositJSON(a *market.DepositAuthorization) *wire.DepositAuthorization {
	if a == nil {
		return nil
	}
	return &wire.DepositAuthorization{ValidAfter: a.ValidAfter.Unix(), ValidBefore: a.ValidBefore.Unix(), Nonce: a.Nonce.String()}
}

func parseSignature(s, what string) ([]byte, error) {
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil || len(b) != 65 {
		return nil, market.Errorf(market.KindInvalid, "%s must be a 65-byte 0x-hex signature", what)
	}
	return b, nil
}

// createIntent godoc
//
//	@Summary		Create an intent
//	@Description	Checks both signatures against the quote's typed data and stores the intent in state funding. Idempotent: the same Idempotency-Key and body give the same response; the same key with another body is 422; a concurrent duplicate is 409.
//	@Description	Paid by x402 (version 2): without funding_signature, the answer is 402 with the PAYMENT-REQUIRED header (base64 JSON: the exact scheme on eip155:<chain id>, the price in USDC to the intent's deposit address, the token's EIP-712 name and version), recording nothing, neither the signed request's nonce nor the key; the same request retried with PAYMENT-SIGNATURE (the client's EIP-3009 TransferWithAuthorization to that address, valid at least 60 s more) is verified by the server as its own facilitator and answered 201 with PAYMENT-RESPONSE; the funding (the escrow's fundWithDeposit) is queued with the intent, and goes through even when someone submits the authorisation to the token first. A payment that does not verify is 402 again, its reason in PAYMENT-REQUIRED's error, and the key is free for the next payment.
//	@Tags			intents
//	@Accept			json
//	@Produce		json
//	@Param			X-AXL-Address	header		string				true	"signer address"
//	@Param			X-AXL-Timestamp	header		string				true	"unix seconds"
//	@Param			Idempotency-Key	header		string				true	"client-chosen key, 1 to 255 characters of UTF-8 (else 400)"
//	@Param			PAYMENT-SIGNATURE	header	string	false	"x402: base64 JSON of the payment payload, on the retry of a 402"
//	@Param			request			body		wire.CreateIntentRequest	true	"the quote and the signatures"
//	@Success		201				{object}	wire.Intent
//	@Header			201				{string}	PAYMENT-RESPONSE	"x402: base64 JSON of the settlement, when the intent was paid by PAYMENT-SIGNATURE"
//	@Failure		400				{object}	wire.Problem
//	@Failure		401				{object}	wire.Problem
//	@Failure		402				{object}	wire.Problem	"x402: pay as PAYMENT-REQUIRED says"
//	@Header			402				{string}	PAYMENT-REQUIRED	"x402: base64 JSON of the payment requirements"
//	@Failure		404				{object}	wire.Problem
//	@Failure		409				{object}	wire.Problem
//	@Failure		410				{object}	wire.Problem	"the quote expired"
//	@Failure		413				{object}	wire.Problem
//	@Failure		422				{object}	wire.Problem
//	@Security		AXLSignature
//	@Router			/intents [post]
func (s *Server) createIntent(w http.ResponseWriter, r *http.Request) error {
	key := r.Header.Get(wire.HeaderIdempotencyKey)
	if key == "" || len(key) > 255 || !utf8.ValidString(key) || strings.ContainsRune(key, 0) {
		return market.Errorf(market.KindInvalid, "the Idempotency-Key header is required (1 to 255 characters of UTF-8)")
	}
	body, _ := io.ReadAll(r.Body) // already read and bounded by authenticate
	owner := signer(r)
	payment := r.Header.Get(wire.HeaderPaymentSignature)
	reqHash := market.Hash(sha256.Sum256(body))
	if payment == "" {
		// No funding signature and no payment: the intent is to be paid by
		// x402, whose requirements are answered with 402 (nothing recorded).
		var req wire.CreateIntentRequest
		if decodeJSON(bytes.NewReader(body), &req) == nil && req.FundingSignature == "" && req.QuoteID != "" {
			return s.offerPayment(w, r, req)
		}
	} else {
		// The same key with another payment is another request.
		reqHash = market.Hash(sha256.Sum256(append(append(body, 0), payment...)))
	}
	rec, quote, err := s.beginIntent(r, key, reqHash, body)
	if err != nil {
		return err
	}
	if rec != nil {
		switch {
		case rec.RequestHash != reqHash:
			return market.Errorf(market.KindInconsistent, "Idempotency-Key %q was used with another body", key)
		case !rec.Done:
			return market.Errorf(market.KindConflict, "a request with Idempotency-Key %q is in progress", key)
		default:
			w.Header().Set("Idempotent-Replayed", "true")
			ct := "application/json"
			if rec.Code >= 400 {
				ct = "application/problem+json"
			}
			if payment != "" && rec.Code == http.StatusCreated {
				if h, err := s.settleResponse(rec.Body); err == nil {
					w.Header().Set(wire.HeaderPaymentResponse, h)
				}
			}
			writeRaw(w, rec.Code, ct, rec.Body)
		}
		return nil
	}
	// Rendered once: for the stored response and for this one.
	var rendered []byte
	done := &market.IdempotentResponse{Owner: owner, Key: key, Code: http.StatusCreated,
		Render: func(in market.Intent) []byte {
			if rendered == nil {
				rendered, _ = json.Marshal(intentJSON(in))
			}
			return rendered
		}}
	pay := &paymentAttempt{header: payment}
	status, ct, resp := s.createIntentOnce(r, body, done, quote, pay)
	ctx := r.Context()
	switch {
	case status < 300: // stored with the intent
		if payment != "" {
			h, herr := s.settleResponse(resp)
			if herr != nil {
				s.log.ErrorContext(ctx, "payment response", "err", herr)
			}
			w.Header().Set(wire.HeaderPaymentResponse, h)
		}
	case status >= 500 || status == http.StatusPaymentRequired:
		// Our failure, not the request's, or a payment to be made again:
		// let the client retry with the key.
		if pay.refused != nil {
			setPaymentRequired(w, r, pay.req, pay.refused)
		}
		err = s.store.ReleaseIdempotent(ctx, owner, key)
	default:
		err = s.store.FinishIdempotent(ctx, owner, key, status, resp)
	}
	if err != nil {
		s.log.ErrorContext(ctx, "idempotency record", "err", err)
	}
	writeRaw(w, status, ct, resp)
	return nil
}

// readQuote is the quote a POST /intents names, when it was read with the
// request's first records.
type readQuote struct {
	read bool          // it was looked up
	q    *market.Quote // nil: there is none
}

// beginIntent records the request's nonce (refusing a replay) and claims
// its idempotency key, and reads the quote its body names: in one round
// trip when the store can (market.IntentRequests).
func (s *Server) beginIntent(r *http.Request, key string, reqHash market.Hash, body []byte) (*market.Idempotent, readQuote, error) {
	ctx, owner := r.Context(), signer(r)
	n, _ := pendingNonce(r)
	if ir, ok := s.store.(market.IntentRequests); ok {
		var req wire.CreateIntentRequest
		_ = decodeJSON(bytes.NewReader(body), &req) // a bad body is refused after the claim, its answer kept
		rec, q, err := ir.BeginIntentRequest(ctx, market.IntentRequest{Nonce: n.digest, NonceExpires: n.expires,
			Owner: owner, Key: key, RequestHash: reqHash, QuoteID: req.QuoteID})
		return rec, readQuote{read: true, q: q}, err
	}
	if err := s.store.UseRequestNonce(ctx, n.digest, n.expires); err != nil {
		return nil, readQuote{}, err
	}
	rec, err := s.store.BeginIdempotent(ctx, owner, key, reqHash)
	return rec, readQuote{}, err
}

// paymentAttempt is the x402 payment of a POST /intents: the
// PAYMENT-SIGNATURE header, and once read the requirements it was held to
// and why it was refused (nil: it was not).
type paymentAttempt struct {
	header  string
	req     wire.PaymentRequirements
	refused error
}

func (s *Server) createIntentOnce(r *http.Request, body []byte, done *market.IdempotentResponse, quote readQuote, pay *paymentAttempt) (int, string, []byte) {
	fail := func(err error) (int, string, []byte) {
		status, b := problemBody(r, err)
		if status >= 500 {
			s.log.ErrorContext(r.Context(), "create intent", "err", err)
		}
		return status, "application/problem+json", b
	}
	var req wire.CreateIntentRequest
	if err := decodeJSON(strings.NewReader(string(body)), &req); err != nil {
		return fail(err)
	}
	isig, err := parseSignature(req.IntentSignature, "intent_signature")
	if err != nil {
		return fail(err)
	}
	if req.QuoteID == "" {
		return fail(market.Errorf(market.KindInvalid, "quote_id is required"))
	}
	if pay.header != "" {
		if req.FundingSignature != "" {
			return fail(market.Errorf(market.KindInvalid, "funding_signature and %s are two fundings: send one", wire.HeaderPaymentSignature))
		}
		return s.createPaidIntent(r, req.QuoteID, isig, done, quote, pay, fail)
	}
	fsig, err := parseSignature(req.FundingSignature, "funding_signature")
	if err != nil {
		return fail(err)
	}
	funding := s.fundingTxs()
	var in market.Intent
	switch {
	case !quote.read:
		in, err = s.broker.CreateFundedIntent(r.Context(), signer(r), req.QuoteID, isig, fsig, done, funding)
	case quote.q == nil:
		err = market.Errorf(market.KindNotFound, "quote not found")
	default:
		in, err = s.broker.CreateQuotedIntent(r.Context(), signer(r), *quote.q, isig, fsig, done, funding)
	}
	if err != nil {
		return fail(err)
	}
	return s.created(r, in, funding, done)
}

// fundingTxs is the relay as the broker's FundingTxs when the funding
// transaction can be queued with the intent, in one commit; nil when the
// relay is asked to fund after (created).
func (s *Server) fundingTxs() market.FundingTxs {
	funding, _ := s.relay.(market.FundingTxs)
	if _, ok := s.store.(market.FundedIntents); !ok {
		return nil
	}
	return funding
}

// created relays the funding of the new intent in unless it was queued
// with it, and renders the response.
func (s *Server) created(r *http.Request, in market.Intent, funding market.FundingTxs, done *market.IdempotentResponse) (int, string, []byte) {
	if s.relay != nil && funding == nil {
		// The operator's pass enqueues it too: a failure here only delays it.
		if err := s.relay.Fund(r.Context(), in); err != nil {
			s.log.ErrorContext(r.Context(), "relay funding", "intent", in.ID, "err", err)
		}
	}
	return http.StatusCreated, "application/json", done.Render(in)
}

// createPaidIntent creates the intent of quote quoteID paid by the x402
// payment pay: held to the quote's requirements, its authorisation
// verified by the broker, and its settlement (the deposit funding) queued
// with the intent.
func (s *Server) createPaidIntent(r *http.Request, quoteID string, isig []byte, done *market.IdempotentResponse, quote readQuote,
	pay *paymentAttempt, fail func(error) (int, string, []byte)) (int, string, []byte) {
	ctx, buyer := r.Context(), signer(r)
	var q market.Quote
	switch {
	case !quote.read:
		var err error
		if q, err = s.store.Quote(ctx, quoteID, buyer); err != nil {
			return fail(err)
		}
	case quote.q == nil:
		return fail(market.Errorf(market.KindNotFound, "quote not found"))
	default:
		q = *quote.q
	}
	req, err := s.paymentRequirements(q)
	if err != nil {
		return fail(err)
	}
	pay.req = req
	auth, sig, err := parsePayment(pay.header, req, buyer)
	if err == nil {
		funding := s.fundingTxs()
		var in market.Intent
		if in, err = s.broker.CreateDepositIntent(ctx, buyer, q, isig, auth, sig, done, funding); err == nil {
			return s.created(r, in, funding, done)
		}
	}
	if market.ErrorKind(err) == market.KindPaymentRequired {
		pay.refused = err
	}
	return fail(err)
}

// getIntent godoc
//
//	@Summary		Get an intent (its buyer only)
//	@Description	With the relayed transactions, the job's slots (worker, replica, rank, state, latest progress with its training and validation losses, committed, revealed trace root and weights) and the result the escrow holds once one was submitted, with the final validation loss of its weights when the slots that delivered them reported the same one.
//	@Tags			intents
//	@Produce		json
//	@Param			id				path		string	true	"0x intent id"
//	@Param			X-AXL-Address	header		string	true	"signer address"
//	@Param			X-AXL-Timestamp	header		string	true	"unix seconds"
//	@Success		200				{object}	wire.IntentDetail
//	@Failure		400				{object}	wire.Problem
//	@Failure		401				{object}	wire.Problem
//	@Failure		404				{object}	wire.Problem
//	@Security		AXLSignature
//	@Router			/intents/{id} [get]
func (s *Server) getIntent(w http.ResponseWriter, r *http.Request) error {
	id, err := market.ParseHash(chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	in, err := s.store.Intent(r.Context(), id, signer(r))
	if err != nil {
		return err
	}
	out := wire.IntentDetail{Intent: intentJSON(in), Slots: []wire.SlotReport{}}
	ctx := r.Context()
	reports, err := s.verification.SlotReports(ctx, id)
	if err != nil {
		return err
	}
	for _, sl := range reports {
		out.Slots = append(out.Slots, slotReportJSON(sl))
	}
	view, resultTx, err := s.chainView(ctx, id)
	if err != nil {
		return err
	}
	out.Result = resultJSON(view, resultTx)
	withValidationLoss(out.Result, reports, view, in.Spec.Steps)
	if s.relay != nil {
		txs, err := s.relay.Transactions(ctx, id)
		if err != nil {
			return err
		}
		for _, tx := range txs {
			out.Transactions = append(out.Transactions, transactionJSON(tx))
		}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// cancelIntent godoc
//
//	@Summary		Cancel an intent (its buyer only), before assignment
//	@Description	Records the request and refuses further claims; the server then cancels on chain, which credits the price to the buyer and every stake to its worker (withdrawable from the escrow), and the intent becomes cancelled. Follow it on GET /intents/{id} or the event stream.
//	@Tags			intents
//	@Produce		json
//	@Param			id				path		string	true	"0x intent id"
//	@Param			X-AXL-Address	header		string	true	"signer address"
//	@Param			X-AXL-Timestamp	header		string	true	"unix seconds"
//	@Success		202				{object}	wire.Intent
//	@Failure		400				{object}	wire.Problem
//	@Failure		401				{object}	wire.Problem
//	@Failure		404				{object}	wire.Problem
//	@Failure		409				{object}	wire.Problem	"assigned already, or final"
//	@Security		AXLSignature
//	@Router			/intents/{id} [delete]
func (s *Server) cancelIntent(w http.ResponseWriter, r *http.Request) error {
	id, err := market.ParseHash(chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	in, err := s.ledger.RequestCancel(r.Context(), id, signer(r), s.clock.Now().UTC())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusAccepted, intentJSON(in))
	return nil
}

// page reads limit (1..100, default 20) and starting_after.
func page(r *http.Request) (int, *market.Hash, error) {
	limit := 20
	q := r.URL.Query()
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			return 0, nil, market.Errorf(market.KindInvalid, "limit must be between 1 and 100")
		}
		limit = n
	}
	if v := q.Get("starting_after"); v != "" {
		h, err := market.ParseHash(v)
		if err != nil {
			return 0, nil, market.Errorf(market.KindInvalid, "starting_after: %s", market.ErrorMessage(err))
		}
		return limit, &h, nil
	}
	return limit, nil, nil
}

// listIntents godoc
//
//	@Summary	List the signer's intents, newest first
//	@Tags		intents
//	@Produce	json
//	@Param		limit			query		int		false	"page size, 1 to 100 (default 20)"
//	@Param		starting_after	query		string	false	"id of the last intent of the previous page"
//	@Param		X-AXL-Address	header		string	true	"signer address"
//	@Param		X-AXL-Timestamp	header		string	true	"unix seconds"
//	@Success	200				{object}	wire.IntentList
//	@Failure	400				{object}	wire.Problem
//	@Failure	401				{object}	wire.Problem
//	@Security	AXLSignature
//	@Router		/intents [get]
func (s *Server) listIntents(w http.ResponseWriter, r *http.Request) error {
	limit, after, err := page(r)
	if err != nil {
		return err
	}
	list, more, err := s.store.Intents(r.Context(), market.IntentFilter{Buyer: signer(r), StartingAfter: after, Limit: limit})
	if err != nil {
		return err
	}
	out := wire.IntentList{Data: []wire.Intent{}, HasMore: more}
	for _, in := range list {
		out.Data = append(out.Data, intentJSON(in))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// intentEvents godoc
//
//	@Summary		Follow an intent's events (Server-Sent Events)
//	@Description	Streams the intent's event log as text/event-stream: each event has id = its sequence number, event = its type, data = an IntentEvent JSON object. Resume with Last-Event-ID. Comments (": heartbeat") keep idle streams alive. The stream ends once the intent is final and its events were sent; a final intent with no event after Last-Event-ID is 204 (stop reconnecting). The server holds a bounded number of streams, in all and per intent (503 past them).
//	@Tags			intents
//	@Produce		text/event-stream
//	@Param			id				path		string	true	"0x intent id"
//	@Param			Last-Event-ID	header		string	false	"resume after this event id"
//	@Param			X-AXL-Address	header		string	true	"signer address"
//	@Param			X-AXL-Timestamp	header		string	true	"unix seconds"
//	@Success		200				{string}	string	"the event stream"
//	@Success		204				"the intent is final and has no event after Last-Event-ID"
//	@Failure		400				{object}	wire.Problem
//	@Failure		401				{object}	wire.Problem
//	@Failure		404				{object}	wire.Problem
//	@Failure		429				{object}	wire.Problem	"the signer holds --max-streams-per-address streams already, or is over its request rate (Retry-After)"
//	@Failure		503				{object}	wire.Problem	"too many event streams, in all or on this intent"
//	@Security		AXLSignature
//	@Router			/intents/{id}/events [get]
func (s *Server) intentEvents(w http.ResponseWriter, r *http.Request) error {
	id, after, err := streamRequest(r)
	if err != nil {
		return err
	}
	in, err := s.store.Intent(r.Context(), id, signer(r))
	if err != nil {
		return err
	}
	return s.streamEvents(w, r, id, after, in.State.Final(), func(e market.IntentEvent) (wire.IntentEvent, bool) {
		return wire.IntentEvent{Seq: e.Seq, IntentID: id.String(), Type: e.Type, State: string(e.State),
			Data: e.Data, CreatedAt: e.CreatedAt.UTC().Format(time.RFC3339Nano)}, true
	})
}

// streamRequest reads an event stream's intent id and Last-Event-ID.
func streamRequest(r *http.Request) (id market.Hash, after int64, err error) {
	if id, err = market.ParseHash(chi.URLParam(r, "id")); err != nil {
		return id, 0, err
	}
	if v := r.Header.Get("Last-Event-ID"); v != "" {
		if after, err = strconv.ParseInt(v, 10, 64); err != nil || after < 0 {
			return id, 0, market.Errorf(market.KindInvalid, "Last-Event-ID must be an event id")
		}
	}
	return id, after, nil
}

// streamEvents sends the events of intent id after the event after as
// Server-Sent Events, each as show renders it (or not at all), until the
// intent, final already when final is set, is final and every event was
// sent, the client leaves or the server shuts down.
func (s *Server) streamEvents(w http.ResponseWriter, r *http.Request, id market.Hash, after int64, final bool,
	show func(market.IntentEvent) (wire.IntentEvent, bool)) error {
	ctx := r.Context()
	// A final intent's log is read to its end and the stream closed; a
	// live one is followed through the hub, which reads the log once per
	// append for all its streams.
	var st *eventhub.Stream
	var first []market.IntentEvent
	var err error
	if final {
		if first, err = s.store.IntentEvents(ctx, id, after, 100); err != nil {
			return err
		}
		if len(first) == 0 {
			// Nothing more will come: 204 tells an EventSource to stop
			// reconnecting (WHATWG HTML, server-sent events).
			w.WriteHeader(http.StatusNoContent)
			return nil
		}
	} else {
		if s.events == nil {
			return market.Errorf(market.KindUnavailable, "this server has no event feed")
		}
		if st, err = s.events.Subscribe(id, after); err != nil {
			return err
		}
		defer st.Close()
	}
	// Read before the client can see the stream, so that any time that
	// passes after it does counts towards the first heartbeat.
	lastWrite := s.clock.Now()
	flusher, _ := w.(http.Flusher)
	// Each write has its deadline: a client that stops reading is cut
	// after WriteTimeout, while a live stream lasts as long as it reads.
	rc := http.NewResponseController(w)
	deadline := func() { _ = rc.SetWriteDeadline(time.Now().Add(s.cfg.WriteTimeout)) }
	deadline()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 2000\n\n")
	if flusher != nil {
		flusher.Flush()
	}
	// The ticker reads no database: it only tells when a heartbeat is due
	// (on the injected clock).
	tick := time.NewTicker(s.cfg.PollInterval)
	defer tick.Stop()
	for {
		var evs []market.IntentEvent
		done := false
		switch {
		case st != nil:
			evs, done, err = st.Next(ctx)
		case first != nil:
			evs, first = first, nil
			done = len(evs) < 100
		default:
			evs, err = s.store.IntentEvents(ctx, id, after, 100)
			done = len(evs) < 100
		}
		if err != nil {
			if ctx.Err() == nil {
				s.log.WarnContext(ctx, "event stream", "intent", id, "err", err)
			}
			return nil
		}
		deadline()
		for _, e := range evs {
			after = e.Seq
			if ev, ok := show(e); ok {
				b, _ := json.Marshal(ev)
				fmt.Fprintf(w, "id: %d\nevent: %s\ndata: %s\n\n", e.Seq, e.Type, b)
			}
		}
		now := s.clock.Now()
		if len(evs) > 0 {
			lastWrite = now
		} else if now.Sub(lastWrite) >= s.cfg.HeartbeatInterval {
			fmt.Fprint(w, ": heartbeat\n\n")
			lastWrite = now
		}
		if flusher != nil {
			flusher.Flush()
		}
		if done {
			return nil // the intent is final and every event was sent
		}
		if st == nil || len(evs) > 0 {
			continue
		}
		select {
		case <-ctx.Done():
			return nil
		case <-s.streaming:
			return nil
		case <-st.Changed():
		case <-tick.C:
		}
	}
}
