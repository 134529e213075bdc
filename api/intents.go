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

	"github.com/ethereum/go-ethereum/common"
	"github.com/go-chi/chi/v5"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/broker"
	"github.com/axl-market/axl/market/eventhub"
)

// Hyperparameters are the training settings; in a request, zero or absent
// fields take the defaults (learning_rate 3e-4, weight_decay 0.1,
// batch_size 8, seq_len 128 or the model's n_positions if shorter,
// warmup_steps 0, inner_steps 50), which the quote's spec then holds.
type Hyperparameters struct {
	LearningRate float64 `json:"learning_rate" example:"0.0003"`
	WeightDecay  float64 `json:"weight_decay" example:"0.1"`
	BatchSize    uint32  `json:"batch_size" example:"8"`
	SeqLen       uint32  `json:"seq_len" example:"128"`
	WarmupSteps  uint32  `json:"warmup_steps" example:"0"`
	InnerSteps   uint32  `json:"inner_steps" example:"50"`
}

// QuoteRequest asks the price of a job.
type QuoteRequest struct {
	Token           string           `json:"token" enums:"USDC,AI" example:"USDC"`
	BaseModel       string           `json:"base_model" example:"sha256:5c1f0e0b9c1e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a"`
	Dataset         string           `json:"dataset" example:"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`
	Steps           uint32           `json:"steps" example:"1000"`
	Workers         uint32           `json:"workers" example:"2"`
	Replicas        uint32           `json:"replicas" example:"2"`
	Hyperparameters *Hyperparameters `json:"hyperparameters,omitempty"`
	// Seed of the run as a decimal uint64; chosen at random when absent.
	Seed     string `json:"seed,omitempty" example:"42"`
	MaxPrice string `json:"max_price" example:"1000000"`
	Deadline string `json:"deadline" example:"2026-12-01T00:00:00Z"`
}

// TypedDataField is one member of an EIP-712 struct type.
type TypedDataField struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// TypedDataDomain is an EIP-712 domain.
type TypedDataDomain struct {
	Name              string `json:"name" example:"AXLEscrow"`
	Version           string `json:"version" example:"1"`
	ChainID           int64  `json:"chainId" example:"1337"`
	VerifyingContract string `json:"verifyingContract" example:"0x5FbDB2315678afecb367f032d93F642f64180aa3"`
}

// TypedData is an EIP-712 document, signable as it stands with ethers'
// signTypedData(domain, types, message): types omits EIP712Domain.
type TypedData struct {
	Domain      TypedDataDomain             `json:"domain"`
	Types       map[string][]TypedDataField `json:"types"`
	PrimaryType string                      `json:"primaryType" example:"Intent"`
	// Message holds the values: addresses and bytes32 as 0x hex, integers as decimal strings.
	Message map[string]string `json:"message"`
}

func typedDataJSON(td market.TypedData) TypedData {
	out := TypedData{
		Domain: TypedDataDomain{Name: td.Domain.Name, Version: td.Domain.Version,
			ChainID: td.Domain.ChainID.Int64(), VerifyingContract: td.Domain.VerifyingContract},
		Types: map[string][]TypedDataField{}, PrimaryType: td.PrimaryType, Message: td.Message,
	}
	for name, fields := range td.Types {
		for _, f := range fields {
			out.Types[name] = append(out.Types[name], TypedDataField{Name: f.Name, Type: f.Type})
		}
	}
	return out
}

// Spec is the job an intent pays for; spec_hash commits to it.
type Spec struct {
	BaseModel       string          `json:"base_model"`
	Dataset         string          `json:"dataset"`
	Steps           uint32          `json:"steps"`
	Workers         uint32          `json:"workers"`
	Replicas        uint32          `json:"replicas"`
	Hyperparameters Hyperparameters `json:"hyperparameters"`
	Seed            string          `json:"seed" example:"42"`
}

func specJSON(s market.Spec) Spec {
	return Spec{BaseModel: s.BaseModel.String(), Dataset: s.Dataset.String(), Steps: s.Steps, Workers: s.Workers,
		Replicas: s.Replicas, Seed: strconv.FormatUint(s.Seed, 10), Hyperparameters: hyperparametersJSON(s.Hyperparameters)}
}

func hyperparametersJSON(h market.Hyperparameters) Hyperparameters {
	return Hyperparameters{LearningRate: h.LearningRate, WeightDecay: h.WeightDecay, BatchSize: h.BatchSize,
		SeqLen: h.SeqLen, WarmupSteps: h.WarmupSteps, InnerSteps: h.InnerSteps}
}

