package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/axl-market/axl/market"
)

// Store is market.Store on pgx connection pools.
type Store struct {
	pool *pgxpool.Pool
	// async runs with synchronous_commit off, for the records that guard a
	// request before its write: the replay digest and the idempotency claim.
	// PostgreSQL flushes the WAL in order, so the synchronous commit of the
	// write that follows makes them durable too; if the server crashes
	// before that, the write is lost with them and nothing is unguarded.
	async *pgxpool.Pool
	// writes group-commits the intent writes; begins batches the first
	// records of POST /intents (BeginIntentRequest).
	writes *batcher[intentWrite]
	begins *batcher[intentBegin]
	stop   chan struct{} // closed by Close: the batchers stop
	closed sync.Once
}

var _ market.Store = (*Store)(nil)

// New returns a Store on pool alone; the caller closes the pool.
func New(pool *pgxpool.Pool) *Store {
	return newStore(pool, pool)
}

func newStore(pool, async *pgxpool.Pool) *Store {
	s := &Store{pool: pool, async: async, stop: make(chan struct{})}
	s.writes = newBatcher(s.stop, maxIntentBatch, s.commitIntents)
	s.begins = newBatcher(s.stop, maxBeginBatch, s.beginIntents)
	return s
}

// Open connects a Store to databaseURL with at most maxConns connections
// per pool (0: pgx's default). Close it when done.
func Open(ctx context.Context, databaseURL string, maxConns int32) (*Store, error) {
	pool, err := openPool(ctx, databaseURL, maxConns, nil)
	if err != nil {
		return nil, err
	}
	async, err := openPool(ctx, databaseURL, maxConns, map[string]string{"synchronous_commit": "off"})
	if err != nil {
		pool.Close()
		return nil, err
	}
	return newStore(pool, async), nil
}

func openPool(ctx context.Context, databaseURL string, maxConns int32, params map[string]string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("database URL: %w", err)
	}
	if maxConns > 0 {
		cfg.MaxConns = maxConns
	}
	for k, v := range params {
		cfg.ConnConfig.RuntimeParams[k] = v
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("database unreachable: %w", err)
	}
	return pool, nil
}

// Close stops the batchers and closes the pools.
func (s *Store) Close() {
	s.closed.Do(func() { close(s.stop) })
	s.pool.Close()
	if s.async != s.pool {
		s.async.Close()
	}
}

// Pool returns the main connection pool (for metrics).
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// wrap turns driver errors into domain errors where they have a meaning.
func wrap(err error, what string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return market.Errorf(market.KindNotFound, "%s not found", what)
	}
	var me *market.Error
	if errors.As(err, &me) {
		return err // raised inside a transaction: already a domain error
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" {
		return &market.Error{Kind: market.KindConflict, Message: what + " already exists", Err: err}
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return &market.Error{Kind: market.KindInternal, Message: "database error", Err: err}
}

// Ping checks the database.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return &market.Error{Kind: market.KindUnavailable, Message: "database unreachable", Err: err}
	}
	return nil
}

// UseRequestNonce implements market.Store.
func (s *Store) UseRequestNonce(ctx context.Context, digest market.Hash, expiresAt time.Time) error {
	tag, err := s.async.Exec(ctx, `INSERT INTO request_nonces (digest, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
		digest[:], expiresAt)
	if err != nil {
		return wrap(err, "request nonce")
	}
	if tag.RowsAffected() == 0 {
		return market.Errorf(market.KindUnauthorized, "this signed request was already used (replay)")
	}
	return nil
}

// PruneRequestNonces implements market.Store.
func (s *Store) PruneRequestNonces(ctx context.Context, t time.Time) (int64, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM request_nonces WHERE expires_at < $1`, t)
	return tag.RowsAffected(), wrap(err, "request nonce")
}

