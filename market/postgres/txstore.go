package postgres

import (
	"context"
	"errors"
	"math/big"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/axl-market/axl/market"
)

var _ market.TxStore = (*Store)(nil)

const txColumns = `id, key, kind, intent_id, sender, recipient, data, status, coalesce(nonce, -1), hash, coalesce(block, 0), coalesce(gas_used, 0), error, refusals, confirmed, created_at, updated_at`

func scanTx(row pgx.Row) (market.Tx, error) {
	var (
		tx               market.Tx
		intent, hash     []byte
		sender, receiver []byte
		kind, status     string
		block, gasUsed   int64
	)
	err := row.Scan(&tx.ID, &tx.Key, &kind, &intent, &sender, &receiver, &tx.Data, &status, &tx.Nonce, &hash,
		&block, &gasUsed, &tx.Error, &tx.Refusals, &tx.Confirmed, &tx.CreatedAt, &tx.UpdatedAt)
	if err != nil {
		return tx, err
	}
	tx.Kind, tx.Status = market.TxKind(kind), market.TxStatus(status)
	copy(tx.IntentID[:], intent)
	copy(tx.From[:], sender)
	copy(tx.To[:], receiver)
	copy(tx.Hash[:], hash)
	tx.Block, tx.GasUsed = uint64(block), uint64(gasUsed)
	return tx, nil
}

func collectTxs(rows pgx.Rows) ([]market.Tx, error) {
	defer rows.Close()
	var out []market.Tx
	for rows.Next() {
		tx, err := scanTx(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, tx)
	}
	return out, rows.Err()
}

// txEvent appends, for each row of the CTE named u (intent_id, kind,
// status, hash, error), a "transaction" entry to its intent's event log,
// so that the event stream carries the life of every relayed transaction.
const txEvent = `INSERT INTO intent_events (intent_id, type, state, data, created_at)
	SELECT u.intent_id, 'transaction', i.state, jsonb_build_object('kind', u.kind, 'status', u.status,
		'hash', CASE WHEN u.hash IS NULL THEN '' ELSE '0x' || encode(u.hash, 'hex') END, 'error', u.error), now()
	FROM u JOIN intents i ON i.id = u.intent_id`

func nullHash(h market.Hash) any {
	if h == (market.Hash{}) {
		return nil
	}
	return h[:]
}

// EnqueueTx implements market.TxStore.
func (s *Store) EnqueueTx(ctx context.Context, tx market.Tx) (market.Tx, error) {
	if tx.Key == "" {
		return market.Tx{}, market.Errorf(market.KindInvalid, "a relayed transaction needs a key")
	}
	if tx.Data == nil {
		tx.Data = []byte{} // a plain transfer has no calldata, which is not NULL
	}
	// Insert, or read back the one already there: one row per key.
	row := s.pool.QueryRow(ctx, `
		WITH ins AS (
			INSERT INTO txs (key, kind, intent_id, sender, recipient, data, status)
			VALUES ($1, $2, $3, $4, $5, $6, 'queued')
			ON CONFLICT (key) DO NOTHING
			RETURNING `+txColumns+`
		), u AS (
			SELECT intent_id, kind, status, hash, error FROM ins
		), ev AS (`+txEvent+`)
		SELECT * FROM ins
		UNION ALL
		SELECT `+txColumns+` FROM txs WHERE key = $1 AND NOT EXISTS (SELECT 1 FROM ins)`,
		tx.Key, string(tx.Kind), nullHash(tx.IntentID), tx.From[:], tx.To[:], tx.Data)
	got, err := scanTx(row)
	return got, wrap(err, "transaction")
}

// PendingTxs implements market.TxStore.
func (s *Store) PendingTxs(ctx context.Context, from market.Address) ([]market.Tx, error) {
	return s.txsWhere(ctx, `sender = $1 AND (status IN ('queued', 'sent')
		OR (status = 'abandoned' AND nonce IS NOT NULL AND block IS NULL AND NOT confirmed))`, from[:])
}

