DROP INDEX intents_active;
ALTER TABLE intents DROP COLUMN cancel_requested_at;
DROP INDEX jobs_open;
ALTER TABLE jobs DROP COLUMN closed;
CREATE INDEX jobs_open ON jobs (seq) WHERE free_slots > 0;
DROP TABLE job_slots;
