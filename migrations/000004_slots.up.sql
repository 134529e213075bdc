-- The slots of a job, made by the matcher when the intent's Funded event is
-- applied. A slot is free, claimed by a worker until claim_expires_at, or
-- confirmed by the worker's Staked event (the chain's word, which wins over
-- any claim). Claiming locks the job row first, then one free slot.
CREATE TABLE job_slots (
    job_id           bytea NOT NULL REFERENCES jobs (id),
    slot             integer NOT NULL CHECK (slot >= 0),
    state            text NOT NULL CHECK (state IN ('free', 'claimed', 'confirmed')),
    worker           bytea CHECK (worker IS NULL OR length(worker) = 20),
    claim_id         text UNIQUE,
    claim_expires_at timestamptz,
    permit_nonce     numeric(78, 0),
    PRIMARY KEY (job_id, slot),
    CHECK ((state = 'free') = (worker IS NULL))
);
-- No worker sits twice in a job.
CREATE UNIQUE INDEX job_slots_worker ON job_slots (job_id, worker) WHERE worker IS NOT NULL;

-- A job is listed while its intent is open or matched.
ALTER TABLE jobs ADD COLUMN closed boolean NOT NULL DEFAULT false;
DROP INDEX jobs_open;
CREATE INDEX jobs_open ON jobs (seq) WHERE free_slots > 0 AND NOT closed;

-- The buyer asked to cancel; the operator relays the cancel.
ALTER TABLE intents ADD COLUMN cancel_requested_at timestamptz;
CREATE INDEX intents_active ON intents (seq) WHERE state IN ('funding', 'open', 'matched', 'running');
