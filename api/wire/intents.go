package wire

import "encoding/json"

// Artifact is an uploaded file.
type Artifact struct {
	ID        string `json:"id" example:"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`
	Size      int64  `json:"size" example:"1048576"`
	MediaType string `json:"media_type" example:"application/jsonl"`
	Kind      string `json:"kind" enums:"dataset,model,tokenizer" example:"dataset"`
} //@name api.Artifact

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
} //@name api.Hyperparameters

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
	// Tokenizer is the artifact id of a byte-level BPE tokenizer.json the
	// dataset is tokenized with (absent: bytes are tokens).
	Tokenizer string `json:"tokenizer,omitempty" example:"sha256:3c9f0e0b9c1e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a"`
	// DatasetFormat is text or jsonl (default: jsonl for a dataset uploaded
	// as application/jsonl, text otherwise).
	DatasetFormat string `json:"dataset_format,omitempty" enums:"text,jsonl" example:"jsonl"`
	LoRASettings
} //@name api.QuoteRequest

// LoRASettings are a job's fine-tuning method and, for lora, the adapter
// it trains (PEFT's r, lora_alpha and target_modules).
type LoRASettings struct {
	// Method is full (every weight, the default) or lora.
	Method    string  `json:"method,omitempty" enums:"full,lora" example:"lora"`
	LoRAR     uint32  `json:"lora_r,omitempty" example:"8"`
	LoRAAlpha float64 `json:"lora_alpha,omitempty" example:"16"`
	// LoRATargets are modules among c_attn, c_proj and c_fc; the spec
	// lists them sorted.
	LoRATargets []string `json:"lora_targets,omitempty" example:"c_attn,c_proj"`
}

// TypedDataField is one member of an EIP-712 struct type.
type TypedDataField struct {
	Name string `json:"name"`
	Type string `json:"type"`
} //@name api.TypedDataField

// TypedDataDomain is an EIP-712 domain.
type TypedDataDomain struct {
	Name              string `json:"name" example:"AXLEscrow"`
	Version           string `json:"version" example:"1"`
	ChainID           int64  `json:"chainId" example:"1337"`
	VerifyingContract string `json:"verifyingContract" example:"0x5FbDB2315678afecb367f032d93F642f64180aa3"`
} //@name api.TypedDataDomain

// TypedData is an EIP-712 document, signable as it stands with ethers'
// signTypedData(domain, types, message): types omits EIP712Domain.
type TypedData struct {
	Domain      TypedDataDomain             `json:"domain"`
	Types       map[string][]TypedDataField `json:"types"`
	PrimaryType string                      `json:"primaryType" example:"Intent"`
	// Message holds the values: addresses and bytes32 as 0x hex, integers as decimal strings.
	Message map[string]string `json:"message"`
} //@name api.TypedData

// Spec is the job an intent pays for; spec_hash commits to it.
type Spec struct {
	BaseModel       string          `json:"base_model"`
	Dataset         string          `json:"dataset"`
	Steps           uint32          `json:"steps"`
	Workers         uint32          `json:"workers"`
	Replicas        uint32          `json:"replicas"`
	Hyperparameters Hyperparameters `json:"hyperparameters"`
	Seed            string          `json:"seed" example:"42"`
	// Tokenizer, DatasetFormat and Tokens are set on a tokenized job (a
	// tokenizer, or a JSONL dataset): Tokens is the stream the quote built,
	// which every worker checks its own build against.
	Tokenizer     string       `json:"tokenizer,omitempty"`
	DatasetFormat string       `json:"dataset_format,omitempty" enums:"text,jsonl"`
	Tokens        *TokenStream `json:"tokens,omitempty"`
	// The LoRA settings are set on a LoRA job only.
	LoRASettings
} //@name api.Spec

// TokenStream names a job's tokens: the hash of the stream (swarm/train's
// Dataset.Hash) and its length.
type TokenStream struct {
	Hash  string `json:"hash" example:"0x8c1f…"`
	Count int64  `json:"count" example:"123456"`
} //@name api.TokenStream

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
} //@name api.Quote

