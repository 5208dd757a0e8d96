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
 * @param pkceRequired false only for a confidential client allowed to leave out {@code code_challenge} (OAuth 2.1 section 7.5.1)
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
        boolean legacyTokenClaims,
        boolean pkceRequired) {

    public Client {
        if (!pkceRequired && authMethod == ClientAuthMethod.NONE) {
            throw new IllegalArgumentException("a public client (auth method none) must use PKCE (RFC 9700 section 2.1.1)");
        }
        grantTypes = Set.copyOf(grantTypes);
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        scopes = Set.copyOf(scopes);
        audiences = List.copyOf(audiences);
        authorities = Set.copyOf(authorities);
    }

    /** A client that must send a PKCE {@code code_challenge}, as every client does unless registered otherwise. */
    public Client(String clientId, String clientName, String secretHash, String secretEncrypted, ClientAuthMethod authMethod,
            Set<String> grantTypes, List<String> redirectUris, List<String> postLogoutRedirectUris, Set<String> scopes, List<String> audiences,
            AccessTokenFormat accessTokenFormat, boolean firstParty, String jwks, String jwksUri, Set<String> authorities, Instant createdAt,
            Instant updatedAt, long version, boolean legacyTokenClaims) {
        this(clientId, clientName, secretHash, secretEncrypted, authMethod, grantTypes, redirectUris, postLogoutRedirectUris, scopes,
                audiences, accessTokenFormat, firstParty, jwks, jwksUri, authorities, createdAt, updatedAt, version, legacyTokenClaims, true);
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
                createdAt, at, version, legacyTokenClaims, pkceRequired);
    }
}
