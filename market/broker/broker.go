// Package broker takes a buyer from a spec to a signed intent: it prices
// the work, issues quotes with the typed data to sign, and turns a quote
// and its two signatures into an intent awaiting funding.
package broker

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/big"
	"sync"
	"time"

	"github.com/axl-market/axl/market"
)

// Limits bound what a spec may ask for.
type Limits struct {
	MaxSteps    uint32
	MaxWorkers  uint32
	MaxReplicas uint32
	// MinLead is the least time between a quote's expiry and the job's deadline.
	MinLead time.Duration
	// MaxLead is the most: an intent stays active, and costs every operator
	// pass, until its deadline (0: no bound).
	MaxLead time.Duration
	// Job bounds the memory of a slot and of the referee, and the answers
	// to the referee.
	Job market.JobLimits
	// MaxTokenizedDataset bounds, in bytes, a dataset that a quote
	// tokenizes (0: no bound).
	MaxTokenizedDataset int64
}

// DefaultLimits are the limits of a default server.
var DefaultLimits = Limits{MaxSteps: 1_000_000, MaxWorkers: 64, MaxReplicas: 8, MinLead: time.Hour, MaxLead: 30 * 24 * time.Hour,
	Job: market.DefaultJobLimits, MaxTokenizedDataset: 256 << 20}

// Broker issues quotes and creates intents.
type Broker struct {
	Store market.Store
	Chain market.Chain
	// Blobs and Runtime check, before a quote, that the job runs: the base
	// model read by the workers' loader, the spec checked by their checks.
	Blobs    market.Blobs
	Runtime  market.Runtime
	Clock    market.Clock
	Random   io.Reader // nonces and quote ids
	Pricing  market.Pricing
	Signing  Signing
	QuoteTTL time.Duration
	Limits   Limits
	// Rules are the verification policy whose phases a job's deadline must
	// leave room for (zero: the defaults).
	Rules market.Rules

	// tokens remembers the token streams built, so that quotes of the
	// same inputs tokenize once; shapes the base models' shapes that
	// ModelShape read.
	tokens memo[tokenKey, market.TokenStream]
	shapes memo[market.ArtifactID, market.ModelShape]
}

// QuoteRequest is what a buyer asks a price for.
type QuoteRequest struct {
	Token           market.Token
	BaseModel       market.ArtifactID
	Dataset         market.ArtifactID
	Steps           uint32
	Workers         uint32
	Replicas        uint32
	Hyperparameters market.Hyperparameters
	Seed            *uint64 // nil: chosen at random
	MaxPrice        *big.Int
	Deadline        time.Time
	// Tokenizer is a tokenizer artifact (zero: bytes are tokens); Format
	// the dataset's ("": by its media type).
	Tokenizer market.ArtifactID
	Format    market.DatasetFormat
	// Method is "" or market.MethodFull, or market.MethodLoRA with LoRA's
	// settings (zero otherwise).
	Method string
	LoRA   market.LoRA
}

// method checks r's fine-tuning method and sets it on spec: a full
// fine-tune is the method "" whatever the request's spelling, so that its
// spec hash is the one it had before LoRA.
func (r QuoteRequest) method(spec *market.Spec) error {
	switch r.Method {
	case "", market.MethodFull:
		if r.LoRA != (market.LoRA{}) {
			return market.Errorf(market.KindInvalid, "lora_r, lora_alpha and lora_targets are for method %s", market.MethodLoRA)
		}
	case market.MethodLoRA:
		if err := r.LoRA.Validate(); err != nil {
			return err
		}
		spec.Method, spec.LoRA = market.MethodLoRA, r.LoRA
	default:
		return market.Errorf(market.KindInvalid, "method %q: want %s or %s", r.Method, market.MethodFull, market.MethodLoRA)
	}
	return nil
}