// PutArtifact implements market.Store.
func (s *Store) PutArtifact(ctx context.Context, a market.Artifact) (market.Artifact, error) {
	err := s.pool.QueryRow(ctx, `
		INSERT INTO artifacts (id, owner, size, media_type, kind, created_at) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (id, owner) DO UPDATE SET id = EXCLUDED.id
		RETURNING size, media_type, kind, created_at`,
		a.ID[:], a.Owner[:], a.Size, a.MediaType, string(a.Kind), a.CreatedAt).
		Scan(&a.Size, &a.MediaType, &a.Kind, &a.CreatedAt)
	return a, wrap(err, "artifact")
}

// Artifact implements market.Store.
func (s *Store) Artifact(ctx context.Context, id market.ArtifactID, viewer market.Address) (market.Artifact, error) {
	a := market.Artifact{ID: id}
	var owner []byte
	// The owner, or a staked worker of a job whose spec names the buyer's copy.
	err := s.pool.QueryRow(ctx, `
		SELECT a.size, a.media_type, a.kind, a.created_at, a.owner FROM artifacts a
		WHERE a.id = $1 AND (a.owner = $2 OR EXISTS (
			SELECT 1 FROM job_slots js JOIN intents i ON i.id = js.job_id
			WHERE js.worker = $2 AND js.state = 'confirmed' AND i.buyer = a.owner
				AND $3 IN (i.spec->>'base_model', i.spec->>'dataset', i.spec->>'tokenizer')))
		ORDER BY a.owner = $2 DESC LIMIT 1`, id[:], viewer[:], id.String()).
		Scan(&a.Size, &a.MediaType, &a.Kind, &a.CreatedAt, &owner)
	copy(a.Owner[:], owner)
	return a, wrap(err, "artifact")
}

// specJSON is the stored form of a spec.
type specJSON struct {
	BaseModel       string                 `json:"base_model"`
	Dataset         string                 `json:"dataset"`
	Steps           uint32                 `json:"steps"`
	Workers         uint32                 `json:"workers"`
	Replicas        uint32                 `json:"replicas"`
	Hyperparameters market.Hyperparameters `json:"hyperparameters"`
	Seed            uint64                 `json:"seed,string"`
	// A tokenized spec's (absent otherwise).
	Tokenizer   string               `json:"tokenizer,omitempty"`
	Format      market.DatasetFormat `json:"format,omitempty"`
	TokensHash  string               `json:"tokens_hash,omitempty"`
	TokensCount int64                `json:"tokens_count,omitempty"`
	// A LoRA spec's (absent otherwise).
	Method      string   `json:"method,omitempty"`
	LoRAR       uint32   `json:"lora_r,omitempty"`
	LoRAAlpha   float64  `json:"lora_alpha,omitempty"`
	LoRATargets []string `json:"lora_targets,omitempty"`
}

func encodeSpec(s market.Spec) []byte {
	j := specJSON{BaseModel: s.BaseModel.String(), Dataset: s.Dataset.String(), Steps: s.Steps, Workers: s.Workers,
		Replicas: s.Replicas, Hyperparameters: s.Hyperparameters, Seed: s.Seed}
	if s.Tokenized() {
		j.Format, j.TokensHash, j.TokensCount = s.Format, s.Tokens.Hash.String(), s.Tokens.Count
		if s.Tokenizer != (market.ArtifactID{}) {
			j.Tokenizer = s.Tokenizer.String()
		}
	}
	if s.IsLoRA() {
		j.Method, j.LoRAR, j.LoRAAlpha, j.LoRATargets = s.Method, s.LoRA.R, s.LoRA.Alpha, s.LoRA.Targets.Names()
	}
	b, _ := json.Marshal(j)
	return b
}