// CreateIntentRequest accepts a quote with the buyer's two signatures.
type CreateIntentRequest struct {
	QuoteID         string `json:"quote_id" example:"q_6f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"`
	IntentSignature string `json:"intent_signature" example:"0x…65 bytes"`
	// FundingSignature signs the quote's funding_typed_data. Without it the
	// intent is paid by x402: the server answers 402 with PAYMENT-REQUIRED,
	// and the retry carries PAYMENT-SIGNATURE.
	FundingSignature string `json:"funding_signature,omitempty" example:"0x…65 bytes"`
} //@name api.CreateIntentRequest

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
	// Deposit is set on an intent paid by x402: the buyer's transfer
	// authorisation to the intent's deposit address, which funding_signature signs.
	Deposit   *DepositAuthorization `json:"deposit,omitempty"`
	CreatedAt string                `json:"created_at"`
	UpdatedAt string                `json:"updated_at"`
	// Transactions are the ones the server relayed for the intent, oldest
	// first (GET /intents/{id} only): a failed one carries its revert reason.
	Transactions []Transaction `json:"transactions,omitempty"`
} //@name api.Intent

// DepositAuthorization is an intent's x402 payment: an EIP-3009
// TransferWithAuthorization of its price to its deposit address.
type DepositAuthorization struct {
	ValidAfter  int64  `json:"valid_after" example:"0"`
	ValidBefore int64  `json:"valid_before" example:"1764600000"`
	Nonce       string `json:"nonce" example:"0x9f2c…"`
} //@name api.DepositAuthorization

// IntentDetail is an intent as GET /intents/{id} shows it: slots lists
// the job's slots with their reports (where lists of intents give their
// number), and result is the result the escrow holds.
type IntentDetail struct {
	Intent
	// Slots are in slot order; empty until the job is made (on funding).
	Slots []SlotReport `json:"slots"`
	// Result is absent until a result is submitted on chain or a dispute resolved.
	Result *IntentResult `json:"result,omitempty"`
} //@name api.IntentDetail

// IntentList is a page of intents, newest first.
type IntentList struct {
	Data    []Intent `json:"data"`
	HasMore bool     `json:"has_more"`
} //@name api.IntentList

// IntentEvent is the data of one SSE event of an intent.
type IntentEvent struct {
	Seq       int64           `json:"seq"`
	IntentID  string          `json:"intent_id"`
	Type      string          `json:"type" example:"state"`
	State     string          `json:"state" example:"funding"`
	Data      json.RawMessage `json:"data" swaggertype:"object"`
	CreatedAt string          `json:"created_at"`
} //@name api.IntentEvent

// HeaderWeightsSHA256 carries the hex sha256 of the delivered weights: the
// weightsHash of the on-chain Released event.
const HeaderWeightsSHA256 = "X-AXL-Weights-SHA256"

// IntentResult is the result the escrow holds for an intent.
type IntentResult struct {
	// WeightsSHA256 is the hex sha256 of the weights (the bytes32 weightsHash on chain).
	WeightsSHA256 string `json:"weights_sha256" example:"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`
	TraceRoot     string `json:"trace_root" example:"0x8f3a…"`
	// Tx is the transaction that submitted the result, or that resolved its dispute.
	Tx string `json:"tx" example:"0x9c1f…"`
	// ReleaseTx is the transaction that released the weights and paid, once it did.
	ReleaseTx string `json:"release_tx,omitempty" example:"0x4b2e…"`
	// PaidSlots and SlashedSlots are the slots the escrow paid and the slots
	// whose stakes it slashed, from its Paid and Slashed events.
	PaidSlots    []uint32 `json:"paid_slots"`
	SlashedSlots []uint32 `json:"slashed_slots"`
	// ValidationLoss is the final validation loss of the weights: the loss
	// on the job's held-out sequences that every slot which delivered them
	// reported after its run, absent unless they agree. The workers' word,
	// not verified by the referee.
	ValidationLoss *float64 `json:"validation_loss,omitempty" example:"2.12"`
} //@name api.IntentResult

// Dispute is the referee's game between the slots of one rank in two
// replicas: its transcript lets anyone re-check the ruling.
type Dispute struct {
	ID   int64  `json:"id" example:"1"`
	Rank uint32 `json:"rank" example:"0"`
	// Slots are the opposed slots, in replica order.
	Slots []uint32 `json:"slots" example:"0,2"`
	State string   `json:"state" enums:"open,ruled" example:"ruled"`
	// Transcript and Ruling are JSON values of the verification game.
	Transcript any `json:"transcript"`
	// Ruling is absent while the dispute is open.
	Ruling    any    `json:"ruling,omitempty"`
	CreatedAt string `json:"created_at"`
	RuledAt   string `json:"ruled_at,omitempty"`
} //@name api.Dispute

// DisputeList holds an intent's disputes, oldest first.
type DisputeList struct {
	Disputes []Dispute `json:"disputes"`
} //@name api.DisputeList
