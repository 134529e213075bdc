package market

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"math/big"
	"strings"
	"time"
)

// Address is an Ethereum account address, the one identity of buyers and
// workers.
type Address [20]byte

// String returns the address as lower-case 0x-prefixed hex.
func (a Address) String() string { return "0x" + hex.EncodeToString(a[:]) }

// ParseAddress parses a 0x-prefixed, 40-digit hex address.
func ParseAddress(s string) (Address, error) {
	var a Address
	if len(s) != 42 || !strings.HasPrefix(s, "0x") && !strings.HasPrefix(s, "0X") {
		return a, Errorf(KindInvalid, "address %q is not 0x followed by 40 hex digits", s)
	}
	if _, err := hex.Decode(a[:], []byte(s[2:])); err != nil {
		return a, Errorf(KindInvalid, "address %q is not 0x followed by 40 hex digits", s)
	}
	return a, nil
}

// Hash is a 32-byte digest: an intent id, a spec hash, a content hash.
type Hash [32]byte

// String returns the hash as lower-case 0x-prefixed hex.
func (h Hash) String() string { return "0x" + hex.EncodeToString(h[:]) }

// ParseHash parses a 0x-prefixed, 64-digit hex hash.
func ParseHash(s string) (Hash, error) {
	var h Hash
	if len(s) != 66 || !strings.HasPrefix(s, "0x") {
		return h, Errorf(KindInvalid, "%q is not 0x followed by 64 hex digits", s)
	}
	if _, err := hex.Decode(h[:], []byte(s[2:])); err != nil {
		return h, Errorf(KindInvalid, "%q is not 0x followed by 64 hex digits", s)
	}
	return h, nil
}

// ArtifactID names an artifact by the sha256 of its bytes.
type ArtifactID Hash

// String returns the id as "sha256:<hex>".
func (id ArtifactID) String() string { return "sha256:" + hex.EncodeToString(id[:]) }

// ParseArtifactID parses "sha256:<64 hex digits>".
func ParseArtifactID(s string) (ArtifactID, error) {
	var id ArtifactID
	rest, ok := strings.CutPrefix(s, "sha256:")
	if !ok || len(rest) != 64 {
		return id, Errorf(KindInvalid, "artifact id %q is not sha256:<64 hex digits>", s)
	}
	if _, err := hex.Decode(id[:], []byte(rest)); err != nil || strings.ToLower(rest) != rest {
		return id, Errorf(KindInvalid, "artifact id %q is not sha256:<64 lower-case hex digits>", s)
	}
	return id, nil
}

// ArtifactKind says what an artifact holds, as established by validating it.
type ArtifactKind string

// The artifact kinds.
const (
	ArtifactDataset   ArtifactKind = "dataset"   // UTF-8 text or JSONL
	ArtifactModel     ArtifactKind = "model"     // safetensors, F32
	ArtifactTokenizer ArtifactKind = "tokenizer" // a Hugging Face tokenizer.json of a byte-level BPE
)

// DatasetFormat is how a job reads its dataset's bytes (swarm/corpus).
type DatasetFormat string

// The dataset formats.
const (
	// FormatText is UTF-8 text: bytes are tokens, or with a tokenizer
	// "<|endoftext|>" separates documents.
	FormatText DatasetFormat = "text"
	// FormatJSONL is one JSON object a line: {"text"} documents, or
	// {"prompt", "completion"} examples whose prompts are not learnt.
	FormatJSONL DatasetFormat = "jsonl"
)

// TokenStream names the tokens a job trains on: the hash the workers'
// build of them has (train.Dataset.Hash) and their number.
type TokenStream struct {
	Hash  Hash
	Count int64
}

// Artifact is an uploaded, validated, content-addressed file.
type Artifact struct {
	ID        ArtifactID
	Owner     Address
	Size      int64
	MediaType string
	Kind      ArtifactKind
	CreatedAt time.Time
}

// Token is a payment token, by symbol.
type Token string

// The tokens a job can be paid in.
const (
	TokenUSDC Token = "USDC"
	TokenAI   Token = "AI"
)

// Valid reports whether t is a known token.
func (t Token) Valid() bool { return t == TokenUSDC || t == TokenAI }