func decodeSpec(b []byte) (market.Spec, error) {
	var j specJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return market.Spec{}, err
	}
	bm, err := market.ParseArtifactID(j.BaseModel)
	if err != nil {
		return market.Spec{}, err
	}
	ds, err := market.ParseArtifactID(j.Dataset)
	if err != nil {
		return market.Spec{}, err
	}
	s := market.Spec{BaseModel: bm, Dataset: ds, Steps: j.Steps, Workers: j.Workers, Replicas: j.Replicas,
		Hyperparameters: j.Hyperparameters, Seed: j.Seed, Format: j.Format, Tokens: market.TokenStream{Count: j.TokensCount}}
	if j.Tokenizer != "" {
		if s.Tokenizer, err = market.ParseArtifactID(j.Tokenizer); err != nil {
			return market.Spec{}, err
		}
	}
	if j.TokensHash != "" {
		if s.Tokens.Hash, err = market.ParseHash(j.TokensHash); err != nil {
			return market.Spec{}, err
		}
	}
	if j.Method != "" {
		s.Method, s.LoRA = j.Method, market.LoRA{R: j.LoRAR, Alpha: j.LoRAAlpha}
		if s.LoRA.Targets, err = market.ParseLoRATargets(j.LoRATargets); err != nil {
			return market.Spec{}, err
		}
	}
	return s, nil
}

// num is a big integer as numeric text, or nil for NULL.
func num(x *big.Int) any {
	if x == nil {
		return nil
	}
	return x.String()
}

func parseNum(s *string) (*big.Int, error) {
	if s == nil {
		return nil, nil
	}
	x, ok := new(big.Int).SetString(*s, 10)
	if !ok {
		return nil, fmt.Errorf("bad numeric %q", *s)
	}
	return x, nil
}

func parseNums(dst []**big.Int, src []*string) error {
	for i := range dst {
		x, err := parseNum(src[i])
		if err != nil {
			return err
		}
		*dst[i] = x
	}
	return nil
}

// CreateQuote implements market.Store.
func (s *Store) CreateQuote(ctx context.Context, q market.Quote) error {
	_, err := s.pool.Exec(ctx, `
		INSERT INTO quotes (id, buyer, token, spec, spec_hash, model_size, price, stake_per_slot, deadline, nonce,
			permit_nonce, intent_id, funding_digest, expires_at, created_at, slot_memory)
		VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, $8::numeric, $9, $10::numeric, $11::numeric, $12, $13, $14, $15, $16)`,
		q.ID, q.Buyer[:], string(q.Token), encodeSpec(q.Spec), q.SpecHash[:], q.ModelSize, num(q.Price), num(q.StakePerSlot),
		q.Deadline, num(q.Nonce), num(q.PermitNonce), q.IntentID[:], q.FundingDigest[:], q.ExpiresAt, q.CreatedAt, q.SlotMemory)
	return wrap(err, "quote")
}

// quoteColumns are the columns of quotes q that quoteRow reads.
const quoteColumns = `q.token, q.spec, q.spec_hash, q.model_size, q.price::text, q.stake_per_slot::text, q.deadline, q.nonce::text,
	q.permit_nonce::text, q.intent_id, q.funding_digest, q.expires_at, q.created_at, q.slot_memory`

// quoteRow holds a scanned row of quoteColumns.
type quoteRow struct {
	q                                    market.Quote
	spec, specHash, intentID, fundingDig []byte
	price, stake, nonce, permit          *string
}

func (r *quoteRow) dest() []any {
	return []any{&r.q.Token, &r.spec, &r.specHash, &r.q.ModelSize, &r.price, &r.stake, &r.q.Deadline, &r.nonce, &r.permit,
		&r.intentID, &r.fundingDig, &r.q.ExpiresAt, &r.q.CreatedAt, &r.q.SlotMemory}
}

func (r *quoteRow) quote() (market.Quote, error) {
	q := r.q
	var err error
	if q.Spec, err = decodeSpec(r.spec); err != nil {
		return q, err
	}
	copy(q.SpecHash[:], r.specHash)
	copy(q.IntentID[:], r.intentID)
	copy(q.FundingDigest[:], r.fundingDig)
	err = parseNums([]**big.Int{&q.Price, &q.StakePerSlot, &q.Nonce, &q.PermitNonce}, []*string{r.price, r.stake, r.nonce, r.permit})
	return q, err
}

