-- Secrets the server makes for itself and every node shares (the key of CSRF tokens), sealed under the master key.
CREATE TABLE server_secrets (
    name          VARCHAR(64)  NOT NULL,
    sealed_value  VARCHAR      NOT NULL,
    master_key_id VARCHAR(255) NOT NULL,
    created_at    BIGINT       NOT NULL,
    CONSTRAINT server_secrets_pk PRIMARY KEY (name)
);
