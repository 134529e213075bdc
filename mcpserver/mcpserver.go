// Package mcpserver serves a buyer's market tools over the Model Context
// Protocol (the official Go SDK), so that an agent that speaks MCP buys
// fine-tuning runs without writing the signed-request scheme or EIP-712:
// upload an input, quote, buy (quote, check, sign, create), read and list
// intents, wait for one with progress notifications, download the
// verified weights, cancel, read disputes, list open jobs, read the
// escrow's balances and payouts, register, list and delete webhooks. It is a client
// of the API (api/client): the key stays with the agent's process, and
// every document is checked before it is signed (client.CheckQuote).
package mcpserver

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/axl-market/axl/api/client"
	"github.com/axl-market/axl/api/wire"
)

// Version is the server's version, as MCP's initialize reports it.
const Version = "1.0.0"

// instructions introduce the tools to the agent's model.
const instructions = "Buy verified fine-tuning runs: upload a base model (safetensors) and a dataset (text or JSONL), " +
	"quote or buy a job (the price is at most max_price, in the token's base units), wait for the intent to be " +
	"released, then download the verified weights. Amounts are decimal strings of base units (USDC has 6 decimals)."

// New returns the MCP server of the tools of c, a client with a key and a
// deployment (client.WithDeployment) for the tools that sign.
func New(c *client.Client) *mcp.Server {
	s := newServer(instructions)
	t := tools{c: c}
	mcp.AddTool(s, &mcp.Tool{Name: "upload_artifact", Title: "Upload a model or a dataset",
		Description: "Uploads a local file as an artifact and returns its id (sha256:…). A .safetensors file is a model; " +
			".jsonl a JSONL dataset; anything else UTF-8 text. The same bytes give the same id."}, t.upload)
	mcp.AddTool(s, &mcp.Tool{Name: "quote", Title: "Quote a job",
		Description: "Prices a fine-tuning job and checks that it can run, without signing or paying anything."}, t.quote)
	mcp.AddTool(s, &mcp.Tool{Name: "buy", Title: "Buy a job",
		Description: "Quotes the job, checks the quote against what was asked and the configured chain and contracts, " +
			"signs the intent and its funding with the agent's key, and creates the intent: the server relays the funding. " +
			"A quote that is not what was asked is refused with the reason and nothing is signed."}, t.buy)
	mcp.AddTool(s, &mcp.Tool{Name: "download_weights", Title: "Download the verified weights",
		Description: "Writes a released intent's weights to path, checked against the hash of the on-chain Released event."}, t.weights)
	t.addShared(s)
	return s
}

// NewRemote returns the MCP server that axl serve offers at /mcp, for an
// agent whose key stays in its own wallet: c acts as the signer of the
// MCP request (client.Delegated). Its tools are New's but for those that
// touch local files (upload_artifact, download_weights: they would read
// and write the server's disk) and for buy, which needs the key: quote
// returns the documents to sign, and create_intent takes the signatures.
// The agent's wallet checks what it signs (client.CheckQuote does so for
// Go); the server cannot vouch for itself.
func NewRemote(c *client.Client) *mcp.Server {
	s := newServer(instructions + " Here the agent signs: quote returns the intent and funding documents (EIP-712), " +
		"and create_intent takes their signatures; upload and download over the API itself.")
	t := tools{c: c}
	mcp.AddTool(s, &mcp.Tool{Name: "quote", Title: "Quote a job, with the documents to sign",
		Description: "Prices a fine-tuning job and checks that it can run; returns the intent and its funding as EIP-712 " +
			"documents for the agent's wallet to check and sign, then to pass to create_intent."}, t.quoteToSign)
	mcp.AddTool(s, &mcp.Tool{Name: "create_intent", Title: "Buy a quoted job",
		Description: "Creates the intent of a quote with the agent's signatures of its two documents; the server relays the funding."}, t.createIntent)
	t.addShared(s)
	return s
}

