package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/axl-market/axl/market"
)

var _ market.ChainLog = (*Store)(nil)

// ChainCursor implements market.ChainLog.
func (s *Store) ChainCursor(ctx context.Context, stream string) (market.BlockRef, error) {
	var (
		ref  market.BlockRef
		n    int64
		hash []byte
	)
	err := s.pool.QueryRow(ctx, `SELECT number, hash FROM chain_cursors WHERE stream = $1`, stream).Scan(&n, &hash)
	if errors.Is(err, pgx.ErrNoRows) {
		return ref, nil
	}
	if err != nil {
		return ref, wrap(err, "chain cursor")
	}
	ref.Number = uint64(n)
	copy(ref.Hash[:], hash)
	return ref, nil
}

// ApplyChainBlocks implements market.ChainLog: events, applied blocks and
// the cursor move in one transaction, so a crash leaves all or nothing.
func (s *Store) ApplyChainBlocks(ctx context.Context, stream string, cursor market.BlockRef, events []market.ChainEvent) error {
	return wrap(pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		batch := &pgx.Batch{}
		for _, e := range events {
			batch.Queue(`INSERT INTO chain_events (stream, block, block_hash, log_index, tx_hash, name, intent_id, data)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
				stream, int64(e.Block), e.BlockHash[:], int(e.LogIndex), e.TxHash[:], e.Name, nullHash(e.IntentID), []byte(e.Data))
			batch.Queue(`INSERT INTO chain_blocks (stream, number, hash) VALUES ($1, $2, $3)
				ON CONFLICT (stream, number) DO UPDATE SET hash = excluded.hash`, stream, int64(e.Block), e.BlockHash[:])
		}
		batch.Queue(`INSERT INTO chain_blocks (stream, number, hash) VALUES ($1, $2, $3)
			ON CONFLICT (stream, number) DO UPDATE SET hash = excluded.hash`, stream, int64(cursor.Number), cursor.Hash[:])
		batch.Queue(`INSERT INTO chain_cursors (stream, number, hash) VALUES ($1, $2, $3)
			ON CONFLICT (stream) DO UPDATE SET number = excluded.number, hash = excluded.hash`,
			stream, int64(cursor.Number), cursor.Hash[:])
		return tx.SendBatch(ctx, batch).Close()
	}), "chain events")
}

// AppliedBlocks implements market.ChainLog.
func (s *Store) AppliedBlocks(ctx context.Context, stream string, below uint64, limit int) ([]market.BlockRef, error) {
	rows, err := s.pool.Query(ctx, `SELECT number, hash FROM chain_blocks WHERE stream = $1 AND number < $2
		ORDER BY number DESC LIMIT $3`, stream, int64(below), limit)
	if err != nil {
		return nil, wrap(err, "applied blocks")
	}
	defer rows.Close()
	var out []market.BlockRef
	for rows.Next() {
		var (
			n    int64
			hash []byte
		)
		if err := rows.Scan(&n, &hash); err != nil {
			return nil, wrap(err, "applied blocks")
		}
		ref := market.BlockRef{Number: uint64(n)}
		copy(ref.Hash[:], hash)
		out = append(out, ref)
	}
	return out, wrap(rows.Err(), "applied blocks")
}

const chainEventColumns = `block, block_hash, log_index, tx_hash, name, intent_id, data`

func collectChainEvents(rows pgx.Rows) ([]market.ChainEvent, error) {
	defer rows.Close()
	var out []market.ChainEvent
	for rows.Next() {
		var (
			e                     market.ChainEvent
			block                 int64
			index                 int
			bhash, txhash, intent []byte
			data                  []byte
		)
		if err := rows.Scan(&block, &bhash, &index, &txhash, &e.Name, &intent, &data); err != nil {
			return nil, err
		}
		e.Block, e.LogIndex, e.Data = uint64(block), uint(index), data
		copy(e.BlockHash[:], bhash)
		copy(e.TxHash[:], txhash)
		copy(e.IntentID[:], intent)
		out = append(out, e)
	}
	return out, rows.Err()
}

// RewindChain implements market.ChainLog.
func (s *Store) RewindChain(ctx context.Context, stream string, to market.BlockRef) ([]market.ChainEvent, error) {
	var removed []market.ChainEvent
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `DELETE FROM chain_events WHERE stream = $1 AND block > $2
			RETURNING `+chainEventColumns, stream, int64(to.Number))
		if err != nil {
			return err
		}
		if removed, err = collectChainEvents(rows); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM chain_blocks WHERE stream = $1 AND number > $2`, stream, int64(to.Number)); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO chain_cursors (stream, number, hash) VALUES ($1, $2, $3)
			ON CONFLICT (stream) DO UPDATE SET number = excluded.number, hash = excluded.hash`,
			stream, int64(to.Number), to.Hash[:])
		return err
	})
	return removed, wrap(err, "chain rewind")
}

// ChainEventsOf implements market.ChainLog.
func (s *Store) ChainEventsOf(ctx context.Context, intentID market.Hash) ([]market.ChainEvent, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+chainEventColumns+` FROM chain_events WHERE intent_id = $1
		ORDER BY block, log_index`, intentID[:])
	if err != nil {
		return nil, wrap(err, "chain events")
	}
	events, err := collectChainEvents(rows)
	return events, wrap(err, "chain events")
}