// UnconfirmedTxs implements market.TxStore.
func (s *Store) UnconfirmedTxs(ctx context.Context, from market.Address) ([]market.Tx, error) {
	return s.txsWhere(ctx, `sender = $1 AND block IS NOT NULL AND NOT confirmed`, from[:])
}

// txsWhere lists the transactions matching a condition, oldest first.
func (s *Store) txsWhere(ctx context.Context, cond string, args ...any) ([]market.Tx, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+txColumns+` FROM txs WHERE `+cond+` ORDER BY id`, args...)
	if err != nil {
		return nil, wrap(err, "transactions")
	}
	txs, err := collectTxs(rows)
	return txs, wrap(err, "transactions")
}

// TxAttempts implements market.TxStore.
func (s *Store) TxAttempts(ctx context.Context, id int64) ([]market.TxAttempt, error) {
	rows, err := s.pool.Query(ctx, `SELECT hash, raw, gas_tip_cap::text, gas_fee_cap::text, sent_at, broadcast_at, filler
		FROM tx_attempts WHERE tx_id = $1 ORDER BY seq`, id)
	if err != nil {
		return nil, wrap(err, "attempts")
	}
	defer rows.Close()
	var out []market.TxAttempt
	for rows.Next() {
		var (
			a         = market.TxAttempt{TxID: id}
			hash      []byte
			tip, fcap string
			bcast     *time.Time
		)
		if err := rows.Scan(&hash, &a.Raw, &tip, &fcap, &a.SentAt, &bcast, &a.Filler); err != nil {
			return nil, wrap(err, "attempts")
		}
		if bcast != nil {
			a.BroadcastAt = *bcast
		}
		copy(a.Hash[:], hash)
		if err := parseNums([]**big.Int{&a.GasTipCap, &a.GasFeeCap}, []*string{&tip, &fcap}); err != nil {
			return nil, wrap(err, "attempts")
		}
		out = append(out, a)
	}
	return out, wrap(rows.Err(), "attempts")
}

// RecordTxAttempt implements market.TxStore: the attempt and the nonce land
// in one transaction, a nonce can belong to one transaction only, and
// nothing is recorded unless lease, a lease of this store, is still held by
// its session (checked in the same transaction, so that a relayer whose
// lock connection died records no attempt after the death, whatever it
// still believes).
func (s *Store) RecordTxAttempt(ctx context.Context, lease market.Lease, nonce int64, a market.TxAttempt) error {
	l, ok := lease.(*pgLease)
	if !ok || l == nil {
		return market.Errorf(market.KindInternal, "a transaction attempt needs a lease of this store")
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := l.heldOn(ctx, tx); err != nil {
			return err
		}
		// The first attempt moves it from queued to sent: that is logged. A
		// filler leaves an abandoned transaction abandoned, and its hash.
		// (old reads the status before the update from the statement's
		// snapshot; FOR UPDATE there would find the row changed by the
		// statement itself and return nothing.)
		var n int
		err := tx.QueryRow(ctx, `
			WITH old AS (
				SELECT status FROM txs WHERE id = $1
			), u AS (
				UPDATE txs SET status = CASE WHEN $5 THEN status ELSE 'sent' END, nonce = $2,
					hash = CASE WHEN $5 THEN coalesce(hash, $3) ELSE $3 END, updated_at = $4
				WHERE id = $1 AND (nonce IS NULL OR nonce = $2)
					AND CASE WHEN $5 THEN status = 'abandoned' ELSE status IN ('queued', 'sent') END
				RETURNING intent_id, kind, status, hash, error
			), ev AS (`+txEvent+` WHERE (SELECT status FROM old) = 'queued')
			SELECT count(*) FROM u`,
			a.TxID, nonce, a.Hash[:], a.SentAt, a.Filler).Scan(&n)
		if err != nil {
			return err
		}
		if n != 1 {
			return market.Errorf(market.KindConflict, "transaction %d is finished or has another nonce", a.TxID)
		}
		_, err = tx.Exec(ctx, `INSERT INTO tx_attempts (hash, tx_id, raw, gas_tip_cap, gas_fee_cap, sent_at, filler)
			VALUES ($1, $2, $3, $4::numeric, $5::numeric, $6, $7)`,
			a.Hash[:], a.TxID, a.Raw, num(a.GasTipCap), num(a.GasFeeCap), a.SentAt, a.Filler)
		return err
	})
	var me *market.Error
	if errors.As(err, &me) {
		return err
	}
	return wrap(err, "transaction attempt")
}

