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
	"github.com/ethereum/go-ethereum/rpc"

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
	// MaxRefusals is how often the node may refuse a transaction (its
	// estimation or its broadcast, for a reason other than its price)
	// before the relayer gives it up (default 10).
	MaxRefusals int
	// Confirmations is the depth under which a mined transaction is final:
	// until then its receipt is read again at every pass, and a reorg that
	// dropped it sends it again (the watcher's --confirmations).
	Confirmations uint64
}

// Relayer sends the operator's transactions. Every call is recorded before
// anything is sent (an outbox in the TxStore); every signed attempt is
// recorded before it is broadcast, so a crash at any point neither loses nor
// doubles a transaction: the next pass re-broadcasts what the node never
// got and reads the receipts of what it did. Nonces are assigned here
// alone, under a lease of the store that only one process holds per key:
// no attempt is recorded, nor broadcast, without it.
//
// Faults: a transaction the node dropped, or refused as underpriced, is
// replaced at a higher fee with the same nonce; one stuck for BumpAfter too.
// One the node refuses for any other reason MaxRefusals times is abandoned
// (a visible status, and an entry in its intent's event log) and its nonce
// taken by a no-op, so that the transactions after it are not stalled. A
// mined one is followed until Confirmations blocks bury it.
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
	if cfg.MaxRefusals == 0 {
		cfg.MaxRefusals = 10
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

// lockName is the single-writer lease of the relayer's key on one chain.
func (r *Relayer) lockName() string {
	return fmt.Sprintf("axl-relayer:%s:%s", r.cfg.ChainID, r.from.Hex())
}

// Run sends until ctx ends, passing every interval, while it holds the
// key's lease; the other processes wait for it. The moment the lease is
// lost the pass in flight stops, and nothing is sent until it is back.
func (r *Relayer) Run(ctx context.Context, interval time.Duration) error {
	market.SingletonLease(ctx, r.cfg.Store, r.lockName(), interval, r.log, func(ctx context.Context, lease market.Lease) {
		r.log.Info("relayer is the writer for its key", "from", r.from)
		market.Every(ctx, interval, r.log, "relayer pass", func(ctx context.Context) error { return r.pass(ctx, lease) })
	})
	return nil
}

// ErrNotWriter is returned by Tick when another process holds the key's lease.
var ErrNotWriter = market.Errorf(market.KindUnavailable, "another process is the relayer of this key")

// Tick makes one pass under the key's lease, taken for the pass and
// released after it (ErrNotWriter if another process holds it; Run keeps
// its lease across passes).
func (r *Relayer) Tick(ctx context.Context) error {
	lease, ok, err := r.cfg.Store.TryLock(ctx, r.lockName())
	if err != nil {
		return err
	}
	if !ok {
		return ErrNotWriter
	}
	defer lease.Release()
	return r.pass(ctx, lease)
}

// pass re-reads the receipts of the unconfirmed transactions (a reorg sends
// them again), then goes over the pending ones, oldest first: it finishes
// those mined, replaces those dropped or stuck, fills the nonces of those
// abandoned, and signs and sends those queued. One transaction's failure
// does not stop the others; losing the lease stops them all at once.
func (r *Relayer) pass(ctx context.Context, lease market.Lease) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-lease.Lost():
			cancel()
		case <-ctx.Done():
		}
	}()
	var errs []error
	unconfirmed, err := r.cfg.Store.UnconfirmedTxs(ctx, market.Address(r.from))
	if err != nil {
		return err
	}
	for _, tx := range unconfirmed {
		if err := r.recheck(ctx, tx); err != nil {
			errs = append(errs, fmt.Errorf("transaction %d (%s): %w", tx.ID, tx.Key, err))
		}
	}
	pending, err := r.cfg.Store.PendingTxs(ctx, market.Address(r.from))
	if err != nil {
		return errors.Join(append(errs, err)...)
	}
	for _, tx := range pending {
		if err := lease.Err(); err != nil {
			return errors.Join(append(errs, err)...)
		}
		var err error
		switch tx.Status {
		case market.TxQueued:
			err = r.send(ctx, lease, tx)
		case market.TxSent, market.TxAbandoned:
			err = r.follow(ctx, lease, tx)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("transaction %d (%s): %w", tx.ID, tx.Key, err))
		}
	}
	if err := lease.Err(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// recheck reads again the receipt of a transaction in a block not yet
// confirmed: buried deep enough, it is confirmed; gone (a reorg), it is
// pending again, to be followed, and sent again if the node lost it.
func (r *Relayer) recheck(ctx context.Context, tx market.Tx) error {
	attempts, err := r.cfg.Store.TxAttempts(ctx, tx.ID)
	if err != nil {
		return err
	}
	_, rcpt, err := r.receipt(ctx, attempts)
	if err != nil {
		return err
	}
	// Mined again elsewhere, its new block is recorded by follow.
	if rcpt != nil && rcpt.BlockNumber.Uint64() == tx.Block {
		head, err := r.cfg.Client.HeaderByNumber(ctx, nil)
		if err != nil {
			return fmt.Errorf("head: %w", err)
		}
		if head.Number.Uint64() >= tx.Block+r.cfg.Confirmations {
			return r.cfg.Store.ConfirmTx(ctx, tx.ID)
		}
		return nil
	}
	why := fmt.Sprintf("a reorg took block %d away: sent again", tx.Block)
	r.log.Warn("a reorg dropped a mined transaction", "id", tx.ID, "key", tx.Key, "block", tx.Block, "nonce", tx.Nonce)
	return r.cfg.Store.ReorgTx(ctx, tx.ID, why)
}

// follow handles a transaction with a nonce: a receipt of any attempt
// finishes it; otherwise the latest attempt is broadcast if the node never
// got it, replaced with higher fees if the node dropped it or it waited
// BumpAfter, and an abandoned transaction's nonce is filled by a no-op.
func (r *Relayer) follow(ctx context.Context, lease market.Lease, tx market.Tx) error {
	attempts, err := r.cfg.Store.TxAttempts(ctx, tx.ID)
	if err != nil {
		return err
	}
	if a, rcpt, err := r.receipt(ctx, attempts); err != nil || rcpt != nil {
		if err != nil {
			return err
		}
		return r.finish(ctx, tx, a, rcpt)
	}
	// No attempt is mined. Has the nonce gone to something we did not record?
	latest, err := r.cfg.Client.NonceAt(ctx, r.from, nil)
	if err != nil {
		return fmt.Errorf("nonce: %w", err)
	}
	if int64(latest) > tx.Nonce {
		// The receipt may just be behind the nonce; give it a pass before judging.
		if len(attempts) > 0 && r.cfg.Clock.Now().Sub(attempts[len(attempts)-1].SentAt) < r.cfg.BumpAfter {
			return nil
		}
		if tx.Status != market.TxAbandoned {
			msg := fmt.Sprintf("nonce %d was used by a transaction the relayer did not record", tx.Nonce)
			if err := r.giveUp(ctx, tx, msg); err != nil {
				return err
			}
		}
		return r.cfg.Store.ConfirmTx(ctx, tx.ID) // nothing of ours can take that nonce now
	}
	if len(attempts) == 0 {
		return fmt.Errorf("nonce %d without a recorded attempt", tx.Nonce)
	}
	last := attempts[len(attempts)-1]
	if tx.Status == market.TxAbandoned && !last.Filler {
		return r.fill(ctx, lease, tx, &last)
	}
	if _, _, err := r.cfg.Client.TransactionByHash(ctx, common.Hash(last.Hash)); errors.Is(err, ethereum.NotFound) {
		if last.BroadcastAt.IsZero() {
			// Recorded but never accepted: a crash in between, or a refusal.
			return r.broadcast(ctx, lease, tx, last, true)
		}
		// The node had it and let it go (evicted as underpriced, say):
		// the same bytes would go the same way.
		r.log.Info("the node dropped a transaction: replacing it", "id", tx.ID, "key", tx.Key, "nonce", tx.Nonce, "hash", common.Hash(last.Hash))
		return r.replace(ctx, lease, tx, last)
	} else if err != nil {
		return fmt.Errorf("look up %s: %w", common.Hash(last.Hash), err)
	}
	if r.cfg.Clock.Now().Sub(last.SentAt) < r.cfg.BumpAfter {
		return nil
	}
	r.log.Info("bumping fees of a stuck transaction", "id", tx.ID, "key", tx.Key, "nonce", tx.Nonce)
	return r.replace(ctx, lease, tx, last)
}

// receipt is the receipt of the attempt that was mined, nil if none was
// (the attempts share a nonce: one at most is on the chain).
func (r *Relayer) receipt(ctx context.Context, attempts []market.TxAttempt) (market.TxAttempt, *types.Receipt, error) {
	for _, a := range attempts {
		rcpt, err := r.cfg.Client.TransactionReceipt(ctx, common.Hash(a.Hash))
		if errors.Is(err, ethereum.NotFound) {
			continue
		}
		if err != nil {
			return a, nil, fmt.Errorf("receipt: %w", err)
		}
		return a, rcpt, nil
	}
	return market.TxAttempt{}, nil, nil
}

// replace re-signs the transaction (or its filler) with the same nonce and
// fees raised by BumpPercent over the last attempt's, within MaxFeeCap.
func (r *Relayer) replace(ctx context.Context, lease market.Lease, tx market.Tx, last market.TxAttempt) error {
	if last.Filler {
		return r.fill(ctx, lease, tx, &last)
	}
	tip, feeCap, ok, err := r.raisedFees(ctx, tx, &last)
	if err != nil || !ok {
		return err
	}
	prev := new(types.Transaction)
	if err := prev.UnmarshalBinary(last.Raw); err != nil {
		return fmt.Errorf("decode recorded attempt: %w", err)
	}
	return r.signAndSend(ctx, lease, tx, uint64(tx.Nonce), prev.Gas(), tip, feeCap, common.Address(tx.To), tx.Data, false)
}

// raisedFees are the node's current fees, raised over last's (when there
// is one) by BumpPercent, and held to MaxFeeCap; ok is false when last is
// at the cap already: it is broadcast again as it is (a node that lost it
// may take it back) and the relayer waits.
func (r *Relayer) raisedFees(ctx context.Context, tx market.Tx, last *market.TxAttempt) (tip, feeCap *big.Int, ok bool, err error) {
	tip, feeCap, err = r.fees(ctx)
	if err != nil || last == nil {
		return tip, feeCap, err == nil, err
	}
	raise := func(x *big.Int) *big.Int {
		y := new(big.Int).Mul(x, big.NewInt(100+r.cfg.BumpPercent))
		return y.Div(y, big.NewInt(100))
	}
	tip = maxBig(tip, raise(last.GasTipCap))
	feeCap = maxBig(feeCap, raise(last.GasFeeCap))
	if feeCap.Cmp(r.cfg.MaxFeeCap) > 0 {
		if last.GasFeeCap.Cmp(r.cfg.MaxFeeCap) >= 0 {
			r.log.Warn("transaction stuck at the fee cap", "id", tx.ID, "key", tx.Key, "max_fee_cap", r.cfg.MaxFeeCap)
			return nil, nil, false, r.sendRaw(ctx, last.Raw)
		}
		feeCap = new(big.Int).Set(r.cfg.MaxFeeCap)
		if tip.Cmp(feeCap) > 0 {
			tip = new(big.Int).Set(feeCap)
		}
	}
	return tip, feeCap, true, nil
}

// fill takes an abandoned transaction's nonce with a no-op, a transfer of
// nothing to the sender itself, priced over last (the attempt the node
// may hold for that nonce), so that the nonces after it are not stalled.
func (r *Relayer) fill(ctx context.Context, lease market.Lease, tx market.Tx, last *market.TxAttempt) error {
	tip, feeCap, ok, err := r.raisedFees(ctx, tx, last)
	if err != nil || !ok {
		return err
	}
	r.log.Warn("filling the nonce of an abandoned transaction", "id", tx.ID, "key", tx.Key, "nonce", tx.Nonce)
	return r.signAndSend(ctx, lease, tx, uint64(tx.Nonce), 21_000, tip, feeCap, r.from, nil, true)
}

// giveUp abandons a transaction, loudly: its status, its reason, an entry
// in its intent's event log. Its nonce, if it took one, is filled next.
func (r *Relayer) giveUp(ctx context.Context, tx market.Tx, reason string) error {
	r.log.Error("relayer gave up a transaction", "id", tx.ID, "key", tx.Key, "kind", tx.Kind, "intent", tx.IntentID, "nonce", tx.Nonce, "reason", reason)
	return r.cfg.Store.AbandonTx(ctx, tx.ID, "the relayer gave up: "+reason)
}

// refused counts a refusal of tx by the node and gives it up at the
// MaxRefusals-th; a nonce it holds is filled on the next pass.
func (r *Relayer) refused(ctx context.Context, tx market.Tx, what string, cause error) error {
	n, err := r.cfg.Store.RefuseTx(ctx, tx.ID, what+": "+cause.Error())
	if err != nil {
		return err
	}
	if n < r.cfg.MaxRefusals {
		return fmt.Errorf("%s (refusal %d of %d): %w", what, n, r.cfg.MaxRefusals, cause)
	}
	return r.giveUp(ctx, tx, fmt.Sprintf("refused %d times", n)) // the last refusal stays beside it
}

// send estimates, numbers, signs, records and broadcasts a queued transaction.
// A call the contract refuses fails here with its revert reason, without
// taking a nonce.
func (r *Relayer) send(ctx context.Context, lease market.Lease, tx market.Tx) error {
	to := common.Address(tx.To)
	gas, err := r.cfg.Client.EstimateGas(ctx, ethereum.CallMsg{From: r.from, To: &to, Data: tx.Data})
	if err != nil {
		if reason := RevertReason(err); reason != "" {
			r.log.Warn("relayed call refused by the contract", "id", tx.ID, "key", tx.Key, "reason", reason)
			return r.cfg.Store.FinishTx(ctx, tx.ID, market.TxFailed, market.Hash{}, 0, 0, "reverted: "+reason)
		}
		if nodeRefusal(err) && !outOfFunds(err) {
			return r.refused(ctx, tx, "the node refused its gas estimation", err)
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
	return r.signAndSend(ctx, lease, tx, nonce, gas+gas/4, tip, feeCap, to, tx.Data, false)
}

// signAndSend signs an attempt of tx (or, filler, of the no-op taking its
// nonce), records it under the lease and broadcasts it.
func (r *Relayer) signAndSend(ctx context.Context, lease market.Lease, tx market.Tx, nonce, gas uint64, tip, feeCap *big.Int,
	to common.Address, data []byte, filler bool) error {
	signed, err := types.SignNewTx(r.cfg.Key, types.LatestSignerForChainID(r.cfg.ChainID), &types.DynamicFeeTx{
		ChainID: r.cfg.ChainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: gas, To: &to, Data: data,
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
		GasTipCap: tip, GasFeeCap: feeCap, SentAt: r.cfg.Clock.Now(), Filler: filler,
	}
	if err := r.cfg.Store.RecordTxAttempt(ctx, lease, int64(nonce), attempt); err != nil {
		return err
	}
	r.log.Info("sending", "id", tx.ID, "key", tx.Key, "kind", tx.Kind, "nonce", nonce, "hash", signed.Hash(), "fee_cap", feeCap, "filler", filler)
	// A replacement refused as underpriced again waits for the next pass:
	// one raise per pass, not a climb to the cap in one.
	first := tx.Status == market.TxQueued
	tx.Nonce = int64(nonce)
	if !filler {
		tx.Status = market.TxSent
	}
	return r.broadcast(ctx, lease, tx, attempt, first)
}

// broadcast sends a recorded attempt, if the lease is still held. A node
// that takes it, or knows it already, marks it broadcast; one that refuses
// it as underpriced has it replaced at a higher fee (at once if mayReplace,
// else on the next pass); any other refusal counts towards giving the
// transaction up. A node out of reach, or the operator out of ETH, is no
// refusal of this transaction: the next pass tries again.
func (r *Relayer) broadcast(ctx context.Context, lease market.Lease, tx market.Tx, a market.TxAttempt, mayReplace bool) error {
	if err := lease.Held(ctx); err != nil {
		return err
	}
	err := r.sendRaw(ctx, a.Raw)
	switch {
	case err == nil:
		return r.cfg.Store.MarkTxBroadcast(ctx, a.Hash, r.cfg.Clock.Now())
	case underpriced(err) && !mayReplace:
		r.log.Info("the node refused a replacement as underpriced: raising again next pass", "id", tx.ID, "nonce", tx.Nonce, "err", err)
		return nil
	case underpriced(err):
		r.log.Info("the node refused a transaction as underpriced: replacing it", "id", tx.ID, "key", tx.Key, "nonce", tx.Nonce, "err", err)
		return r.replace(ctx, lease, tx, a)
	case !nodeRefusal(err) || outOfFunds(err) || tx.Status == market.TxAbandoned:
		// Not fatal: the attempt is recorded and will be sent again.
		r.log.Warn("broadcast failed; will retry", "id", tx.ID, "hash", common.Hash(a.Hash), "err", err)
		return nil
	}
	return r.refused(ctx, tx, "the node refused its broadcast", err)
}

// sendRaw sends a signed transaction; a node that already has it is no error.
func (r *Relayer) sendRaw(ctx context.Context, raw []byte) error {
	tx := new(types.Transaction)
	if err := tx.UnmarshalBinary(raw); err != nil {
		return fmt.Errorf("decode recorded attempt: %w", err)
	}
	if err := r.cfg.Client.SendTransaction(ctx, tx); err != nil && !isKnownTx(err) {
		return err
	}
	return nil
}

// finish records the receipt of attempt a: mined if it succeeded, failed
// with the revert reason if not. The reason comes from replaying the call on
// the state before its block or, when an earlier transaction of the same
// block caused the revert, on the state after it. An abandoned transaction
// stays abandoned unless its own call was mined after all.
func (r *Relayer) finish(ctx context.Context, tx market.Tx, a market.TxAttempt, rcpt *types.Receipt) error {
	block := rcpt.BlockNumber.Uint64()
	ok := rcpt.Status == types.ReceiptStatusSuccessful
	switch {
	case a.Filler || (tx.Status == market.TxAbandoned && !ok):
		return r.cfg.Store.FinishTx(ctx, tx.ID, market.TxAbandoned, market.Hash{}, block, rcpt.GasUsed, tx.Error)
	case ok:
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
	return SuggestFees(ctx, r.cfg.Client)
}

// FeeReader is what SuggestFees reads of a node.
type FeeReader interface {
	SuggestGasTipCap(ctx context.Context) (*big.Int, error)
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
}

// SuggestFees returns the EIP-1559 fees every sender of the project uses:
// the node's suggested tip, and a fee cap of twice the head's base fee
// plus the tip (room for the base fee to double before the transaction is
// mined).
func SuggestFees(ctx context.Context, c FeeReader) (tip, feeCap *big.Int, err error) {
	tip, err = c.SuggestGasTipCap(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("gas tip: %w", err)
	}
	head, err := c.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("head: %w", err)
	}
	base := head.BaseFee
	if base == nil {
		base = new(big.Int)
	}
	return tip, new(big.Int).Add(tip, new(big.Int).Mul(base, big.NewInt(2))), nil
}

func maxBig(a, b *big.Int) *big.Int {
	if a.Cmp(b) >= 0 {
		return a
	}
	return b
}

// isKnownTx reports a node's refusal of a transaction it already has (or
// whose nonce is spent: its receipt tells the rest).
func isKnownTx(err error) bool {
	return hasAny(err, "already known", "known transaction", "nonce too low")
}

// underpriced reports a node's refusal of a transaction's fees: below its
// minimum, below the base fee, or too little over the one it replaces.
func underpriced(err error) bool {
	return hasAny(err, "underpriced", "less than block base fee", "fee cap less than", "gas price below minimum", "tip too low")
}

// outOfFunds reports that the sender cannot pay for gas: a fault of the
// operator's balance, not of one transaction.
func outOfFunds(err error) bool {
	return hasAny(err, "insufficient funds")
}

// nodeRefusal reports an answer of the node refusing the request (a
// JSON-RPC error), as opposed to a node that could not be reached.
func nodeRefusal(err error) bool {
	var re rpc.Error
	return errors.As(err, &re)
}

func hasAny(err error, subs ...string) bool {
	msg := strings.ToLower(err.Error())
	for _, s := range subs {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}