// Hyperparameters are the training settings a spec fixes. Zero values are
// replaced by defaults (WithDefaults) when a quote is made, and the spec
// holds the result: every field of a quoted spec is set, and the spec hash
// covers it.
type Hyperparameters struct {
	LearningRate float64 `json:"learning_rate"`
	WeightDecay  float64 `json:"weight_decay"`
	BatchSize    uint32  `json:"batch_size"`
	SeqLen       uint32  `json:"seq_len"`
	WarmupSteps  uint32  `json:"warmup_steps"`
	InnerSteps   uint32  `json:"inner_steps"` // H of NoLoCo: inner steps between outer steps
}

// DefaultHyperparameters are the defaults of the fields a request leaves
// at zero; SeqLen's is capped by the model's context (see WithDefaults).
var DefaultHyperparameters = Hyperparameters{
	LearningRate: 3e-4, WeightDecay: 0.1, BatchSize: 8, SeqLen: 128, WarmupSteps: 0, InnerSteps: 50,
}

// WithDefaults returns h with each zero field set to its default, for a
// base model whose context holds positions tokens: the default seq_len is
// the shorter of DefaultHyperparameters.SeqLen and that context. It is the
// one place where defaults are filled in.
func (h Hyperparameters) WithDefaults(positions int) Hyperparameters {
	d := DefaultHyperparameters
	if positions > 0 && uint64(positions) < uint64(d.SeqLen) {
		d.SeqLen = uint32(positions)
	}
	if h.LearningRate == 0 {
		h.LearningRate = d.LearningRate
	}
	if h.WeightDecay == 0 {
		h.WeightDecay = d.WeightDecay
	}
	if h.BatchSize == 0 {
		h.BatchSize = d.BatchSize
	}
	if h.SeqLen == 0 {
		h.SeqLen = d.SeqLen
	}
	if h.WarmupSteps == 0 {
		h.WarmupSteps = d.WarmupSteps
	}
	if h.InnerSteps == 0 {
		h.InnerSteps = d.InnerSteps
	}
	return h
}

// Spec is the whole job a buyer pays for; its hash is committed on chain.
type Spec struct {
	BaseModel       ArtifactID
	Dataset         ArtifactID
	Steps           uint32
	Workers         uint32
	Replicas        uint32
	Hyperparameters Hyperparameters
	Seed            uint64
	// Tokenizer is the byte-level BPE the dataset is tokenized with; the
	// zero id has bytes as tokens.
	Tokenizer ArtifactID
	// Format is how the dataset is read ("" is FormatText).
	Format DatasetFormat
	// Tokens is the token stream of a tokenized spec (Tokenized), as the
	// quote built it; every worker builds its own and checks it against
	// this. Zero otherwise: the dataset's bytes are the stream.
	Tokens TokenStream
	// Method is how the job fine-tunes: "" (a full fine-tune, as MethodFull)
	// or MethodLoRA with LoRA's settings.
	Method string
	// LoRA is the adapter a MethodLoRA job trains; zero otherwise.
	LoRA LoRA
}

// IsLoRA reports whether the job trains a low-rank adapter.
func (s Spec) IsLoRA() bool { return s.Method == MethodLoRA }

// Tokenized reports whether the job's tokens are not simply the dataset's
// bytes: a tokenizer, or a JSONL dataset.
func (s Spec) Tokenized() bool {
	return s.Tokenizer != (ArtifactID{}) || s.Format != "" && s.Format != FormatText
}

// Slots is the number of worker slots of the job: workers × replicas.
func (s Spec) Slots() uint32 { return s.Workers * s.Replicas }

// Quote is a priced offer for a spec, with the nonce and expiry the buyer
// signs over. It can be turned into exactly one intent.
type Quote struct {
	ID        string
	Buyer     Address
	Token     Token
	Spec      Spec
	SpecHash  Hash
	ModelSize int64
	// SlotMemory is the memory, in bytes, a worker's slot needs (JobMemory.Slot).
	SlotMemory   int64
	Price        *big.Int // base units of Token; the intent's amount
	StakePerSlot *big.Int
	Deadline     time.Time // the job's deadline, signed as unix seconds
	Nonce        *big.Int  // the intent nonce, random uint256
	PermitNonce  *big.Int  // for AI: the buyer's EIP-2612 nonce at quote time
	IntentID     Hash      // EIP-712 digest of the intent
	// FundingDigest is the EIP-712 digest of the funding authorisation,
	// kept so that accepting the quote recovers signers without rehashing.
	FundingDigest Hash
	ExpiresAt     time.Time
	CreatedAt     time.Time
}

