package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/axl-market/axl/market"
)

// MarketStats implements market.MarketView: the workers, open jobs and chain
// head in one query, the intents by state in another.
func (s *Store) MarketStats(ctx context.Context) (market.MarketStats, error) {
	st := market.MarketStats{IntentsByState: map[market.IntentState]int64{}}
	var head int64
	if err := s.pool.QueryRow(ctx, `SELECT
			(SELECT count(*) FROM workers),
			(SELECT count(*) FROM jobs WHERE free_slots > 0 AND NOT closed),
			(SELECT coalesce(max(number), 0) FROM chain_cursors)`).Scan(&st.Workers, &st.OpenJobs, &head); err != nil {
		return st, wrap(err, "market stats")
	}
	st.ChainHead = uint64(head)
	counts, err := s.CountIntentsByState(ctx)
	if err != nil {
		return st, err
	}
	st.IntentsByState = counts
	return st, nil
}

// RecentIntents implements market.MarketView.
func (s *Store) RecentIntents(ctx context.Context, after *market.Hash, limit int) ([]market.Intent, bool, error) {
	var cursor any
	if after != nil {
		cursor = after[:]
	}
	rows, err := s.pool.Query(ctx, `
		SELECT `+intentColumns+` FROM intents
		WHERE $1::bytea IS NULL OR seq < (SELECT seq FROM intents WHERE id = $1)
		ORDER BY seq DESC LIMIT $2`, cursor, limit+1)
	if err != nil {
		return nil, false, wrap(err, "intents")
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (market.Intent, error) { return scanIntent(r) })
	if err != nil {
		return nil, false, wrap(err, "intents")
	}
	more := len(list) > limit
	if more {
		list = list[:limit]
	}
	return list, more, nil
}
