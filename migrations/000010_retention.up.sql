-- Retention (market.Retention): what the janitor prunes is found by index,
-- and what an artifact is used by is looked up by its id.
CREATE INDEX quotes_unused_expiry ON quotes (expires_at) WHERE used_at IS NULL;
CREATE INDEX quotes_base_model ON quotes ((spec->>'base_model'));
CREATE INDEX quotes_dataset ON quotes ((spec->>'dataset'));
CREATE INDEX intents_base_model ON intents ((spec->>'base_model'));
CREATE INDEX intents_dataset ON intents ((spec->>'dataset'));
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
CREATE INDEX intent_events_progress ON intent_events (created_at) WHERE type = 'progress';
CREATE INDEX artifacts_created ON artifacts (created_at);
CREATE INDEX artifacts_owner ON artifacts (owner);
CREATE INDEX job_slots_weights ON job_slots (weights) WHERE weights IS NOT NULL;
-- A worker's outstanding claims are counted at each claim, and a worker
-- that never held a slot is pruned.
CREATE INDEX job_slots_by_worker ON job_slots (worker) WHERE worker IS NOT NULL;
CREATE INDEX workers_updated ON workers (updated_at);