// newServer is the MCP server of the market, introduced by instr.
func newServer(instr string) *mcp.Server {
	return mcp.NewServer(&mcp.Implementation{Name: "axl-market", Title: "AXL market", Version: Version},
		&mcp.ServerOptions{Instructions: instr})
}

// addShared adds the tools that New and NewRemote share.
func (t tools) addShared(s *mcp.Server) {
	mcp.AddTool(s, &mcp.Tool{Name: "get_intent", Title: "Read an intent",
		Description: "One of the agent's intents: its state, transactions, slots and result."}, t.intent)
	mcp.AddTool(s, &mcp.Tool{Name: "list_intents", Title: "List intents",
		Description: "The agent's intents, newest first."}, t.intents)
	mcp.AddTool(s, &mcp.Tool{Name: "wait_intent", Title: "Wait for an intent",
		Description: "Follows an intent's events until it is final (released, refunded, cancelled or failed) or timeout_seconds pass, " +
			"sending each event before the final one as a progress notification when the call has a progress token; the result says how it ended."}, t.wait)
	mcp.AddTool(s, &mcp.Tool{Name: "cancel_intent", Title: "Cancel an intent",
		Description: "Asks for the cancellation of an intent not yet assigned; the escrow refunds it."}, t.cancel)
	mcp.AddTool(s, &mcp.Tool{Name: "get_disputes", Title: "Read an intent's disputes",
		Description: "The Verde disputes of an intent (public): transcripts and rulings."}, t.disputes)
	mcp.AddTool(s, &mcp.Tool{Name: "list_jobs", Title: "List open jobs",
		Description: "The jobs with free slots, as workers see them (public)."}, t.jobs)
	mcp.AddTool(s, &mcp.Tool{Name: "get_balances", Title: "Read the escrow's balances",
		Description: "What the escrow credits the agent in each token (the server pays it to the agent's wallet once an intent " +
			"is released, refunded or cancelled: no ETH needed) and the payout transactions of its intents."}, t.balances)
	mcp.AddTool(s, &mcp.Tool{Name: "register_webhook", Title: "Register a webhook",
		Description: "Has the server POST the events of the agent's intents to url, signed as Standard Webhooks says; the " +
			"answer's secret (whsec_…) verifies them and is shown this once."}, t.registerWebhook)
	mcp.AddTool(s, &mcp.Tool{Name: "list_webhooks", Title: "List webhooks",
		Description: "The agent's webhook endpoints with their queue and failures (secrets are not shown)."}, t.webhooks)
	mcp.AddTool(s, &mcp.Tool{Name: "delete_webhook", Title: "Delete a webhook",
		Description: "Removes one of the agent's webhook endpoints and its queued deliveries."}, t.deleteWebhook)
}

// progressSettle is how long after its last progress notification a tool
// call's result waits.
const progressSettle = 200 * time.Millisecond

// tools are the handlers, each a call or two of the client.
type tools struct{ c *client.Client }

// UploadInput is upload_artifact's input.
type UploadInput struct {
	Path      string `json:"path" jsonschema:"the local file to upload"`
	MediaType string `json:"media_type,omitempty" jsonschema:"its media type (default: by its name: application/vnd.safetensors, application/jsonl or text/plain)"`
}

func (t tools) upload(ctx context.Context, _ *mcp.CallToolRequest, in UploadInput) (*mcp.CallToolResult, wire.Artifact, error) {
	mt := in.MediaType
	if mt == "" {
		switch strings.ToLower(filepath.Ext(in.Path)) {
		case ".safetensors":
			mt = "application/vnd.safetensors"
		case ".jsonl":
			mt = "application/jsonl"
		default:
			mt = "text/plain"
		}
	}
	if _, err := os.Stat(in.Path); err != nil {
		return nil, wire.Artifact{}, err
	}
	a, err := t.c.UploadArtifactFile(ctx, mt, in.Path)
	return nil, a, err
}

