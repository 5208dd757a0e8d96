-- Cell schema, version 1. One text runs unchanged on H2 (regular mode) and PostgreSQL:
-- only VARCHAR, BIGINT, INTEGER and BOOLEAN columns; times are epoch milliseconds;
-- lists, sets and maps are JSON text; codes, tokens and session ids are stored under
-- the SHA-256 of their value, which is the primary key.

-- Registered clients (RFC 6749 §2, RFC 7591 §2 metadata names).
CREATE TABLE clients (
    client_id                 VARCHAR(255) NOT NULL,
    client_name               VARCHAR,
    secret_hash               VARCHAR(255),
    secret_encrypted          VARCHAR,
    auth_method               VARCHAR(64)  NOT NULL,
    grant_types               VARCHAR      NOT NULL,
    redirect_uris             VARCHAR      NOT NULL,
    post_logout_redirect_uris VARCHAR      NOT NULL,
    scopes                    VARCHAR      NOT NULL,
    audiences                 VARCHAR      NOT NULL,
    access_token_format       VARCHAR(16)  NOT NULL,
    first_party               BOOLEAN      NOT NULL,
    jwks                      VARCHAR,
    jwks_uri                  VARCHAR,
    authorities               VARCHAR      NOT NULL,
    created_at                BIGINT       NOT NULL,
    updated_at                BIGINT       NOT NULL,
    version                   BIGINT       NOT NULL,
    CONSTRAINT clients_pk PRIMARY KEY (client_id)
);

-- Resource owners (RFC 6749 §1.1).
CREATE TABLE users (
    id            VARCHAR(255) NOT NULL,
    username      VARCHAR(255) NOT NULL,
    password_hash VARCHAR,
    claims        VARCHAR      NOT NULL,
    authorities   VARCHAR      NOT NULL,
    disabled      BOOLEAN      NOT NULL,
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL,
    CONSTRAINT users_pk PRIMARY KEY (id),
    CONSTRAINT users_username_uq UNIQUE (username)
);

-- JWS signing keys (RFC 7517); private parts sealed under the master key.
CREATE TABLE signing_keys (
    kid                   VARCHAR(255) NOT NULL,
    alg                   VARCHAR(32)  NOT NULL,
    public_jwk            VARCHAR      NOT NULL,
    private_key_encrypted VARCHAR      NOT NULL,
    master_key_id         VARCHAR(255) NOT NULL,
    created_at            BIGINT       NOT NULL,
    retired_at            BIGINT,
    expires_at            BIGINT,
    CONSTRAINT signing_keys_pk PRIMARY KEY (kid)
);
CREATE INDEX signing_keys_expires_at_ix ON signing_keys (expires_at);

-- Authorization codes, single use (RFC 6749 §4.1.2).
CREATE TABLE authorization_codes (
    code_hash             VARCHAR(255) NOT NULL,
    grant_id              VARCHAR(255) NOT NULL,
    client_id             VARCHAR(255) NOT NULL,
    user_id               VARCHAR(255) NOT NULL,
    redirect_uri          VARCHAR,
    scopes                VARCHAR      NOT NULL,
    code_challenge        VARCHAR(255),
    code_challenge_method VARCHAR(16),
    nonce                 VARCHAR,
    auth_time             BIGINT,
    session_id            VARCHAR(255),
    extra                 VARCHAR      NOT NULL,
    created_at            BIGINT       NOT NULL,
    expires_at            BIGINT       NOT NULL,
    consumed_at           BIGINT,
    CONSTRAINT authorization_codes_pk PRIMARY KEY (code_hash)
);
CREATE INDEX authorization_codes_expires_at_ix ON authorization_codes (expires_at);

-- Refresh tokens and opaque access tokens (RFC 6749 §1.4, §1.5); kind is 'access' or 'refresh'.
CREATE TABLE tokens (
    token_hash          VARCHAR(255) NOT NULL,
    kind                VARCHAR(16)  NOT NULL,
    grant_id            VARCHAR(255) NOT NULL,
    client_id           VARCHAR(255) NOT NULL,
    user_id             VARCHAR(255),
    scopes              VARCHAR      NOT NULL,
    audiences           VARCHAR      NOT NULL,
    claims              VARCHAR      NOT NULL,
    issued_at           BIGINT       NOT NULL,
    expires_at          BIGINT       NOT NULL,
    absolute_expires_at BIGINT,
    consumed_at         BIGINT,
    revoked_at          BIGINT,
    CONSTRAINT tokens_pk PRIMARY KEY (token_hash)
);
CREATE INDEX tokens_grant_id_ix ON tokens (grant_id);
CREATE INDEX tokens_expires_at_ix ON tokens (expires_at);

-- Deny list of revoked JWT ids and grant ids, kept until the tokens expire (RFC 7009 §2).
CREATE TABLE revoked_tokens (
    id         VARCHAR(255) NOT NULL,
    expires_at BIGINT       NOT NULL,
    CONSTRAINT revoked_tokens_pk PRIMARY KEY (id)
);
CREATE INDEX revoked_tokens_expires_at_ix ON revoked_tokens (expires_at);

-- Remembered consents (RFC 6749 §10.2).
CREATE TABLE consents (
    user_id    VARCHAR(255) NOT NULL,
    client_id  VARCHAR(255) NOT NULL,
    scopes     VARCHAR      NOT NULL,
    granted_at BIGINT       NOT NULL,
    CONSTRAINT consents_pk PRIMARY KEY (user_id, client_id)
);

-- Browser login sessions, under the hash of the cookie value.
CREATE TABLE login_sessions (
    id_hash      VARCHAR(255) NOT NULL,
    user_id      VARCHAR(255) NOT NULL,
    auth_time    BIGINT       NOT NULL,
    amr          VARCHAR      NOT NULL,
    created_at   BIGINT       NOT NULL,
    last_seen_at BIGINT       NOT NULL,
    expires_at   BIGINT       NOT NULL,
    CONSTRAINT login_sessions_pk PRIMARY KEY (id_hash)
);
CREATE INDEX login_sessions_user_id_ix ON login_sessions (user_id);
CREATE INDEX login_sessions_expires_at_ix ON login_sessions (expires_at);

-- Authorization requests waiting for login or consent.
CREATE TABLE pending_authorizations (
    id         VARCHAR(255) NOT NULL,
    client_id  VARCHAR(255) NOT NULL,
    browser_id VARCHAR(255),
    parameters VARCHAR      NOT NULL,
    created_at BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL,
    CONSTRAINT pending_authorizations_pk PRIMARY KEY (id)
);
CREATE INDEX pending_authorizations_browser_ix ON pending_authorizations (browser_id, expires_at);
CREATE INDEX pending_authorizations_expires_at_ix ON pending_authorizations (expires_at);

-- Failed login counters, one fixed window per key.
CREATE TABLE login_failures (
    failure_key  VARCHAR(512) NOT NULL,
    failures     INTEGER      NOT NULL,
    window_start BIGINT       NOT NULL,
    CONSTRAINT login_failures_pk PRIMARY KEY (failure_key)
);
CREATE INDEX login_failures_window_start_ix ON login_failures (window_start);

-- JWT ids already accepted from client assertions, per issuer (RFC 7523 §3).
CREATE TABLE used_jtis (
    issuer     VARCHAR(255) NOT NULL,
    jti        VARCHAR(512) NOT NULL,
    expires_at BIGINT       NOT NULL,
    CONSTRAINT used_jtis_pk PRIMARY KEY (issuer, jti)
);
CREATE INDEX used_jtis_expires_at_ix ON used_jtis (expires_at);
