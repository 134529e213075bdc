package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/axl-market/axl/market"
)

var _ market.Verification = (*Store)(nil)

// runningStates are the states of an assigned job that is not final: its
// workers report, commit and reveal, and the referee asks.
var runningStates = []string{string(market.IntentRunning), string(market.IntentVerifying), string(market.IntentDisputed)}

// querier is a pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// placed is a job's intent with the placement of its slots (nil before the
// job is assigned).
type placed struct {
	intent market.Intent
	place  []market.Placement
}

// placement reads a job's intent (share-locked inside a transaction when
// lock is set, so that its state holds until commit) and places its slots
// by the seed of its applied Assigned event, as the workers' assignments do.
func placement(ctx context.Context, q querier, jobID market.Hash, lock bool) (placed, error) {
	sql := `SELECT ` + intentColumns + ` FROM intents WHERE id = $1 AND EXISTS (SELECT 1 FROM jobs WHERE id = $1)`
	if lock {
		sql += ` FOR SHARE`
	}
	in, err := scanIntent(q.QueryRow(ctx, sql, jobID[:]))
	if errors.Is(err, pgx.ErrNoRows) {
		return placed{}, market.Errorf(market.KindNotFound, "job %s not found", jobID)
	} else if err != nil {
		return placed{}, err
	}
	rows, err := q.Query(ctx, `SELECT `+chainEventColumns+` FROM chain_events WHERE intent_id = $1
		ORDER BY block, log_index`, jobID[:])
	if err != nil {
		return placed{}, err
	}
	events, err := collectChainEvents(rows)
	if err != nil {
		return placed{}, err
	}
	view, err := market.ReadChain(events)
	if err != nil {
		return placed{}, err
	}
	p := placed{intent: in}
	if view.Assigned {
		p.place = market.Place(view.Seed, in.Spec.Workers, in.Spec.Replicas)
	}
	return p, nil
}

// runningJob locks a job's intent in share mode and fails unless the job
// is assigned and not final.
func runningJob(ctx context.Context, tx pgx.Tx, jobID market.Hash) (placed, error) {
	p, err := placement(ctx, tx, jobID, true)
	if err != nil {
		return p, err
	}
	for _, st := range runningStates {
		if string(p.intent.State) == st && p.place != nil {
			return p, nil
		}
	}
	return p, market.Errorf(market.KindConflict, "job %s is not running: its intent is %s", jobID, p.intent.State)
}

const reportColumns = `slot, state, worker, progress_step, progress_loss, progress_validation_loss, progress_tps, progress_at,
	commitment, committed_at, trace_root, salt, trace_leaves, weights, revealed_at, partial,
	EXISTS (SELECT 1 FROM workers w JOIN intents i ON i.id = job_slots.job_id WHERE w.address = job_slots.worker
		AND w.peer_id <> '' AND (i.assigned_at IS NULL OR w.created_at <= i.assigned_at))`

func scanReport(row pgx.Row, place []market.Placement) (market.SlotReport, error) {
	var (
		r                                 market.SlotReport
		slot                              int32
		worker, commitment, root, salt, w []byte
		step, leaves                      *int32
		loss, valLoss, tps                *float64
		progressAt, committedAt, revealed *time.Time
		partial                           bool
	)
	if err := row.Scan(&slot, &r.State, &worker, &step, &loss, &valLoss, &tps, &progressAt, &commitment, &committedAt,
		&root, &salt, &leaves, &w, &revealed, &partial, &r.Registered); err != nil {
		return r, err
	}
	r.Slot = uint32(slot)
	copy(r.Worker[:], worker)
	if int(slot) < len(place) {
		r.Replica, r.Rank = place[slot].Replica, place[slot].Rank
	}
	if step != nil {
		r.Progress = &market.Progress{Step: uint32(*step), Loss: *loss, TokensPerSecond: *tps, At: *progressAt}
		if valLoss != nil { // NULL in a report of before migration 15
			r.Progress.ValidationLoss = *valLoss
		}
	}
	if commitment != nil {
		r.Commitment, r.CommittedAt = new(market.Hash), *committedAt
		copy(r.Commitment[:], commitment)
	}
	if revealed != nil {
		r.Reveal, r.RevealedAt = &market.Reveal{Leaves: uint32(*leaves), Partial: partial}, *revealed
		copy(r.Reveal.TraceRoot[:], root)
		copy(r.Reveal.Salt[:], salt)
		copy(r.Reveal.Weights[:], w)
	}
	return r, nil
}

