package postgres

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/axl-market/axl/market"
)

// Intent writes are group-committed: the writes that arrive while others
// are being committed go together, in one implicit transaction (one round
// trip, one commit, one WAL flush), so that concurrent POST /intents share
// their commits. A batch is written by one statement over arrays, one
// element per write (not one statement per write: each statement opens
// and locks the five tables and their two dozen indexes again); writes
// that share a quote, an intent id or an idempotency key go to later
// statements of the same transaction, so that the first takes the quote
// and the others find it used. Should the batch fail (one write's error
// aborts the transaction), each write is done again alone, so that a write
// fails only for its own error.

// maxIntentBatch bounds a batch; intentWriters batches are in flight at
// once. One: the writes that arrive during a commit make the next batch,
// where several writers split them into batches of one (32 concurrent
// writers here: 1,560 writes/s with one writer, 610/s with four).
const (
	maxIntentBatch = 64
	intentWriters  = 1
)

// createIntentsSQL consumes the quotes and writes the intents, their first
// events (each intent's state, and its funding's "transaction" when it has
// one, in that order), the funding transactions, their entries on the
// operator's agenda (due at once) and the idempotent responses, of the
// writes whose quote is there and unused; it returns the ordinals of the
// writes it did. The writes must not share a quote, an intent id or an
// idempotency key (see layers).
const createIntentsSQL = `
	WITH w AS (
		SELECT * FROM unnest($1::int[], $2::bytea[], $3::text[], $4::bytea[], $5::text[], $6::jsonb[], $7::bytea[],
			$8::bigint[], $9::numeric[], $10::numeric[], $11::timestamptz[], $12::numeric[], $13::text[], $14::bytea[],
			$15::bytea[], $16::timestamptz[], $17::bigint[], $18::bytea[], $19::text[], $20::int[], $21::bytea[],
			$22::text[], $23::text[], $24::bytea[], $25::bytea[], $26::bytea[])
		AS w (o, id, quote_id, buyer, token, spec, spec_hash, model_size, price, stake_per_slot, deadline, nonce, state,
			intent_signature, funding_signature, created_at, slot_memory, owner, key, status, body,
			fkey, fkind, sender, recipient, data)
	), q AS (
		UPDATE quotes SET used_at = w.created_at FROM w
		WHERE quotes.id = w.quote_id AND quotes.buyer = w.buyer AND quotes.used_at IS NULL
		RETURNING quotes.id
	), i AS (
		INSERT INTO intents (id, quote_id, buyer, token, spec, spec_hash, model_size, price, stake_per_slot,
			deadline, nonce, state, intent_signature, funding_signature, created_at, updated_at, slot_memory)
		SELECT w.id, w.quote_id, w.buyer, w.token, w.spec, w.spec_hash, w.model_size, w.price, w.stake_per_slot,
			w.deadline, w.nonce, w.state, w.intent_signature, w.funding_signature, w.created_at, w.created_at, w.slot_memory
		FROM w JOIN q ON q.id = w.quote_id ORDER BY w.o
		RETURNING id
	), iw AS (
		SELECT w.* FROM w JOIN i ON i.id = w.id
	), f AS (
		INSERT INTO txs (key, kind, intent_id, sender, recipient, data, status)
		SELECT fkey, fkind, id, sender, recipient, data, 'queued' FROM iw WHERE fkey IS NOT NULL ORDER BY o
		ON CONFLICT (key) DO NOTHING
		RETURNING intent_id, kind, status, error
	), ev AS (
		INSERT INTO intent_events (intent_id, type, state, data, created_at)
		SELECT e.intent_id, e.type, e.state, e.data, e.at FROM (
			SELECT o, 1 AS k, id AS intent_id, 'state' AS type, state, '{}'::jsonb AS data, created_at AS at FROM iw
			UNION ALL
			SELECT iw.o, 2, f.intent_id, 'transaction', iw.state,
				jsonb_build_object('kind', f.kind, 'status', f.status, 'hash', '', 'error', f.error), now()
			FROM f JOIN iw ON iw.id = f.intent_id
		) e ORDER BY e.o, e.k
	), due AS (
		INSERT INTO intent_agenda (intent_id, due_at, version)
		SELECT id, '-infinity', nextval('intent_agenda_version') FROM iw ORDER BY o
	), idem AS (
		UPDATE idempotency_keys k SET status = iw.status, body = iw.body FROM iw
		WHERE k.owner = iw.owner AND k.key = iw.key
	)
	SELECT o FROM iw`

// intentWrite is one intent write waiting for its batch.
type intentWrite struct {
	ctx     context.Context
	in      market.Intent
	spec    []byte
	done    *market.IdempotentResponse // nil: no idempotent response
	body    []byte                     // done's rendering
	funding *market.Tx                 // nil: no funding transaction
	n       int                        // intents written: 0 when the quote was gone
	err     error                      // set with n when finished is closed
	ready   chan struct{}
}

// intentBatcher runs the batches.
type intentBatcher struct {
	start sync.Once
	queue chan *intentWrite
	stop  chan struct{}
}

