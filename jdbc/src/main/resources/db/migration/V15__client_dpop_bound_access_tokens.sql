-- DPoP (RFC 9449 section 5.2): a client registered with dpop_bound_access_tokens must send a DPoP proof with every token request.
ALTER TABLE clients ADD COLUMN dpop_bound_access_tokens BOOLEAN DEFAULT FALSE NOT NULL;