// Quote implements market.Store.
func (s *Store) Quote(ctx context.Context, id string, buyer market.Address) (market.Quote, error) {
	r := quoteRow{q: market.Quote{ID: id, Buyer: buyer}}
	err := s.pool.QueryRow(ctx, `SELECT `+quoteColumns+` FROM quotes q WHERE q.id = $1 AND q.buyer = $2`, id, buyer[:]).Scan(r.dest()...)
	if err != nil {
		return r.q, wrap(err, "quote")
	}
	q, err := r.quote()
	return q, wrap(err, "quote")
}

const intentColumns = `id, quote_id, buyer, token, spec, spec_hash, model_size, price::text, stake_per_slot::text,
	deadline, nonce::text, state, intent_signature, funding_signature, created_at, updated_at, assigned_at, slot_memory, deposit`

// scanIntent scans intentColumns, then the more columns a query selects
// after them into more.
func scanIntent(row pgx.Row, more ...any) (market.Intent, error) {
	var in market.Intent
	var id, buyer, spec, specHash []byte
	var price, stake, nonce *string
	var assigned *time.Time
	var deposit []byte
	err := row.Scan(append([]any{&id, &in.QuoteID, &buyer, &in.Token, &spec, &specHash, &in.ModelSize, &price, &stake,
		&in.Deadline, &nonce, &in.State, &in.IntentSignature, &in.FundingSignature, &in.CreatedAt, &in.UpdatedAt, &assigned,
		&in.SlotMemory, &deposit}, more...)...)
	if err != nil {
		return in, err
	}
	if in.Deposit, err = decodeDeposit(deposit); err != nil {
		return in, err
	}
	if assigned != nil {
		in.AssignedAt = *assigned
	}
	copy(in.ID[:], id)
	copy(in.Buyer[:], buyer)
	copy(in.SpecHash[:], specHash)
	if in.Spec, err = decodeSpec(spec); err != nil {
		return in, err
	}
	return in, parseNums([]**big.Int{&in.Price, &in.StakePerSlot, &in.Nonce}, []*string{price, stake, nonce})
}

// Intent implements market.Store.
func (s *Store) Intent(ctx context.Context, id market.Hash, buyer market.Address) (market.Intent, error) {
	in, err := scanIntent(s.pool.QueryRow(ctx, `SELECT `+intentColumns+` FROM intents WHERE id = $1 AND buyer = $2`,
		id[:], buyer[:]))
	return in, wrap(err, "intent")
}

// Intents implements market.Store.
func (s *Store) Intents(ctx context.Context, f market.IntentFilter) ([]market.Intent, bool, error) {
	var after any
	if f.StartingAfter != nil {
		after = f.StartingAfter[:]
	}
	rows, err := s.pool.Query(ctx, `
		SELECT `+intentColumns+` FROM intents
		WHERE buyer = $1 AND ($2::bytea IS NULL OR seq < (SELECT seq FROM intents WHERE id = $2 AND buyer = $1))
		ORDER BY seq DESC LIMIT $3`, f.Buyer[:], after, f.Limit+1)
	if err != nil {
		return nil, false, wrap(err, "intents")
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (market.Intent, error) { return scanIntent(r) })
	if err != nil {
		return nil, false, wrap(err, "intents")
	}
	more := len(list) > f.Limit
	if more {
		list = list[:f.Limit]
	}
	return list, more, nil
}

