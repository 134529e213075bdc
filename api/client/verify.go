package client

import (
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/escrow/eip712"
	"github.com/axl-market/axl/market"
)

// Deployment is the chain and the contracts a buyer trusts: the client
// signs documents for these alone, whatever a server asks.
type Deployment struct {
	ChainID int64
	Escrow  common.Address
	// Tokens maps each payment token (USDC, AI) to its contract.
	Tokens map[string]common.Address
}

// WithDeployment makes CreateIntent check every document it signs against
// d (see CheckQuote). Without it CreateIntent refuses to sign.
func WithDeployment(d Deployment) Option { return func(c *Client) { c.deployment = &d } }

// CheckQuote reports why q, a server's answer to req, must not be signed
// by buyer against deployment d at time now, or nil: the spec must be the
// one asked for (the defaults filled in only where req left zero) and its
// hash recomputed here; the price at most req.MaxPrice; the deadline the
// one asked; the intent an Intent of d's escrow on d's chain, for buyer,
// of that token, amount, spec hash, slots, stake and deadline, its id the
// document's digest; the funding an authorisation of that token's
// contract, from buyer to the escrow, of the price, expiring no later than
// the deadline. A hostile or buggy server gets its quote refused with the
// reason; nothing is signed.
func CheckQuote(d Deployment, buyer common.Address, req wire.QuoteRequest, q wire.Quote, now time.Time) error {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("client: the quote is not signed: "+format, args...)
	}
	token, ok := d.Tokens[req.Token]
	if !ok {
		return fail("token %q is not one of the deployment's", req.Token)
	}
	if q.Token != req.Token {
		return fail("token %s, asked %s", q.Token, req.Token)
	}
	if err := checkSpec(req, q.Spec); err != nil {
		return fail("%v", err)
	}
	spec, err := specOf(q.Spec)
	if err != nil {
		return fail("spec: %v", err)
	}
	if h := eip712.SpecHash(spec).String(); !strings.EqualFold(h, q.SpecHash) {
		return fail("spec_hash %s, but the spec hashes to %s", q.SpecHash, h)
	}
	price, ok1 := new(big.Int).SetString(q.Price, 10)
	maxPrice, ok2 := new(big.Int).SetString(req.MaxPrice, 10)
	if !ok1 || !ok2 || price.Sign() <= 0 {
		return fail("price %q or max_price %q is not a positive integer", q.Price, req.MaxPrice)
	}
	if price.Cmp(maxPrice) > 0 {
		return fail("price %s is above max_price %s", price, maxPrice)
	}
	if q.Slots != req.Workers*req.Replicas {
		return fail("%d slots for %d workers × %d replicas", q.Slots, req.Workers, req.Replicas)
	}
	deadline, err := time.Parse(time.RFC3339, q.Deadline)
	if err != nil {
		return fail("deadline %q: %v", q.Deadline, err)
	}
	if asked, err := time.Parse(time.RFC3339, req.Deadline); err != nil || !asked.Equal(deadline) {
		return fail("deadline %s, asked %s", q.Deadline, req.Deadline)
	}
	if !deadline.After(now) {
		return fail("deadline %s has passed", q.Deadline)
	}

	intent := q.IntentTypedData
	if err := checkDocument(intent, "Intent", eip712.IntentType, d.ChainID, d.Escrow); err != nil {
		return fail("intent_typed_data: %v", err)
	}
	if err := checkMessage(intent.Message, map[string]string{
		"buyer": buyer.Hex(), "token": token.Hex(), "amount": price.String(), "specHash": q.SpecHash,
		"slots": strconv.FormatUint(uint64(q.Slots), 10), "stakePerSlot": q.StakePerSlot,
		"deadline": strconv.FormatInt(deadline.Unix(), 10),
	}); err != nil {
		return fail("intent_typed_data: %v", err)
	}
	digest, err := digestOf(intent)
	if err != nil {
		return fail("intent_typed_data: %v", err)
	}
	if !strings.EqualFold(digest.Hex(), q.IntentID) {
		return fail("intent_id %s is not the intent's digest %s", q.IntentID, digest.Hex())
	}

	funding := q.FundingTypedData
	switch req.Token {
	case "USDC":
		if err := checkDocument(funding, "ReceiveWithAuthorization", eip712.AuthorizationType, d.ChainID, token); err != nil {
			return fail("funding_typed_data: %v", err)
		}
		if err := checkMessage(funding.Message, map[string]string{"from": buyer.Hex(), "to": d.Escrow.Hex(),
			"value": price.String(), "nonce": q.IntentID}); err != nil {
			return fail("funding_typed_data: %v", err)
		}
		if err := checkExpiry(funding.Message["validBefore"], deadline); err != nil {
			return fail("funding_typed_data: validBefore %v", err)
		}
	case "AI":
		if err := checkDocument(funding, "Permit", eip712.PermitType, d.ChainID, token); err != nil {
			return fail("funding_typed_data: %v", err)
		}
		if err := checkMessage(funding.Message, map[string]string{"owner": buyer.Hex(), "spender": d.Escrow.Hex(),
			"value": price.String()}); err != nil {
			return fail("funding_typed_data: %v", err)
		}
		if err := checkExpiry(funding.Message["deadline"], deadline); err != nil {
			return fail("funding_typed_data: deadline %v", err)
		}
	default:
		return fail("token %q has no funding document", req.Token)
	}
	return nil
}

