-- An intent paid by x402 is funded through its deposit address: the
-- buyer's EIP-3009 TransferWithAuthorization to it, of the buyer's own
-- validity and nonce, which funding_signature signs. NULL for an intent
-- funded by its quote's authorisation.
ALTER TABLE intents ADD COLUMN deposit jsonb;
