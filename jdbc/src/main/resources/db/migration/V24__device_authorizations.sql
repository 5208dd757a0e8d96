-- Device authorization requests (RFC 8628), under the SHA-256 of their device code and of their user code; the approved
-- one is deleted by the one poll that gets its tokens.
CREATE TABLE device_authorizations (
    device_code_hash VARCHAR(64)  NOT NULL,
    user_code_hash   VARCHAR(64)  NOT NULL,
    client_id        VARCHAR(255) NOT NULL,
    scopes           VARCHAR      NOT NULL,
    resources        VARCHAR      NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    user_id          VARCHAR(255),
    grant_id         VARCHAR(255),
    session_id       VARCHAR(255),
    auth_time        BIGINT,
    amr              VARCHAR,
    interval_seconds INTEGER      NOT NULL,
    last_poll_at     BIGINT,
    created_at       BIGINT       NOT NULL,
    expires_at       BIGINT       NOT NULL,
    CONSTRAINT device_authorizations_pk PRIMARY KEY (device_code_hash),
    CONSTRAINT device_authorizations_user_code_uq UNIQUE (user_code_hash)
);
CREATE INDEX device_authorizations_client_ix ON device_authorizations (client_id, expires_at);
CREATE INDEX device_authorizations_expires_at_ix ON device_authorizations (expires_at);
