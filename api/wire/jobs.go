package wire

// StakeTypedData are the two documents a worker signs to stake its slot,
// each signable as it stands with ethers' signTypedData: the EIP-2612
// permit for the escrow to pull the stake, and the escrow's Stake struct
// that binds that permit to this intent and slot (so that the operator
// cannot spend it on another job). Both expire with the claim.
type StakeTypedData struct {
	Permit TypedData `json:"permit"`
	Stake  TypedData `json:"stake"`
} //@name api.StakeTypedData

// Claim is a slot reserved for the signer until expires_at.
type Claim struct {
	ClaimID        string         `json:"claim_id" example:"c_0f1e2d3c4b5a69788796a5b4c3d2e1f0"`
	Slot           uint32         `json:"slot" example:"2"`
	StakeTypedData StakeTypedData `json:"stake_typed_data"`
	ExpiresAt      string         `json:"expires_at" example:"2026-11-25T12:10:00Z"`
} //@name api.Claim

// StakeRequest turns a claim into a stake with the worker's two signatures.
type StakeRequest struct {
	ClaimID         string `json:"claim_id" example:"c_0f1e2d3c4b5a69788796a5b4c3d2e1f0"`
	PermitSignature string `json:"permit_signature" example:"0x…65 bytes"`
	StakeSignature  string `json:"stake_signature" example:"0x…65 bytes"`
} //@name api.StakeRequest

// Transaction is a transaction the server relays for an intent.
type Transaction struct {
	Hash   string `json:"hash,omitempty" example:"0x9c1f…"`
	Kind   string `json:"kind" enums:"fund,stake,cancel,assign,record_delivery,submit_result,dispute,resolve,release,refund,payout,other" example:"stake"`
	Status string `json:"status" enums:"queued,sent,mined,failed,abandoned" example:"queued"`
	// Error says why a failed transaction failed (the contract's revert
	// reason) or why an abandoned one was given up; while it is sent, the
	// node's last refusal of it, or the reorg that sent it again.
	Error string `json:"error,omitempty" example:"reverted: SlotTaken(2)"`
} //@name api.Transaction

// Stake is a relayed stake: its slot is confirmed once the chain's Staked
// event is applied.
type Stake struct {
	ClaimID     string      `json:"claim_id"`
	Slot        uint32      `json:"slot"`
	Transaction Transaction `json:"transaction"`
} //@name api.Stake

// Peer is another worker of the same replica.
type Peer struct {
	Rank    uint32 `json:"rank"`
	Address string `json:"address"`
	// Registered is false for a worker that staked without registering
	// (POST /workers): it has no peer id nor address, the replica cannot
	// run, and its other slots are excused by the rulebook.
	Registered bool     `json:"registered"`
	PeerID     string   `json:"peer_id"`
	Multiaddrs []string `json:"multiaddrs"`
} //@name api.Peer

// ArtifactRef is an input of the job: where to fetch it and its hash.
type ArtifactRef struct {
	ID     string `json:"id" example:"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`
	URL    string `json:"url" example:"/artifacts/sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`
	SHA256 string `json:"sha256" example:"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`
} //@name api.ArtifactRef

// Assignment is what a staked worker trains: its place in the run, its
// replica's peers, the inputs and the settings.
type Assignment struct {
	JobID    string `json:"job_id"`
	Slot     uint32 `json:"slot"`
	Replica  uint32 `json:"replica"`
	Rank     uint32 `json:"rank"`
	Workers  uint32 `json:"workers"`
	Replicas uint32 `json:"replicas"`
	// Peers are the other workers of this replica.
	Peers     []Peer      `json:"peers"`
	BaseModel ArtifactRef `json:"base_model"`
	Dataset   ArtifactRef `json:"dataset"`
	// Tokenizer, DatasetFormat and Tokens are the spec's, on a tokenized
	// job: the worker builds the stream and checks it against Tokens.
	Tokenizer     *ArtifactRef `json:"tokenizer,omitempty"`
	DatasetFormat string       `json:"dataset_format,omitempty" enums:"text,jsonl"`
	Tokens        *TokenStream `json:"tokens,omitempty"`
	// The LoRA settings are the spec's, on a LoRA job.
	LoRASettings
	Steps           uint32          `json:"steps"`
	Hyperparameters Hyperparameters `json:"hyperparameters"`
	// Seed is the run's seed from the spec (data order, initialisation).
	Seed string `json:"seed" example:"42"`
	// AssignmentSeed is the seed of the on-chain assignment (the hash of the
	// block of the last stake) that placed the slots.
	AssignmentSeed string `json:"assignment_seed"`
	Deadline       string `json:"deadline"`
	// CommitBy ends the commit phase (RFC 3339; absent until the server
	// applied the assignment): a slot that has not committed by then, and
	// whose replica could run, is slashed.
	CommitBy string `json:"commit_by,omitempty" example:"2026-12-01T12:21:00Z"`
} //@name api.Assignment

