package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

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

// maxIntentBatch bounds a batch. One batch is in flight at a time (see
// batcher): the writes that arrive during a commit make the next batch,
// where several writers would split them into batches of one (32
// concurrent writers, one statement a write: 1,560 writes/s with one
// writer, 610/s with four).
const maxIntentBatch = 64

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
			$22::text[], $23::text[], $24::bytea[], $25::bytea[], $26::bytea[], $27::text[])
		AS w (o, id, quote_id, buyer, token, spec, spec_hash, model_size, price, stake_per_slot, deadline, nonce, state,
			intent_signature, funding_signature, created_at, slot_memory, owner, key, status, body,
			fkey, fkind, sender, recipient, data, deposit)
	), q AS (
		UPDATE quotes SET used_at = w.created_at FROM w
		WHERE quotes.id = w.quote_id AND quotes.buyer = w.buyer AND quotes.used_at IS NULL
		RETURNING quotes.id
	), i AS (
		INSERT INTO intents (id, quote_id, buyer, token, spec, spec_hash, model_size, price, stake_per_slot,
			deadline, nonce, state, intent_signature, funding_signature, created_at, updated_at, slot_memory, deposit)
		SELECT w.id, w.quote_id, w.buyer, w.token, w.spec, w.spec_hash, w.model_size, w.price, w.stake_per_slot,
			w.deadline, w.nonce, w.state, w.intent_signature, w.funding_signature, w.created_at, w.created_at, w.slot_memory,
			w.deposit::jsonb
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

// intentWrite is one intent write and, once done, its result.
type intentWrite struct {
	in      market.Intent
	spec    []byte
	done    *market.IdempotentResponse // nil: no idempotent response
	body    []byte                     // done's rendering
	funding *market.Tx                 // nil: no funding transaction
	n       int                        // intents written: 0 when the quote was gone
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
	w := intentWrite{in: in, spec: encodeSpec(in.Spec), done: done, funding: funding}
	if done != nil {
		w.body = done.Render(in)
	}
	if funding != nil && funding.Data == nil {
		funding.Data = []byte{}
	}
	w, err := s.writes.run(ctx, w)
	if err != nil {
		return market.Intent{}, wrap(err, "intent")
	}
	if w.n == 0 {
		return market.Intent{}, market.Errorf(market.KindConflict, "quote %s was already used or does not exist", in.QuoteID)
	}
	return in, nil
}

// commitIntents writes a batch in one implicit transaction, or, when it
// fails, each write alone.
func (s *Store) commitIntents(ctx context.Context, batch []*batched[intentWrite]) {
	if len(batch) > 1 {
		b := &pgx.Batch{}
		for _, layer := range layers(batch, intentWrite.keys) {
			queueIntents(b, layer)
		}
		if err := s.pool.SendBatch(ctx, b).Close(); err == nil {
			return
		}
	}
	for _, w := range batch {
		b := &pgx.Batch{}
		queueIntents(b, []*batched[intentWrite]{w})
		w.err = s.pool.SendBatch(ctx, b).Close()
	}
}

// keys are what two writes of one statement must not share.
func (w intentWrite) keys() []string {
	ks := []string{"quote " + w.in.QuoteID, "intent " + string(w.in.ID[:])}
	if w.done != nil {
		ks = append(ks, idempotencyKey(w.done.Owner, w.done.Key))
	}
	return ks
}

func idempotencyKey(owner market.Address, key string) string {
	return "key " + string(owner[:]) + key
}

// queueIntents queues createIntentsSQL for writes, none of which shares a
// quote, an intent id or an idempotency key with another; each write's n
// is set from its result.
func queueIntents(b *pgx.Batch, writes []*batched[intentWrite]) {
	n := len(writes)
	var (
		o, status                                    = make([]int32, n), make([]*int32, n)
		id, buyer, specHash, isig, fsig, spec, owner = make([][]byte, n), make([][]byte, n), make([][]byte, n), make([][]byte, n), make([][]byte, n), make([][]byte, n), make([][]byte, n)
		body, sender, recipient, data                = make([][]byte, n), make([][]byte, n), make([][]byte, n), make([][]byte, n)
		quoteID, token, price, stake, nonce, state   = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		key, fkey, fkind, deposit                    = make([]*string, n), make([]*string, n), make([]*string, n), make([]*string, n)
		modelSize, slotMemory                        = make([]int64, n), make([]int64, n)
		deadline, created                            = make([]time.Time, n), make([]time.Time, n)
	)
	for k, r := range writes {
		w := &r.req
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
		deposit[k] = encodeDeposit(in.Deposit)
		w.n = 0
	}
	b.Queue(createIntentsSQL, o, id, quoteID, buyer, token, spec, specHash, modelSize, price, stake, deadline, nonce, state,
		isig, fsig, created, slotMemory, owner, key, status, body, fkey, fkind, sender, recipient, data, deposit).
		Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var k int32
				if err := rows.Scan(&k); err != nil {
					return err
				}
				writes[k].req.n = 1
			}
			return rows.Err()
		})
}

