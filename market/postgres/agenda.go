package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/axl-market/axl/market"
)

var _ market.Agenda = (*Store)(nil)

// DueIntents implements market.Agenda, by the index on due_at. The
// entries are made by the triggers of migration 000012, in the
// transaction of each change.
func (s *Store) DueIntents(ctx context.Context, now time.Time, limit int) ([]market.Due, error) {
	rows, err := s.pool.Query(ctx, `SELECT intent_id, version, nullif(due_at, '-infinity') FROM intent_agenda WHERE due_at <= $1
		ORDER BY due_at, intent_id LIMIT $2`, now, limit)
	if err != nil {
		return nil, wrap(err, "agenda")
	}
	return collectDue(rows)
}

// AgendaOf implements market.Agenda.
func (s *Store) AgendaOf(ctx context.Context, ids []market.Hash) ([]market.Due, error) {
	keys := make([][]byte, len(ids))
	for i := range ids {
		keys[i] = ids[i][:]
	}
	rows, err := s.pool.Query(ctx, `SELECT k.id, coalesce(a.version, 0), nullif(a.due_at, '-infinity')
		FROM unnest($1::bytea[]) WITH ORDINALITY AS k (id, n) LEFT JOIN intent_agenda a ON a.intent_id = k.id
		ORDER BY k.n`, keys)
	if err != nil {
		return nil, wrap(err, "agenda")
	}
	return collectDue(rows)
}

func collectDue(rows pgx.Rows) ([]market.Due, error) {
	due, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (market.Due, error) {
		var d market.Due
		var id []byte
		var at *time.Time
		err := r.Scan(&id, &d.Version, &at)
		copy(d.IntentID[:], id)
		if at != nil {
			d.At = *at
		}
		return d, err
	})
	return due, wrap(err, "agenda")
}

// Reschedule implements market.Agenda. Nothing is written when the entry
// holds at already, nor locked when it changed since (a plain UPDATE or
// DELETE locks only the rows it matches; ON CONFLICT DO UPDATE would lock
// the row it leaves): an idle intent's pass writes no row.
func (s *Store) Reschedule(ctx context.Context, d market.Due, at time.Time) error {
	var err error
	if at.IsZero() {
		_, err = s.pool.Exec(ctx, `DELETE FROM intent_agenda WHERE intent_id = $1 AND version = $2`, d.IntentID[:], d.Version)
	} else {
		// Without an entry when it was read (version 0), one is made,
		// unless a change made one since.
		_, err = s.pool.Exec(ctx, `WITH moved AS (
				UPDATE intent_agenda SET due_at = $3 WHERE intent_id = $1 AND version = $2 AND due_at <> $3)
			INSERT INTO intent_agenda (intent_id, due_at, version)
			SELECT $1, $3, 0 WHERE $2 = 0 AND NOT EXISTS (SELECT 1 FROM intent_agenda WHERE intent_id = $1)
			ON CONFLICT (intent_id) DO NOTHING`, d.IntentID[:], d.Version, at)
	}
	return wrap(err, "agenda")
}
