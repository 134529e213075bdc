ALTER TABLE workers DROP COLUMN memory, DROP COLUMN threads;
