-- One client model (issue 18): the rest of the RFC 7591 section 2 client metadata, OpenID Connect's application_type,
-- per-client token lifetimes in seconds (NULL: the server's), and the hash of a secret replaced by a rotation that keeps
-- working until previous_secret_expires_at (a grace period).
ALTER TABLE clients ADD COLUMN response_types VARCHAR DEFAULT '[]' NOT NULL;
ALTER TABLE clients ADD COLUMN client_uri VARCHAR;
ALTER TABLE clients ADD COLUMN logo_uri VARCHAR;
ALTER TABLE clients ADD COLUMN tos_uri VARCHAR;
ALTER TABLE clients ADD COLUMN policy_uri VARCHAR;
ALTER TABLE clients ADD COLUMN contacts VARCHAR DEFAULT '[]' NOT NULL;
ALTER TABLE clients ADD COLUMN software_id VARCHAR(255);
ALTER TABLE clients ADD COLUMN software_version VARCHAR(255);
ALTER TABLE clients ADD COLUMN application_type VARCHAR(16) DEFAULT 'web' NOT NULL;
ALTER TABLE clients ADD COLUMN access_token_lifetime BIGINT;
ALTER TABLE clients ADD COLUMN refresh_token_lifetime BIGINT;
ALTER TABLE clients ADD COLUMN id_token_lifetime BIGINT;
ALTER TABLE clients ADD COLUMN previous_secret_hash VARCHAR(255);
ALTER TABLE clients ADD COLUMN previous_secret_expires_at BIGINT;
