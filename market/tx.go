package market

import (
	"context"
	"math/big"
	"time"
)

// TxKind names what a relayed transaction does to an escrow.
type TxKind string

// The transactions the server relays from its operator key.
const (
	TxFund           TxKind = "fund"
	TxStake          TxKind = "stake"
	TxCancel         TxKind = "cancel"
	TxAssign         TxKind = "assign"
	TxRecordDelivery TxKind = "record_delivery"
	TxSubmitResult   TxKind = "submit_result"
	TxDispute        TxKind = "dispute"
	TxResolve        TxKind = "resolve"
	TxRelease        TxKind = "release"
	TxRefund         TxKind = "refund"
	// TxPayout pays an intent's buyer and workers what the escrow credits
	// them (withdrawFor), so that they need no ETH of their own.
	TxPayout TxKind = "payout"
	TxOther  TxKind = "other"
)

// TxStatus is where a relayed transaction is in its life.
type TxStatus string

// The statuses of a relayed transaction. Queued: recorded, no nonce yet.
// Sent: signed with a nonce and recorded before broadcast (maybe several
// attempts with rising fees). Mined: included and successful. Failed:
// refused at estimation or reverted on chain; Error says why. Abandoned:
// given up — the node refused it time after time, its nonce went to a
// transaction nobody recorded, or the operator stopped retrying the call;
// Error says why, and a nonce it held is taken by a no-op so that the
// transactions after it are not stalled. A reorg can take a mined or
// failed transaction back to sent.
const (
	TxQueued    TxStatus = "queued"
	TxSent      TxStatus = "sent"
	TxMined     TxStatus = "mined"
	TxFailed    TxStatus = "failed"
	TxAbandoned TxStatus = "abandoned"
)

// Tx is a transaction of the server's relayer: the outbox row.
type Tx struct {
	ID       int64
	Key      string // one transaction per key, whoever asks twice
	Kind     TxKind
	IntentID Hash // zero when the transaction concerns no intent
	From     Address
	To       Address
	Data     []byte
	Status   TxStatus
	// Nonce is set once the transaction is signed; -1 before.
	Nonce int64
	// Hash is the latest attempt's hash, zero before the first.
	Hash Hash
	// Block is the block that included it, when mined (or reverted).
	Block   uint64
	GasUsed uint64
	// Error says why it failed or was abandoned; while it is sent, the
	// node's last refusal of it.
	Error string
	// Refusals counts the node's refusals of it (estimation or broadcast).
	Refusals int
	// Confirmed: its block is buried under the confirmation depth; until
	// then a reorg may undo it.
	Confirmed bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Final reports whether nothing more will happen to the transaction.
func (t Tx) Final() bool { return t.Status == TxMined || t.Failed() }

// Failed reports whether the call did not happen and will not by this
// transaction: it failed or was abandoned.
func (t Tx) Failed() bool { return t.Status == TxFailed || t.Status == TxAbandoned }

// TxAttempt is one signed version of a transaction, recorded before it is
// broadcast so that a crash can neither lose nor double it.
type TxAttempt struct {
	TxID      int64
	Hash      Hash
	Raw       []byte
	GasTipCap *big.Int
	GasFeeCap *big.Int
	SentAt    time.Time
	// BroadcastAt is when the node first accepted it; zero until then.
	BroadcastAt time.Time
	// Filler marks a no-op (a transfer of nothing to the sender itself)
	// that takes the nonce of an abandoned transaction.
	Filler bool
}

// TxStore is the relayer's persistence: the outbox, the attempts and the
// single-writer lease.
type TxStore interface {
	// EnqueueTx records tx as queued unless a transaction with its key
	// exists; either way it returns the stored one.
	EnqueueTx(ctx context.Context, tx Tx) (Tx, error)
	// PendingTxs lists what the relayer still has to bring on chain from an
	// account, oldest first: queued and sent transactions, and abandoned
	// ones whose nonce is not filled yet.
	PendingTxs(ctx context.Context, from Address) ([]Tx, error)
	// UnconfirmedTxs lists the transactions from an account that are in a
	// block not yet confirmed, oldest first.
	UnconfirmedTxs(ctx context.Context, from Address) ([]Tx, error)
	// TxAttempts lists a transaction's attempts, oldest first.
	TxAttempts(ctx context.Context, id int64) ([]TxAttempt, error)
	// RecordTxAttempt stores a signed attempt with its nonce and marks the
	// transaction sent (an abandoned one stays abandoned: a filler). It must
	// be called before the attempt is broadcast, and only under lease, the
	// relayer's single-writer lease: with the lease lost it records nothing
	// and returns an error of KindUnavailable.
	RecordTxAttempt(ctx context.Context, lease Lease, nonce int64, a TxAttempt) error
	// MarkTxBroadcast records that the node accepted the attempt.
	MarkTxBroadcast(ctx context.Context, hash Hash, at time.Time) error
	// RefuseTx counts a refusal of a queued or sent transaction by the node
	// and keeps its reason; it returns the refusals so far.
	RefuseTx(ctx context.Context, id int64, reason string) (int, error)
	// FinishTx records a transaction's receipt: mined or failed, or, for an
	// abandoned one whose filler was mined, abandoned still. It is
	// unconfirmed until ConfirmTx.
	FinishTx(ctx context.Context, id int64, status TxStatus, hash Hash, block, gasUsed uint64, errMsg string) error
	// AbandonTx gives up on a queued, sent or failed transaction, saying why
	// (an entry in its intent's event log, as every change of status).
	AbandonTx(ctx context.Context, id int64, reason string) error
	// ConfirmTx records that nothing more can happen to a transaction: its
	// block is confirmed, or its nonce was taken by another.
	ConfirmTx(ctx context.Context, id int64) error
	// ReorgTx records that a reorg took a transaction's block away: a mined
	// or failed one is sent again, an abandoned one needs its nonce filled.
	ReorgTx(ctx context.Context, id int64, reason string) error
	// MaxTxNonce is the highest nonce recorded for an account, or -1.
	MaxTxNonce(ctx context.Context, from Address) (int64, error)
	// TxByKey returns the transaction with the key.
	TxByKey(ctx context.Context, key string) (Tx, error)
	// TxsOfIntent lists an intent's transactions, oldest first.
	TxsOfIntent(ctx context.Context, intentID Hash) ([]Tx, error)
	Locker
}

// Payout is a payout transaction (TxPayout) of an intent an account took
// part in, and the intent's token.
type Payout struct {
	Tx    Tx
	Token Token
}

// Payouts lists the payouts that concern an account.
type Payouts interface {
	// PayoutsOf lists, newest first, up to limit payouts of the intents
	// that account bought or held a slot of.
	PayoutsOf(ctx context.Context, account Address, limit int) ([]Payout, error)
}

// EscrowBalances reads what the escrow credits an account: what a payout
// or the account's own withdraw would pay it now.
type EscrowBalances interface {
	Credited(ctx context.Context, token, account Address) (*big.Int, error)
}