var _ market.IntentRequests = (*Store)(nil)

// maxBeginBatch bounds a batch of BeginIntentRequest.
const maxBeginBatch = 64

// beginIntentsSQL records the digests of the requests (their o: an
// ordinal), claims the keys of those whose digest is new, and returns,
// for each request, whether its digest was new, whether it holds its key,
// and the key's record as it was before (its request hash, status and
// body). The requests must not share a digest or a key (see layers).
const beginIntentsSQL = `
	WITH r AS (
		SELECT * FROM unnest($1::int[], $2::bytea[], $3::timestamptz[], $4::bytea[], $5::text[], $6::bytea[])
		AS r (o, digest, expires_at, owner, key, request_hash)
	), n AS (
		INSERT INTO request_nonces (digest, expires_at) SELECT digest, expires_at FROM r ORDER BY o
		ON CONFLICT DO NOTHING RETURNING digest
	), k AS (
		INSERT INTO idempotency_keys (owner, key, request_hash)
		SELECT r.owner, r.key, r.request_hash FROM r JOIN n ON n.digest = r.digest ORDER BY r.o
		ON CONFLICT (owner, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = now()
			WHERE idempotency_keys.status IS NULL AND idempotency_keys.created_at < now() - $7::interval
		RETURNING owner, key
	)
	SELECT r.o, n.digest IS NOT NULL, k.owner IS NOT NULL, rec.request_hash, rec.status, rec.body
	FROM r LEFT JOIN n ON n.digest = r.digest
		LEFT JOIN k ON k.owner = r.owner AND k.key = r.key
		LEFT JOIN idempotency_keys rec ON rec.owner = r.owner AND rec.key = r.key`

// beginQuotesSQL reads the quotes the requests name (o: an ordinal), of
// those that are there.
const beginQuotesSQL = `SELECT r.o, ` + quoteColumns + `
	FROM unnest($1::int[], $2::text[], $3::bytea[]) AS r (o, id, buyer) JOIN quotes q ON q.id = r.id AND q.buyer = r.buyer`

// intentBegin is one BeginIntentRequest and, once done, what it read.
type intentBegin struct {
	r              market.IntentRequest
	fresh, claimed bool // the digest was new; the key is this request's
	hash           []byte
	status         *int32
	body           []byte
	quote          *quoteRow // nil: no such quote of the owner's
}

// BeginIntentRequest implements market.IntentRequests, on the asynchronous
// pool (see Store.async): the concurrent requests are batched, their
// digests and claims written by one statement and their quotes read by
// another, in one round trip.
func (s *Store) BeginIntentRequest(ctx context.Context, r market.IntentRequest) (*market.Idempotent, *market.Quote, error) {
	got, err := s.begins.run(ctx, intentBegin{r: r})
	if err != nil {
		return nil, nil, wrap(err, "intent request")
	}
	if !got.fresh {
		return nil, nil, market.Errorf(market.KindUnauthorized, "this signed request was already used (replay)")
	}
	var q *market.Quote
	if got.quote != nil {
		got.quote.q.ID, got.quote.q.Buyer = r.QuoteID, r.Owner
		quote, err := got.quote.quote()
		if err != nil {
			return nil, nil, wrap(err, "quote")
		}
		q = &quote
	}
	if got.claimed {
		return nil, q, nil
	}
	if got.hash == nil {
		// Claimed by a request not committed when this one read: in flight.
		return &market.Idempotent{RequestHash: r.RequestHash}, q, nil
	}
	rec := market.Idempotent{Body: got.body}
	copy(rec.RequestHash[:], got.hash)
	if got.status != nil {
		rec.Done, rec.Code = true, int(*got.status)
	}
	return &rec, q, nil
}