// MarkTxBroadcast implements market.TxStore.
func (s *Store) MarkTxBroadcast(ctx context.Context, hash market.Hash, at time.Time) error {
	_, err := s.pool.Exec(ctx, `UPDATE tx_attempts SET broadcast_at = $2 WHERE hash = $1 AND broadcast_at IS NULL`, hash[:], at)
	return wrap(err, "transaction attempt")
}

// RefuseTx implements market.TxStore.
func (s *Store) RefuseTx(ctx context.Context, id int64, reason string) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `UPDATE txs SET refusals = refusals + 1, error = $2, updated_at = now()
		WHERE id = $1 AND status IN ('queued', 'sent') RETURNING refusals`, id, reason).Scan(&n)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, market.Errorf(market.KindConflict, "transaction %d is not queued or sent", id)
	}
	return n, wrap(err, "transaction")
}

// FinishTx implements market.TxStore. A change of status is logged.
func (s *Store) FinishTx(ctx context.Context, id int64, status market.TxStatus, hash market.Hash, block, gasUsed uint64, errMsg string) error {
	var from string
	switch status {
	case market.TxMined, market.TxFailed:
		from = `('queued', 'sent', 'abandoned')`
	case market.TxAbandoned:
		from = `('abandoned')`
	default:
		return market.Errorf(market.KindInvalid, "a transaction finishes mined, failed or abandoned, not %s", status)
	}
	var blk, gas any
	if block > 0 {
		blk, gas = int64(block), int64(gasUsed)
	}
	var n int
	err := s.pool.QueryRow(ctx, `
		WITH old AS (
			SELECT status FROM txs WHERE id = $1
		), u AS (
			UPDATE txs SET status = $2, hash = coalesce($3, hash), block = $4, gas_used = $5,
				error = $6, confirmed = false, updated_at = now() WHERE id = $1 AND status IN `+from+`
			RETURNING intent_id, kind, status, hash, error
		), ev AS (`+txEvent+` WHERE (SELECT status FROM old) <> $2)
		SELECT count(*) FROM u`,
		id, string(status), nullHash(hash), blk, gas, errMsg).Scan(&n)
	if err != nil {
		return wrap(err, "transaction")
	}
	if n != 1 {
		return market.Errorf(market.KindConflict, "transaction %d is already finished", id)
	}
	return nil
}

// AbandonTx implements market.TxStore: the reason goes before the error it
// had (a revert reason, the node's last refusal), which it keeps. A
// transaction without a nonce has nothing left to watch: it is confirmed.
func (s *Store) AbandonTx(ctx context.Context, id int64, reason string) error {
	return s.loggedUpdate(ctx, `UPDATE txs SET status = 'abandoned', confirmed = confirmed OR nonce IS NULL,
			error = $2 || CASE WHEN error = '' THEN '' ELSE ' (' || error || ')' END, updated_at = now()
		WHERE id = $1 AND status IN ('queued', 'sent', 'failed')`,
		"transaction %d is mined or abandoned already", id, reason)
}