// Signing is the chain side of what buyers and workers sign: the spec
// hash, the typed data of a quote's intent and funding authorisation and of
// a claim's stake, built from the market's terms, and the signer of a
// digest. escrow/eip712.Domains implements it.
type Signing interface {
	// SpecHash is the canonical hash of a spec, which the intent commits to.
	SpecHash(market.Spec) market.Hash
	// IntentTypedData is the intent of q; its digest is the intent id.
	IntentTypedData(q market.Quote) (market.TypedData, error)
	// FundingTypedData is the token authorisation that funds q's intent
	// (q.IntentID set).
	FundingTypedData(q market.Quote) (market.TypedData, error)
	// DepositTypedData is the EIP-3009 TransferWithAuthorization of q's
	// price to its intent's deposit address with a's validity and nonce
	// (x402's exact scheme); KindInvalid for a token that has none.
	DepositTypedData(q market.Quote, a market.DepositAuthorization) (market.TypedData, error)
	// StakeTypedData are the permit and the slot binding a worker signs to
	// stake the slot of claim c.
	StakeTypedData(token market.Token, stake *big.Int, c market.Claim) (permit, bind market.TypedData, err error)
	// RecoverDigest is the address whose key signed digest, or an error of
	// kind market.KindBadSignature.
	RecoverDigest(digest market.Hash, sig []byte) (market.Address, error)
	// RecoverPersonal is the address whose key signed msg with EIP-191's
	// personal_sign (a signed request of the API), or an error.
	RecoverPersonal(msg, sig []byte) (market.Address, error)
}

// Offer is a stored quote with the two documents to sign.
type Offer struct {
	Quote   market.Quote
	Intent  market.TypedData
	Funding market.TypedData
}

func (b *Broker) random(n int) ([]byte, error) {
	buf := make([]byte, n)
	if _, err := io.ReadFull(b.Random, buf); err != nil {
		return nil, fmt.Errorf("randomness: %w", err)
	}
	return buf, nil
}

func (b *Broker) validate(r QuoteRequest) error {
	switch {
	case !r.Token.Valid():
		return market.Errorf(market.KindInvalid, "token must be USDC or AI, not %q", r.Token)
	case r.Steps == 0 || r.Steps > b.Limits.MaxSteps:
		return market.Errorf(market.KindInvalid, "steps must be between 1 and %d", b.Limits.MaxSteps)
	case r.Workers == 0 || r.Workers > b.Limits.MaxWorkers:
		return market.Errorf(market.KindInvalid, "workers must be between 1 and %d", b.Limits.MaxWorkers)
	case r.Replicas == 0 || r.Replicas > b.Limits.MaxReplicas:
		return market.Errorf(market.KindInvalid, "replicas must be between 1 and %d", b.Limits.MaxReplicas)
	case r.MaxPrice == nil || r.MaxPrice.Sign() <= 0:
		return market.Errorf(market.KindInvalid, "max_price must be a positive integer of base units")
	}
	h := r.Hyperparameters
	if h.LearningRate < 0 || h.LearningRate > 1 || h.WeightDecay < 0 || h.WeightDecay > 1 ||
		h.LearningRate != h.LearningRate || h.WeightDecay != h.WeightDecay {
		return market.Errorf(market.KindInvalid, "learning_rate and weight_decay must be within [0, 1]")
	}
	if h.BatchSize > 4096 || h.SeqLen > 65536 || h.WarmupSteps > r.Steps || h.InnerSteps > r.Steps {
		return market.Errorf(market.KindInvalid, "hyperparameters out of range (batch_size ≤ 4096, seq_len ≤ 65536, warmup_steps and inner_steps ≤ steps)")
	}
	return nil
}

