-- Clients migrated from Spring Security OAuth may ask for its token shape (user_name, authorities claims).
ALTER TABLE clients ADD COLUMN legacy_token_claims BOOLEAN DEFAULT FALSE NOT NULL;