// IntentState is a state of an intent's life (DESIGN §3).
type IntentState string

// The intent states.
const (
	IntentQuoted    IntentState = "quoted"
	IntentFunding   IntentState = "funding"
	IntentOpen      IntentState = "open"
	IntentMatched   IntentState = "matched"
	IntentRunning   IntentState = "running"
	IntentVerifying IntentState = "verifying"
	IntentDisputed  IntentState = "disputed"
	IntentReleased  IntentState = "released"
	IntentRefunded  IntentState = "refunded"
	IntentCancelled IntentState = "cancelled"
	IntentFailed    IntentState = "failed"
)

// IntentStates lists every state, in life order.
var IntentStates = []IntentState{IntentQuoted, IntentFunding, IntentOpen, IntentMatched, IntentRunning,
	IntentVerifying, IntentDisputed, IntentReleased, IntentRefunded, IntentCancelled, IntentFailed}

// Final reports whether s is a terminal state: nothing changes an intent
// in it any more.
func (s IntentState) Final() bool {
	switch s {
	case IntentReleased, IntentRefunded, IntentCancelled, IntentFailed:
		return true
	}
	return false
}

// Intent is a signed, funded (or being funded) order for a job.
type Intent struct {
	ID               Hash
	QuoteID          string
	Buyer            Address
	Token            Token
	Spec             Spec
	SpecHash         Hash
	ModelSize        int64
	SlotMemory       int64 // bytes a worker's slot needs, as quoted
	Price            *big.Int
	StakePerSlot     *big.Int
	Deadline         time.Time
	Nonce            *big.Int
	State            IntentState
	IntentSignature  []byte
	FundingSignature []byte
	// Deposit, when set, is the authorisation that FundingSignature signs:
	// the intent is funded through its deposit address (x402), not by the
	// quote's funding document.
	Deposit   *DepositAuthorization
	CreatedAt time.Time
	UpdatedAt time.Time
	// AssignedAt is when the server applied the escrow's Assigned event:
	// the job's commit phase starts there (zero before).
	AssignedAt time.Time
}

// IntentEvent is one entry of an intent's append-only event log.
type IntentEvent struct {
	Seq       int64 // increasing over all intents; the SSE event id
	IntentID  Hash
	Type      string // e.g. "state"
	State     IntentState
	Data      json.RawMessage
	CreatedAt time.Time
}