// workerSlot locks the confirmed slot of worker in a job.
func workerSlot(ctx context.Context, tx pgx.Tx, p placed, worker market.Address) (market.SlotReport, error) {
	r, err := scanReport(tx.QueryRow(ctx, `SELECT `+reportColumns+` FROM job_slots
		WHERE job_id = $1 AND worker = $2 AND state = 'confirmed' FOR UPDATE`, p.intent.ID[:], worker[:]), p.place)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, market.Errorf(market.KindNotFound, "%s holds no confirmed slot in job %s", worker, p.intent.ID)
	}
	return r, err
}

// pgCode is the SQLSTATE of a database error, or "".
func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// missing turns a foreign key violation (the row refers to no job or slot)
// into a KindNotFound error with the given message.
func missing(err error, format string, args ...any) error {
	if pgCode(err) == "23503" {
		return &market.Error{Kind: market.KindNotFound, Message: fmt.Sprintf(format, args...), Err: err}
	}
	return err
}

// inSlot runs f in a transaction on the locked confirmed slot of worker in
// a running job.
func (s *Store) inSlot(ctx context.Context, jobID market.Hash, worker market.Address,
	f func(tx pgx.Tx, job placed, slot market.SlotReport) error) error {
	return wrap(pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		job, err := runningJob(ctx, tx, jobID)
		if err != nil {
			return err
		}
		r, err := workerSlot(ctx, tx, job, worker)
		if err != nil {
			return err
		}
		return f(tx, job, r)
	}), "job")
}

// slotEvent is the data of a slot's "progress" and "revealed" events.
func slotEvent(r market.SlotReport, more map[string]any) map[string]any {
	more["slot"], more["replica"], more["rank"] = r.Slot, r.Replica, r.Rank
	return more
}

// RecordProgress implements market.Verification.
func (s *Store) RecordProgress(ctx context.Context, jobID market.Hash, worker market.Address, p market.Progress) (market.SlotReport, error) {
	var r market.SlotReport
	err := s.inSlot(ctx, jobID, worker, func(tx pgx.Tx, job placed, slot market.SlotReport) error {
		r = slot
		if _, err := tx.Exec(ctx, `UPDATE job_slots SET progress_step = $3, progress_loss = $4, progress_tps = $5,
			progress_at = $6, progress_validation_loss = $7 WHERE job_id = $1 AND slot = $2`, jobID[:], int32(r.Slot), int32(p.Step), p.Loss,
			p.TokensPerSecond, p.At, p.ValidationLoss); err != nil {
			return err
		}
		r.Progress = &p
		return appendEvent(ctx, tx, jobID, "progress", job.intent.State, slotEvent(r, map[string]any{
			"step": p.Step, "loss": p.Loss, "validation_loss": p.ValidationLoss, "tokens_per_second": p.TokensPerSecond}), p.At)
	})
	return r, err
}

// commits counts a job's commitments and finds the latest.
func commits(ctx context.Context, tx pgx.Tx, jobID market.Hash) (market.Commits, error) {
	var c market.Commits
	var last *time.Time
	err := tx.QueryRow(ctx, `SELECT count(commitment), count(*), max(committed_at) FROM job_slots WHERE job_id = $1`, jobID[:]).
		Scan(&c.Committed, &c.Slots, &last)
	if last != nil {
		c.Last = *last
	}
	return c, err
}