// Quote is a price and the two documents the buyer signs to accept it.
type Quote struct {
	QuoteID      string `json:"quote_id" example:"q_6f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"`
	IntentID     string `json:"intent_id" example:"0x3b0c…"`
	Token        string `json:"token" example:"USDC"`
	Price        string `json:"price" example:"400000"`
	StakePerSlot string `json:"stake_per_slot" example:"50000"`
	Slots        uint32 `json:"slots" example:"4"`
	// SlotMemory is the memory, in bytes, that each slot's worker needs
	// (GET /jobs lists it for the workers).
	SlotMemory       int64     `json:"slot_memory" example:"125829120"`
	Spec             Spec      `json:"spec"`
	SpecHash         string    `json:"spec_hash"`
	Deadline         string    `json:"deadline" example:"2026-12-01T00:00:00Z"`
	ExpiresAt        string    `json:"expires_at" example:"2026-11-25T12:10:00Z"`
	IntentTypedData  TypedData `json:"intent_typed_data"`
	FundingTypedData TypedData `json:"funding_typed_data"`
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
//	@Description	Checks that the job can run before anyone stakes, and prices it. The base model is read by the workers' own loader; the defaults are filled in for the model (seq_len at most its n_positions) and written into the spec; seq_len must fit the model's context, every worker's shard of the dataset must hold one sequence (workers × (seq_len+1) bytes at least), and a slot's memory and the referee's recomputation of one step must fit the server's --max-job-memory (and the largest answer to the referee its body limit): else 422 infeasible, whose bound, limit and value say which and by how much. The price: steps × workers × replicas × model size (MiB, rounded up) × the token's rate, at least the token's minimum. Returns the Intent and the funding authorisation to sign (EIP-3009 ReceiveWithAuthorization for USDC, EIP-2612 Permit for AI).
//	@Tags			intents
//	@Accept			json
//	@Produce		json
//	@Param			X-AXL-Address	header		string			true	"signer address"
//	@Param			X-AXL-Timestamp	header		string			true	"unix seconds"
//	@Param			request			body		QuoteRequest	true	"the job"
//	@Success		200				{object}	Quote
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Failure		413				{object}	Problem
//	@Failure		422				{object}	Problem	"infeasible job (bound, limit and value say which bound and by how much), or price above max_price (the problem states the price)"
//	@Failure		503				{object}	Problem
//	@Security		AXLSignature
//	@Router			/intents/quote [post]
func (s *Server) quote(w http.ResponseWriter, r *http.Request) {
	var req QuoteRequest
	if err := decodeJSON(r.Body, &req); err != nil {
		s.problem(w, r, err)
		return
	}
	qr, err := quoteRequest(req)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	offer, err := s.broker.Quote(r.Context(), signer(r), qr)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	q := offer.Quote
	writeJSON(w, http.StatusOK, Quote{
		QuoteID: q.ID, IntentID: q.IntentID.String(), Token: string(q.Token), Price: q.Price.String(),
		StakePerSlot: q.StakePerSlot.String(), Slots: q.Spec.Slots(), SlotMemory: q.SlotMemory, Spec: specJSON(q.Spec), SpecHash: q.SpecHash.String(),
		Deadline: q.Deadline.UTC().Format(time.RFC3339), ExpiresAt: q.ExpiresAt.UTC().Format(time.RFC3339),
		IntentTypedData: typedDataJSON(offer.Intent), FundingTypedData: typedDataJSON(offer.Funding),
	})
}

func quoteRequest(req QuoteRequest) (broker.QuoteRequest, error) {
	qr := broker.QuoteRequest{Token: market.Token(req.Token), Steps: req.Steps, Workers: req.Workers, Replicas: req.Replicas}
	var err error
	if qr.BaseModel, err = market.ParseArtifactID(req.BaseModel); err != nil {
		return qr, market.Errorf(market.KindInvalid, "base_model: %s", market.ErrorMessage(err))
	}
	if qr.Dataset, err = market.ParseArtifactID(req.Dataset); err != nil {
		return qr, market.Errorf(market.KindInvalid, "dataset: %s", market.ErrorMessage(err))
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

// CreateIntentRequest accepts a quote with the buyer's two signatures.
type CreateIntentRequest struct {
	QuoteID          string `json:"quote_id" example:"q_6f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"`
	IntentSignature  string `json:"intent_signature" example:"0x…65 bytes"`
	FundingSignature string `json:"funding_signature" example:"0x…65 bytes"`
}

// Intent is a buyer's signed order.
type Intent struct {
	ID               string `json:"id" example:"0x3b0c…"`
	QuoteID          string `json:"quote_id"`
	State            string `json:"state" enums:"quoted,funding,open,matched,running,verifying,disputed,released,refunded,cancelled,failed" example:"funding"`
	Buyer            string `json:"buyer" example:"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"`
	Token            string `json:"token" example:"USDC"`
	Price            string `json:"price" example:"400000"`
	StakePerSlot     string `json:"stake_per_slot" example:"50000"`
	Slots            uint32 `json:"slots" example:"4"`
	Spec             Spec   `json:"spec"`
	SpecHash         string `json:"spec_hash"`
	ModelSize        int64  `json:"model_size"`
	Deadline         string `json:"deadline"`
	Nonce            string `json:"nonce"`
	IntentSignature  string `json:"intent_signature"`
	FundingSignature string `json:"funding_signature"`
	CreatedAt        string `json:"created_at"`
	UpdatedAt        string `json:"updated_at"`
	// Transactions are the ones the server relayed for the intent, oldest
	// first (GET /intents/{id} only): a failed one carries its revert reason.
	Transactions []Transaction `json:"transactions,omitempty"`
}

// IntentDetail is an intent as GET /intents/{id} shows it: slots lists
// the job's slots with their reports (where lists of intents give their
// number), and result is the result the escrow holds.
type IntentDetail struct {
	Intent
	// Slots are in slot order; empty until the job is made (on funding).
	Slots []SlotReport `json:"slots"`
	// Result is absent until a result is submitted on chain or a dispute resolved.
	Result *IntentResult `json:"result,omitempty"`
}

func intentJSON(in market.Intent) Intent {
	return Intent{
		ID: in.ID.String(), QuoteID: in.QuoteID, State: string(in.State), Buyer: common.Address(in.Buyer).Hex(),
		Token: string(in.Token), Price: in.Price.String(), StakePerSlot: in.StakePerSlot.String(), Slots: in.Spec.Slots(),
		Spec: specJSON(in.Spec), SpecHash: in.SpecHash.String(), ModelSize: in.ModelSize,
		Deadline: in.Deadline.UTC().Format(time.RFC3339), Nonce: in.Nonce.String(),
		IntentSignature: "0x" + hex.EncodeToString(in.IntentSignature), FundingSignature: "0x" + hex.EncodeToString(in.FundingSignature),
		CreatedAt: in.CreatedAt.UTC().Format(time.RFC3339Nano), UpdatedAt: in.UpdatedAt.UTC().Format(time.RFC3339Nano),
	}
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
//	@Tags			intents
//	@Accept			json
//	@Produce		json
//	@Param			X-AXL-Address	header		string				true	"signer address"
//	@Param			X-AXL-Timestamp	header		string				true	"unix seconds"
//	@Param			Idempotency-Key	header		string				true	"client-chosen key, at most 255 characters"
//	@Param			request			body		CreateIntentRequest	true	"the quote and the signatures"
//	@Success		201				{object}	Intent
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Failure		409				{object}	Problem
//	@Failure		410				{object}	Problem	"the quote expired"
//	@Failure		413				{object}	Problem
//	@Failure		422				{object}	Problem
//	@Security		AXLSignature
//	@Router			/intents [post]
func (s *Server) createIntent(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	if key == "" || len(key) > 255 {
		s.problem(w, r, market.Errorf(market.KindInvalid, "the Idempotency-Key header is required (1 to 255 characters)"))
		return
	}
	body, _ := io.ReadAll(r.Body) // already read and bounded by authenticate
	owner := signer(r)
	reqHash := market.Hash(sha256.Sum256(body))
	rec, quote, err := s.beginIntent(r, key, reqHash, body)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if rec != nil {
		switch {
		case rec.RequestHash != reqHash:
			s.problem(w, r, market.Errorf(market.KindUnprocessable, "Idempotency-Key %q was used with another body", key))
		case !rec.Done:
			s.problem(w, r, market.Errorf(market.KindConflict, "a request with Idempotency-Key %q is in progress", key))
		default:
			w.Header().Set("Idempotent-Replayed", "true")
			ct := "application/json"
			if rec.Status >= 400 {
				ct = "application/problem+json"
			}
			writeRaw(w, rec.Status, ct, rec.Body)
		}
		return
	}
	// Rendered once: for the stored response and for this one.
	var rendered []byte
	done := &market.IdempotentResponse{Owner: owner, Key: key, Status: http.StatusCreated,
		Render: func(in market.Intent) []byte {
			if rendered == nil {
				rendered, _ = json.Marshal(intentJSON(in))
			}
			return rendered
		}}
	status, ct, resp := s.createIntentOnce(r, body, done, quote)
	ctx := r.Context()
	switch {
	case status < 300: // stored with the intent
	case status >= 500:
		// Our failure, not the request's: let the client retry with the key.
		err = s.store.ReleaseIdempotent(ctx, owner, key)
	default:
		err = s.store.FinishIdempotent(ctx, owner, key, status, resp)
	}
	if err != nil {
		s.log.ErrorContext(ctx, "idempotency record", "err", err)
	}
	writeRaw(w, status, ct, resp)
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
		var req CreateIntentRequest
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

func (s *Server) createIntentOnce(r *http.Request, body []byte, done *market.IdempotentResponse, quote readQuote) (int, string, []byte) {
	fail := func(err error) (int, string, []byte) {
		status, b := problemBody(r, err)
		if status >= 500 {
			s.log.ErrorContext(r.Context(), "create intent", "err", err)
		}
		return status, "application/problem+json", b
	}
	var req CreateIntentRequest
	if err := decodeJSON(strings.NewReader(string(body)), &req); err != nil {
		return fail(err)
	}
	isig, err := parseSignature(req.IntentSignature, "intent_signature")
	if err != nil {
		return fail(err)
	}
	fsig, err := parseSignature(req.FundingSignature, "funding_signature")
	if err != nil {
		return fail(err)
	}
	if req.QuoteID == "" {
		return fail(market.Errorf(market.KindInvalid, "quote_id is required"))
	}
	// An escrow that names the funding transaction has it queued with the
	// intent, in one commit; another is asked to relay it after.
	funding, _ := s.escrow.(market.FundingTxs)
	if _, ok := s.store.(market.FundedIntents); !ok {
		funding = nil
	}
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
	if s.escrow != nil && funding == nil {
		// The operator's pass enqueues it too: a failure here only delays it.
		if err := s.escrow.Fund(r.Context(), in); err != nil {
			s.log.ErrorContext(r.Context(), "relay funding", "intent", in.ID, "err", err)
		}
	}
	return http.StatusCreated, "application/json", done.Render(in)
}

// getIntent godoc
//
//	@Summary		Get an intent (its buyer only)
//	@Description	With the relayed transactions, the job's slots (worker, replica, rank, state, latest progress, committed, revealed trace root and weights) and the result the escrow holds once one was submitted.
//	@Tags			intents
//	@Produce		json
//	@Param			id				path		string	true	"0x intent id"
//	@Param			X-AXL-Address	header		string	true	"signer address"
//	@Param			X-AXL-Timestamp	header		string	true	"unix seconds"
//	@Success		200				{object}	IntentDetail
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Security		AXLSignature
//	@Router			/intents/{id} [get]
func (s *Server) getIntent(w http.ResponseWriter, r *http.Request) {
	id, err := market.ParseHash(chi.URLParam(r, "id"))
	if err != nil {
		s.problem(w, r, err)
		return
	}
	in, err := s.store.Intent(r.Context(), id, signer(r))
	if err != nil {
		s.problem(w, r, err)
		return
	}
	out := IntentDetail{Intent: intentJSON(in), Slots: []SlotReport{}}
	ctx := r.Context()
	reports, err := s.verification.SlotReports(ctx, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	for _, sl := range reports {
		out.Slots = append(out.Slots, slotReportJSON(sl))
	}
	view, resultTx, err := s.chainView(ctx, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	out.Result = resultJSON(view, resultTx)
	if s.escrow != nil {
		txs, err := s.escrow.Transactions(ctx, id)
		if err != nil {
			s.problem(w, r, err)
			return
		}
		for _, tx := range txs {
			out.Transactions = append(out.Transactions, transactionJSON(tx))
		}
	}
	writeJSON(w, http.StatusOK, out)
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
//	@Success		202				{object}	Intent
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Failure		409				{object}	Problem	"assigned already, or final"
//	@Security		AXLSignature
//	@Router			/intents/{id} [delete]
func (s *Server) cancelIntent(w http.ResponseWriter, r *http.Request) {
	id, err := market.ParseHash(chi.URLParam(r, "id"))
	if err != nil {
		s.problem(w, r, err)
		return
	}
	in, err := s.jobs.RequestCancel(r.Context(), id, signer(r), s.clock.Now().UTC())
	if err != nil {
		s.problem(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, intentJSON(in))
}

// IntentList is a page of intents, newest first.
type IntentList struct {
	Data    []Intent `json:"data"`
	HasMore bool     `json:"has_more"`
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
//	@Success	200				{object}	IntentList
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Security	AXLSignature
//	@Router		/intents [get]
func (s *Server) listIntents(w http.ResponseWriter, r *http.Request) {
	limit, after, err := page(r)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	list, more, err := s.store.Intents(r.Context(), market.IntentFilter{Buyer: signer(r), StartingAfter: after, Limit: limit})
	if err != nil {
		s.problem(w, r, err)
		return
	}
	out := IntentList{Data: []Intent{}, HasMore: more}
	for _, in := range list {
		out.Data = append(out.Data, intentJSON(in))
	}
	writeJSON(w, http.StatusOK, out)
}

// IntentEvent is the data of one SSE event of an intent.
type IntentEvent struct {
	Seq       int64           `json:"seq"`
	IntentID  string          `json:"intent_id"`
	Type      string          `json:"type" example:"state"`
	State     string          `json:"state" example:"funding"`
	Data      json.RawMessage `json:"data" swaggertype:"object"`
	CreatedAt string          `json:"created_at"`
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
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Failure		429				{object}	Problem	"the signer holds --max-streams-per-address streams already, or is over its request rate (Retry-After)"
//	@Failure		503				{object}	Problem	"too many event streams, in all or on this intent"
//	@Security		AXLSignature
//	@Router			/intents/{id}/events [get]
func (s *Server) intentEvents(w http.ResponseWriter, r *http.Request) {
	id, err := market.ParseHash(chi.URLParam(r, "id"))
	if err != nil {
		s.problem(w, r, err)
		return
	}
	var after int64
	if v := r.Header.Get("Last-Event-ID"); v != "" {
		if after, err = strconv.ParseInt(v, 10, 64); err != nil || after < 0 {
			s.problem(w, r, market.Errorf(market.KindInvalid, "Last-Event-ID must be an event id"))
			return
		}
	}
	ctx := r.Context()
	in, err := s.store.Intent(ctx, id, signer(r))
	if err != nil {
		s.problem(w, r, err)
		return
	}
	// A final intent's log is read to its end and the stream closed; a
	// live one is followed through the hub, which reads the log once per
	// append for all its streams.
	var st *eventhub.Stream
	var first []market.IntentEvent
	if in.State.Final() {
		if first, err = s.store.IntentEvents(ctx, id, after, 100); err != nil {
			s.problem(w, r, err)
			return
		}
		if len(first) == 0 {
			// Nothing more will come: 204 tells an EventSource to stop
			// reconnecting (WHATWG HTML, server-sent events).
			w.WriteHeader(http.StatusNoContent)
			return
		}
	} else {
		if s.events == nil {
			s.problem(w, r, market.Errorf(market.KindUnavailable, "this server has no event feed"))
			return
		}
		if st, err = s.events.Subscribe(id, after); err != nil {
			s.problem(w, r, err)
			return
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
		final := false
		switch {
		case st != nil:
			evs, final, err = st.Next(ctx)
		case first != nil:
			evs, first = first, nil
			final = len(evs) < 100
		default:
			evs, err = s.store.IntentEvents(ctx, id, after, 100)
			final = len(evs) < 100
		}
		if err != nil {
			if ctx.Err() == nil {
				s.log.WarnContext(ctx, "event stream", "intent", id, "err", err)
			}
			return
		}
		deadline()
		for _, e := range evs {
			b, _ := json.Marshal(IntentEvent{Seq: e.Seq, IntentID: id.String(), Type: e.Type, State: string(e.State),
				Data: e.Data, CreatedAt: e.CreatedAt.UTC().Format(time.RFC3339Nano)})
			fmt.Fprintf(w, "id: %d\nevent: %s\ndata: %s\n\n", e.Seq, e.Type, b)
			after = e.Seq
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
		if final {
			return // the intent is final and every event was sent
		}
		if st == nil || len(evs) > 0 {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-s.streaming:
			return
		case <-st.Changed():
		case <-tick.C:
		}
	}
}
