package dev.cell.client;

import dev.cell.token.AccessTokenFormat;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A registered client (RFC 6749 §2, RFC 7591 §2 metadata names).
 *
 * @param secretHash SHA-256 (base64url) of a server-generated secret, or null
 * @param secretEncrypted the secret sealed under the master key, only for {@code client_secret_jwt}, or null
 * @param audiences values of {@code aud} for its access tokens; empty means the client id
 * @param version bumped by the store on every change, so caches on other nodes can tell staleness
 * @param legacyTokenClaims whether its tokens also carry Spring Security OAuth's {@code user_name} and {@code authorities}
 */
public record Client(
        String clientId,
        String clientName,
        String secretHash,
        String secretEncrypted,
        ClientAuthMethod authMethod,
        Set<String> grantTypes,
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        Set<String> scopes,
        List<String> audiences,
        AccessTokenFormat accessTokenFormat,
        boolean firstParty,
        String jwks,
        String jwksUri,
        Set<String> authorities,
        Instant createdAt,
        Instant updatedAt,
        long version,
        boolean legacyTokenClaims) {

    public Client {
        grantTypes = Set.copyOf(grantTypes);
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        scopes = Set.copyOf(scopes);
        audiences = List.copyOf(audiences);
        authorities = Set.copyOf(authorities);
    }

    /** A confidential client authenticates at the token endpoint (RFC 6749 §2.1). */
    public boolean isConfidential() {
        return authMethod != ClientAuthMethod.NONE;
    }

    public boolean allowsGrant(String grantType) {
        return grantTypes.contains(grantType);
    }

    /** Returns a copy with a new secret hash, as after {@code rotate-secret}. */
    public Client withSecret(String newSecretHash, String newSecretEncrypted, Instant at) {
        return new Client(clientId, clientName, newSecretHash, newSecretEncrypted, authMethod, grantTypes, redirectUris,
                postLogoutRedirectUris, scopes, audiences, accessTokenFormat, firstParty, jwks, jwksUri, authorities,
                createdAt, at, version, legacyTokenClaims);
    }
}