// JobInput is what quote and buy ask for: a job and what the agent pays
// at most.
type JobInput struct {
	Token           string           `json:"token" jsonschema:"the payment token: USDC or AI"`
	BaseModel       string           `json:"base_model" jsonschema:"artifact id (sha256:…) of the base model"`
	Dataset         string           `json:"dataset" jsonschema:"artifact id (sha256:…) of the dataset"`
	Steps           uint32           `json:"steps" jsonschema:"inner steps of every worker"`
	Workers         uint32           `json:"workers" jsonschema:"workers per replica"`
	Replicas        uint32           `json:"replicas" jsonschema:"replica swarms: 2 or more are refereed, 1 is spot-checked"`
	Hyperparameters *Hyperparameters `json:"hyperparameters,omitempty" jsonschema:"training settings; those left out get the defaults"`
	Seed            string           `json:"seed,omitempty" jsonschema:"the run's seed, a decimal uint64 (random when absent)"`
	MaxPrice        string           `json:"max_price" jsonschema:"the most the agent pays, in base units of the token"`
	Deadline        string           `json:"deadline" jsonschema:"when the job must be released: an RFC 3339 time, or a duration from now such as 2h"`
	Tokenizer       string           `json:"tokenizer,omitempty" jsonschema:"artifact id (sha256:…) of a byte-level BPE tokenizer.json (absent: bytes are tokens)"`
	DatasetFormat   string           `json:"dataset_format,omitempty" jsonschema:"text or jsonl (default: by the dataset's media type)"`
	Method          string           `json:"method,omitempty" jsonschema:"full (every weight, the default) or lora (a low-rank adapter on the frozen model)"`
	LoRAR           uint32           `json:"lora_r,omitempty" jsonschema:"LoRA rank (method lora)"`
	LoRAAlpha       float64          `json:"lora_alpha,omitempty" jsonschema:"LoRA alpha: the update is scaled by alpha/r (method lora)"`
	LoRATargets     []string         `json:"lora_targets,omitempty" jsonschema:"LoRA target modules among c_attn, c_proj and c_fc (method lora)"`
}

// Hyperparameters are a job's training settings, each optional.
type Hyperparameters struct {
	LearningRate float64 `json:"learning_rate,omitempty" jsonschema:"peak learning rate (default 3e-4)"`
	WeightDecay  float64 `json:"weight_decay,omitempty" jsonschema:"AdamW's decoupled weight decay (default 0.1)"`
	BatchSize    uint32  `json:"batch_size,omitempty" jsonschema:"sequences per step (default 8)"`
	SeqLen       uint32  `json:"seq_len,omitempty" jsonschema:"tokens per sequence (default 128, at most the model's context)"`
	WarmupSteps  uint32  `json:"warmup_steps,omitempty" jsonschema:"steps of linear warm-up (default 0)"`
	InnerSteps   uint32  `json:"inner_steps,omitempty" jsonschema:"NoLoCo's H: inner steps between outer steps (default 50)"`
}

// request is the API's quote request for in, its deadline resolved at now.
func (in JobInput) request(now time.Time) (wire.QuoteRequest, error) {
	deadline := in.Deadline
	if d, err := time.ParseDuration(in.Deadline); err == nil {
		if d <= 0 {
			return wire.QuoteRequest{}, fmt.Errorf("deadline %s: want a duration from now above zero", in.Deadline)
		}
		deadline = now.Add(d).UTC().Format(time.RFC3339)
	} else if _, err := time.Parse(time.RFC3339, in.Deadline); err != nil {
		return wire.QuoteRequest{}, fmt.Errorf("deadline %q: want an RFC 3339 time or a duration such as 2h", in.Deadline)
	}
	var hyper *wire.Hyperparameters
	if h := in.Hyperparameters; h != nil {
		hyper = &wire.Hyperparameters{LearningRate: h.LearningRate, WeightDecay: h.WeightDecay, BatchSize: h.BatchSize,
			SeqLen: h.SeqLen, WarmupSteps: h.WarmupSteps, InnerSteps: h.InnerSteps}
	}
	return wire.QuoteRequest{Token: in.Token, BaseModel: in.BaseModel, Dataset: in.Dataset, Steps: in.Steps, Workers: in.Workers,
		Replicas: in.Replicas, Hyperparameters: hyper, Seed: in.Seed, MaxPrice: in.MaxPrice, Deadline: deadline,
		Tokenizer: in.Tokenizer, DatasetFormat: in.DatasetFormat,
		LoRASettings: wire.LoRASettings{Method: in.Method, LoRAR: in.LoRAR, LoRAAlpha: in.LoRAAlpha, LoRATargets: in.LoRATargets}}, nil
}

