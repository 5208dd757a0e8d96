-- OpenID Connect Back-Channel Logout 1.0 (issue 22): each client's backchannel_logout_uri and
-- backchannel_logout_session_required (section 2.2), and the queue of logout tokens to post (section 2.5). A worker on any
-- node leases due rows (lease_owner, lease_until) with a conditional UPDATE, so one row goes to one worker, and a row whose
-- worker died is taken over once its lease runs out. Rows stay after delivery or final failure (with the last error) until
-- housekeeping removes them.
ALTER TABLE clients ADD COLUMN backchannel_logout_uri VARCHAR(2000);
ALTER TABLE clients ADD COLUMN backchannel_logout_session_required BOOLEAN DEFAULT FALSE NOT NULL;

CREATE TABLE backchannel_logout_deliveries (
    id              VARCHAR(64)  NOT NULL,
    client_id       VARCHAR(255) NOT NULL,
    subject         VARCHAR(255) NOT NULL,
    session_id      VARCHAR(255),
    status          VARCHAR(16)  NOT NULL,
    attempts        INTEGER      DEFAULT 0 NOT NULL,
    next_attempt_at BIGINT       NOT NULL,
    lease_owner     VARCHAR(64),
    lease_until     BIGINT,
    last_error      VARCHAR(500),
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    CONSTRAINT backchannel_logout_deliveries_pk PRIMARY KEY (id)
);
CREATE INDEX backchannel_logout_due_ix ON backchannel_logout_deliveries (status, next_attempt_at);
CREATE INDEX backchannel_logout_created_ix ON backchannel_logout_deliveries (created_at, id);
CREATE INDEX backchannel_logout_updated_ix ON backchannel_logout_deliveries (updated_at);
