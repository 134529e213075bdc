ALTER TABLE intents DROP COLUMN deposit;
