-- The relayer's fault handling: a transaction it gave up on is 'abandoned'
-- (its nonce filled by a no-op so that later ones are not stalled), the
-- node's refusals are counted, and a mined transaction is followed until it
-- is buried under the confirmation depth (a reorg sends it again).
ALTER TABLE txs DROP CONSTRAINT txs_status_check;
ALTER TABLE txs ADD CONSTRAINT txs_status_check CHECK (status IN ('queued', 'sent', 'mined', 'failed', 'abandoned'));
ALTER TABLE txs ADD COLUMN refusals integer NOT NULL DEFAULT 0;
ALTER TABLE txs ADD COLUMN confirmed boolean NOT NULL DEFAULT false;
UPDATE txs SET confirmed = true WHERE status IN ('mined', 'failed');
DROP INDEX txs_pending;
CREATE INDEX txs_pending ON txs (sender, id)
    WHERE status IN ('queued', 'sent') OR (status = 'abandoned' AND nonce IS NOT NULL AND block IS NULL AND NOT confirmed);
CREATE INDEX txs_unconfirmed ON txs (sender, id) WHERE block IS NOT NULL AND NOT confirmed;

-- seq: the order in which attempts were signed (their sent_at may be equal
-- on an injected clock). broadcast_at: when the node first accepted the attempt (NULL: never yet,
-- say a crash between recording and sending). filler: a no-op self-transfer
-- that takes the nonce of an abandoned transaction.
ALTER TABLE tx_attempts ADD COLUMN seq bigserial;
CREATE INDEX tx_attempts_tx_seq ON tx_attempts (tx_id, seq);
ALTER TABLE tx_attempts ADD COLUMN broadcast_at timestamptz;
ALTER TABLE tx_attempts ADD COLUMN filler boolean NOT NULL DEFAULT false;
UPDATE tx_attempts SET broadcast_at = sent_at;