// Commit implements market.Verification.
func (s *Store) Commit(ctx context.Context, jobID market.Hash, worker market.Address, commitment market.Hash, now time.Time, rules market.Rules) (int, error) {
	var committed int
	err := s.inSlot(ctx, jobID, worker, func(tx pgx.Tx, job placed, r market.SlotReport) error {
		c, err := commits(ctx, tx, jobID)
		if err != nil {
			return err
		}
		if r.Commitment == nil {
			if err := rules.Phases(job.intent).CheckCommit(c, now); err != nil {
				return err
			}
		}
		switch {
		case r.Commitment != nil && *r.Commitment != commitment:
			return market.Errorf(market.KindConflict, "slot %d committed %s already", r.Slot, r.Commitment)
		case r.Commitment == nil:
			_, err := tx.Exec(ctx, `UPDATE job_slots SET commitment = $3, committed_at = $4 WHERE job_id = $1 AND slot = $2`,
				jobID[:], int32(r.Slot), commitment[:], now)
			if pgCode(err) == "23505" {
				return market.Errorf(market.KindConflict, "commitment %s is already committed by another slot", commitment)
			} else if err != nil {
				return err
			}
			c.Committed++
		}
		committed = c.Committed
		return nil
	})
	return committed, err
}

// StoreReveal implements market.Verification.
func (s *Store) StoreReveal(ctx context.Context, jobID market.Hash, worker market.Address, rv market.Reveal, now time.Time, rules market.Rules) (market.SlotReport, error) {
	var r market.SlotReport
	err := s.inSlot(ctx, jobID, worker, func(tx pgx.Tx, job placed, slot market.SlotReport) error {
		r = slot
		// A commit in flight is not counted yet: the reveal is refused, never
		// taken early. Commitments are set once, and none is taken once the
		// phase is over, so none follows a reveal.
		c, err := commits(ctx, tx, jobID)
		if err != nil {
			return err
		}
		if r.Commitment == nil {
			return market.Errorf(market.KindConflict, "slot %d did not commit: it has nothing to reveal", r.Slot)
		}
		if err := rules.Phases(job.intent).CheckReveal(c, now); err != nil {
			return err
		}
		if r.Reveal != nil {
			if *r.Reveal != rv {
				return market.Errorf(market.KindConflict, "slot %d revealed another opening already", r.Slot)
			}
			return nil
		}
		var weights []byte
		if !rv.Partial {
			weights = rv.Weights[:]
		}
		if _, err := tx.Exec(ctx, `UPDATE job_slots SET trace_root = $3, salt = $4, trace_leaves = $5, weights = $6,
			revealed_at = $7, partial = $8 WHERE job_id = $1 AND slot = $2`, jobID[:], int32(r.Slot), rv.TraceRoot[:], rv.Salt[:],
			int32(rv.Leaves), weights, now, rv.Partial); err != nil {
			return err
		}
		r.Reveal, r.RevealedAt = &rv, now
		ev := map[string]any{"trace_root": rv.TraceRoot.String(), "leaves": rv.Leaves}
		if rv.Partial {
			ev["partial"] = true
		} else {
			ev["weights"] = rv.Weights.String()
		}
		return appendEvent(ctx, tx, jobID, "revealed", job.intent.State, slotEvent(r, ev), now)
	})
	return r, err
}

// SlotReports implements market.Verification; a job not made yet has none.
func (s *Store) SlotReports(ctx context.Context, jobID market.Hash) ([]market.SlotReport, error) {
	p, err := placement(ctx, s.pool, jobID, false)
	if market.ErrorKind(err) == market.KindNotFound {
		return []market.SlotReport{}, nil
	} else if err != nil {
		return nil, wrap(err, "job")
	}
	rows, err := s.pool.Query(ctx, `SELECT `+reportColumns+` FROM job_slots WHERE job_id = $1 ORDER BY slot`, jobID[:])
	if err != nil {
		return nil, wrap(err, "slots")
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (market.SlotReport, error) { return scanReport(r, p.place) })
	return list, wrap(err, "slots")
}

