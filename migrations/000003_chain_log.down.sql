DROP TABLE chain_events;
DROP TABLE chain_blocks;
DROP TABLE chain_cursors;
