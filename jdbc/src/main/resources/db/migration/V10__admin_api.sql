-- The admin API (issue 18): a version per user for ETags and conditional updates (RFC 9110 §13.1.1), the tokens of a
-- user found by index (a user's grants), and the audit trail kept in the database for queries, deleted after audit.retention.
ALTER TABLE users ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
CREATE INDEX tokens_user_id_ix ON tokens (user_id);

-- Audit events (RFC 9700 §4.13, §4.14) as the audit log writes them; details is a JSON object of non-secret facts.
CREATE TABLE audit_events (
    id          VARCHAR(64)  NOT NULL,
    occurred_at BIGINT       NOT NULL,
    event       VARCHAR(128) NOT NULL,
    outcome     VARCHAR(64)  NOT NULL,
    actor       VARCHAR(255),
    client_id   VARCHAR(255),
    user_id     VARCHAR(255),
    ip          VARCHAR(64),
    details     VARCHAR      NOT NULL,
    CONSTRAINT audit_events_pk PRIMARY KEY (id)
);
CREATE INDEX audit_events_occurred_at_ix ON audit_events (occurred_at, id);
CREATE INDEX audit_events_user_ix ON audit_events (user_id, occurred_at);
CREATE INDEX audit_events_client_ix ON audit_events (client_id, occurred_at);
CREATE INDEX audit_events_event_ix ON audit_events (event, occurred_at);
