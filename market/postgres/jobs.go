package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/axl-market/axl/market"
)

var _ market.Ledger = (*Store)(nil)

// ApplyChain implements market.Ledger: it loads what market.Derive reads
// and stores what it derives. Locks are taken in one order everywhere
// (intent, then job, then slots) so that it cannot deadlock with claims.
func (s *Store) ApplyChain(ctx context.Context, id market.Hash, now time.Time) (market.Intent, market.ChainView, error) {
	var in market.Intent
	var view market.ChainView
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		h, l, err := holding(ctx, tx, id)
		if err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT `+chainEventColumns+` FROM chain_events WHERE intent_id = $1
			ORDER BY block, log_index`, id[:])
		if err != nil {
			return err
		}
		events, err := collectChainEvents(rows)
		if err != nil {
			return err
		}
		if view, err = market.ReadChain(events); err != nil {
			return err
		}
		d := market.Derive(h, view, now)
		in = d.Intent
		return storeDerived(ctx, tx, h, l, d)
	})
	return in, view, wrap(err, "intent")
}

// listing is a job's row as claims read it.
type listing struct {
	closed bool
	free   int32
}

// holding loads and locks what a derivation reads of an intent, and its
// job's listing.
func holding(ctx context.Context, tx pgx.Tx, id market.Hash) (market.Holding, listing, error) {
	var h market.Holding
	var cancel *time.Time
	var err error
	h.Intent, err = scanIntent(tx.QueryRow(ctx, `SELECT `+intentColumns+`, cancel_requested_at FROM intents WHERE id = $1 FOR UPDATE`,
		id[:]), &cancel)
	var l listing
	if err != nil {
		return h, l, err
	}
	h.CancelRequested = cancel != nil
	if h.Intent.State == market.IntentFailed {
		return h, l, nil // final: nothing more is read
	}
	err = tx.QueryRow(ctx, `SELECT closed, free_slots FROM jobs WHERE id = $1 FOR UPDATE`, id[:]).Scan(&l.closed, &l.free)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return h, l, nil
	case err != nil:
		return h, l, err
	}
	h.HasJob = true
	if h.Slots, err = lockedSlots(ctx, tx, id); err != nil {
		return h, l, err
	}
	rows, err := tx.Query(ctx, `SELECT slots FROM disputes WHERE job_id = $1 ORDER BY id`, id[:])
	if err != nil {
		return h, l, err
	}
	h.Games, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (market.Dispute, error) {
		var slots []int32
		err := r.Scan(&slots)
		g := market.Dispute{JobID: id, Slots: make([]uint32, len(slots))}
		for i, sl := range slots {
			g.Slots[i] = uint32(sl)
		}
		return g, err
	})
	return h, l, err
}

// storeDerived writes what a derivation changed of what holding loaded.
func storeDerived(ctx context.Context, tx pgx.Tx, h market.Holding, l listing, d market.Derived) error {
	in, id := d.Intent, d.Intent.ID[:]
	var batch pgx.Batch
	if in.State != h.Intent.State || !in.AssignedAt.Equal(h.Intent.AssignedAt) {
		var assigned *time.Time
		if !in.AssignedAt.IsZero() {
			assigned = &in.AssignedAt
		}
		batch.Queue(`UPDATE intents SET state = $2, updated_at = $3, assigned_at = $4 WHERE id = $1`,
			id, string(in.State), in.UpdatedAt, assigned)
	}
	if j := d.NewJob; j != nil {
		batch.Queue(`INSERT INTO jobs (id, token, slots, free_slots, pay_per_slot, stake_per_slot, model_size, steps, deadline,
				created_at, slot_memory, closed)
			VALUES ($1, $2, $3, $4, $5::numeric, $6::numeric, $7, $8, $9, $10, $11, $12)`,
			id, string(j.Token), int32(j.Slots), int32(d.FreeSlots), num(j.PayPerSlot), num(j.StakePerSlot), j.ModelSize,
			int32(j.Steps), j.Deadline, j.CreatedAt, j.SlotMemory, d.Closed)
		batch.Queue(`INSERT INTO job_slots (job_id, slot, state) SELECT $1, g, 'free' FROM generate_series(0, $2 - 1) g`,
			id, int32(j.Slots))
	} else if h.HasJob && (d.Closed != l.closed || int32(d.FreeSlots) != l.free) {
		// Written only when it changes: every operator pass comes through here.
		batch.Queue(`UPDATE jobs SET closed = $2, free_slots = $3 WHERE id = $1`, id, d.Closed, int32(d.FreeSlots))
	}
	if len(d.Changed) > 0 {
		queueSlots(&batch, in.ID, d)
	}
	for _, e := range d.Events {
		batch.Queue(`INSERT INTO intent_events (intent_id, type, state, data, created_at) VALUES ($1, $2, $3, $4, $5)`,
			id, e.Type, string(e.State), []byte(e.Data), e.CreatedAt)
	}
	if batch.Len() == 0 {
		return nil
	}
	return tx.SendBatch(ctx, &batch).Close()
}

// queueSlots writes the changed slots: their workers are cleared first,
// so that a worker moved from one slot to another never sits twice in
// the job between two rows' writes.
func queueSlots(batch *pgx.Batch, job market.Hash, d market.Derived) {
	n := len(d.Changed)
	idx, states := make([]int32, n), make([]string, n)
	workers := make([][]byte, n)
	claims, nonces := make([]*string, n), make([]*string, n)
	expires := make([]*time.Time, n)
	for k, i := range d.Changed {
		sl := d.Slots[i]
		idx[k], states[k] = int32(i), string(sl.State)
		if sl.State != market.SlotFree {
			workers[k] = sl.Worker[:]
		}
		if sl.ClaimID != "" {
			claims[k] = &sl.ClaimID
		}
		if !sl.ClaimExpiresAt.IsZero() {
			expires[k] = &sl.ClaimExpiresAt
		}
		if sl.PermitNonce != nil {
			v := sl.PermitNonce.String()
			nonces[k] = &v
		}
	}
	batch.Queue(`UPDATE job_slots SET state = 'free', worker = NULL WHERE job_id = $1 AND slot = ANY($2)`, job[:], idx)
	batch.Queue(`UPDATE job_slots js SET state = u.state, worker = u.worker, claim_id = u.claim_id,
			claim_expires_at = u.expires, permit_nonce = u.nonce::numeric
		FROM unnest($2::int[], $3::text[], $4::bytea[], $5::text[], $6::timestamptz[], $7::text[])
			AS u(slot, state, worker, claim_id, expires, nonce)
		WHERE js.job_id = $1 AND js.slot = u.slot`, job[:], idx, states, workers, claims, expires, nonces)
}

// appendEvent adds an entry to an intent's event log.
func appendEvent(ctx context.Context, tx pgx.Tx, id market.Hash, typ string, st market.IntentState, data any, now time.Time) error {
	b, err := json.Marshal(data)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO intent_events (intent_id, type, state, data, created_at) VALUES ($1, $2, $3, $4, $5)`,
		id[:], typ, string(st), b, now)
	return err
}

