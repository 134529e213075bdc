-- What a worker advertises of itself: the memory it gives one slot (a
-- claim of a slot that needs more is refused) and its training threads;
-- 0 is "not said".
ALTER TABLE workers
    ADD COLUMN memory bigint NOT NULL DEFAULT 0 CHECK (memory >= 0),
    ADD COLUMN threads integer NOT NULL DEFAULT 0 CHECK (threads >= 0);
