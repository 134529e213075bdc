-- The operator's agenda (market.Agenda): a pass is due for an intent at
-- due_at, or at once ('-infinity') after a change to what it is derived
-- from; an intent without a row needs no pass until something changes.
-- A new intent is written with its entry, due at once (createIntentSQL:
-- a trigger would cost the hot write more). The other changes mark their
-- intent in their own transaction, by the triggers below: an applied or
-- removed chain event, a cancel request, a relayed transaction that
-- failed or was abandoned, a commitment or a reveal, a game opened,
-- failed or ruled. (An answer to the referee needs no pass: the game
-- waiting for it reads it, and its ruling marks the intent.)
--
-- version takes a new number of one sequence at each mark, never reused:
-- a pass reads it before the facts, and stores its schedule only if it
-- is unchanged, so that a change made during the pass is never lost.
-- No foreign key: a mark inside a hot transaction takes no lock on the
-- intent's row; marks are made for ids of intents only.
CREATE SEQUENCE intent_agenda_version;
CREATE TABLE intent_agenda (
    intent_id bytea PRIMARY KEY,
    due_at    timestamptz NOT NULL,
    version   bigint NOT NULL
);
CREATE INDEX intent_agenda_due ON intent_agenda (due_at);

-- The intents whose rows were there before the agenda are due at once.
INSERT INTO intent_agenda (intent_id, due_at, version)
SELECT id, '-infinity', nextval('intent_agenda_version') FROM intents
WHERE state NOT IN ('released', 'refunded', 'cancelled', 'failed') ORDER BY id;

-- mark_intents_due makes the intents of ids due at once, in id order so
-- that two marking transactions cannot deadlock.
CREATE FUNCTION mark_intents_due(ids bytea[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO intent_agenda (intent_id, due_at, version)
    SELECT i.id, '-infinity', nextval('intent_agenda_version') FROM intents i WHERE i.id = ANY (ids) ORDER BY i.id
    ON CONFLICT (intent_id) DO UPDATE SET due_at = '-infinity', version = excluded.version
$$;

CREATE FUNCTION agenda_chain_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM mark_intents_due(ARRAY(SELECT DISTINCT intent_id FROM changed WHERE intent_id IS NOT NULL));
    RETURN NULL;
END $$;
CREATE TRIGGER chain_events_applied_agenda AFTER INSERT ON chain_events
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION agenda_chain_events();
CREATE TRIGGER chain_events_removed_agenda AFTER DELETE ON chain_events
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION agenda_chain_events();

-- agenda_row_changed marks the intent whose id the changed row holds in
-- the column its trigger names.
CREATE FUNCTION agenda_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    id bytea;
BEGIN
    EXECUTE format('SELECT ($1).%I', TG_ARGV[0]) INTO id USING NEW;
    PERFORM mark_intents_due(ARRAY[id]);
    RETURN NULL;
END $$;
CREATE TRIGGER intents_cancel_agenda AFTER UPDATE OF cancel_requested_at ON intents
    FOR EACH ROW WHEN (OLD.cancel_requested_at IS DISTINCT FROM NEW.cancel_requested_at)
    EXECUTE FUNCTION agenda_row_changed('id');
CREATE TRIGGER txs_failed_agenda AFTER UPDATE OF status ON txs
    FOR EACH ROW WHEN (NEW.intent_id IS NOT NULL AND NEW.status IN ('failed', 'abandoned') AND OLD.status <> NEW.status)
    EXECUTE FUNCTION agenda_row_changed('intent_id');
CREATE TRIGGER job_slots_reports_agenda AFTER UPDATE OF committed_at, revealed_at ON job_slots
    FOR EACH ROW WHEN (OLD.committed_at IS DISTINCT FROM NEW.committed_at OR OLD.revealed_at IS DISTINCT FROM NEW.revealed_at)
    EXECUTE FUNCTION agenda_row_changed('job_id');
CREATE TRIGGER disputes_agenda AFTER INSERT OR UPDATE ON disputes
    FOR EACH ROW EXECUTE FUNCTION agenda_row_changed('job_id');
