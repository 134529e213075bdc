ALTER TABLE disputes DROP COLUMN failed_at, DROP COLUMN last_error, DROP COLUMN attempts;
ALTER TABLE intents DROP COLUMN assigned_at;
