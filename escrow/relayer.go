package escrow

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/market"
)

// RelayClient is what the relayer needs of an Ethereum node.
type RelayClient interface {
	ethereum.GasEstimator
	ethereum.GasPricer1559
	ethereum.TransactionSender
	ethereum.TransactionReader
	ethereum.ContractCaller
	NonceAt(ctx context.Context, account common.Address, blockNumber *big.Int) (uint64, error)
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
}

// RelayerConfig configures a Relayer.
type RelayerConfig struct {
	Client  RelayClient
	Store   market.TxStore
	Key     *ecdsa.PrivateKey
	ChainID *big.Int
	Clock   market.Clock
	Logger  *slog.Logger
	// BumpAfter is how long a sent transaction may wait for inclusion
	// before it is re-sent with higher fees (default 30 s).
	BumpAfter time.Duration
	// BumpPercent raises both fee caps by this much per re-send; nodes
	// require at least 10 (default 20).
	BumpPercent int64
	// MaxFeeCap bounds the fee cap per gas of any attempt (default 500 gwei).
	MaxFeeCap *big.Int
}

// Relayer sends the operator's transactions. Every call is recorded before
// anything is sent (an outbox in the TxStore); every signed attempt is
// recorded before it is broadcast, so a crash at any point neither loses nor
// doubles a transaction: the next pass re-broadcasts what the node does not
// know and reads the receipts of what it does. Nonces are assigned here
// alone; Run holds a lock so that one process per key sends.
type Relayer struct {
	cfg  RelayerConfig
	from common.Address
	log  *slog.Logger
}

