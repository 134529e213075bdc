-- The rulebook's facts: when a job was assigned (its commit phase starts
-- there, DESIGN §7), and the referee's failed tries at a game, which are
-- bounded: a game that fails too often is ruled failed, convicting nobody.
ALTER TABLE intents ADD COLUMN assigned_at timestamptz;
ALTER TABLE disputes
    ADD COLUMN attempts   integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    ADD COLUMN last_error text,
    ADD COLUMN failed_at  timestamptz;