// WorkerRequest registers a worker.
type WorkerRequest struct {
	PeerID     string   `json:"peer_id" example:"12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq"`
	Multiaddrs []string `json:"multiaddrs" example:"/ip4/127.0.0.1/tcp/4001"`
	Capacity   uint32   `json:"capacity" example:"2"`
	// Memory is the bytes the worker gives one slot (0: not said): a claim
	// of a job whose slot_memory is above it is refused (422 infeasible).
	Memory int64 `json:"memory,omitempty" example:"3221225472"`
	// Threads are the worker's training threads (0: not said).
	Threads uint32 `json:"threads,omitempty" example:"2"`
} //@name api.WorkerRequest

// Worker is a registered worker.
type Worker struct {
	Address    string   `json:"address" example:"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"`
	PeerID     string   `json:"peer_id"`
	Multiaddrs []string `json:"multiaddrs"`
	Capacity   uint32   `json:"capacity"`
	Memory     int64    `json:"memory"`
	Threads    uint32   `json:"threads"`
	CreatedAt  string   `json:"created_at"`
	UpdatedAt  string   `json:"updated_at"`
} //@name api.Worker

// Job is an open job: a funded intent with slots to claim.
type Job struct {
	ID           string `json:"id" example:"0x3b0c…"`
	Token        string `json:"token" example:"USDC"`
	Slots        uint32 `json:"slots" example:"4"`
	FreeSlots    uint32 `json:"free_slots" example:"3"`
	PayPerSlot   string `json:"pay_per_slot" example:"100000"`
	StakePerSlot string `json:"stake_per_slot" example:"50000"`
	ModelSize    int64  `json:"model_size" example:"10485760"`
	// SlotMemory is the memory, in bytes, that a slot of the job needs:
	// its training step, the files and NoLoCo's state (0 for a job quoted
	// before it was estimated). A worker with less leaves the job to others.
	SlotMemory int64  `json:"slot_memory" example:"125829120"`
	Steps      uint32 `json:"steps" example:"1000"`
	// Family is the base model's architecture (gpt2), Parameters its
	// weights, Method how it is fine-tuned (full; lora trains an adapter)
	// and TrainableParameters the weights trained (all of them for full).
	Family              string `json:"family,omitempty" example:"gpt2"`
	Parameters          int64  `json:"parameters,omitempty" example:"124439808"`
	Method              string `json:"method,omitempty" enums:"full,lora" example:"full"`
	TrainableParameters int64  `json:"trainable_parameters,omitempty" example:"124439808"`
	// Tokens are what the job processes, all slots together: steps ×
	// batch × seq × workers × replicas; FLOPs its work, 6 × trainable
	// parameters × tokens (decimal: it can pass 2⁶³), which the price is
	// made of. The six are absent if the model cannot be read.
	Tokens int64  `json:"tokens,omitempty" example:"4096000"`
	FLOPs  string `json:"flops,omitempty" example:"3058232721408000"`
	// Hyperparameters are the spec's, defaults filled in: what each slot
	// trains with.
	Hyperparameters Hyperparameters `json:"hyperparameters"`
	// CommitAllowance is how long, in seconds from the job's assignment, a
	// slot has to commit: the rulebook's work allowance at the speed the
	// server assumes of a worker (its --worker-flops), never shortened by
	// another slot. A worker that cannot train the job in that time leaves
	// it to others: a slot that does not commit in time is slashed.
	CommitAllowance int64  `json:"commit_allowance" example:"1260"`
	Deadline        string `json:"deadline"`
	CreatedAt       string `json:"created_at"`
} //@name api.Job

// JobList is a page of open jobs, oldest first.
type JobList struct {
	Data    []Job `json:"data"`
	HasMore bool  `json:"has_more"`
} //@name api.JobList

// ProgressRequest is a worker's report on its run.
type ProgressRequest struct {
	Step uint32 `json:"step" example:"120"`
	// Loss is the training loss of the last inner step.
	Loss float64 `json:"loss" example:"2.31"`
	// ValidationLoss is the loss of the worker's weights on the job's
	// held-out validation sequences: at an outer step, or, in the report
	// after the run, of the weights it delivers.
	ValidationLoss  float64 `json:"validation_loss" example:"2.45"`
	TokensPerSecond float64 `json:"tokens_per_second" example:"8400.5"`
} //@name api.ProgressRequest

// Progress is a slot's latest report.
type Progress struct {
	Step            uint32  `json:"step" example:"120"`
	Loss            float64 `json:"loss" example:"2.31"`
	ValidationLoss  float64 `json:"validation_loss" example:"2.45"`
	TokensPerSecond float64 `json:"tokens_per_second" example:"8400.5"`
	At              string  `json:"at" example:"2026-11-25T12:30:00Z"`
} //@name api.Progress

