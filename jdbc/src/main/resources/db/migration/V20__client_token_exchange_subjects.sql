-- Token exchange (RFC 8693, issue 20): the Cell client ids and trusted JWT issuers whose tokens a client may exchange,
-- as a JSON array; empty: none.
ALTER TABLE clients ADD COLUMN token_exchange_subjects VARCHAR DEFAULT '[]' NOT NULL;