const slotColumns = `job_id, slot, state, worker, claim_id, claim_expires_at, permit_nonce::text`

func scanSlot(row pgx.Row) (market.Slot, error) {
	var sl market.Slot
	var job, worker []byte
	var idx int32
	var claimID, nonce *string
	var exp *time.Time
	if err := row.Scan(&job, &idx, &sl.State, &worker, &claimID, &exp, &nonce); err != nil {
		return sl, err
	}
	copy(sl.JobID[:], job)
	copy(sl.Worker[:], worker)
	sl.Index = uint32(idx)
	if claimID != nil {
		sl.ClaimID = *claimID
	}
	if exp != nil {
		sl.ClaimExpiresAt = *exp
	}
	var err error
	sl.PermitNonce, err = parseNum(nonce)
	return sl, err
}

func collectSlots(rows pgx.Rows) ([]market.Slot, error) {
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (market.Slot, error) { return scanSlot(r) })
}

func lockedSlots(ctx context.Context, tx pgx.Tx, id market.Hash) ([]market.Slot, error) {
	rows, err := tx.Query(ctx, `SELECT `+slotColumns+` FROM job_slots WHERE job_id = $1 ORDER BY slot FOR UPDATE`, id[:])
	if err != nil {
		return nil, err
	}
	return collectSlots(rows)
}

// ActiveIntents implements market.Ledger.
func (s *Store) ActiveIntents(ctx context.Context) ([]market.Hash, error) {
	rows, err := s.pool.Query(ctx, `SELECT id FROM intents WHERE state IN ('funding', 'open', 'matched', 'running', 'verifying', 'disputed') ORDER BY seq`)
	if err != nil {
		return nil, wrap(err, "intents")
	}
	ids, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (market.Hash, error) {
		var b []byte
		var h market.Hash
		err := r.Scan(&b)
		copy(h[:], b)
		return h, err
	})
	return ids, wrap(err, "intents")
}

// IntentByID implements market.Ledger.
func (s *Store) IntentByID(ctx context.Context, id market.Hash) (market.Intent, error) {
	in, err := scanIntent(s.pool.QueryRow(ctx, `SELECT `+intentColumns+` FROM intents WHERE id = $1`, id[:]))
	return in, wrap(err, "intent")
}

