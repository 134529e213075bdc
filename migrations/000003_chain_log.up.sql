-- What the chain watcher applied: a cursor per stream (contract and chain),
-- the blocks it applied (for reorg detection) and the events themselves,
-- each stored once however often it is delivered.
CREATE TABLE chain_cursors (
    stream text PRIMARY KEY,
    number bigint NOT NULL CHECK (number >= 0),
    hash   bytea NOT NULL CHECK (length(hash) = 32)
);

CREATE TABLE chain_blocks (
    stream text NOT NULL,
    number bigint NOT NULL,
    hash   bytea NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (stream, number)
);

CREATE TABLE chain_events (
    stream     text NOT NULL,
    block      bigint NOT NULL,
    block_hash bytea NOT NULL CHECK (length(block_hash) = 32),
    log_index  integer NOT NULL,
    tx_hash    bytea NOT NULL CHECK (length(tx_hash) = 32),
    name       text NOT NULL,
    intent_id  bytea CHECK (intent_id IS NULL OR length(intent_id) = 32),
    data       jsonb NOT NULL,
    PRIMARY KEY (block_hash, log_index)
);
CREATE INDEX chain_events_stream_block ON chain_events (stream, block);
CREATE INDEX chain_events_intent ON chain_events (intent_id, block, log_index) WHERE intent_id IS NOT NULL;
