-- The relayer's outbox: every transaction the server sends from its
-- operator key, recorded before it is sent.
CREATE TABLE txs (
    id         bigserial PRIMARY KEY,
    key        text NOT NULL UNIQUE,
    kind       text NOT NULL,
    intent_id  bytea CHECK (intent_id IS NULL OR length(intent_id) = 32),
    sender     bytea NOT NULL CHECK (length(sender) = 20),
    recipient  bytea NOT NULL CHECK (length(recipient) = 20),
    data       bytea NOT NULL,
    status     text NOT NULL CHECK (status IN ('queued', 'sent', 'mined', 'failed')),
    nonce      bigint CHECK (nonce >= 0),
    hash       bytea CHECK (hash IS NULL OR length(hash) = 32),
    block      bigint,
    gas_used   bigint,
    error      text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
-- One transaction per nonce and sender: the relayer is the single writer.
CREATE UNIQUE INDEX txs_sender_nonce ON txs (sender, nonce) WHERE nonce IS NOT NULL;
CREATE INDEX txs_pending ON txs (sender, id) WHERE status IN ('queued', 'sent');
CREATE INDEX txs_intent ON txs (intent_id, id) WHERE intent_id IS NOT NULL;

-- Every signed version of a transaction, recorded before its broadcast.
CREATE TABLE tx_attempts (
    hash        bytea PRIMARY KEY CHECK (length(hash) = 32),
    tx_id       bigint NOT NULL REFERENCES txs (id),
    raw         bytea NOT NULL,
    gas_tip_cap numeric(78, 0) NOT NULL,
    gas_fee_cap numeric(78, 0) NOT NULL,
    sent_at     timestamptz NOT NULL
);
CREATE INDEX tx_attempts_tx ON tx_attempts (tx_id, sent_at);