// QuoteOutput is a quote, less the documents to sign.
type QuoteOutput struct {
	QuoteID      string    `json:"quote_id"`
	IntentID     string    `json:"intent_id"`
	Token        string    `json:"token"`
	Price        string    `json:"price" jsonschema:"in base units of the token"`
	StakePerSlot string    `json:"stake_per_slot"`
	Slots        uint32    `json:"slots"`
	SlotMemory   int64     `json:"slot_memory" jsonschema:"bytes of memory each slot's worker needs"`
	Spec         wire.Spec `json:"spec" jsonschema:"the job, its defaults filled in"`
	SpecHash     string    `json:"spec_hash"`
	Deadline     string    `json:"deadline"`
	ExpiresAt    string    `json:"expires_at" jsonschema:"the quote must be bought by then"`
}

func quoteOutput(q wire.Quote) QuoteOutput {
	return QuoteOutput{QuoteID: q.QuoteID, IntentID: q.IntentID, Token: q.Token, Price: q.Price, StakePerSlot: q.StakePerSlot,
		Slots: q.Slots, SlotMemory: q.SlotMemory, Spec: q.Spec, SpecHash: q.SpecHash, Deadline: q.Deadline, ExpiresAt: q.ExpiresAt}
}

func (t tools) quote(ctx context.Context, _ *mcp.CallToolRequest, in JobInput) (*mcp.CallToolResult, QuoteOutput, error) {
	req, err := in.request(time.Now())
	if err != nil {
		return nil, QuoteOutput{}, err
	}
	q, err := t.c.Quote(ctx, req)
	return nil, quoteOutput(q), err
}

// QuoteToSignOutput is a quote with the documents the agent signs to buy it.
type QuoteToSignOutput struct {
	QuoteOutput
	IntentTypedData  wire.TypedData `json:"intent_typed_data" jsonschema:"the escrow's Intent (EIP-712): its digest is the intent id"`
	FundingTypedData wire.TypedData `json:"funding_typed_data" jsonschema:"the token authorisation that funds it (EIP-712)"`
}

func (t tools) quoteToSign(ctx context.Context, _ *mcp.CallToolRequest, in JobInput) (*mcp.CallToolResult, QuoteToSignOutput, error) {
	req, err := in.request(time.Now())
	if err != nil {
		return nil, QuoteToSignOutput{}, err
	}
	q, err := t.c.Quote(ctx, req)
	return nil, QuoteToSignOutput{QuoteOutput: quoteOutput(q), IntentTypedData: q.IntentTypedData, FundingTypedData: q.FundingTypedData}, err
}

// CreateIntentInput is a quote and the agent's signatures of its documents.
type CreateIntentInput struct {
	QuoteID          string `json:"quote_id" jsonschema:"the quote's id"`
	IntentSignature  string `json:"intent_signature" jsonschema:"0x, 65 bytes: the signature of intent_typed_data"`
	FundingSignature string `json:"funding_signature" jsonschema:"0x, 65 bytes: the signature of funding_typed_data"`
}

func (t tools) createIntent(ctx context.Context, _ *mcp.CallToolRequest, in CreateIntentInput) (*mcp.CallToolResult, wire.Intent, error) {
	// The idempotency key is the call's own: the same signatures again are
	// the same intent, and a refused attempt does not hold the quote.
	key := sha256.Sum256([]byte(in.QuoteID + "\n" + in.IntentSignature + "\n" + in.FundingSignature))
	i, err := t.c.SubmitIntent(ctx, wire.CreateIntentRequest{QuoteID: in.QuoteID, IntentSignature: in.IntentSignature,
		FundingSignature: in.FundingSignature}, "mcp-"+hex.EncodeToString(key[:16]))
	return nil, i, err
}