// Quote prices a request for buyer and stores the quote.
func (b *Broker) Quote(ctx context.Context, buyer market.Address, r QuoteRequest) (Offer, error) {
	if err := b.validate(r); err != nil {
		return Offer{}, err
	}
	model, err := b.Store.Artifact(ctx, r.BaseModel, buyer)
	if err != nil {
		return Offer{}, fmt.Errorf("base_model: %w", err)
	}
	if model.Kind != market.ArtifactModel {
		return Offer{}, market.Errorf(market.KindInvalid, "base_model %s is a %s, not a model", r.BaseModel, model.Kind)
	}
	data, err := b.Store.Artifact(ctx, r.Dataset, buyer)
	if err != nil {
		return Offer{}, fmt.Errorf("dataset: %w", err)
	}
	if data.Kind != market.ArtifactDataset {
		return Offer{}, market.Errorf(market.KindInvalid, "dataset %s is a %s, not a dataset", r.Dataset, data.Kind)
	}
	now := b.Clock.Now().UTC().Truncate(time.Second)
	expires := now.Add(b.QuoteTTL)
	deadline := r.Deadline.UTC().Truncate(time.Second)
	if deadline.Before(expires.Add(b.Limits.MinLead)) {
		return Offer{}, market.Errorf(market.KindInvalid, "deadline must be at least %s after the quote expires (%s)",
			b.Limits.MinLead, expires.Format(time.RFC3339))
	}
	if b.Limits.MaxLead > 0 && deadline.After(expires.Add(b.Limits.MaxLead)) {
		return Offer{}, market.Errorf(market.KindInvalid, "deadline must be at most %s after the quote expires (by %s)",
			b.Limits.MaxLead, expires.Add(b.Limits.MaxLead).Format(time.RFC3339))
	}
	shape, err := b.baseModel(r.BaseModel, model.Size)
	if err != nil {
		return Offer{}, err
	}
	spec := market.Spec{BaseModel: r.BaseModel, Dataset: r.Dataset, Steps: r.Steps, Workers: r.Workers,
		Replicas: r.Replicas, Hyperparameters: r.Hyperparameters.WithDefaults(shape.Positions)}
	if err := r.method(&spec); err != nil {
		return Offer{}, err
	}
	if err := b.tokenize(ctx, buyer, r, data, shape, &spec); err != nil {
		return Offer{}, err
	}
	needs, err := b.Runtime.CheckJob(spec, shape, model.Size, data.Size)
	if err != nil {
		return Offer{}, err
	}
	if err := b.Limits.Job.Check(needs); err != nil {
		return Offer{}, err
	}
	// Workers staked on a job whose deadline comes before its commit
	// allowance ends would be at fault for the buyer's haste.
	if run, left := b.Rules.MinRun(spec, model.Size), deadline.Sub(expires); left < run {
		return Offer{}, market.Infeasible(market.BoundDeadline, int64(run/time.Second), int64(left/time.Second),
			"the deadline leaves %s after the quote expires; the job needs at least %s from its assignment (its work at %.3g FLOP/s, the reveal phase and the settling time): %s more",
			left.Round(time.Second), run.Round(time.Second), b.Rules.WithDefaults().WorkerFLOPS, (run - left).Round(time.Second))
	}
	if r.Seed != nil {
		spec.Seed = *r.Seed
	} else {
		raw, err := b.random(8)
		if err != nil {
			return Offer{}, err
		}
		spec.Seed = new(big.Int).SetBytes(raw).Uint64()
	}
	price, stake, err := b.Pricing.Price(r.Token, market.WorkOf(spec, shape), spec.Slots())
	if err != nil {
		return Offer{}, err
	}
	if price.Cmp(r.MaxPrice) > 0 {
		return Offer{}, &market.Error{Kind: market.KindPriceTooHigh,
			Message: fmt.Sprintf("the price is %s base units of %s, above max_price %s", price, r.Token, r.MaxPrice),
			Extra:   map[string]any{"price": price.String()}}
	}
	raw, err := b.random(48)
	if err != nil {
		return Offer{}, err
	}
	q := market.Quote{
		ID: "q_" + hex.EncodeToString(raw[:16]), Buyer: buyer, Token: r.Token, Spec: spec,
		SpecHash: b.Signing.SpecHash(spec), ModelSize: model.Size, SlotMemory: needs.SlotMemory, Price: price, StakePerSlot: stake,
		Deadline: deadline, Nonce: new(big.Int).SetBytes(raw[16:]), ExpiresAt: expires, CreatedAt: now,
	}
	if r.Token == market.TokenAI {
		if q.PermitNonce, err = b.Chain.PermitNonce(ctx, b.Chain.Addresses().AI, buyer); err != nil {
			return Offer{}, &market.Error{Kind: market.KindUnavailable, Message: "cannot read the permit nonce from the chain", Err: err}
		}
	}
	offer, err := b.offer(q)
	if err != nil {
		return Offer{}, err
	}
	q = offer.Quote
	if err := b.Store.CreateQuote(ctx, q); err != nil {
		return Offer{}, err
	}
	return offer, nil
}

