-- Dynamic client registration (RFC 7591) and its management (RFC 7592), issue 18.

-- Initial access tokens (RFC 7591 section 3): issued by an administrator, stored under the SHA-256 of their value.
-- scopes is a JSON array of the only scopes a client registered with the token may have, or null for no such limit;
-- uses_left is the registrations the token still allows (one UPDATE consumes one), or null until it expires.
CREATE TABLE initial_access_tokens (
    id         VARCHAR(64)  NOT NULL,
    token_hash VARCHAR(255) NOT NULL,
    scopes     VARCHAR,
    uses_left  INTEGER,
    created_by VARCHAR(255),
    created_at BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL,
    CONSTRAINT initial_access_tokens_pk PRIMARY KEY (id),
    CONSTRAINT initial_access_tokens_hash_uq UNIQUE (token_hash)
);
CREATE INDEX initial_access_tokens_expires_at_ix ON initial_access_tokens (expires_at);

-- Clients registered at the registration endpoint (RFC 7592 section 1): the SHA-256 of the current registration access
-- token, and the limits of the registration that every later update keeps (allowed_scopes: JSON array or null;
-- anonymous: registered under the open policy). Gone with the client.
CREATE TABLE client_registrations (
    client_id        VARCHAR(255) NOT NULL,
    token_hash       VARCHAR(255) NOT NULL,
    allowed_scopes   VARCHAR,
    anonymous        BOOLEAN      NOT NULL,
    initial_token_id VARCHAR(64),
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    CONSTRAINT client_registrations_pk PRIMARY KEY (client_id),
    CONSTRAINT client_registrations_hash_uq UNIQUE (token_hash),
    CONSTRAINT client_registrations_client_fk FOREIGN KEY (client_id) REFERENCES clients (client_id) ON DELETE CASCADE
);
