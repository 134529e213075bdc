-- Signed-request digests, kept until their timestamp leaves the ±300 s window,
-- so that each signed request is accepted once only.
CREATE TABLE request_nonces (
    digest     bytea PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
CREATE INDEX request_nonces_expires_at ON request_nonces (expires_at);

-- Content-addressed uploads; the same bytes may be owned by several accounts.
CREATE TABLE artifacts (
    id         bytea NOT NULL CHECK (length(id) = 32),
    owner      bytea NOT NULL CHECK (length(owner) = 20),
    size       bigint NOT NULL CHECK (size >= 0),
    media_type text NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('dataset', 'model')),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (id, owner)
);

CREATE TABLE quotes (
    id             text PRIMARY KEY,
    buyer          bytea NOT NULL CHECK (length(buyer) = 20),
    token          text NOT NULL CHECK (token IN ('USDC', 'AI')),
    spec           jsonb NOT NULL,
    spec_hash      bytea NOT NULL,
    model_size     bigint NOT NULL,
    price          numeric(78, 0) NOT NULL CHECK (price > 0),
    stake_per_slot numeric(78, 0) NOT NULL CHECK (stake_per_slot >= 0),
    deadline       timestamptz NOT NULL,
    nonce          numeric(78, 0) NOT NULL,
    permit_nonce   numeric(78, 0),
    intent_id      bytea NOT NULL UNIQUE, -- EIP-712 digest of the Intent
    funding_digest bytea NOT NULL,        -- EIP-712 digest of the funding authorisation
    expires_at     timestamptz NOT NULL,
    created_at     timestamptz NOT NULL,
    used_at        timestamptz
);
CREATE INDEX quotes_buyer ON quotes (buyer);

-- seq orders a buyer's intents (pagination) through intents_buyer_seq.
CREATE TABLE intents (
    seq               bigserial NOT NULL,
    id                bytea PRIMARY KEY CHECK (length(id) = 32),
    quote_id          text NOT NULL UNIQUE REFERENCES quotes (id),
    buyer             bytea NOT NULL CHECK (length(buyer) = 20),
    token             text NOT NULL CHECK (token IN ('USDC', 'AI')),
    spec              jsonb NOT NULL,
    spec_hash         bytea NOT NULL,
    model_size        bigint NOT NULL,
    price             numeric(78, 0) NOT NULL,
    stake_per_slot    numeric(78, 0) NOT NULL,
    deadline          timestamptz NOT NULL,
    nonce             numeric(78, 0) NOT NULL,
    state             text NOT NULL CHECK (state IN ('quoted', 'funding', 'open', 'matched', 'running',
                          'verifying', 'disputed', 'released', 'refunded', 'cancelled', 'failed')),
    intent_signature  bytea NOT NULL,
    funding_signature bytea NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
CREATE INDEX intents_buyer_seq ON intents (buyer, seq DESC);

-- The append-only log of every intent's transitions: the SSE stream and the audit trail.
CREATE TABLE intent_events (
    seq        bigserial PRIMARY KEY,
    intent_id  bytea NOT NULL REFERENCES intents (id),
    type       text NOT NULL,
    state      text NOT NULL,
    data       jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL
);
CREATE INDEX intent_events_intent_seq ON intent_events (intent_id, seq);

CREATE TABLE idempotency_keys (
    owner        bytea NOT NULL,
    key          text NOT NULL,
    request_hash bytea NOT NULL,
    status       int,
    body         bytea,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner, key)
);

CREATE TABLE workers (
    address    bytea PRIMARY KEY CHECK (length(address) = 20),
    peer_id    text NOT NULL,
    multiaddrs text[] NOT NULL,
    capacity   integer NOT NULL CHECK (capacity > 0),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE jobs (
    seq            bigserial UNIQUE,
    id             bytea PRIMARY KEY REFERENCES intents (id),
    token          text NOT NULL CHECK (token IN ('USDC', 'AI')),
    slots          integer NOT NULL CHECK (slots > 0),
    free_slots     integer NOT NULL CHECK (free_slots >= 0 AND free_slots <= slots),
    pay_per_slot   numeric(78, 0) NOT NULL,
    stake_per_slot numeric(78, 0) NOT NULL,
    model_size     bigint NOT NULL,
    steps          integer NOT NULL,
    deadline       timestamptz NOT NULL,
    created_at     timestamptz NOT NULL
);
CREATE INDEX jobs_open ON jobs (seq) WHERE free_slots > 0;
