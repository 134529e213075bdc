package wire

import "encoding/json"

// MarketStats are the market's counters.
type MarketStats struct {
	// IntentsByState counts every buyer's intents per state, each state listed.
	IntentsByState map[string]int64 `json:"intents_by_state"`
	Workers        int64            `json:"workers" example:"8"`
	OpenJobs       int64            `json:"open_jobs" example:"1"`
	Chain          ChainInfo        `json:"chain"`
} //@name api.MarketStats

// ChainInfo names the chain and how far the server has read it.
type ChainInfo struct {
	ChainID int64 `json:"chain_id" example:"1337"`
	// Head is the last block the server's watcher applied.
	Head   uint64 `json:"head" example:"412"`
	Escrow string `json:"escrow" example:"0x5FbDB2315678afecb367f032d93F642f64180aa3"`
	USDC   string `json:"usdc"`
	AI     string `json:"ai"`
} //@name api.ChainInfo

// PublicIntent is what anyone may read of an intent: its terms as the
// chain holds them and its state.
type PublicIntent struct {
	ID           string `json:"id" example:"0x3b0c…"`
	State        string `json:"state" enums:"quoted,funding,open,matched,running,verifying,disputed,released,refunded,cancelled,failed" example:"running"`
	Buyer        string `json:"buyer" example:"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"`
	Token        string `json:"token" example:"USDC"`
	Price        string `json:"price" example:"400000"`
	StakePerSlot string `json:"stake_per_slot" example:"50000"`
	Slots        uint32 `json:"slots" example:"4"`
	Workers      uint32 `json:"workers" example:"2"`
	Replicas     uint32 `json:"replicas" example:"2"`
	Steps        uint32 `json:"steps" example:"40"`
	ModelSize    int64  `json:"model_size"`
	// Hyperparameters are the spec's, as GET /jobs lists them.
	Hyperparameters Hyperparameters `json:"hyperparameters"`
	Deadline        string          `json:"deadline"`
	CreatedAt       string          `json:"created_at"`
	UpdatedAt       string          `json:"updated_at"`
} //@name api.PublicIntent

// PublicIntentList is a page of every buyer's intents, newest first.
type PublicIntentList struct {
	Data    []PublicIntent `json:"data"`
	HasMore bool           `json:"has_more"`
} //@name api.PublicIntentList

// ChainEvent is one escrow event the server applied.
type ChainEvent struct {
	Name     string `json:"name" example:"Staked"`
	Block    uint64 `json:"block" example:"57"`
	Tx       string `json:"tx" example:"0x9c1f…"`
	LogIndex uint   `json:"log_index"`
	// Data holds the event's fields: hashes and addresses as 0x hex,
	// integers as decimal strings.
	Data json.RawMessage `json:"data" swaggertype:"object"`
} //@name api.ChainEvent

// RelayedTransaction is a transaction the server relayed for an intent,
// with where it is on chain.
type RelayedTransaction struct {
	Transaction
	// Block included it (zero until mined or reverted).
	Block     uint64 `json:"block,omitempty" example:"58"`
	Confirmed bool   `json:"confirmed"`
	CreatedAt string `json:"created_at"`
	UpdatedAt string `json:"updated_at"`
} //@name api.RelayedTransaction

// Payout is what the escrow did with one party's money: a slot's pay, a
// slashed or returned stake, the buyer's refund.
type Payout struct {
	Kind string `json:"kind" enums:"paid,slashed,stake_returned,refunded" example:"paid"`
	// Slot is absent for a refund.
	Slot    *uint32 `json:"slot,omitempty" example:"0"`
	Account string  `json:"account" example:"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"`
	Amount  string  `json:"amount" example:"100000"`
	Tx      string  `json:"tx"`
	Block   uint64  `json:"block"`
} //@name api.Payout

// PublicIntentDetail is an intent as anyone sees it: its slots (their
// commitments hidden), the chain's events, the relayed transactions, the
// result and the payouts.
type PublicIntentDetail struct {
	PublicIntent
	Slots        []SlotReport         `json:"slots"`
	ChainEvents  []ChainEvent         `json:"chain_events"`
	Transactions []RelayedTransaction `json:"transactions"`
	Result       *IntentResult        `json:"result,omitempty"`
	Payouts      []Payout             `json:"payouts"`
} //@name api.PublicIntentDetail
