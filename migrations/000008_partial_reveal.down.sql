-- Partial reveals cannot be kept by the older schema: they are forgotten (the slot is unrevealed).
UPDATE job_slots SET trace_root = NULL, salt = NULL, trace_leaves = NULL, revealed_at = NULL WHERE partial;
ALTER TABLE job_slots DROP CONSTRAINT job_slots_reveal;
ALTER TABLE job_slots ADD CHECK (revealed_at IS NULL OR commitment IS NOT NULL AND trace_root IS NOT NULL
    AND salt IS NOT NULL AND trace_leaves IS NOT NULL AND weights IS NOT NULL);
ALTER TABLE job_slots DROP COLUMN partial;
