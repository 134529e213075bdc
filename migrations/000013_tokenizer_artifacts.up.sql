-- Tokenizers are artifacts (a Hugging Face tokenizer.json). A tokenized
-- job's spec names its tokenizer (spec->>'tokenizer'), which retention
-- keeps while an intent or an open quote names it and which the job's
-- staked workers may read: indexed as the base model and the dataset are.
ALTER TABLE artifacts DROP CONSTRAINT artifacts_kind_check;
ALTER TABLE artifacts ADD CONSTRAINT artifacts_kind_check CHECK (kind IN ('dataset', 'model', 'tokenizer'));
CREATE INDEX quotes_tokenizer ON quotes ((spec->>'tokenizer')) WHERE spec ? 'tokenizer';
CREATE INDEX intents_tokenizer ON intents ((spec->>'tokenizer')) WHERE spec ? 'tokenizer';