// baseModel reads the stored base model as every worker will load it, and
// returns its shape. The check runs at each quote, not only at the upload:
// a model stored before the loader knew better is refused here.
func (b *Broker) baseModel(id market.ArtifactID, size int64) (market.ModelShape, error) {
	f, err := b.Blobs.OpenBlob(id)
	if err != nil {
		return market.ModelShape{}, fmt.Errorf("base_model %s: %w", id, err)
	}
	defer f.Close()
	shape, err := b.Runtime.InspectModel(f, size)
	if err != nil {
		return market.ModelShape{}, &market.Error{Kind: market.KindInfeasible,
			Message: fmt.Sprintf("base_model %s is not a GPT-2 model the workers load: %v", id, err),
			Extra:   map[string]any{"bound": market.BoundModel}, Err: err}
	}
	return shape, nil
}

// ModelShape is the shape of the stored model id of size bytes, as the
// workers' loader reads it, remembered: GET /jobs shows each job's model
// family and parameters without reading its header at every poll.
func (b *Broker) ModelShape(id market.ArtifactID, size int64) (market.ModelShape, error) {
	if m, ok := b.shapes.get(id); ok {
		return m, nil
	}
	m, err := b.baseModel(id, size)
	if err != nil {
		return m, err
	}
	b.shapes.put(id, m)
	return m, nil
}

// offer builds the documents of q and sets the digests it keeps: the
// intent id (which the USDC authorisation's nonce is) and the funding's.
// tokenize fills in the spec's tokenizer, format and token stream: the
// format of the request or else the dataset's media type; for a tokenized
// spec, the tokenizer checked against the model's vocabulary and the
// stream built as the workers build it, once per inputs (Limits.MaxTokenizedDataset
// bounds the dataset read).
func (b *Broker) tokenize(ctx context.Context, buyer market.Address, r QuoteRequest, data market.Artifact, shape market.ModelShape, spec *market.Spec) error {
	spec.Format = r.Format
	if spec.Format == "" {
		spec.Format = market.FormatText
		if data.MediaType == "application/jsonl" || data.MediaType == "application/x-ndjson" {
			spec.Format = market.FormatJSONL
		}
	}
	spec.Tokenizer = r.Tokenizer
	if !spec.Tokenized() {
		spec.Format = ""
		return nil
	}
	var tok []byte
	if r.Tokenizer != (market.ArtifactID{}) {
		a, err := b.Store.Artifact(ctx, r.Tokenizer, buyer)
		if err != nil {
			return fmt.Errorf("tokenizer: %w", err)
		}
		if a.Kind != market.ArtifactTokenizer {
			return market.Errorf(market.KindInvalid, "tokenizer %s is a %s, not a tokenizer", r.Tokenizer, a.Kind)
		}
		if tok, err = b.readBlob(r.Tokenizer, a.Size); err != nil {
			return err
		}
		vocab, err := b.Runtime.InspectTokenizer(tok)
		if err != nil {
			return &market.Error{Kind: market.KindInvalid, Message: fmt.Sprintf("tokenizer %s: %v", r.Tokenizer, err), Err: err}
		}
		if vocab > shape.VocabSize {
			return market.Infeasible(market.BoundVocabulary, int64(vocab), int64(shape.VocabSize),
				"the model's vocabulary of %d tokens is %d short of the tokenizer's %d", shape.VocabSize, vocab-shape.VocabSize, vocab)
		}
	}
	if max := b.Limits.MaxTokenizedDataset; max > 0 && data.Size > max {
		return market.Infeasible(market.BoundDataset, max, data.Size,
			"a dataset to tokenize holds at most %d bytes, %d more than this one's %d", max, data.Size-max, data.Size)
	}
	key := tokenKey{spec.Dataset, spec.Tokenizer, spec.Format}
	if ts, ok := b.tokens.get(key); ok {
		spec.Tokens = ts
		return nil
	}
	raw, err := b.readBlob(spec.Dataset, data.Size)
	if err != nil {
		return err
	}
	if spec.Tokens, err = b.Runtime.Tokenize(*spec, raw, tok); err != nil {
		return err
	}
	b.tokens.put(key, spec.Tokens)
	return nil
}

