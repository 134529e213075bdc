ALTER TABLE jobs DROP COLUMN slot_memory;
ALTER TABLE intents DROP COLUMN slot_memory;
ALTER TABLE quotes DROP COLUMN slot_memory;