// IntentEvents implements market.Store.
func (s *Store) IntentEvents(ctx context.Context, id market.Hash, after int64, limit int) ([]market.IntentEvent, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT seq, type, state, data, created_at FROM intent_events
		WHERE intent_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`, id[:], after, limit)
	if err != nil {
		return nil, wrap(err, "intent events")
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (market.IntentEvent, error) {
		e := market.IntentEvent{IntentID: id}
		var data []byte
		err := r.Scan(&e.Seq, &e.Type, &e.State, &data, &e.CreatedAt)
		e.Data = data
		return e, err
	})
	return list, wrap(err, "intent events")
}

// CountIntentsByState implements market.Store.
func (s *Store) CountIntentsByState(ctx context.Context) (map[market.IntentState]int64, error) {
	rows, err := s.pool.Query(ctx, `SELECT state, count(*) FROM intents GROUP BY state`)
	if err != nil {
		return nil, wrap(err, "intents")
	}
	counts := map[market.IntentState]int64{}
	var st string
	var n int64
	_, err = pgx.ForEachRow(rows, []any{&st, &n}, func() error {
		counts[market.IntentState(st)] = n
		return nil
	})
	return counts, wrap(err, "intents")
}

// staleIdempotency is how long a claimed but unfinished key blocks retries
// (a process that died mid-request must not lock the key forever).
const staleIdempotency = time.Minute

// BeginIdempotent implements market.Store.
func (s *Store) BeginIdempotent(ctx context.Context, owner market.Address, key string, request market.Hash) (*market.Idempotent, error) {
	tag, err := s.async.Exec(ctx, `
		INSERT INTO idempotency_keys (owner, key, request_hash) VALUES ($1, $2, $3)
		ON CONFLICT (owner, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = now()
			WHERE idempotency_keys.status IS NULL AND idempotency_keys.created_at < now() - $4::interval`,
		owner[:], key, request[:], fmt.Sprintf("%d seconds", int(staleIdempotency.Seconds())))
	if err != nil {
		return nil, wrap(err, "idempotency key")
	}
	if tag.RowsAffected() == 1 {
		return nil, nil
	}
	var rec market.Idempotent
	var hash []byte
	var status *int32
	err = s.pool.QueryRow(ctx, `SELECT request_hash, status, body FROM idempotency_keys WHERE owner = $1 AND key = $2`,
		owner[:], key).Scan(&hash, &status, &rec.Body)
	if err != nil {
		return nil, wrap(err, "idempotency key")
	}
	copy(rec.RequestHash[:], hash)
	if status != nil {
		rec.Done, rec.Code = true, int(*status)
	}
	return &rec, nil
}

// FinishIdempotent implements market.Store.
func (s *Store) FinishIdempotent(ctx context.Context, owner market.Address, key string, code int, body []byte) error {
	_, err := s.pool.Exec(ctx, `UPDATE idempotency_keys SET status = $3, body = $4 WHERE owner = $1 AND key = $2`,
		owner[:], key, code, body)
	return wrap(err, "idempotency key")
}

// ReleaseIdempotent implements market.Store.
func (s *Store) ReleaseIdempotent(ctx context.Context, owner market.Address, key string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM idempotency_keys WHERE owner = $1 AND key = $2 AND status IS NULL`, owner[:], key)
	return wrap(err, "idempotency key")
}

// PutWorker implements market.Store.
func (s *Store) PutWorker(ctx context.Context, w market.Worker) (market.Worker, error) {
	err := s.pool.QueryRow(ctx, `
		INSERT INTO workers (address, peer_id, multiaddrs, capacity, memory, threads, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $6, $7, $5, $5)
		ON CONFLICT (address) DO UPDATE SET peer_id = EXCLUDED.peer_id, multiaddrs = EXCLUDED.multiaddrs,
			capacity = EXCLUDED.capacity, memory = EXCLUDED.memory, threads = EXCLUDED.threads, updated_at = EXCLUDED.updated_at
		RETURNING created_at, updated_at`,
		w.Address[:], w.PeerID, w.Multiaddrs, int32(w.Capacity), w.UpdatedAt, w.Memory, int32(w.Threads)).Scan(&w.CreatedAt, &w.UpdatedAt)
	return w, wrap(err, "worker")
}

// CreateJob implements market.Store.
func (s *Store) CreateJob(ctx context.Context, j market.Job) error {
	_, err := s.pool.Exec(ctx, `
		INSERT INTO jobs (id, token, slots, free_slots, pay_per_slot, stake_per_slot, model_size, steps, deadline, created_at, slot_memory)
		VALUES ($1, $2, $3, $4, $5::numeric, $6::numeric, $7, $8, $9, $10, $11)`,
		j.ID[:], string(j.Token), int32(j.Slots), int32(j.FreeSlots), num(j.PayPerSlot), num(j.StakePerSlot),
		j.ModelSize, int32(j.Steps), j.Deadline, j.CreatedAt, j.SlotMemory)
	return wrap(err, "job")
}

