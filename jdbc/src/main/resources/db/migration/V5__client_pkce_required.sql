-- A confidential client may be registered with PKCE optional (OAuth 2.1 section 7.5.1); every client stored so far requires it.
ALTER TABLE clients ADD COLUMN pkce_required BOOLEAN DEFAULT TRUE NOT NULL;
