DROP INDEX IF EXISTS intents_tokenizer;
DROP INDEX IF EXISTS quotes_tokenizer;
-- Tokenizers uploaded meanwhile stay (NOT VALID): nothing is deleted.
ALTER TABLE artifacts DROP CONSTRAINT artifacts_kind_check;
ALTER TABLE artifacts ADD CONSTRAINT artifacts_kind_check CHECK (kind IN ('dataset', 'model')) NOT VALID;