// checkSpec compares the quoted spec with the request: every field asked
// must be there as asked; a hyper-parameter left at zero may be filled in.
func checkSpec(req wire.QuoteRequest, s wire.Spec) error {
	switch {
	case s.BaseModel != req.BaseModel:
		return fmt.Errorf("base_model %s, asked %s", s.BaseModel, req.BaseModel)
	case s.Dataset != req.Dataset:
		return fmt.Errorf("dataset %s, asked %s", s.Dataset, req.Dataset)
	case s.Steps != req.Steps || s.Workers != req.Workers || s.Replicas != req.Replicas:
		return fmt.Errorf("%d steps × %d workers × %d replicas, asked %d × %d × %d",
			s.Steps, s.Workers, s.Replicas, req.Steps, req.Workers, req.Replicas)
	case req.Seed != "" && s.Seed != req.Seed:
		return fmt.Errorf("seed %s, asked %s", s.Seed, req.Seed)
	case s.Tokenizer != req.Tokenizer:
		return fmt.Errorf("tokenizer %q, asked %q", s.Tokenizer, req.Tokenizer)
	case req.DatasetFormat != "" && s.DatasetFormat != req.DatasetFormat && !(req.DatasetFormat == "text" && s.DatasetFormat == ""):
		return fmt.Errorf("dataset_format %q, asked %q", s.DatasetFormat, req.DatasetFormat)
	}
	// The method as asked: a full fine-tune for a LoRA (or another LoRA)
	// is not the job paid for.
	asked := req.LoRASettings
	if asked.Method == market.MethodFull {
		asked.Method = ""
	}
	am, al, aerr := ParseLoRA(asked)
	gm, gl, gerr := ParseLoRA(s.LoRASettings)
	if aerr != nil || gerr != nil || am != gm || al != gl {
		return fmt.Errorf("method %q (LoRA %+v), asked %q (LoRA %+v)", s.Method, s.LoRASettings, req.Method, req.LoRASettings)
	}
	if req.Hyperparameters == nil {
		return nil
	}
	a, g := *req.Hyperparameters, s.Hyperparameters
	for _, f := range []struct {
		name       string
		asked, got float64
	}{
		{"learning_rate", a.LearningRate, g.LearningRate}, {"weight_decay", a.WeightDecay, g.WeightDecay},
		{"batch_size", float64(a.BatchSize), float64(g.BatchSize)}, {"seq_len", float64(a.SeqLen), float64(g.SeqLen)},
		{"warmup_steps", float64(a.WarmupSteps), float64(g.WarmupSteps)}, {"inner_steps", float64(a.InnerSteps), float64(g.InnerSteps)},
	} {
		if f.asked != 0 && f.asked != f.got {
			return fmt.Errorf("%s %v, asked %v", f.name, f.got, f.asked)
		}
	}
	return nil
}