// BuyOutput is the intent bought and its quote.
type BuyOutput struct {
	Intent wire.Intent `json:"intent"`
	Quote  QuoteOutput `json:"quote"`
}

func (t tools) buy(ctx context.Context, _ *mcp.CallToolRequest, in JobInput) (*mcp.CallToolResult, BuyOutput, error) {
	req, err := in.request(time.Now())
	if err != nil {
		return nil, BuyOutput{}, err
	}
	q, err := t.c.Quote(ctx, req)
	if err != nil {
		return nil, BuyOutput{}, err
	}
	intent, err := t.c.CreateIntent(ctx, req, q, "")
	return nil, BuyOutput{Intent: intent, Quote: quoteOutput(q)}, err
}

// IntentInput names an intent.
type IntentInput struct {
	ID string `json:"id" jsonschema:"the intent id (0x…)"`
}

func (t tools) intent(ctx context.Context, _ *mcp.CallToolRequest, in IntentInput) (*mcp.CallToolResult, wire.IntentDetail, error) {
	d, err := t.c.Intent(ctx, in.ID)
	return nil, d, err
}

// ListInput pages list_intents.
type ListInput struct {
	Limit         int    `json:"limit,omitempty" jsonschema:"1 to 100 (default 20)"`
	StartingAfter string `json:"starting_after,omitempty" jsonschema:"the last intent id of the previous page"`
}

func (t tools) intents(ctx context.Context, _ *mcp.CallToolRequest, in ListInput) (*mcp.CallToolResult, wire.IntentList, error) {
	l, err := t.c.Intents(ctx, in.Limit, in.StartingAfter)
	return nil, l, err
}

// WaitInput is wait_intent's input.
type WaitInput struct {
	ID             string `json:"id" jsonschema:"the intent id (0x…)"`
	TimeoutSeconds int    `json:"timeout_seconds,omitempty" jsonschema:"give up waiting after this long (default 3600); the intent goes on"`
}

// WaitOutput is how a wait ended.
type WaitOutput struct {
	State  string `json:"state" jsonschema:"the intent's last state"`
	Final  bool   `json:"final" jsonschema:"whether that state is final"`
	Events int    `json:"events" jsonschema:"events seen"`
}

func (t tools) wait(ctx context.Context, req *mcp.CallToolRequest, in WaitInput) (*mcp.CallToolResult, WaitOutput, error) {
	timeout := time.Hour
	if in.TimeoutSeconds > 0 {
		timeout = time.Duration(in.TimeoutSeconds) * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var out WaitOutput
	var notified time.Time
	token := req.Params.GetProgressToken()
	err := t.c.Events(ctx, in.ID, 0, func(e client.Event) error {
		out.Events++
		if e.State != "" {
			out.State = e.State
		}
		if final(out.State) {
			return client.ErrStop // the result says it
		}
		if token != nil {
			msg := e.Type
			if e.State != "" {
				msg += ": " + e.State
			}
			if len(e.Data) > 0 && string(e.Data) != "{}" && string(e.Data) != "null" {
				msg += " " + string(e.Data)
			}
			// A lost notification loses nothing the result does not say.
			_ = req.Session.NotifyProgress(ctx, &mcp.ProgressNotificationParams{ProgressToken: token,
				Progress: float64(out.Events), Message: msg})
			notified = time.Now()
		}
		return nil
	})
	out.Final = final(out.State)
	// Clients that handle notifications later than responses (the MCP
	// TypeScript SDK's, issue 2580) drop a notification that reaches them
	// with the result, as a protocol error ("unknown progress token"), and
	// some then drop the transport: the result leaves the last one time to
	// be read first, and the final event has none of its own.
	if wait := time.Until(notified.Add(progressSettle)); err == nil && wait > 0 {
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
	}
	if errors.Is(err, context.DeadlineExceeded) && !out.Final {
		return nil, out, nil // the wait timed out: the result says where the intent is
	}
	return nil, out, err
}

func final(state string) bool {
	switch state {
	case "released", "refunded", "cancelled", "failed":
		return true
	}
	return false
}

// WeightsInput is download_weights' input.
type WeightsInput struct {
	ID   string `json:"id" jsonschema:"the released intent's id (0x…)"`
	Path string `json:"path" jsonschema:"where to write the weights (safetensors)"`
}

// WeightsOutput says what was written.
type WeightsOutput struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256" jsonschema:"hex, the weightsHash of the on-chain Released event"`
}