// jobColumns are the columns scanJob reads, of jobs j joined with their
// intents i (the hyper-parameters are the spec's).
const jobColumns = `j.id, j.token, j.slots, j.free_slots, j.pay_per_slot::text, j.stake_per_slot::text, j.model_size,
	j.slot_memory, j.steps, i.spec->'hyperparameters', i.spec->>'base_model', j.deadline, j.created_at,
	coalesce(i.spec->>'method', ''), coalesce((i.spec->>'lora_r')::bigint, 0), coalesce((i.spec->>'lora_alpha')::float8, 0),
	i.spec->'lora_targets'`

func scanJob(row pgx.Row) (market.Job, error) {
	var j market.Job
	var id, hyper []byte
	var slots, free, steps int32
	var pay, stake *string
	var base string
	var loraR int64
	var targets []byte
	if err := row.Scan(&id, &j.Token, &slots, &free, &pay, &stake, &j.ModelSize, &j.SlotMemory, &steps, &hyper, &base,
		&j.Deadline, &j.CreatedAt, &j.Method, &loraR, &j.LoRA.Alpha, &targets); err != nil {
		return j, err
	}
	var err error
	if j.Method != "" {
		var names []string
		if err := json.Unmarshal(targets, &names); err != nil {
			return j, fmt.Errorf("job %x: lora_targets: %w", id, err)
		}
		if j.LoRA.Targets, err = market.ParseLoRATargets(names); err != nil {
			return j, fmt.Errorf("job %x: %w", id, err)
		}
		j.LoRA.R = uint32(loraR)
	}
	if j.BaseModel, err = market.ParseArtifactID(base); err != nil {
		return j, fmt.Errorf("job %x: base model: %w", id, err)
	}
	if err := json.Unmarshal(hyper, &j.Hyperparameters); err != nil {
		return j, fmt.Errorf("job %x: hyperparameters: %w", id, err)
	}
	copy(j.ID[:], id)
	j.Slots, j.FreeSlots, j.Steps = uint32(slots), uint32(free), uint32(steps)
	return j, parseNums([]**big.Int{&j.PayPerSlot, &j.StakePerSlot}, []*string{pay, stake})
}

// OpenJobs implements market.Store.
func (s *Store) OpenJobs(ctx context.Context, f market.JobFilter) ([]market.Job, bool, error) {
	var after, token, minPay, maxSize, maxMemory any
	if f.StartingAfter != nil {
		after = f.StartingAfter[:]
	}
	if f.Token != "" {
		token = string(f.Token)
	}
	if f.MinPayPerSlot != nil {
		minPay = f.MinPayPerSlot.String()
	}
	if f.MaxModelSize > 0 {
		maxSize = f.MaxModelSize
	}
	if f.MaxSlotMemory > 0 {
		maxMemory = f.MaxSlotMemory
	}
	rows, err := s.pool.Query(ctx, `
		SELECT `+jobColumns+`
		FROM jobs j JOIN intents i ON i.id = j.id
		WHERE j.free_slots > 0 AND NOT j.closed
			AND ($1::bytea IS NULL OR j.seq > (SELECT seq FROM jobs WHERE id = $1))
			AND ($2::text IS NULL OR j.token = $2)
			AND ($3::numeric IS NULL OR j.pay_per_slot >= $3::numeric)
			AND ($4::bigint IS NULL OR j.model_size <= $4)
			AND ($5::bigint IS NULL OR j.slot_memory <= $5)
		ORDER BY j.seq LIMIT $6`, after, token, minPay, maxSize, maxMemory, f.Limit+1)
	if err != nil {
		return nil, false, wrap(err, "jobs")
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (market.Job, error) { return scanJob(r) })
	if err != nil {
		return nil, false, wrap(err, "jobs")
	}
	more := len(list) > f.Limit
	if more {
		list = list[:f.Limit]
	}
	return list, more, nil
}
