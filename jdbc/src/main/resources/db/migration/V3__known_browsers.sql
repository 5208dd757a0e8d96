-- Browsers that have signed in to an account before, so the per-account login limit never locks their owner out
-- (OWASP Authentication Cheat Sheet, account lockout): the SHA-256 of the account id and the browser id cookie.
CREATE TABLE known_browsers (
    browser_key VARCHAR(64) NOT NULL,
    expires_at  BIGINT      NOT NULL,
    CONSTRAINT known_browsers_pk PRIMARY KEY (browser_key)
);
CREATE INDEX known_browsers_expires_at_ix ON known_browsers (expires_at);
