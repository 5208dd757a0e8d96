-- Sessions that mean something (issue 22): every grant a user holds, with the login session it was issued through (its
-- sid, OIDC Back-Channel Logout 1.0 §2.1), so signing out, a password change, disabling the user or revoking a consent
-- finds and ends exactly the grants it affects, on every node. Rows go once the grant's last token has expired.
CREATE TABLE grants (
    grant_id   VARCHAR(255) NOT NULL,
    user_id    VARCHAR(255) NOT NULL,
    client_id  VARCHAR(255) NOT NULL,
    session_id VARCHAR(255),
    created_at BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL,
    CONSTRAINT grants_pk PRIMARY KEY (grant_id)
);
CREATE INDEX grants_session_ix ON grants (session_id);
CREATE INDEX grants_user_ix ON grants (user_id, client_id);
CREATE INDEX grants_expires_at_ix ON grants (expires_at);

-- What the user sees of a session: the browser's User-Agent (cut to 512 characters) and the address it signed in from.
ALTER TABLE login_sessions ADD COLUMN user_agent VARCHAR(512);
ALTER TABLE login_sessions ADD COLUMN ip VARCHAR(64);