// specOf reads a spec of the API.
func specOf(s wire.Spec) (market.Spec, error) {
	bm, err := market.ParseArtifactID(s.BaseModel)
	if err != nil {
		return market.Spec{}, err
	}
	ds, err := market.ParseArtifactID(s.Dataset)
	if err != nil {
		return market.Spec{}, err
	}
	seed, err := strconv.ParseUint(s.Seed, 10, 64)
	if err != nil {
		return market.Spec{}, fmt.Errorf("seed %q: %v", s.Seed, err)
	}
	h := s.Hyperparameters
	out := market.Spec{BaseModel: bm, Dataset: ds, Steps: s.Steps, Workers: s.Workers, Replicas: s.Replicas, Seed: seed,
		Hyperparameters: market.Hyperparameters{LearningRate: h.LearningRate, WeightDecay: h.WeightDecay, BatchSize: h.BatchSize,
			SeqLen: h.SeqLen, WarmupSteps: h.WarmupSteps, InnerSteps: h.InnerSteps}, Format: market.DatasetFormat(s.DatasetFormat)}
	if s.Tokenizer != "" {
		if out.Tokenizer, err = market.ParseArtifactID(s.Tokenizer); err != nil {
			return market.Spec{}, err
		}
	}
	if s.Tokens != nil {
		if out.Tokens.Hash, err = market.ParseHash(s.Tokens.Hash); err != nil {
			return market.Spec{}, fmt.Errorf("tokens: %v", err)
		}
		out.Tokens.Count = s.Tokens.Count
	}
	if out.Tokenized() != (s.Tokens != nil) {
		return market.Spec{}, fmt.Errorf("a tokenized spec names its token stream, and only it")
	}
	if out.Method, out.LoRA, err = ParseLoRA(s.LoRASettings); err != nil {
		return market.Spec{}, err
	}
	return out, nil
}

// ParseLoRA is the method and LoRA of a spec's wire form: "" and zero for
// a full fine-tune, which names none of the LoRA settings.
func ParseLoRA(l wire.LoRASettings) (string, market.LoRA, error) {
	if l.Method == "" {
		if l.LoRAR != 0 || l.LoRAAlpha != 0 || l.LoRATargets != nil {
			return "", market.LoRA{}, fmt.Errorf("LoRA settings without method %s", market.MethodLoRA)
		}
		return "", market.LoRA{}, nil
	}
	if l.Method != market.MethodLoRA {
		return "", market.LoRA{}, fmt.Errorf("method %q: want %s or none", l.Method, market.MethodLoRA)
	}
	t, err := market.ParseLoRATargets(l.LoRATargets)
	if err != nil {
		return "", market.LoRA{}, err
	}
	lora := market.LoRA{R: l.LoRAR, Alpha: l.LoRAAlpha, Targets: t}
	return market.MethodLoRA, lora, lora.Validate()
}

// checkDocument checks a document's type, its struct's members (exactly
// the expected ones, in order, and no other struct) and its domain.
func checkDocument(td wire.TypedData, primary string, fields []apitypes.Type, chainID int64, contract common.Address) error {
	if td.PrimaryType != primary {
		return fmt.Errorf("primaryType %q, want %q", td.PrimaryType, primary)
	}
	if len(td.Types) != 1 {
		return fmt.Errorf("%d struct types, want %s alone", len(td.Types), primary)
	}
	got := td.Types[primary]
	if !slices.EqualFunc(got, fields, func(a wire.TypedDataField, b apitypes.Type) bool { return a.Name == b.Name && a.Type == b.Type }) {
		return fmt.Errorf("%s has members %v, want %v", primary, got, fields)
	}
	if td.Domain.ChainID != chainID {
		return fmt.Errorf("chain id %d, the deployment's is %d", td.Domain.ChainID, chainID)
	}
	if !common.IsHexAddress(td.Domain.VerifyingContract) || common.HexToAddress(td.Domain.VerifyingContract) != contract {
		return fmt.Errorf("verifyingContract %s, want %s", td.Domain.VerifyingContract, contract.Hex())
	}
	return nil
}

// checkMessage compares members with their expected values: addresses and
// hashes case-insensitively, numbers as numbers.
func checkMessage(msg map[string]string, want map[string]string) error {
	for _, k := range slices.Sorted(maps.Keys(want)) {
		got, w := msg[k], want[k]
		if strings.EqualFold(got, w) {
			continue
		}
		a, okA := new(big.Int).SetString(got, 0)
		b, okB := new(big.Int).SetString(w, 0)
		if okA && okB && a.Cmp(b) == 0 {
			continue
		}
		return fmt.Errorf("%s is %q, want %q", k, got, w)
	}
	return nil
}

// checkExpiry checks that an authorisation's expiry (unix seconds) is no
// later than the intent's deadline: it must not outlive the intent.
func checkExpiry(v string, deadline time.Time) error {
	at, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return fmt.Errorf("%q is not unix seconds", v)
	}
	if at > deadline.Unix() {
		return fmt.Errorf("%d is after the deadline %d", at, deadline.Unix())
	}
	return nil
}
