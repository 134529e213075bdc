-- A slot's latest validation loss: the mean cross-entropy of its weights
-- on the job's held-out sequences, which the worker reports with its
-- progress (NULL before a report that carries one).
ALTER TABLE job_slots ADD COLUMN progress_validation_loss double precision;