// NewRelayer returns a relayer; it does nothing until Tick or Run.
func NewRelayer(cfg RelayerConfig) *Relayer {
	if cfg.BumpAfter == 0 {
		cfg.BumpAfter = 30 * time.Second
	}
	if cfg.BumpPercent == 0 {
		cfg.BumpPercent = 20
	}
	if cfg.MaxFeeCap == nil {
		cfg.MaxFeeCap = big.NewInt(500_000_000_000)
	}
	if cfg.Clock == nil {
		cfg.Clock = market.SystemClock{}
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Relayer{cfg: cfg, from: crypto.PubkeyToAddress(cfg.Key.PublicKey), log: logger.With("component", "relayer")}
}

// From is the address the relayer sends from.
func (r *Relayer) From() common.Address { return r.from }

// Enqueue records a call to be sent once under key; asking again with the
// same key returns the transaction recorded the first time.
func (r *Relayer) Enqueue(ctx context.Context, key string, kind market.TxKind, intentID common.Hash, call Call) (market.Tx, error) {
	return r.cfg.Store.EnqueueTx(ctx, market.Tx{
		Key: key, Kind: kind, IntentID: market.Hash(intentID),
		From: market.Address(r.from), To: market.Address(call.To), Data: call.Data,
	})
}

// lockName is the single-writer lock of the relayer's key on one chain.
func (r *Relayer) lockName() string {
	return fmt.Sprintf("axl-relayer:%s:%s", r.cfg.ChainID, r.from.Hex())
}

// Run sends until ctx ends, passing every interval. Only the process that
// holds the key's lock sends; the others wait for it.
func (r *Relayer) Run(ctx context.Context, interval time.Duration) error {
	market.Singleton(ctx, r.cfg.Store, r.lockName(), interval, r.log, func(ctx context.Context) {
		r.log.Info("relayer is the writer for its key", "from", r.from)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			if err := r.Tick(ctx); err != nil && ctx.Err() == nil {
				r.log.Error("relayer pass", "err", err)
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	})
	return nil
}

// Tick makes one pass over the pending transactions, oldest first: it
// finishes those mined, re-broadcasts or bumps those waiting, and signs and
// sends those queued. The caller must hold the key's lock (Run does).
func (r *Relayer) Tick(ctx context.Context) error {
	pending, err := r.cfg.Store.PendingTxs(ctx, market.Address(r.from))
	if err != nil {
		return err
	}
	for _, tx := range pending {
		var err error
		switch tx.Status {
		case market.TxSent:
			err = r.follow(ctx, tx)
		case market.TxQueued:
			err = r.send(ctx, tx)
		}
		if err != nil {
			return fmt.Errorf("transaction %d (%s): %w", tx.ID, tx.Key, err)
		}
	}
	return nil
}

// follow handles a sent transaction: a receipt of any attempt finishes it;
// otherwise the latest attempt is re-broadcast if the node lost it, and
// replaced with higher fees once it has waited BumpAfter.
func (r *Relayer) follow(ctx context.Context, tx market.Tx) error {
	attempts, err := r.cfg.Store.TxAttempts(ctx, tx.ID)
	if err != nil {
		return err
	}
	if len(attempts) == 0 {
		return fmt.Errorf("sent without a recorded attempt")
	}
	for _, a := range attempts {
		rcpt, err := r.cfg.Client.TransactionReceipt(ctx, common.Hash(a.Hash))
		if errors.Is(err, ethereum.NotFound) {
			continue
		}
		if err != nil {
			return fmt.Errorf("receipt: %w", err)
		}
		return r.finish(ctx, tx, rcpt)
	}
	// No attempt is mined. Has the nonce gone to something we did not record?
	latest, err := r.cfg.Client.NonceAt(ctx, r.from, nil)
	if err != nil {
		return fmt.Errorf("nonce: %w", err)
	}
	if int64(latest) > tx.Nonce {
		// The receipt may just be behind the nonce; give it a pass before judging.
		if r.cfg.Clock.Now().Sub(attempts[len(attempts)-1].SentAt) < r.cfg.BumpAfter {
			return nil
		}
		msg := fmt.Sprintf("nonce %d was used by a transaction the relayer did not record", tx.Nonce)
		r.log.Error("relayed transaction lost its nonce", "id", tx.ID, "key", tx.Key, "nonce", tx.Nonce)
		return r.cfg.Store.FinishTx(ctx, tx.ID, market.TxFailed, tx.Hash, 0, 0, msg)
	}
	last := attempts[len(attempts)-1]
	if _, _, err := r.cfg.Client.TransactionByHash(ctx, common.Hash(last.Hash)); errors.Is(err, ethereum.NotFound) {
		// Recorded but never broadcast (a crash in between), or dropped.
		r.log.Info("re-broadcasting", "id", tx.ID, "key", tx.Key, "hash", common.Hash(last.Hash))
		return r.broadcast(ctx, last.Raw)
	} else if err != nil {
		return fmt.Errorf("look up %s: %w", common.Hash(last.Hash), err)
	}
	if r.cfg.Clock.Now().Sub(last.SentAt) < r.cfg.BumpAfter {
		return nil
	}
	return r.bump(ctx, tx, last)
}

// bump re-signs the transaction with the same nonce and higher fees.
func (r *Relayer) bump(ctx context.Context, tx market.Tx, last market.TxAttempt) error {
	tip, feeCap, err := r.fees(ctx)
	if err != nil {
		return err
	}
	raise := func(x *big.Int) *big.Int {
		y := new(big.Int).Mul(x, big.NewInt(100+r.cfg.BumpPercent))
		return y.Div(y, big.NewInt(100))
	}
	tip = maxBig(tip, raise(last.GasTipCap))
	feeCap = maxBig(feeCap, raise(last.GasFeeCap))
	if feeCap.Cmp(r.cfg.MaxFeeCap) > 0 {
		r.log.Warn("transaction stuck at the fee cap", "id", tx.ID, "key", tx.Key, "max_fee_cap", r.cfg.MaxFeeCap)
		return nil
	}
	prev := new(types.Transaction)
	if err := prev.UnmarshalBinary(last.Raw); err != nil {
		return fmt.Errorf("decode recorded attempt: %w", err)
	}
	r.log.Info("bumping fees of a stuck transaction", "id", tx.ID, "key", tx.Key, "nonce", tx.Nonce, "tip", tip, "fee_cap", feeCap)
	return r.signAndSend(ctx, tx, uint64(tx.Nonce), prev.Gas(), tip, feeCap)
}

// send estimates, numbers, signs, records and broadcasts a queued transaction.
// A call the contract refuses fails here with its revert reason, without
// taking a nonce.
func (r *Relayer) send(ctx context.Context, tx market.Tx) error {
	to := common.Address(tx.To)
	gas, err := r.cfg.Client.EstimateGas(ctx, ethereum.CallMsg{From: r.from, To: &to, Data: tx.Data})
	if err != nil {
		if reason := RevertReason(err); reason != "" {
			r.log.Warn("relayed call refused by the contract", "id", tx.ID, "key", tx.Key, "reason", reason)
			return r.cfg.Store.FinishTx(ctx, tx.ID, market.TxFailed, market.Hash{}, 0, 0, "reverted: "+reason)
		}
		return fmt.Errorf("estimate gas: %w", err)
	}
	nonce, err := r.nextNonce(ctx)
	if err != nil {
		return err
	}
	tip, feeCap, err := r.fees(ctx)
	if err != nil {
		return err
	}
	// A margin over the estimate: state may move between estimate and inclusion.
	return r.signAndSend(ctx, tx, nonce, gas+gas/4, tip, feeCap)
}

func (r *Relayer) signAndSend(ctx context.Context, tx market.Tx, nonce, gas uint64, tip, feeCap *big.Int) error {
	to := common.Address(tx.To)
	signed, err := types.SignNewTx(r.cfg.Key, types.LatestSignerForChainID(r.cfg.ChainID), &types.DynamicFeeTx{
		ChainID: r.cfg.ChainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: gas, To: &to, Data: tx.Data,
	})
	if err != nil {
		return fmt.Errorf("sign: %w", err)
	}
	raw, err := signed.MarshalBinary()
	if err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	attempt := market.TxAttempt{
		TxID: tx.ID, Hash: market.Hash(signed.Hash()), Raw: raw,
		GasTipCap: tip, GasFeeCap: feeCap, SentAt: r.cfg.Clock.Now(),
	}
	if err := r.cfg.Store.RecordTxAttempt(ctx, int64(nonce), attempt); err != nil {
		return err
	}
	r.log.Info("sending", "id", tx.ID, "key", tx.Key, "kind", tx.Kind, "nonce", nonce, "hash", signed.Hash())
	return r.broadcast(ctx, raw)
}

// broadcast sends a recorded raw transaction. A node that already knows it
// is no error: the outcome is read from receipts on the next pass.
func (r *Relayer) broadcast(ctx context.Context, raw []byte) error {
	tx := new(types.Transaction)
	if err := tx.UnmarshalBinary(raw); err != nil {
		return fmt.Errorf("decode recorded attempt: %w", err)
	}
	if err := r.cfg.Client.SendTransaction(ctx, tx); err != nil {
		if isKnownTx(err) {
			return nil
		}
		// Not fatal: the attempt is recorded and will be retried or bumped.
		r.log.Warn("broadcast failed; will retry", "hash", tx.Hash(), "err", err)
	}
	return nil
}

// finish records a receipt: mined if it succeeded, failed with the revert
// reason if not. The reason comes from replaying the call on the state
// before its block or, when an earlier transaction of the same block caused
// the revert, on the state after it.
func (r *Relayer) finish(ctx context.Context, tx market.Tx, rcpt *types.Receipt) error {
	block := rcpt.BlockNumber.Uint64()
	if rcpt.Status == types.ReceiptStatusSuccessful {
		return r.cfg.Store.FinishTx(ctx, tx.ID, market.TxMined, market.Hash(rcpt.TxHash), block, rcpt.GasUsed, "")
	}
	to := common.Address(tx.To)
	reason := "reverted"
	for _, at := range []uint64{block - 1, block} {
		_, err := r.cfg.Client.CallContract(ctx, ethereum.CallMsg{From: r.from, To: &to, Data: tx.Data}, new(big.Int).SetUint64(at))
		if why := RevertReason(err); why != "" {
			reason = "reverted: " + why
			break
		}
	}
	r.log.Warn("relayed transaction reverted on chain", "id", tx.ID, "key", tx.Key, "reason", reason)
	return r.cfg.Store.FinishTx(ctx, tx.ID, market.TxFailed, market.Hash(rcpt.TxHash), block, rcpt.GasUsed, reason)
}

// nextNonce is one past the highest nonce recorded, or the account's
// on-chain nonce if that is higher (the key may have been used before the
// relayer existed).
func (r *Relayer) nextNonce(ctx context.Context) (uint64, error) {
	recorded, err := r.cfg.Store.MaxTxNonce(ctx, market.Address(r.from))
	if err != nil {
		return 0, err
	}
	onChain, err := r.cfg.Client.NonceAt(ctx, r.from, nil)
	if err != nil {
		return 0, fmt.Errorf("nonce: %w", err)
	}
	if next := uint64(recorded + 1); next > onChain {
		return next, nil
	}
	return onChain, nil
}

// fees are the node's suggested tip and a fee cap of twice the base fee plus the tip.
func (r *Relayer) fees(ctx context.Context) (tip, feeCap *big.Int, err error) {
	tip, err = r.cfg.Client.SuggestGasTipCap(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("gas tip: %w", err)
	}
	head, err := r.cfg.Client.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("head: %w", err)
	}
	base := head.BaseFee
	if base == nil {
		base = new(big.Int)
	}
	feeCap = new(big.Int).Add(tip, new(big.Int).Mul(base, big.NewInt(2)))
	return tip, feeCap, nil
}

func maxBig(a, b *big.Int) *big.Int {
	if a.Cmp(b) >= 0 {
		return a
	}
	return b
}

// isKnownTx reports a node's refusal of a transaction it already has.
func isKnownTx(err error) bool {
	msg := strings.ToLower(err.Error())
	for _, s := range []string{"already known", "known transaction", "nonce too low"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}
