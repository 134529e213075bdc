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
	TxOther          TxKind = "other"
)

// TxStatus is where a relayed transaction is in its life.
type TxStatus string

// The statuses of a relayed transaction. Queued: recorded, no nonce yet.
// Sent: signed with a nonce and recorded before broadcast (maybe several
// attempts with rising fees). Mined: included and successful. Failed:
// refused at estimation or reverted on chain; Error says why.
const (
	TxQueued TxStatus = "queued"
	TxSent   TxStatus = "sent"
	TxMined  TxStatus = "mined"
	TxFailed TxStatus = "failed"
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
	Block     uint64
	GasUsed   uint64
	Error     string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Final reports whether nothing more will happen to the transaction.
func (t Tx) Final() bool { return t.Status == TxMined || t.Status == TxFailed }

// TxAttempt is one signed version of a transaction, recorded before it is
// broadcast so that a crash can neither lose nor double it.
type TxAttempt struct {
	TxID      int64
	Hash      Hash
	Raw       []byte
	GasTipCap *big.Int
	GasFeeCap *big.Int
	SentAt    time.Time
}

// TxStore is the relayer's persistence: the outbox, the attempts and the
// single-writer lock.
type TxStore interface {
	// EnqueueTx records tx as queued unless a transaction with its key
	// exists; either way it returns the stored one.
	EnqueueTx(ctx context.Context, tx Tx) (Tx, error)
	// PendingTxs lists the queued and sent transactions from an account,
	// oldest first.
	PendingTxs(ctx context.Context, from Address) ([]Tx, error)
	// TxAttempts lists a transaction's attempts, oldest first.
	TxAttempts(ctx context.Context, id int64) ([]TxAttempt, error)
	// RecordTxAttempt stores a signed attempt with its nonce and marks the
	// transaction sent. It must be called before the attempt is broadcast.
	RecordTxAttempt(ctx context.Context, nonce int64, a TxAttempt) error
	// FinishTx marks a transaction mined or failed.
	FinishTx(ctx context.Context, id int64, status TxStatus, hash Hash, block, gasUsed uint64, errMsg string) error
	// MaxTxNonce is the highest nonce recorded for an account, or -1.
	MaxTxNonce(ctx context.Context, from Address) (int64, error)
	// TxByKey returns the transaction with the key.
	TxByKey(ctx context.Context, key string) (Tx, error)
	// TxsOfIntent lists an intent's transactions, oldest first.
	TxsOfIntent(ctx context.Context, intentID Hash) ([]Tx, error)
	// TryLock takes the named session lock if it is free; unlock releases it.
	// While one process holds it, every other TryLock reports false.
	TryLock(ctx context.Context, name string) (unlock func(), ok bool, err error)
}
