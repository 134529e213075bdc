-- What happens between assignment and release (DESIGN §7): each slot's
-- latest progress, its commitment (one per slot, none shared within a job)
-- and its reveal; the referee's questions to slots and their answers; the
-- disputes with their transcripts; the result the server decided.
ALTER TABLE job_slots
    ADD COLUMN progress_step integer CHECK (progress_step >= 0),
    ADD COLUMN progress_loss double precision,
    ADD COLUMN progress_tps  double precision,
    ADD COLUMN progress_at   timestamptz,
    ADD COLUMN commitment    bytea CHECK (length(commitment) = 32),
    ADD COLUMN committed_at  timestamptz,
    ADD COLUMN trace_root    bytea CHECK (length(trace_root) = 32),
    ADD COLUMN salt          bytea CHECK (length(salt) = 32),
    ADD COLUMN trace_leaves  integer CHECK (trace_leaves >= 0),
    ADD COLUMN weights       bytea CHECK (length(weights) = 32),
    ADD COLUMN revealed_at   timestamptz,
    ADD CHECK ((commitment IS NULL) = (committed_at IS NULL)),
    ADD CHECK (revealed_at IS NULL OR commitment IS NOT NULL AND trace_root IS NOT NULL AND salt IS NOT NULL
        AND trace_leaves IS NOT NULL AND weights IS NOT NULL);
-- A commitment copied from another slot of the job is refused.
CREATE UNIQUE INDEX job_slots_commitment ON job_slots (job_id, commitment) WHERE commitment IS NOT NULL;

-- The referee's questions. The same question (job, slot, kind, args) is
-- stored once, so that a referee restarted mid-game replays the answers.
CREATE TABLE challenges (
    id          bigserial PRIMARY KEY,
    job_id      bytea NOT NULL,
    slot        integer NOT NULL,
    kind        text NOT NULL,
    args        jsonb NOT NULL,
    answer      jsonb,
    deadline    timestamptz NOT NULL,
    created_at  timestamptz NOT NULL,
    answered_at timestamptz,
    FOREIGN KEY (job_id, slot) REFERENCES job_slots (job_id, slot),
    CHECK ((answer IS NULL) = (answered_at IS NULL))
);
-- args compared through a digest of their normalised text: jsonb prints
-- equal values the same way, and the index holds questions of any size.
CREATE UNIQUE INDEX challenges_question ON challenges (job_id, slot, kind, md5(args::text));
CREATE INDEX challenges_open ON challenges (job_id, slot, id) WHERE answer IS NULL;

CREATE TABLE disputes (
    id         bigserial PRIMARY KEY,
    job_id     bytea NOT NULL REFERENCES jobs (id),
    rank       integer NOT NULL CHECK (rank >= 0),
    slots      integer[] NOT NULL,
    state      text NOT NULL CHECK (state IN ('open', 'ruled')),
    transcript jsonb NOT NULL DEFAULT '{}',
    ruling     jsonb,
    created_at timestamptz NOT NULL,
    ruled_at   timestamptz,
    CHECK ((state = 'ruled') = (ruling IS NOT NULL))
);
CREATE INDEX disputes_job ON disputes (job_id, id);

CREATE TABLE results (
    job_id         bytea PRIMARY KEY REFERENCES jobs (id),
    weights        bytea NOT NULL CHECK (length(weights) = 32),
    trace_root     bytea NOT NULL CHECK (length(trace_root) = 32),
    delivered_mask bigint NOT NULL,
    losing_mask    bigint NOT NULL,
    decided_at     timestamptz NOT NULL
);