// RequestCancel implements market.Ledger.
func (s *Store) RequestCancel(ctx context.Context, id market.Hash, buyer market.Address, now time.Time) (market.Intent, error) {
	var in market.Intent
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		in, err = scanIntent(tx.QueryRow(ctx, `SELECT `+intentColumns+` FROM intents WHERE id = $1 AND buyer = $2 FOR UPDATE`,
			id[:], buyer[:]))
		if err != nil {
			return err
		}
		switch in.State {
		case market.IntentFunding, market.IntentOpen, market.IntentMatched:
		default:
			return market.Errorf(market.KindConflict, "intent %s is %s: only an intent not yet assigned can be cancelled", id, in.State)
		}
		tag, err := tx.Exec(ctx, `UPDATE intents SET cancel_requested_at = $2 WHERE id = $1 AND cancel_requested_at IS NULL`, id[:], now)
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		// No new claims from now on.
		if _, err := tx.Exec(ctx, `UPDATE jobs SET closed = true WHERE id = $1`, id[:]); err != nil {
			return err
		}
		return appendEvent(ctx, tx, id, "cancel_requested", in.State, map[string]any{}, now)
	})
	return in, wrap(err, "intent")
}

// FailUnfunded implements market.Ledger.
func (s *Store) FailUnfunded(ctx context.Context, id market.Hash, reason string, now time.Time) (bool, error) {
	var done bool
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE intents SET state = 'failed', updated_at = $2 WHERE id = $1 AND state = 'funding'`, id[:], now)
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		done = true
		return appendEvent(ctx, tx, id, "state", market.IntentFailed, map[string]any{"from": market.IntentFunding, "reason": reason}, now)
	})
	return done, wrap(err, "intent")
}

// CancelRequested implements market.Ledger.
func (s *Store) CancelRequested(ctx context.Context, id market.Hash) (bool, error) {
	var yes bool
	err := s.pool.QueryRow(ctx, `SELECT cancel_requested_at IS NOT NULL FROM intents WHERE id = $1`, id[:]).Scan(&yes)
	return yes, wrap(err, "intent")
}

// Job implements market.Ledger.
func (s *Store) Job(ctx context.Context, id market.Hash) (market.Job, error) {
	j, err := scanJob(s.pool.QueryRow(ctx, `SELECT `+jobColumns+` FROM jobs j JOIN intents i ON i.id = j.id WHERE j.id = $1`, id[:]))
	return j, wrap(err, "job")
}

// JobSlots implements market.Ledger.
func (s *Store) JobSlots(ctx context.Context, id market.Hash) ([]market.Slot, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+slotColumns+` FROM job_slots WHERE job_id = $1 ORDER BY slot`, id[:])
	if err != nil {
		return nil, wrap(err, "slots")
	}
	slots, err := collectSlots(rows)
	return slots, wrap(err, "slots")
}

// ClaimSlot implements market.Ledger. The job row is locked first, so claims
// on one job are serialised and the checks below hold until commit; the
// free slot is then taken with FOR UPDATE SKIP LOCKED.
func (s *Store) ClaimSlot(ctx context.Context, r market.ClaimRequest) (market.Claim, error) {
	c := market.Claim{ID: r.ClaimID, JobID: r.JobID, Worker: r.Worker, ExpiresAt: r.ExpiresAt, PermitNonce: r.PermitNonce}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		// The worker row is locked first (then the job, then a slot): its
		// claims on several jobs at once are counted against its capacity
		// one after the other.
		var capacity int32
		err := tx.QueryRow(ctx, `SELECT capacity FROM workers WHERE address = $1 FOR UPDATE`, r.Worker[:]).Scan(&capacity)
		if errors.Is(err, pgx.ErrNoRows) {
			return market.Errorf(market.KindForbidden, "%s is not a registered worker: POST /workers first", r.Worker)
		} else if err != nil {
			return err
		}
		var closed bool
		err = tx.QueryRow(ctx, `SELECT j.closed OR i.cancel_requested_at IS NOT NULL
			FROM jobs j JOIN intents i ON i.id = j.id WHERE j.id = $1 FOR UPDATE OF j`, r.JobID[:]).Scan(&closed)
		if err != nil {
			return err
		}
		if closed {
			return market.Errorf(market.KindConflict, "job %s takes no claims", r.JobID)
		}
		if _, err := tx.Exec(ctx, `UPDATE job_slots SET state = 'free', worker = NULL, claim_id = NULL,
				claim_expires_at = NULL, permit_nonce = NULL
			WHERE job_id = $1 AND state = 'claimed' AND claim_expires_at <= $2`, r.JobID[:], r.Now); err != nil {
			return err
		}
		var held int32
		err = tx.QueryRow(ctx, `SELECT slot FROM job_slots WHERE job_id = $1 AND worker = $2`, r.JobID[:], r.Worker[:]).Scan(&held)
		if err == nil {
			return market.Errorf(market.KindConflict, "worker %s already holds slot %d of job %s", r.Worker, held, r.JobID)
		} else if err != pgx.ErrNoRows {
			return err
		}
		var busy int32
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM job_slots js JOIN intents i ON i.id = js.job_id
			WHERE js.worker = $1 AND i.state IN ('open', 'matched', 'running')
				AND (js.state = 'confirmed' OR js.claim_expires_at > $2)`, r.Worker[:], r.Now).Scan(&busy); err != nil {
			return err
		}
		if busy >= capacity {
			return market.Errorf(market.KindConflict, "worker %s holds %d slots, its capacity", r.Worker, busy)
		}
		if r.MaxPending > 0 {
			var pending int
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM job_slots WHERE worker = $1 AND state = 'claimed'
				AND claim_expires_at > $2`, r.Worker[:], r.Now).Scan(&pending); err != nil {
				return err
			}
			if pending >= r.MaxPending {
				return market.Errorf(market.KindConflict, "worker %s holds %d claims not yet staked, the most a worker may: stake or let one expire first",
					r.Worker, pending)
			}
		}
		var slot int32
		err = tx.QueryRow(ctx, `
			UPDATE job_slots SET state = 'claimed', worker = $2, claim_id = $3, claim_expires_at = $4, permit_nonce = $5::numeric
			WHERE job_id = $1 AND slot = (
				SELECT slot FROM job_slots WHERE job_id = $1 AND state = 'free' ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED)
			RETURNING slot`, r.JobID[:], r.Worker[:], r.ClaimID, r.ExpiresAt, num(r.PermitNonce)).Scan(&slot)
		if err == pgx.ErrNoRows {
			return market.Errorf(market.KindConflict, "job %s has no free slot", r.JobID)
		} else if err != nil {
			return err
		}
		c.Slot = uint32(slot)
		// Counted, not decremented: the expired claims freed above count too.
		_, err = tx.Exec(ctx, `UPDATE jobs SET free_slots = (SELECT count(*) FROM job_slots WHERE job_id = $1 AND state = 'free')
			WHERE id = $1`, r.JobID[:])
		return err
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return c, market.Errorf(market.KindNotFound, "job %s not found", r.JobID)
	}
	return c, wrap(err, "claim")
}

// Claim implements market.Ledger.
func (s *Store) Claim(ctx context.Context, jobID market.Hash, claimID string) (market.Claim, market.Slot, error) {
	sl, err := scanSlot(s.pool.QueryRow(ctx, `SELECT `+slotColumns+` FROM job_slots WHERE job_id = $1 AND claim_id = $2`,
		jobID[:], claimID))
	if err != nil {
		return market.Claim{}, sl, wrap(err, "claim")
	}
	return market.Claim{ID: claimID, JobID: jobID, Slot: sl.Index, Worker: sl.Worker, ExpiresAt: sl.ClaimExpiresAt,
		PermitNonce: sl.PermitNonce}, sl, nil
}

// ExpireClaims implements market.Ledger, locking jobs before slots like a claim.
func (s *Store) ExpireClaims(ctx context.Context, now time.Time) (int64, error) {
	var n int64
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT id FROM jobs WHERE id IN (
			SELECT job_id FROM job_slots WHERE state = 'claimed' AND claim_expires_at <= $1) ORDER BY id FOR UPDATE`, now)
		if err != nil {
			return err
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[[]byte])
		if err != nil || len(ids) == 0 {
			return err
		}
		tag, err := tx.Exec(ctx, `UPDATE job_slots SET state = 'free', worker = NULL, claim_id = NULL,
				claim_expires_at = NULL, permit_nonce = NULL
			WHERE job_id = ANY($1) AND state = 'claimed' AND claim_expires_at <= $2`, ids, now)
		if err != nil {
			return err
		}
		n = tag.RowsAffected()
		_, err = tx.Exec(ctx, `UPDATE jobs SET free_slots = (SELECT count(*) FROM job_slots WHERE job_id = jobs.id AND state = 'free')
			WHERE id = ANY($1)`, ids)
		return err
	})
	return n, wrap(err, "claims")
}

// Worker implements market.Ledger.
func (s *Store) Worker(ctx context.Context, a market.Address) (market.Worker, error) {
	w := market.Worker{Address: a}
	var capacity, threads int32
	err := s.pool.QueryRow(ctx, `SELECT peer_id, multiaddrs, capacity, memory, threads, created_at, updated_at FROM workers WHERE address = $1`,
		a[:]).Scan(&w.PeerID, &w.Multiaddrs, &capacity, &w.Memory, &threads, &w.CreatedAt, &w.UpdatedAt)
	w.Capacity, w.Threads = uint32(capacity), uint32(threads)
	return w, wrap(err, "worker")
}