// readBlob reads a whole stored artifact.
func (b *Broker) readBlob(id market.ArtifactID, size int64) ([]byte, error) {
	f, err := b.Blobs.OpenBlob(id)
	if err != nil {
		return nil, fmt.Errorf("artifact %s: %w", id, err)
	}
	defer f.Close()
	buf := make([]byte, size)
	if _, err := f.ReadAt(buf, 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("artifact %s: %w", id, err)
	}
	return buf, nil
}

// tokenKey names a token stream by what it is built from.
type tokenKey struct {
	dataset, tokenizer market.ArtifactID
	format             market.DatasetFormat
}

// memo remembers what was computed of immutable inputs (artifacts are
// content-addressed); it holds at most memoSize entries, and past them
// starts afresh (forgotten ones are computed again).
type memo[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]V
}

const memoSize = 1024

func (c *memo[K, V]) get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *memo[K, V]) put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= memoSize {
		c.m = map[K]V{}
	}
	c.m[k] = v
}

func (b *Broker) offer(q market.Quote) (Offer, error) {
	intent, err := b.Signing.IntentTypedData(q)
	if err != nil {
		return Offer{}, err
	}
	q.IntentID = intent.Digest
	funding, err := b.Signing.FundingTypedData(q)
	if err != nil {
		return Offer{}, err
	}
	q.FundingDigest = funding.Digest
	return Offer{Quote: q, Intent: intent, Funding: funding}, nil
}

// CreateIntent checks the buyer's two signatures against the typed data of
// the quote and stores the intent in state funding, consuming the quote;
// done, if set, is stored with it (see market.Store.CreateIntent).
func (b *Broker) CreateIntent(ctx context.Context, buyer market.Address, quoteID string, intentSig, fundingSig []byte, done *market.IdempotentResponse) (market.Intent, error) {
	return b.CreateFundedIntent(ctx, buyer, quoteID, intentSig, fundingSig, done, nil)
}

// CreateFundedIntent is CreateIntent, and when funding is set and the
// store writes funded intents (market.FundedIntents) the funding
// transaction is queued in the same write: one commit for both.
func (b *Broker) CreateFundedIntent(ctx context.Context, buyer market.Address, quoteID string, intentSig, fundingSig []byte,
	done *market.IdempotentResponse, funding market.FundingTxs) (market.Intent, error) {
	q, err := b.Store.Quote(ctx, quoteID, buyer)
	if err != nil {
		return market.Intent{}, err
	}
	return b.CreateQuotedIntent(ctx, buyer, q, intentSig, fundingSig, done, funding)
}

// CreateQuotedIntent is CreateFundedIntent on the quote q of buyer, read
// already (with the request's other records: market.IntentRequests).
func (b *Broker) CreateQuotedIntent(ctx context.Context, buyer market.Address, q market.Quote, intentSig, fundingSig []byte,
	done *market.IdempotentResponse, funding market.FundingTxs) (market.Intent, error) {
	// The quote keeps both EIP-712 digests of its typed data (the intent id
	// is the first): no rehashing on this, the hot path.
	return b.create(ctx, buyer, q, intentSig, signed{"funding_signature", q.FundingDigest, fundingSig, market.KindBadSignature}, nil, done, funding)
}

