ALTER TABLE job_slots DROP COLUMN progress_validation_loss;