const challengeColumns = `id, job_id, slot, kind, args, answer, deadline, created_at, answered_at`

func scanChallenge(row pgx.Row) (market.Challenge, error) {
	var (
		c          market.Challenge
		job        []byte
		slot       int32
		args, ans  []byte
		answeredAt *time.Time
	)
	if err := row.Scan(&c.ID, &job, &slot, &c.Kind, &args, &ans, &c.Deadline, &c.CreatedAt, &answeredAt); err != nil {
		return c, err
	}
	copy(c.JobID[:], job)
	c.Slot, c.Args = uint32(slot), args
	if ans != nil {
		c.Answer = ans
	}
	if answeredAt != nil {
		c.AnsweredAt = *answeredAt
	}
	return c, nil
}

// askSQL inserts a question, or reads back the same one asked before.
const askSQL = `
	WITH ins AS (
		INSERT INTO challenges (job_id, slot, kind, args, deadline, created_at)
		VALUES ($1, $2, $3, $4, $5, coalesce($6::timestamptz, now()))
		ON CONFLICT (job_id, slot, kind, md5(args::text)) DO NOTHING
		RETURNING ` + challengeColumns + `
	)
	SELECT * FROM ins
	UNION ALL
	SELECT ` + challengeColumns + ` FROM challenges
	WHERE job_id = $1 AND slot = $2 AND kind = $3 AND md5(args::text) = md5($4::jsonb::text)
		AND NOT EXISTS (SELECT 1 FROM ins)`

// Ask implements market.Verification. A zero CreatedAt is the database's now.
func (s *Store) Ask(ctx context.Context, c market.Challenge) (market.Challenge, error) {
	if !json.Valid(c.Args) {
		return c, market.Errorf(market.KindInvalid, "the arguments of a %s question are not JSON", c.Kind)
	}
	var created any
	if !c.CreatedAt.IsZero() {
		created = c.CreatedAt
	}
	// The read runs on the statement's snapshot: when a concurrent ask of
	// the same question commits in between, neither part returns it, and
	// the second try reads it.
	var got market.Challenge
	var err error
	for try := 0; try < 2; try++ {
		got, err = scanChallenge(s.pool.QueryRow(ctx, askSQL, c.JobID[:], int32(c.Slot), c.Kind, []byte(c.Args), c.Deadline, created))
		if !errors.Is(err, pgx.ErrNoRows) {
			break
		}
	}
	return got, wrap(missing(err, "job %s has no slot %d", c.JobID, c.Slot), "challenge")
}

// Challenge implements market.Verification.
func (s *Store) Challenge(ctx context.Context, id int64) (market.Challenge, error) {
	c, err := scanChallenge(s.pool.QueryRow(ctx, `SELECT `+challengeColumns+` FROM challenges WHERE id = $1`, id))
	return c, wrap(err, "challenge")
}

// OpenChallenges implements market.Verification.
func (s *Store) OpenChallenges(ctx context.Context, jobID market.Hash, slot uint32, now time.Time) ([]market.Challenge, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+challengeColumns+` FROM challenges
		WHERE job_id = $1 AND slot = $2 AND answer IS NULL AND deadline > $3 ORDER BY id`, jobID[:], int32(slot), now)
	if err != nil {
		return nil, wrap(err, "challenges")
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (market.Challenge, error) { return scanChallenge(r) })
	return list, wrap(err, "challenges")
}