// CreateIntent implements market.Store: the quote is consumed, the intent,
// its first event and, when asked, the idempotent response are written
// together or not at all, in one statement and a commit shared with the
// intent writes in flight beside it.
func (s *Store) CreateIntent(ctx context.Context, in market.Intent, done *market.IdempotentResponse) (market.Intent, error) {
	return s.CreateFundedIntent(ctx, in, done, nil)
}

var _ market.FundedIntents = (*Store)(nil)

// CreateFundedIntent implements market.FundedIntents: CreateIntent, with
// the funding transaction queued (when funding is set) and its event.
func (s *Store) CreateFundedIntent(ctx context.Context, in market.Intent, done *market.IdempotentResponse, funding *market.Tx) (market.Intent, error) {
	in.UpdatedAt = in.CreatedAt
	w := &intentWrite{ctx: ctx, in: in, spec: encodeSpec(in.Spec), done: done, funding: funding, ready: make(chan struct{})}
	if done != nil {
		w.body = done.Render(in)
	}
	if funding != nil && funding.Data == nil {
		funding.Data = []byte{}
	}
	s.writes.start.Do(func() {
		for range intentWriters {
			go s.writeIntents()
		}
	})
	select {
	case s.writes.queue <- w:
	case <-ctx.Done():
		return market.Intent{}, ctx.Err()
	case <-s.writes.stop:
		return market.Intent{}, market.Errorf(market.KindUnavailable, "the store is closed")
	}
	// Once queued the write may commit: wait for its fate.
	<-w.ready
	if w.err != nil {
		return market.Intent{}, wrap(w.err, "intent")
	}
	if w.n == 0 {
		return market.Intent{}, market.Errorf(market.KindConflict, "quote %s was already used or does not exist", in.QuoteID)
	}
	return in, nil
}

// writeIntents takes a write and every other one queued behind it, up to
// maxIntentBatch, and commits them together, until the store closes.
func (s *Store) writeIntents() {
	for {
		var first *intentWrite
		select {
		case first = <-s.writes.queue:
		case <-s.writes.stop:
			return
		}
		batch := []*intentWrite{first}
	drain:
		for len(batch) < maxIntentBatch {
			select {
			case w := <-s.writes.queue:
				batch = append(batch, w)
			default:
				break drain
			}
		}
		s.commitIntents(batch)
	}
}

// commitIntents writes a batch in one implicit transaction, or, when it
// fails, each write alone.
func (s *Store) commitIntents(batch []*intentWrite) {
	live := batch[:0:0]
	for _, w := range batch {
		if err := w.ctx.Err(); err != nil {
			w.err = err // given up before it was sent
			close(w.ready)
			continue
		}
		live = append(live, w)
	}
	if len(live) == 0 {
		return
	}
	// The batch's own context: one caller leaving must not undo the others.
	ctx := context.WithoutCancel(live[0].ctx)
	if len(live) > 1 {
		b := &pgx.Batch{}
		for _, layer := range layers(live) {
			queueIntents(b, layer)
		}
		if err := s.pool.SendBatch(ctx, b).Close(); err == nil {
			for _, w := range live {
				close(w.ready)
			}
			return
		}
		for _, w := range live {
			w.n = 0 // rolled back
		}
	}
	for _, w := range live {
		b := &pgx.Batch{}
		queueIntents(b, []*intentWrite{w})
		w.err = s.pool.SendBatch(ctx, b).Close()
		close(w.ready)
	}
}

// layers splits writes, in order, into groups none of which has two
// writes of one quote, one intent id or one idempotency key: each group
// is one createIntentsSQL, which sees the writes of the groups before it.
func layers(writes []*intentWrite) [][]*intentWrite {
	type layer struct {
		writes []*intentWrite
		keys   map[string]bool
	}
	var out []*layer
	for _, w := range writes {
		keys := []string{"q" + w.in.QuoteID, "i" + string(w.in.ID[:])}
		if w.done != nil {
			keys = append(keys, "k"+string(w.done.Owner[:])+w.done.Key)
		}
		placed := false
		for _, l := range out {
			free := true
			for _, k := range keys {
				free = free && !l.keys[k]
			}
			if free {
				l.writes = append(l.writes, w)
				for _, k := range keys {
					l.keys[k] = true
				}
				placed = true
				break
			}
		}
		if !placed {
			l := &layer{writes: []*intentWrite{w}, keys: map[string]bool{}}
			for _, k := range keys {
				l.keys[k] = true
			}
			out = append(out, l)
		}
	}
	groups := make([][]*intentWrite, len(out))
	for i, l := range out {
		groups[i] = l.writes
	}
	return groups
}

