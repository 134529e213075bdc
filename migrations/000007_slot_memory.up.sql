-- The memory, in bytes, that a worker's slot of the job needs (market.JobNeeds.SlotMemory),
-- estimated by the quote and listed on GET /jobs; 0 for what was quoted before.
ALTER TABLE quotes ADD COLUMN slot_memory bigint NOT NULL DEFAULT 0 CHECK (slot_memory >= 0);
ALTER TABLE intents ADD COLUMN slot_memory bigint NOT NULL DEFAULT 0 CHECK (slot_memory >= 0);
ALTER TABLE jobs ADD COLUMN slot_memory bigint NOT NULL DEFAULT 0 CHECK (slot_memory >= 0);
