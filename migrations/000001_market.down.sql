DROP TABLE jobs;
DROP TABLE workers;
DROP TABLE idempotency_keys;
DROP TABLE intent_events;
DROP TABLE intents;
DROP TABLE quotes;
DROP TABLE artifacts;
DROP TABLE request_nonces;
