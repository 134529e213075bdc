-- A partial reveal (market.Reveal.Partial): a worker whose replica's run
-- broke shows its trace up to the failure and delivers no weights.
ALTER TABLE job_slots ADD COLUMN partial boolean NOT NULL DEFAULT false;
DO $$
DECLARE c text;
BEGIN
    SELECT conname INTO STRICT c FROM pg_constraint
     WHERE conrelid = 'job_slots'::regclass AND contype = 'c'
       AND pg_get_constraintdef(oid) LIKE '%revealed_at IS NULL%';
    EXECUTE format('ALTER TABLE job_slots DROP CONSTRAINT %I', c);
END $$;
ALTER TABLE job_slots ADD CONSTRAINT job_slots_reveal CHECK (revealed_at IS NULL OR commitment IS NOT NULL
    AND trace_root IS NOT NULL AND salt IS NOT NULL AND trace_leaves IS NOT NULL
    AND (weights IS NOT NULL) = NOT partial);