// Worker is a registered worker: its key, where its swarm can reach it, and
// how many slots it can hold at once.
type Worker struct {
	Address    Address
	PeerID     string
	Multiaddrs []string
	Capacity   uint32
	// Memory is the bytes the worker gives one slot, and Threads its
	// training threads, as it advertised them (0: not said); a claim of a
	// slot that needs more memory is refused (Job.CheckFits).
	Memory    int64
	Threads   uint32
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Job is the work of a funded intent, split into slots that workers claim.
type Job struct {
	ID           Hash // the intent id
	Token        Token
	Slots        uint32
	FreeSlots    uint32
	PayPerSlot   *big.Int
	StakePerSlot *big.Int
	ModelSize    int64
	// SlotMemory is the memory, in bytes, a slot needs (0 for a job quoted
	// before it was estimated).
	SlotMemory      int64
	Steps           uint32
	Hyperparameters Hyperparameters // the spec's, defaults filled in
	BaseModel       ArtifactID      // the spec's
	// Method and LoRA are the spec's (Spec.Method): what a slot trains.
	Method    string
	LoRA      LoRA
	Deadline  time.Time
	CreatedAt time.Time
}

// Work is the job's work on its base model of shape m (WorkOf): its
// tokens are steps × batch × seq × slots, slots being workers × replicas.
func (j Job) Work(m ModelShape) Work {
	return WorkOf(Spec{Steps: j.Steps, Workers: j.Slots, Replicas: 1, Hyperparameters: j.Hyperparameters,
		Method: j.Method, LoRA: j.LoRA}, m)
}

// JobFilter selects open jobs. Zero fields do not filter.
type JobFilter struct {
	Token         Token
	MinPayPerSlot *big.Int
	MaxModelSize  int64
	MaxSlotMemory int64 // bytes
	StartingAfter *Hash // cursor: the id of the last job of the previous page
	Limit         int
}

// IntentFilter selects a buyer's intents, newest first.
type IntentFilter struct {
	Buyer         Address
	StartingAfter *Hash
	Limit         int
}

// Idempotent is the record of a request made with an idempotency key:
// the hash of the request that claimed the key and, once Done, the answer
// it got, kept to give the same request the same answer. The answer is the
// serving adapter's encoding (the api's: an HTTP status and a body), which
// the market stores and never reads.
type Idempotent struct {
	RequestHash Hash
	Done        bool
	Code        int // the adapter's code of the answer
	Body        []byte
}

// IdempotentResponse is the answer to store under a held idempotency key
// once the write it answers commits.
type IdempotentResponse struct {
	Owner Address
	Key   string
	Code  int // as Idempotent.Code
	// Render produces the body from the stored value.
	Render func(Intent) []byte
}

// Store is the persistence port. Every method honours ctx.
type Store interface {
	// Ping checks that the store is reachable.
	Ping(ctx context.Context) error

	// UseRequestNonce records a signed request's digest until expiresAt and
	// fails with KindUnauthorized if it was recorded before (a replay).
	UseRequestNonce(ctx context.Context, digest Hash, expiresAt time.Time) error
	// PruneRequestNonces forgets digests that expired before t.
	PruneRequestNonces(ctx context.Context, t time.Time) (int64, error)

	// PutArtifact records an artifact; recording the same id for the same
	// owner again is not an error.
	PutArtifact(ctx context.Context, a Artifact) (Artifact, error)
	// Artifact returns an artifact if viewer may read it: its owner, or a
	// worker of a job that uses it.
	Artifact(ctx context.Context, id ArtifactID, viewer Address) (Artifact, error)

	// CreateQuote stores a new quote.
	CreateQuote(ctx context.Context, q Quote) error
	// Quote returns a quote of buyer.
	Quote(ctx context.Context, id string, buyer Address) (Quote, error)

	// CreateIntent stores an intent made from its quote, consuming the
	// quote (KindConflict if it was used), and appends the first event. If
	// done is set, its response is stored under its idempotency key in the
	// same transaction: the intent and the answer about it are one write.
	CreateIntent(ctx context.Context, in Intent, done *IdempotentResponse) (Intent, error)
	// Intent returns an intent of buyer.
	Intent(ctx context.Context, id Hash, buyer Address) (Intent, error)
	// Intents lists intents by filter, newest first; has-more is reported.
	Intents(ctx context.Context, f IntentFilter) ([]Intent, bool, error)
	// IntentEvents returns up to limit events of an intent with Seq > after.
	IntentEvents(ctx context.Context, id Hash, after int64, limit int) ([]IntentEvent, error)
	// CountIntentsByState counts all intents per state (for metrics).
	CountIntentsByState(ctx context.Context) (map[IntentState]int64, error)

	// BeginIdempotent claims key for owner with the request's hash. It
	// returns (nil, nil) when the caller now holds the key; otherwise the
	// stored record, whose request hash and Done flag the caller inspects.
	BeginIdempotent(ctx context.Context, owner Address, key string, request Hash) (*Idempotent, error)
	// FinishIdempotent stores the answer for a held key.
	FinishIdempotent(ctx context.Context, owner Address, key string, code int, body []byte) error
	// ReleaseIdempotent forgets a held key so that the request can be retried.
	ReleaseIdempotent(ctx context.Context, owner Address, key string) error

	// PutWorker registers or updates a worker.
	PutWorker(ctx context.Context, w Worker) (Worker, error)

	// CreateJob opens a job (the matcher's write; tests use it too).
	CreateJob(ctx context.Context, j Job) error
	// OpenJobs lists jobs with free slots by filter, oldest first.
	OpenJobs(ctx context.Context, f JobFilter) ([]Job, bool, error)
}

// ChainAddresses are the contracts a deployment uses.
type ChainAddresses struct {
	Escrow Address
	USDC   Address
	AI     Address
}

// Chain is the port to the blockchain that the marketplace reads.
type Chain interface {
	// ChainID is the EIP-155 chain id.
	ChainID() *big.Int
	// Addresses are the escrow and token contracts.
	Addresses() ChainAddresses
	// PermitNonce is owner's current EIP-2612 nonce on token.
	PermitNonce(ctx context.Context, token, owner Address) (*big.Int, error)
	// TokenBalance is owner's ERC-20 balance of token.
	TokenBalance(ctx context.Context, token, owner Address) (*big.Int, error)
	// Ready checks that the chain answers.
	Ready(ctx context.Context) error
}