// queueIntents queues createIntentsSQL for writes, none of which shares a
// quote, an intent id or an idempotency key with another; each write's n
// is set from its result.
func queueIntents(b *pgx.Batch, writes []*intentWrite) {
	n := len(writes)
	var (
		o, status                                    = make([]int32, n), make([]*int32, n)
		id, buyer, specHash, isig, fsig, spec, owner = make([][]byte, n), make([][]byte, n), make([][]byte, n), make([][]byte, n), make([][]byte, n), make([][]byte, n), make([][]byte, n)
		body, sender, recipient, data                = make([][]byte, n), make([][]byte, n), make([][]byte, n), make([][]byte, n)
		quoteID, token, price, stake, nonce, state   = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		key, fkey, fkind                             = make([]*string, n), make([]*string, n), make([]*string, n)
		modelSize, slotMemory                        = make([]int64, n), make([]int64, n)
		deadline, created                            = make([]time.Time, n), make([]time.Time, n)
	)
	for k, w := range writes {
		in := w.in
		o[k], id[k], quoteID[k], buyer[k], token[k], spec[k], specHash[k] = int32(k), in.ID[:], in.QuoteID, in.Buyer[:], string(in.Token), w.spec, in.SpecHash[:]
		modelSize[k], price[k], stake[k], deadline[k], nonce[k], state[k] = in.ModelSize, in.Price.String(), in.StakePerSlot.String(), in.Deadline, in.Nonce.String(), string(in.State)
		isig[k], fsig[k], created[k], slotMemory[k] = in.IntentSignature, in.FundingSignature, in.CreatedAt, in.SlotMemory
		if w.done != nil {
			code := int32(w.done.Code)
			owner[k], key[k], status[k], body[k] = w.done.Owner[:], &w.done.Key, &code, w.body
		}
		if f := w.funding; f != nil {
			kind := string(f.Kind)
			fkey[k], fkind[k], sender[k], recipient[k], data[k] = &f.Key, &kind, f.From[:], f.To[:], f.Data
		}
		w.n = 0
	}
	b.Queue(createIntentsSQL, o, id, quoteID, buyer, token, spec, specHash, modelSize, price, stake, deadline, nonce, state,
		isig, fsig, created, slotMemory, owner, key, status, body, fkey, fkind, sender, recipient, data).
		Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var k int32
				if err := rows.Scan(&k); err != nil {
					return err
				}
				writes[k].n = 1
			}
			return rows.Err()
		})
}

func newIntentBatcher() *intentBatcher {
	return &intentBatcher{queue: make(chan *intentWrite), stop: make(chan struct{})}
}

var _ market.IntentRequests = (*Store)(nil)

// BeginIntentRequest implements market.IntentRequests: two statements
// pipelined in one round trip on the asynchronous pool (see Store.async),
// the digest and the key's claim (the claim only when the digest is new),
// then the quote.
func (s *Store) BeginIntentRequest(ctx context.Context, r market.IntentRequest) (*market.Idempotent, *market.Quote, error) {
	b := &pgx.Batch{}
	var fresh, claimed bool
	var hash []byte
	var status *int32
	var rec market.Idempotent
	b.Queue(`
		WITH n AS (
			INSERT INTO request_nonces (digest, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1
		), k AS (
			INSERT INTO idempotency_keys (owner, key, request_hash) SELECT $3, $4, $5 FROM n
			ON CONFLICT (owner, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = now()
				WHERE idempotency_keys.status IS NULL AND idempotency_keys.created_at < now() - $6::interval
			RETURNING 1
		)
		SELECT EXISTS (SELECT 1 FROM n), EXISTS (SELECT 1 FROM k), rec.request_hash, rec.status, rec.body
		FROM (SELECT 1) one LEFT JOIN idempotency_keys rec ON rec.owner = $3 AND rec.key = $4`,
		r.Nonce[:], r.NonceExpires, r.Owner[:], r.Key, r.RequestHash[:], fmt.Sprintf("%d seconds", int(staleIdempotency.Seconds()))).
		QueryRow(func(row pgx.Row) error { return row.Scan(&fresh, &claimed, &hash, &status, &rec.Body) })
	qr := quoteRow{q: market.Quote{ID: r.QuoteID, Buyer: r.Owner}}
	found := true
	b.Queue(`SELECT `+quoteColumns+` FROM quotes q WHERE q.id = $1 AND q.buyer = $2`, r.QuoteID, r.Owner[:]).
		QueryRow(func(row pgx.Row) error {
			err := row.Scan(qr.dest()...)
			if errors.Is(err, pgx.ErrNoRows) {
				found, err = false, nil
			}
			return err
		})
	if err := s.async.SendBatch(ctx, b).Close(); err != nil {
		return nil, nil, wrap(err, "intent request")
	}
	if !fresh {
		return nil, nil, market.Errorf(market.KindUnauthorized, "this signed request was already used (replay)")
	}
	var q *market.Quote
	if found {
		got, err := qr.quote()
		if err != nil {
			return nil, nil, wrap(err, "quote")
		}
		q = &got
	}
	if claimed {
		return nil, q, nil
	}
	if hash == nil {
		// Claimed by a request not committed when this one read: in flight.
		return &market.Idempotent{RequestHash: r.RequestHash}, q, nil
	}
	copy(rec.RequestHash[:], hash)
	if status != nil {
		rec.Done, rec.Code = true, int(*status)
	}
	return &rec, q, nil
}