// beginIntents does a batch of BeginIntentRequest in one implicit
// transaction, or, when it fails, each alone.
func (s *Store) beginIntents(ctx context.Context, batch []*batched[intentBegin]) {
	send := func(batch []*batched[intentBegin], groups [][]*batched[intentBegin]) error {
		b := &pgx.Batch{}
		for _, g := range groups {
			queueBegins(b, g)
		}
		queueQuotes(b, batch)
		return s.async.SendBatch(ctx, b).Close()
	}
	if len(batch) > 1 && send(batch, layers(batch, intentBegin.keys)) == nil {
		return
	}
	for _, r := range batch {
		one := []*batched[intentBegin]{r}
		r.err = send(one, [][]*batched[intentBegin]{one})
	}
}

// keys are what two requests of one statement must not share.
func (b intentBegin) keys() []string {
	return []string{"digest " + string(b.r.Nonce[:]), idempotencyKey(b.r.Owner, b.r.Key)}
}

// queueBegins queues beginIntentsSQL for reqs, none of which shares a
// digest or a key with another.
func queueBegins(b *pgx.Batch, reqs []*batched[intentBegin]) {
	n := len(reqs)
	o, digest, expires, owner, key, hash := make([]int32, n), make([][]byte, n), make([]time.Time, n), make([][]byte, n), make([]string, n), make([][]byte, n)
	for k, r := range reqs {
		o[k], digest[k], expires[k], owner[k], key[k], hash[k] = int32(k), r.req.r.Nonce[:], r.req.r.NonceExpires, r.req.r.Owner[:], r.req.r.Key, r.req.r.RequestHash[:]
	}
	b.Queue(beginIntentsSQL, o, digest, expires, owner, key, hash, fmt.Sprintf("%d seconds", int(staleIdempotency.Seconds()))).
		Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var k int32
				var got intentBegin
				if err := rows.Scan(&k, &got.fresh, &got.claimed, &got.hash, &got.status, &got.body); err != nil {
					return err
				}
				got.r = reqs[k].req.r
				reqs[k].req = got
			}
			return rows.Err()
		})
}

// queueQuotes queues beginQuotesSQL for reqs.
func queueQuotes(b *pgx.Batch, reqs []*batched[intentBegin]) {
	n := len(reqs)
	o, id, buyer := make([]int32, n), make([]string, n), make([][]byte, n)
	for k, r := range reqs {
		o[k], id[k], buyer[k] = int32(k), r.req.r.QuoteID, r.req.r.Owner[:]
		if !textual(id[k]) {
			id[k] = "" // no quote's id: not found, rather than the batch's statement failing
		}
		r.req.quote = nil
	}
	b.Queue(beginQuotesSQL, o, id, buyer).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var k int32
			qr := &quoteRow{}
			if err := rows.Scan(append([]any{&k}, qr.dest()...)...); err != nil {
				return err
			}
			reqs[k].req.quote = qr
		}
		return rows.Err()
	})
}

// textual reports whether PostgreSQL's text can hold s: UTF-8 without NUL.
func textual(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// depositJSON is the stored form of a market.DepositAuthorization.
type depositJSON struct {
	ValidAfter  int64  `json:"valid_after"`
	ValidBefore int64  `json:"valid_before"`
	Nonce       string `json:"nonce"`
}

// encodeDeposit is a's JSON, or nil (SQL NULL) for none.
func encodeDeposit(a *market.DepositAuthorization) *string {
	if a == nil {
		return nil
	}
	b, _ := json.Marshal(depositJSON{ValidAfter: a.ValidAfter.Unix(), ValidBefore: a.ValidBefore.Unix(), Nonce: a.Nonce.String()})
	s := string(b)
	return &s
}

// decodeDeposit reads encodeDeposit's JSON; nil for NULL.
func decodeDeposit(b []byte) (*market.DepositAuthorization, error) {
	if b == nil {
		return nil, nil
	}
	var d depositJSON
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("intent deposit: %w", err)
	}
	nonce, err := market.ParseHash(d.Nonce)
	if err != nil {
		return nil, fmt.Errorf("intent deposit: %w", err)
	}
	return &market.DepositAuthorization{ValidAfter: time.Unix(d.ValidAfter, 0).UTC(), ValidBefore: time.Unix(d.ValidBefore, 0).UTC(), Nonce: nonce}, nil
}
