-- The client address of each open authorization request, so open requests are bounded per address as well as per browser.
ALTER TABLE pending_authorizations ADD COLUMN client_address VARCHAR(255);
CREATE INDEX pending_authorizations_address_ix ON pending_authorizations (client_address, expires_at);