// AnswerChallenge implements market.Verification.
func (s *Store) AnswerChallenge(ctx context.Context, jobID market.Hash, id int64, worker market.Address, answer json.RawMessage, now time.Time) error {
	if !json.Valid(answer) {
		return market.Errorf(market.KindInvalid, "the answer is not JSON")
	}
	return wrap(pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		c, err := scanChallenge(tx.QueryRow(ctx, `SELECT `+challengeColumns+` FROM challenges c
			WHERE id = $1 AND job_id = $2 AND EXISTS (SELECT 1 FROM job_slots js
				WHERE js.job_id = c.job_id AND js.slot = c.slot AND js.worker = $3 AND js.state = 'confirmed')
			FOR UPDATE`, id, jobID[:], worker[:]))
		if errors.Is(err, pgx.ErrNoRows) {
			return market.Errorf(market.KindNotFound, "job %s has no challenge %d to %s", jobID, id, worker)
		} else if err != nil {
			return err
		}
		switch {
		case c.Answer != nil:
			return market.Errorf(market.KindConflict, "challenge %d was answered already at %s", id, c.AnsweredAt.UTC().Format(time.RFC3339))
		case !now.Before(c.Deadline):
			return market.Errorf(market.KindConflict, "challenge %d is late: the deadline %s passed", id, c.Deadline.UTC().Format(time.RFC3339))
		}
		_, err = tx.Exec(ctx, `UPDATE challenges SET answer = $2, answered_at = $3 WHERE id = $1`, id, []byte(answer), now)
		return err
	}), "challenge")
}

const disputeColumns = `id, job_id, rank, slots, state, transcript, ruling, created_at, ruled_at, attempts, last_error, failed_at`

func scanDispute(row pgx.Row) (market.Dispute, error) {
	var (
		d             market.Dispute
		job           []byte
		rank          int32
		slots         []int32
		transcript, r []byte
		ruledAt       *time.Time
		lastError     *string
		failedAt      *time.Time
	)
	if err := row.Scan(&d.ID, &job, &rank, &slots, &d.State, &transcript, &r, &d.CreatedAt, &ruledAt,
		&d.Attempts, &lastError, &failedAt); err != nil {
		return d, err
	}
	if lastError != nil {
		d.LastError = *lastError
	}
	if failedAt != nil {
		d.FailedAt = *failedAt
	}
	copy(d.JobID[:], job)
	d.Rank, d.Transcript = uint32(rank), transcript
	d.Slots = make([]uint32, len(slots))
	for i, sl := range slots {
		d.Slots[i] = uint32(sl)
	}
	if r != nil {
		d.Ruling = r
	}
	if ruledAt != nil {
		d.RuledAt = *ruledAt
	}
	return d, nil
}

// rawJSON is a JSON value for a jsonb parameter: NULL when empty.
func rawJSON(b json.RawMessage, what string) (any, error) {
	if len(b) == 0 {
		return nil, nil
	}
	if !json.Valid(b) {
		return nil, market.Errorf(market.KindInvalid, "the %s is not JSON", what)
	}
	return []byte(b), nil
}

// SaveDispute implements market.Verification.
func (s *Store) SaveDispute(ctx context.Context, d market.Dispute) (market.Dispute, error) {
	transcript, err := rawJSON(d.Transcript, "transcript")
	if err != nil {
		return d, err
	}
	ruling, err := rawJSON(d.Ruling, "ruling")
	if err != nil {
		return d, err
	}
	slots := make([]int32, len(d.Slots))
	for i, sl := range d.Slots {
		slots[i] = int32(sl)
	}
	var ruledAt, failedAt, lastError any
	if !d.RuledAt.IsZero() {
		ruledAt = d.RuledAt
	}
	if !d.FailedAt.IsZero() {
		failedAt = d.FailedAt
	}
	if d.LastError != "" {
		lastError = d.LastError
	}
	var got market.Dispute
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var row pgx.Row
		if d.ID == 0 {
			row = tx.QueryRow(ctx, `INSERT INTO disputes (job_id, rank, slots, state, transcript, ruling, created_at, ruled_at,
				attempts, last_error, failed_at)
				VALUES ($1, $2, $3, $4, coalesce($5::jsonb, '{}'), $6, $7, $8, $9, $10, $11) RETURNING `+disputeColumns,
				d.JobID[:], int32(d.Rank), slots, string(d.State), transcript, ruling, d.CreatedAt, ruledAt,
				d.Attempts, lastError, failedAt)
		} else {
			row = tx.QueryRow(ctx, `UPDATE disputes SET rank = $3, slots = $4, state = $5,
				transcript = coalesce($6::jsonb, '{}'), ruling = $7, ruled_at = $8, attempts = $9, last_error = $10, failed_at = $11
				WHERE id = $1 AND job_id = $2 RETURNING `+disputeColumns,
				d.ID, d.JobID[:], int32(d.Rank), slots, string(d.State), transcript, ruling, ruledAt, d.Attempts, lastError, failedAt)
		}
		var err error
		if got, err = scanDispute(row); err != nil {
			return err
		}
		// The buyer's stream hears of the dispute when it opens and when it is
		// ruled; the transcript stays at GET /intents/{id}/disputes.
		var st market.IntentState
		if err := tx.QueryRow(ctx, `SELECT state FROM intents WHERE id = $1`, d.JobID[:]).Scan(&st); err != nil {
			return err
		}
		data := map[string]any{"id": got.ID, "rank": got.Rank, "slots": got.Slots, "state": got.State}
		if got.Ruling != nil {
			data["ruling"] = got.Ruling
		}
		if got.Attempts > 0 {
			data["attempts"], data["last_error"] = got.Attempts, got.LastError
		}
		return appendEvent(ctx, tx, d.JobID, "dispute", st, data, disputeTime(d))
	})
	if pgCode(err) == "23514" {
		return d, &market.Error{Kind: market.KindInvalid, Message: "a dispute is ruled exactly when it has a ruling", Err: err}
	}
	return got, wrap(missing(err, "job %s not found", d.JobID), fmt.Sprintf("dispute %d of job %s", d.ID, d.JobID))
}

