package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/axl-market/axl/market"
)

var _ market.Webhooks = (*Store)(nil)

// CreateWebhook implements market.Webhooks. The owner's enabled endpoints
// are counted under a transaction-scoped advisory lock on the owner, so
// that concurrent registrations cannot pass max together.
func (s *Store) CreateWebhook(ctx context.Context, w market.Webhook, max int) error {
	return wrap(pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('webhooks:' || encode($1, 'hex'), 0))`, w.Owner[:]); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM webhooks WHERE owner = $1 AND disabled_at IS NULL`, w.Owner[:]).Scan(&n); err != nil {
			return err
		}
		if n >= max {
			return market.Errorf(market.KindConflict, "this address has its %d webhooks; delete one first", max)
		}
		types := w.Types
		if types == nil {
			types = []string{}
		}
		_, err := tx.Exec(ctx, `INSERT INTO webhooks (id, owner, url, types, secret, created_at, next_attempt_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6)`, w.ID, w.Owner[:], w.URL, types, w.Secret, w.CreatedAt)
		return err
	}), "webhook")
}

// webhookColumns are the columns scanWebhook reads, secret excluded.
const webhookColumns = `w.id, w.owner, w.url, w.types, w.created_at, w.failures, w.failing_since, w.next_attempt_at,
	coalesce(w.last_error, ''), w.disabled_at, coalesce(w.disabled_reason, ''),
	(SELECT count(*) FROM webhook_outbox o WHERE o.webhook_id = w.id)`

// scanWebhook reads the webhookColumns of a row, and the secret after them
// when withSecret.
func scanWebhook(withSecret bool) pgx.RowToFunc[market.Webhook] {
	return func(r pgx.CollectableRow) (market.Webhook, error) {
		var w market.Webhook
		var owner []byte
		var failing, disabled *time.Time
		dst := []any{&w.ID, &owner, &w.URL, &w.Types, &w.CreatedAt, &w.Failures, &failing, &w.NextAttempt,
			&w.LastError, &disabled, &w.DisabledReason, &w.Pending}
		if withSecret {
			dst = append(dst, &w.Secret)
		}
		err := r.Scan(dst...)
		copy(w.Owner[:], owner)
		if failing != nil {
			w.FailingSince = *failing
		}
		if disabled != nil {
			w.DisabledAt = *disabled
		}
		return w, err
	}
}

// WebhooksOf implements market.Webhooks.
func (s *Store) WebhooksOf(ctx context.Context, owner market.Address) ([]market.Webhook, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+webhookColumns+` FROM webhooks w WHERE w.owner = $1 ORDER BY w.created_at, w.id`, owner[:])
	if err != nil {
		return nil, wrap(err, "webhooks")
	}
	list, err := pgx.CollectRows(rows, scanWebhook(false))
	return list, wrap(err, "webhooks")
}

// DeleteWebhook implements market.Webhooks; the queue goes with it (ON
// DELETE CASCADE).
func (s *Store) DeleteWebhook(ctx context.Context, owner market.Address, id string) error {
	tag, err := s.pool.Exec(ctx, `DELETE FROM webhooks WHERE id = $1 AND owner = $2`, id, owner[:])
	if err != nil {
		return wrap(err, "webhook")
	}
	if tag.RowsAffected() == 0 {
		return market.Errorf(market.KindNotFound, "webhook not found")
	}
	return nil
}

// LeaseWebhooks implements market.Webhooks in one statement: the due
// endpoints with a queue are locked, skipping those another server is
// leasing right now, and leased.
func (s *Store) LeaseWebhooks(ctx context.Context, now, until time.Time, limit int) ([]market.Webhook, error) {
	rows, err := s.pool.Query(ctx, `
		WITH due AS (
			SELECT w.id FROM webhooks w
			WHERE w.disabled_at IS NULL AND w.next_attempt_at <= $1
				AND (w.leased_until IS NULL OR w.leased_until <= $1)
				AND EXISTS (SELECT 1 FROM webhook_outbox o WHERE o.webhook_id = w.id)
			ORDER BY w.next_attempt_at
			LIMIT $3
			FOR UPDATE SKIP LOCKED
		), leased AS (
			UPDATE webhooks w SET leased_until = $2 FROM due WHERE w.id = due.id
			RETURNING w.*
		)
		SELECT `+webhookColumns+`, w.secret FROM leased w`, now, until, limit)
	if err != nil {
		return nil, wrap(err, "webhooks")
	}
	list, err := pgx.CollectRows(rows, scanWebhook(true))
	return list, wrap(err, "webhooks")
}

// QueuedDeliveries implements market.Webhooks. The log's seq orders the
// events of one intent as they were appended (under the intent's lock).
func (s *Store) QueuedDeliveries(ctx context.Context, id string, limit int) ([]market.WebhookDelivery, error) {
	rows, err := s.pool.Query(ctx, `SELECT seq, intent_id, type, state, data, created_at, attempts
		FROM webhook_outbox WHERE webhook_id = $1 ORDER BY seq LIMIT $2`, id, limit)
	if err != nil {
		return nil, wrap(err, "webhook deliveries")
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (market.WebhookDelivery, error) {
		d := market.WebhookDelivery{Webhook: id}
		var intent, data []byte
		err := r.Scan(&d.Event.Seq, &intent, &d.Event.Type, &d.Event.State, &data, &d.Event.CreatedAt, &d.Attempts)
		copy(d.Event.IntentID[:], intent)
		d.Event.Data = data
		return d, err
	})
	return list, wrap(err, "webhook deliveries")
}

// WebhookDelivered implements market.Webhooks.
func (s *Store) WebhookDelivered(ctx context.Context, id string, seq int64) error {
	b := &pgx.Batch{}
	b.Queue(`DELETE FROM webhook_outbox WHERE webhook_id = $1 AND seq = $2`, id, seq)
	b.Queue(`UPDATE webhooks SET failures = 0, failing_since = NULL, last_error = NULL WHERE id = $1`, id)
	return wrap(s.pool.SendBatch(ctx, b).Close(), "webhook delivery")
}

// WebhookFailed implements market.Webhooks; the lease ends with it.
func (s *Store) WebhookFailed(ctx context.Context, id string, seq int64, errText string, next time.Time, disable bool, now time.Time) error {
	return wrap(pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if disable {
			if _, err := tx.Exec(ctx, `UPDATE webhooks SET disabled_at = $2, disabled_reason = $3, last_error = $3,
				failures = failures + 1, leased_until = NULL WHERE id = $1`, id, now, errText); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `DELETE FROM webhook_outbox WHERE webhook_id = $1`, id)
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE webhook_outbox SET attempts = attempts + 1 WHERE webhook_id = $1 AND seq = $2`, id, seq); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE webhooks SET failures = failures + 1, failing_since = coalesce(failing_since, $3),
			last_error = $2, next_attempt_at = $4, leased_until = NULL WHERE id = $1`, id, errText, now, next)
		return err
	}), "webhook delivery")
}

// ReleaseWebhook implements market.Webhooks.
func (s *Store) ReleaseWebhook(ctx context.Context, id string) error {
	_, err := s.pool.Exec(ctx, `UPDATE webhooks SET leased_until = NULL WHERE id = $1`, id)
	return wrap(err, "webhook")
}
