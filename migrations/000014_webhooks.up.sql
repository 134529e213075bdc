-- Webhook endpoints a buyer registered (POST /webhooks): deliveries of its
-- intents' events, signed with the endpoint's secret as Standard Webhooks
-- says. types lists the intent event types it wants (empty: every type).
CREATE TABLE webhooks (
    id              text PRIMARY KEY,
    owner           bytea NOT NULL CHECK (length(owner) = 20),
    url             text NOT NULL,
    types           text[] NOT NULL,
    secret          bytea NOT NULL,
    created_at      timestamptz NOT NULL,
    -- The delivery state: failures in a row since failing_since, the next
    -- attempt, a dispatcher's lease (so that two servers never deliver one
    -- endpoint at once), and why it was disabled.
    failures        int NOT NULL DEFAULT 0,
    failing_since   timestamptz,
    next_attempt_at timestamptz NOT NULL,
    leased_until    timestamptz,
    last_error      text,
    disabled_at     timestamptz,
    disabled_reason text
);
CREATE INDEX webhooks_owner ON webhooks (owner) WHERE disabled_at IS NULL;

-- The outbox: one row per (endpoint, event) still to deliver, written by
-- the trigger below in the transaction that appends the event, so that a
-- delivery is never lost to a crash and survives a restart. A row is
-- removed once its endpoint answered 2xx (or the endpoint is disabled or
-- deleted). The event is copied: retention may prune progress events
-- before an endpoint that is down takes them.
CREATE TABLE webhook_outbox (
    webhook_id text NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    seq        bigint NOT NULL,
    intent_id  bytea NOT NULL,
    type       text NOT NULL,
    state      text NOT NULL,
    data       jsonb NOT NULL,
    created_at timestamptz NOT NULL,
    attempts   int NOT NULL DEFAULT 0,
    PRIMARY KEY (webhook_id, seq)
);

-- An append to an intent's log queues a delivery for each enabled
-- endpoint of the intent's buyer that wants its type. Statement-level and
-- skipped when no endpoint is enabled, so that intents of buyers without
-- webhooks pay one index probe.
CREATE FUNCTION queue_webhook_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM webhooks WHERE disabled_at IS NULL) THEN
        INSERT INTO webhook_outbox (webhook_id, seq, intent_id, type, state, data, created_at)
        SELECT w.id, n.seq, n.intent_id, n.type, n.state, n.data, n.created_at
        FROM new_events n
        JOIN intents i ON i.id = n.intent_id
        JOIN webhooks w ON w.owner = i.buyer AND w.disabled_at IS NULL
            AND (cardinality(w.types) = 0 OR n.type = ANY (w.types));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER intent_events_webhooks AFTER INSERT ON intent_events
    REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION queue_webhook_deliveries();
