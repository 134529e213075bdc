-- An append to the event log of an intent that a server follows (has an
-- event stream open on) notifies channel intent_events, once per statement
-- and intent, with the intent id in hex: the server's one listening
-- connection fans it out to the intent's streams, which read the new
-- events once between them instead of each polling. Appends to intents
-- nobody follows notify nobody, so that the writes of intents, their
-- funding and their jobs take no part in NOTIFY's commit-time lock.
--
-- A follower row names the listening connection (its application_name is
-- 'axl-listener <listener>'): rows of connections gone are removed by the
-- next listener that connects. Unlogged: after a crash every listener
-- reconnects and registers again.
CREATE UNLOGGED TABLE intent_followers (
    intent_id bytea NOT NULL,
    listener  text NOT NULL,
    topic     bigint NOT NULL,
    PRIMARY KEY (intent_id, listener, topic)
);

CREATE FUNCTION notify_intent_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r record;
BEGIN
    -- A fresh snapshot (READ COMMITTED, volatile function): a follower
    -- registered while this statement waited for the intent's row lock
    -- is seen.
    FOR r IN SELECT DISTINCT n.intent_id FROM new_events n
        WHERE EXISTS (SELECT 1 FROM intent_followers f WHERE f.intent_id = n.intent_id)
    LOOP
        PERFORM pg_notify('intent_events', encode(r.intent_id, 'hex'));
    END LOOP;
    RETURN NULL;
END $$;

CREATE TRIGGER intent_events_notify AFTER INSERT ON intent_events
    REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION notify_intent_events();
