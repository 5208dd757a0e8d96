package dev.cell.client;

import dev.cell.token.AccessTokenFormat;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A registered client (RFC 6749 §2): its id, its {@link ClientMetadata} (RFC 7591 §2) and what the server keeps about it.
 * Built with {@link #builder()} or {@link #toBuilder()}.
 *
 * @param secretHash SHA-256 (base64url) of a server-generated secret, or null
 * @param secretEncrypted the secret sealed under the master key, only for {@code client_secret_jwt}, or null
 * @param previousSecretHash SHA-256 of the secret replaced by a rotation with a grace period, or null
 * @param previousSecretExpiresAt until when {@code previousSecretHash} still authenticates, or null
 * @param version bumped by the store on every change, so caches on other nodes can tell staleness
 * @param metadataDocument not registered here but read from the client ID metadata document at its {@code client_id} URL
 *        (draft-ietf-oauth-client-id-metadata-document): never stored, its keys fetched only from public addresses, its name unverified
 */
public record Client(
        String clientId,
        ClientMetadata metadata,
        String secretHash,
        String secretEncrypted,
        String previousSecretHash,
        Instant previousSecretExpiresAt,
        Instant createdAt,
        Instant updatedAt,
        long version,
        boolean metadataDocument) {

    public Client {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public String clientName() {
        return metadata.clientName();
    }

    /** {@code token_endpoint_auth_method}. */
    public ClientAuthMethod authMethod() {
        return metadata.tokenEndpointAuthMethod();
    }

    public Set<String> grantTypes() {
        return metadata.grantTypes();
    }

    public List<String> redirectUris() {
        return metadata.redirectUris();
    }

    public List<String> postLogoutRedirectUris() {
        return metadata.postLogoutRedirectUris();
    }

    public Set<String> scopes() {
        return metadata.scopes();
    }

    /** Values of {@code aud} for its access tokens; empty means the client id. */
    public List<String> audiences() {
        return metadata.audiences();
    }

    public AccessTokenFormat accessTokenFormat() {
        return metadata.accessTokenFormat();
    }

    public boolean firstParty() {
        return metadata.firstParty();
    }

    public String jwks() {
        return metadata.jwks();
    }

    public String jwksUri() {
        return metadata.jwksUri();
    }

    public Set<String> authorities() {
        return metadata.authorities();
    }

    /** Whether every token request of this client must carry a DPoP proof (RFC 9449 §5.2). */
    public boolean dpopBoundAccessTokens() {
        return metadata.dpopBoundAccessTokens();
    }

    /** Cell client ids and trusted issuers whose tokens it may exchange (RFC 8693 §2.1); empty: none. */
    public Set<String> tokenExchangeSubjects() {
        return metadata.tokenExchangeSubjects();
    }

    /** Whether its tokens also carry Spring Security OAuth's {@code user_name} and {@code authorities}. */
    public boolean legacyTokenClaims() {
        return metadata.legacyTokenClaims();
    }

    /** False only for a confidential client allowed to leave out {@code code_challenge} (OAuth 2.1 section 7.5.1). */
    public boolean pkceRequired() {
        return metadata.pkceRequired();
    }

    /** A confidential client authenticates at the token endpoint (RFC 6749 §2.1). */
    public boolean isConfidential() {
        return metadata.isConfidential();
    }

    public boolean allowsGrant(String grantType) {
        return metadata.grantTypes().contains(grantType);
    }

    /** Builds a {@link Client}; its metadata starts from {@link ClientMetadata#builder()}'s defaults. */
    public static final class Builder {
        private String clientId;
        private ClientMetadata.Builder metadata = ClientMetadata.builder();
        private String secretHash;
        private String secretEncrypted;
        private String previousSecretHash;
        private Instant previousSecretExpiresAt;
        private Instant createdAt;
        private Instant updatedAt;
        private long version = 1;
        private boolean metadataDocument;

        private Builder() {}

        private Builder(Client c) {
            clientId = c.clientId;
            metadata = c.metadata.toBuilder();
            secretHash = c.secretHash;
            secretEncrypted = c.secretEncrypted;
            previousSecretHash = c.previousSecretHash;
            previousSecretExpiresAt = c.previousSecretExpiresAt;
            createdAt = c.createdAt;
            updatedAt = c.updatedAt;
            version = c.version;
            metadataDocument = c.metadataDocument;
        }

        public Builder clientId(String v) {
            clientId = v;
            return this;
        }

        public Builder metadata(ClientMetadata v) {
            metadata = v.toBuilder();
            return this;
        }

        /** Changes the metadata in place, e.g. {@code .metadata(m -> m.clientName("Web").grantTypes(Set.of("implicit")))}. */
        public Builder metadata(Consumer<ClientMetadata.Builder> change) {
            change.accept(metadata);
            return this;
        }

        public Builder secretHash(String v) {
            secretHash = v;
            return this;
        }

        public Builder secretEncrypted(String v) {
            secretEncrypted = v;
            return this;
        }

        /** The hash of a replaced secret that keeps working until {@code expiresAt} (a rotation's grace period). */
        public Builder previousSecret(String hash, Instant expiresAt) {
            previousSecretHash = hash;
            previousSecretExpiresAt = expiresAt;
            return this;
        }

        /** The creation time, also the update time unless one is set. */
        public Builder createdAt(Instant v) {
            createdAt = v;
            if (updatedAt == null) {
                updatedAt = v;
            }
            return this;
        }

        public Builder updatedAt(Instant v) {
            updatedAt = v;
            return this;
        }

        public Builder version(long v) {
            version = v;
            return this;
        }

        /** Marks a client read from its client ID metadata document rather than registered. */
        public Builder metadataDocument(boolean v) {
            metadataDocument = v;
            return this;
        }

        public Client build() {
            return new Client(clientId, metadata.build(), secretHash, secretEncrypted, previousSecretHash, previousSecretExpiresAt,
                    createdAt, updatedAt, version, metadataDocument);
        }
    }
}