func (t tools) weights(ctx context.Context, _ *mcp.CallToolRequest, in WeightsInput) (*mcp.CallToolResult, WeightsOutput, error) {
	if in.Path == "" {
		return nil, WeightsOutput{}, errors.New("path is required")
	}
	sum, err := t.c.Weights(ctx, in.ID, in.Path)
	return nil, WeightsOutput{Path: in.Path, SHA256: sum}, err
}

func (t tools) cancel(ctx context.Context, _ *mcp.CallToolRequest, in IntentInput) (*mcp.CallToolResult, wire.Intent, error) {
	i, err := t.c.Cancel(ctx, in.ID)
	return nil, i, err
}

// DisputesOutput lists disputes.
type DisputesOutput struct {
	Disputes []client.Dispute `json:"disputes"`
}

func (t tools) disputes(ctx context.Context, _ *mcp.CallToolRequest, in IntentInput) (*mcp.CallToolResult, DisputesOutput, error) {
	ds, err := t.c.Disputes(ctx, in.ID)
	if ds == nil {
		ds = []client.Dispute{}
	}
	return nil, DisputesOutput{Disputes: ds}, err
}

// JobsInput filters list_jobs.
type JobsInput struct {
	Token string `json:"token,omitempty" jsonschema:"only jobs paying this token (USDC or AI)"`
}

func (t tools) jobs(ctx context.Context, _ *mcp.CallToolRequest, in JobsInput) (*mcp.CallToolResult, wire.JobList, error) {
	l, err := t.c.Jobs(ctx, client.JobFilter{Token: in.Token})
	return nil, l, err
}

// EmptyInput is the input of a tool that takes none.
type EmptyInput struct{}

func (t tools) balances(ctx context.Context, _ *mcp.CallToolRequest, _ EmptyInput) (*mcp.CallToolResult, wire.Balances, error) {
	b, err := t.c.Balances(ctx)
	return nil, b, err
}

// WebhookInput is register_webhook's input.
type WebhookInput struct {
	URL    string   `json:"url" jsonschema:"where to POST the events (https, a public address)"`
	Events []string `json:"events,omitempty" jsonschema:"the event types to deliver: state, job, slot, progress, revealed, transaction, dispute, cancel_requested (none: all)"`
}

func (t tools) registerWebhook(ctx context.Context, _ *mcp.CallToolRequest, in WebhookInput) (*mcp.CallToolResult, wire.Webhook, error) {
	w, err := t.c.CreateWebhook(ctx, in.URL, in.Events)
	return nil, w, err
}

func (t tools) webhooks(ctx context.Context, _ *mcp.CallToolRequest, _ EmptyInput) (*mcp.CallToolResult, wire.WebhookList, error) {
	l, err := t.c.Webhooks(ctx)
	return nil, l, err
}

// WebhookIDInput names an endpoint.
type WebhookIDInput struct {
	ID string `json:"id" jsonschema:"the endpoint's id (wh_…)"`
}

// DeletedOutput says what was deleted.
type DeletedOutput struct {
	Deleted string `json:"deleted"`
}

func (t tools) deleteWebhook(ctx context.Context, _ *mcp.CallToolRequest, in WebhookIDInput) (*mcp.CallToolResult, DeletedOutput, error) {
	if err := t.c.DeleteWebhook(ctx, in.ID); err != nil {
		return nil, DeletedOutput{}, err
	}
	return nil, DeletedOutput{Deleted: in.ID}, nil
}