// loggedUpdate runs update, an UPDATE of one transaction by id ($1) with
// reason ($2), logs the change in its intent's event log, and returns a
// conflict (conflict, with the id) unless exactly one row changed.
func (s *Store) loggedUpdate(ctx context.Context, update, conflict string, id int64, reason string) error {
	var n int
	err := s.pool.QueryRow(ctx, `
		WITH u AS (`+update+`
			RETURNING intent_id, kind, status, hash, error
		), ev AS (`+txEvent+`)
		SELECT count(*) FROM u`, id, reason).Scan(&n)
	if err != nil {
		return wrap(err, "transaction")
	}
	if n != 1 {
		return market.Errorf(market.KindConflict, conflict, id)
	}
	return nil
}

// ConfirmTx implements market.TxStore.
func (s *Store) ConfirmTx(ctx context.Context, id int64) error {
	_, err := s.pool.Exec(ctx, `UPDATE txs SET confirmed = true, updated_at = now() WHERE id = $1`, id)
	return wrap(err, "transaction")
}

// ReorgTx implements market.TxStore; it is logged, a transaction that the
// buyer saw mined being sent again.
func (s *Store) ReorgTx(ctx context.Context, id int64, reason string) error {
	return s.loggedUpdate(ctx, `UPDATE txs SET status = CASE WHEN status = 'abandoned' THEN status ELSE 'sent' END,
			block = NULL, gas_used = NULL, confirmed = false, error = $2, updated_at = now()
		WHERE id = $1 AND block IS NOT NULL AND NOT confirmed`,
		"transaction %d is not in an unconfirmed block", id, reason)
}

// MaxTxNonce implements market.TxStore.
func (s *Store) MaxTxNonce(ctx context.Context, from market.Address) (int64, error) {
	var n int64
	err := s.pool.QueryRow(ctx, `SELECT coalesce(max(nonce), -1) FROM txs WHERE sender = $1`, from[:]).Scan(&n)
	return n, wrap(err, "nonce")
}

// TxByKey implements market.TxStore.
func (s *Store) TxByKey(ctx context.Context, key string) (market.Tx, error) {
	tx, err := scanTx(s.pool.QueryRow(ctx, `SELECT `+txColumns+` FROM txs WHERE key = $1`, key))
	return tx, wrap(err, "transaction")
}

// TxsOfIntent implements market.TxStore.
func (s *Store) TxsOfIntent(ctx context.Context, intentID market.Hash) ([]market.Tx, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+txColumns+` FROM txs WHERE intent_id = $1 ORDER BY id`, intentID[:])
	if err != nil {
		return nil, wrap(err, "transactions")
	}
	txs, err := collectTxs(rows)
	return txs, wrap(err, "transactions")
}

var _ market.Payouts = (*Store)(nil)

// withExtra is a row whose last columns go to extra, after those its
// scanner reads.
type withExtra struct {
	pgx.Row
	extra []any
}

func (w withExtra) Scan(dest ...any) error { return w.Row.Scan(append(dest, w.extra...)...) }

// PayoutsOf implements market.Payouts.
func (s *Store) PayoutsOf(ctx context.Context, account market.Address, limit int) ([]market.Payout, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+txColumns+`, token FROM (
			SELECT t.*, i.token FROM txs t JOIN intents i ON i.id = t.intent_id
			WHERE t.kind = 'payout' AND (i.buyer = $1 OR t.intent_id IN (SELECT job_id FROM job_slots WHERE worker = $1))
		) p ORDER BY id DESC LIMIT $2`, account[:], limit)
	if err != nil {
		return nil, wrap(err, "payouts")
	}
	defer rows.Close()
	var out []market.Payout
	for rows.Next() {
		var token string
		tx, err := scanTx(withExtra{rows, []any{&token}})
		if err != nil {
			return nil, wrap(err, "payouts")
		}
		out = append(out, market.Payout{Tx: tx, Token: market.Token(token)})
	}
	return out, wrap(rows.Err(), "payouts")
}
