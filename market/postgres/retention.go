package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/axl-market/axl/market"
)

var _ market.Pruner = (*Store)(nil)

// artifactInUse is true for artifact a that something still needs: the
// spec of an intent (whatever its state: a released buyer downloads its
// weights), an open quote, a revealed or decided delivery, or an upload of
// a worker that holds a staked slot of a live intent (its weights, before
// the reveal). $1 is now.
const artifactInUse = `(
	EXISTS (SELECT 1 FROM intents i WHERE i.spec->>'base_model' = 'sha256:' || encode(a.id, 'hex'))
	OR EXISTS (SELECT 1 FROM intents i WHERE i.spec->>'dataset' = 'sha256:' || encode(a.id, 'hex'))
	OR EXISTS (SELECT 1 FROM quotes q WHERE q.spec->>'base_model' = 'sha256:' || encode(a.id, 'hex')
		AND q.used_at IS NULL AND q.expires_at > $1)
	OR EXISTS (SELECT 1 FROM quotes q WHERE q.spec->>'dataset' = 'sha256:' || encode(a.id, 'hex')
		AND q.used_at IS NULL AND q.expires_at > $1)
	OR EXISTS (SELECT 1 FROM intents i WHERE i.spec->>'tokenizer' = 'sha256:' || encode(a.id, 'hex'))
	OR EXISTS (SELECT 1 FROM quotes q WHERE q.spec->>'tokenizer' = 'sha256:' || encode(a.id, 'hex')
		AND q.used_at IS NULL AND q.expires_at > $1)
	OR EXISTS (SELECT 1 FROM job_slots js WHERE js.weights = a.id)
	OR EXISTS (SELECT 1 FROM results r WHERE r.weights = a.id)
	OR EXISTS (SELECT 1 FROM job_slots js JOIN intents i ON i.id = js.job_id
		WHERE js.worker = a.owner AND js.state = 'confirmed'
			AND i.state IN ('open', 'matched', 'running', 'verifying', 'disputed')))`

// Prune implements market.Pruner: one statement per table, each bounded by
// an index on its time column (migration 000010).
func (s *Store) Prune(ctx context.Context, r market.Retention, now time.Time) (market.Pruned, error) {
	r = r.WithDefaults()
	var p market.Pruned
	steps := []struct {
		n     *int64
		query string
		arg   time.Time
	}{
		{&p.Nonces, `DELETE FROM request_nonces WHERE expires_at < $1`, now},
		{&p.Quotes, `DELETE FROM quotes q WHERE q.used_at IS NULL AND q.expires_at < $1
			AND NOT EXISTS (SELECT 1 FROM intents i WHERE i.quote_id = q.id)`, now.Add(-r.Quotes)},
		{&p.Idempotency, `DELETE FROM idempotency_keys WHERE created_at < $1`, now.Add(-r.Idempotency)},
		{&p.Progress, `DELETE FROM intent_events WHERE type = 'progress' AND created_at < $1`, now.Add(-r.Progress)},
		{&p.Workers, `DELETE FROM workers w WHERE w.updated_at < $1
			AND NOT EXISTS (SELECT 1 FROM job_slots js WHERE js.worker = w.address)`, now.Add(-r.Workers)},
	}
	for _, st := range steps {
		tag, err := s.pool.Exec(ctx, st.query, st.arg)
		if err != nil {
			return p, wrap(err, "retention")
		}
		*st.n = tag.RowsAffected()
	}
	return s.pruneArtifacts(ctx, r, now, p)
}

// pruneArtifacts removes the records of unused artifacts older than the
// retention, and lists the ids that no owner holds any more.
func (s *Store) pruneArtifacts(ctx context.Context, r market.Retention, now time.Time, p market.Pruned) (market.Pruned, error) {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `DELETE FROM artifacts a WHERE a.created_at < $2 AND NOT `+artifactInUse+` RETURNING a.id`,
			now, now.Add(-r.Artifacts))
		if err != nil {
			return err
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[[]byte])
		if err != nil {
			return err
		}
		p.Artifacts = int64(len(ids))
		if len(ids) == 0 {
			return nil
		}
		rows, err = tx.Query(ctx, `SELECT DISTINCT g FROM unnest($1::bytea[]) g
			WHERE NOT EXISTS (SELECT 1 FROM artifacts a WHERE a.id = g)`, ids)
		if err != nil {
			return err
		}
		orphans, err := pgx.CollectRows(rows, pgx.RowTo[[]byte])
		for _, b := range orphans {
			var id market.ArtifactID
			copy(id[:], b)
			p.Blobs = append(p.Blobs, id)
		}
		return err
	})
	return p, wrap(err, "retention")
}

// StoredBytes implements market.Pruner.
func (s *Store) StoredBytes(ctx context.Context, owner market.Address, now time.Time) (int64, error) {
	var n int64
	err := s.pool.QueryRow(ctx, `SELECT coalesce(sum(a.size), 0)::bigint FROM artifacts a
		WHERE a.owner = $2 AND NOT `+artifactInUse, now, owner[:]).Scan(&n)
	return n, wrap(err, "artifacts")
}

// ArtifactKept implements market.Pruner.
func (s *Store) ArtifactKept(ctx context.Context, id market.ArtifactID) (bool, error) {
	var yes bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM artifacts WHERE id = $1)`, id[:]).Scan(&yes)
	return yes, wrap(err, "artifacts")
}

// Usage implements market.Pruner.
func (s *Store) Usage(ctx context.Context) (market.Usage, error) {
	var u market.Usage
	err := s.pool.QueryRow(ctx, `SELECT
		(SELECT coalesce(sum(size), 0)::bigint FROM (SELECT DISTINCT ON (id) size FROM artifacts) a),
		pg_database_size(current_database())`).Scan(&u.ArtifactBytes, &u.DatabaseBytes)
	return u, wrap(err, "usage")
}