// disputeTime is the time of a dispute's latest change.
func disputeTime(d market.Dispute) time.Time {
	switch {
	case !d.RuledAt.IsZero():
		return d.RuledAt
	case !d.FailedAt.IsZero():
		return d.FailedAt
	}
	return d.CreatedAt
}

// Disputes implements market.Verification.
func (s *Store) Disputes(ctx context.Context, jobID market.Hash) ([]market.Dispute, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+disputeColumns+` FROM disputes WHERE job_id = $1 ORDER BY id`, jobID[:])
	if err != nil {
		return nil, wrap(err, "disputes")
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (market.Dispute, error) { return scanDispute(r) })
	return list, wrap(err, "disputes")
}

// SaveResult implements market.Verification: the same result again is no
// error.
func (s *Store) SaveResult(ctx context.Context, r market.Result) error {
	var same bool
	err := s.pool.QueryRow(ctx, `
		WITH ins AS (
			INSERT INTO results (job_id, weights, trace_root, delivered_mask, losing_mask, decided_at)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (job_id) DO NOTHING RETURNING true
		)
		SELECT true FROM ins
		UNION ALL
		SELECT weights = $2 AND trace_root = $3 AND delivered_mask = $4 AND losing_mask = $5 FROM results
		WHERE job_id = $1 AND NOT EXISTS (SELECT 1 FROM ins)`,
		r.JobID[:], r.Weights[:], r.TraceRoot[:], int64(r.DeliveredMask), int64(r.LosingMask), r.DecidedAt).Scan(&same)
	if err != nil {
		return wrap(missing(err, "job %s not found", r.JobID), "result")
	}
	if !same {
		return market.Errorf(market.KindConflict, "job %s has another result already", r.JobID)
	}
	return nil
}

// Result implements market.Verification.
func (s *Store) Result(ctx context.Context, jobID market.Hash) (market.Result, error) {
	r := market.Result{JobID: jobID}
	var weights, root []byte
	var delivered, losing int64
	err := s.pool.QueryRow(ctx, `SELECT weights, trace_root, delivered_mask, losing_mask, decided_at FROM results
		WHERE job_id = $1`, jobID[:]).Scan(&weights, &root, &delivered, &losing, &r.DecidedAt)
	copy(r.Weights[:], weights)
	copy(r.TraceRoot[:], root)
	r.DeliveredMask, r.LosingMask = uint64(delivered), uint64(losing)
	return r, wrap(err, "result")
}