// SlotReport is what a slot said about its run: where it sits, its latest
// progress, whether it committed, and what it revealed. Absent members are
// not known yet.
type SlotReport struct {
	Slot uint32 `json:"slot" example:"0"`
	// Worker is the slot's worker, absent while the slot is free.
	Worker string `json:"worker,omitempty" example:"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"`
	// Replica and Rank are meaningful once the job is assigned.
	Replica   uint32    `json:"replica" example:"1"`
	Rank      uint32    `json:"rank" example:"0"`
	State     string    `json:"state" enums:"free,claimed,confirmed" example:"confirmed"`
	Progress  *Progress `json:"progress,omitempty"`
	Committed bool      `json:"committed"`
	// Commitment is the slot's commitment once it committed: the hash of its
	// trace root, a salt and its address, which hides the root until the
	// reveal and which no other worker can open.
	Commitment string `json:"commitment,omitempty" example:"0x5e0d…"`
	// TraceRoot and WeightsSHA256 are set once the slot revealed.
	TraceRoot     string `json:"trace_root,omitempty" example:"0x8f3a…"`
	WeightsSHA256 string `json:"weights_sha256,omitempty" example:"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`
	// Partial is set when the slot revealed the trace of a run that broke,
	// up to the failure, with no weights (RevealRequest.Partial).
	Partial bool `json:"partial,omitempty"`
	// Leaves is the revealed trace's leaf count.
	Leaves uint32 `json:"leaves,omitempty" example:"213"`
} //@name api.SlotReport

// CommitRequest is a slot's commitment to its trace root.
type CommitRequest struct {
	// Commitment is sha256("axl-verde-commit/1" ‖ job id (32 bytes) ‖ worker address (20 bytes) ‖ trace root (32) ‖ salt (32)).
	Commitment string `json:"commitment" example:"0x5e1c…64 hex digits"`
} //@name api.CommitRequest

// Commitments counts the job's committed slots.
type Commitments struct {
	Committed int    `json:"committed" example:"3"`
	Slots     uint32 `json:"slots" example:"4"`
} //@name api.Commitments

// RevealRequest opens a slot's commitment.
type RevealRequest struct {
	TraceRoot string `json:"trace_root" example:"0x8f3a…64 hex digits"`
	Salt      string `json:"salt" example:"0x17c2…64 hex digits"`
	// Leaves is the number of leaves of the trace tree.
	Leaves uint32 `json:"leaves" example:"213"`
	// Weights is the id of the final weights, a model artifact the signer
	// uploaded in the canonical encoding workers write.
	Weights string `json:"weights,omitempty" example:"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`
	// FinalProof is the inclusion proof of the trace's last leaf (the final
	// average's weights), sibling hashes from the leaf up: the weights must
	// open it.
	FinalProof []string `json:"final_proof,omitempty" example:"0x3c1d…64 hex digits"`
	// Partial reveals the trace of a run that broke (a peer vanished or
	// sent what no run can use), up to the failure: fewer leaves than the
	// slot's place records, and neither weights nor final_proof. The slot
	// delivers nothing and is not paid; having shown its part, it is not at
	// fault, and its stake is returned.
	Partial bool `json:"partial,omitempty" example:"false"`
} //@name api.RevealRequest

// Challenge is a question of the referee to the signer's slot. The server
// does not read kinds, arguments or answers: the verification game does.
type Challenge struct {
	ID   string `json:"id" example:"17"`
	Kind string `json:"kind" example:"children"`
	// Args are any JSON value.
	Args     any    `json:"args"`
	Deadline string `json:"deadline" example:"2026-11-25T12:31:00Z"`
} //@name api.Challenge

// ChallengeList holds the signer's open questions, oldest first.
type ChallengeList struct {
	Challenges []Challenge `json:"challenges"`
	// Final is set once the intent is final (released, refunded, cancelled
	// or failed): no question will come, the worker may stop listening.
	Final bool `json:"final"`
} //@name api.ChallengeList

// AnswerRequest answers a question; its form depends on the question's kind.
type AnswerRequest struct {
	// Answer is any JSON value but null.
	Answer any `json:"answer" validate:"required"`
} //@name api.AnswerRequest

// Balance is what the escrow credits the signer in one token: paid to its
// wallet by the next payout (or its own withdraw).
type Balance struct {
	Token    string `json:"token" enums:"USDC,AI" example:"USDC"`
	Credited string `json:"credited" example:"1250"` // base units
} //@name api.Balance

// PayoutTransaction is the relayed withdrawFor of one intent the signer
// bought or worked on: it pays every party what the escrow credits it.
type PayoutTransaction struct {
	IntentID    string      `json:"intent_id"`
	Token       string      `json:"token" enums:"USDC,AI" example:"USDC"`
	Transaction Transaction `json:"transaction"`
	CreatedAt   string      `json:"created_at"`
} //@name api.PayoutTransaction

// Balances is GET /balances: what the escrow holds for the signer, and the
// payouts in flight (queued, sent) and done (mined), newest first.
type Balances struct {
	Address  string              `json:"address"`
	Balances []Balance           `json:"balances"`
	Payouts  []PayoutTransaction `json:"payouts"`
} //@name api.Balances
