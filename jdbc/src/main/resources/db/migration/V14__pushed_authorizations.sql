-- Pushed authorization requests (RFC 9126), under the SHA-256 of their request_uri, each redeemed once by its client.
CREATE TABLE pushed_authorizations (
    request_uri_hash VARCHAR(64)  NOT NULL,
    client_id        VARCHAR(255) NOT NULL,
    parameters       VARCHAR      NOT NULL,
    created_at       BIGINT       NOT NULL,
    expires_at       BIGINT       NOT NULL,
    CONSTRAINT pushed_authorizations_pk PRIMARY KEY (request_uri_hash)
);
CREATE INDEX pushed_authorizations_client_ix ON pushed_authorizations (client_id, expires_at);
CREATE INDEX pushed_authorizations_expires_at_ix ON pushed_authorizations (expires_at);
