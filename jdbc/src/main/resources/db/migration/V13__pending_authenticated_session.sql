-- The login session that signed in for a pending authorization request (it meets prompt=login and max_age on the
-- consent page). It used to ride in the parameters under an internal key; a request open across the upgrade (they live
-- ten minutes) at worst asks its user to sign in once more.
ALTER TABLE pending_authorizations ADD COLUMN authenticated_session VARCHAR(64);