// DepositTerms is the transfer authorisation that pays quote q through its
// intent's deposit address, with no validity or nonce yet: its domain
// names the token, its "to" the deposit address and its "value" the
// price, the terms of an x402 payment. KindInvalid for a token without
// EIP-3009 transfer authorisations.
func (b *Broker) DepositTerms(q market.Quote) (market.TypedData, error) {
	zero := time.Unix(0, 0)
	return b.Signing.DepositTypedData(q, market.DepositAuthorization{ValidAfter: zero, ValidBefore: zero})
}

// CreateDepositIntent is CreateQuotedIntent for an intent paid through its
// deposit address (x402): sig signs the buyer's TransferWithAuthorization a
// of the price to that address instead of the quote's funding document,
// and a must stay valid long enough to be relayed. A payment that does not
// verify is KindPaymentRequired: the buyer pays again.
func (b *Broker) CreateDepositIntent(ctx context.Context, buyer market.Address, q market.Quote, intentSig []byte,
	a market.DepositAuthorization, sig []byte, done *market.IdempotentResponse, funding market.FundingTxs) (market.Intent, error) {
	if err := a.Check(b.Clock.Now()); err != nil {
		return market.Intent{}, &market.Error{Kind: market.KindPaymentRequired, Message: market.ErrorMessage(err), Err: err}
	}
	td, err := b.Signing.DepositTypedData(q, a)
	if err != nil {
		return market.Intent{}, err
	}
	return b.create(ctx, buyer, q, intentSig, signed{"the payment's signature", td.Digest, sig, market.KindPaymentRequired}, &a, done, funding)
}

// signed is a signature the buyer must have made: what it is (for the
// errors), the digest it signs, and the kind of error when it does not.
type signed struct {
	what   string
	digest market.Hash
	sig    []byte
	kind   market.Kind
}

// create checks that q has not expired and that buyer signed the intent
// (intentSig) and its funding (fundingSig), and writes the intent in state
// funding, with its funding transaction when funding can say it.
func (b *Broker) create(ctx context.Context, buyer market.Address, q market.Quote, intentSig []byte, fundingSig signed,
	deposit *market.DepositAuthorization, done *market.IdempotentResponse, funding market.FundingTxs) (market.Intent, error) {
	now := b.Clock.Now().UTC()
	if !now.Before(q.ExpiresAt) {
		return market.Intent{}, market.Errorf(market.KindExpired, "quote %s expired at %s", q.ID, q.ExpiresAt.UTC().Format(time.RFC3339))
	}
	for _, c := range []signed{{"intent_signature", q.IntentID, intentSig, market.KindBadSignature}, fundingSig} {
		signer, err := b.Signing.RecoverDigest(c.digest, c.sig)
		if err != nil {
			return market.Intent{}, &market.Error{Kind: c.kind, Message: c.what + ": " + market.ErrorMessage(err), Err: err}
		}
		if signer != buyer {
			return market.Intent{}, market.Errorf(c.kind, "%s was signed by %s, not by the buyer %s", c.what, signer, buyer)
		}
	}
	in := market.Intent{
		ID: q.IntentID, QuoteID: q.ID, Buyer: buyer, Token: q.Token, Spec: q.Spec, SpecHash: q.SpecHash,
		ModelSize: q.ModelSize, SlotMemory: q.SlotMemory, Price: q.Price, StakePerSlot: q.StakePerSlot, Deadline: q.Deadline, Nonce: q.Nonce,
		State: market.IntentFunding, IntentSignature: intentSig, FundingSignature: fundingSig.sig, Deposit: deposit, CreatedAt: now,
	}
	var err error
	if fs, ok := b.Store.(market.FundedIntents); ok && funding != nil {
		var tx market.Tx
		if tx, err = funding.FundingTx(in, q.ExpiresAt); err != nil {
			return market.Intent{}, err
		}
		in, err = fs.CreateFundedIntent(ctx, in, done, &tx)
	} else {
		in, err = b.Store.CreateIntent(ctx, in, done)
	}
	if market.ErrorKind(err) == market.KindConflict {
		return market.Intent{}, &market.Error{Kind: market.KindConflict, Message: fmt.Sprintf("quote %s was already used", q.ID), Err: err}
	}
	return in, err
}
