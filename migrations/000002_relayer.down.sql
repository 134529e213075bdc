DROP TABLE tx_attempts;
DROP TABLE txs;
