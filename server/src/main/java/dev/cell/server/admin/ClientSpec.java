package dev.cell.server.admin;

import dev.cell.client.ClientAuthMethod;
import dev.cell.token.AccessTokenFormat;
import java.util.List;
import java.util.Set;

/**
 * What an administrator asks for when registering a client (RFC 7591 §2 metadata).
 *
 * @param clientId the wanted id, or null to generate one
 * @param jwks the public keys of a {@code private_key_jwt} client as a JWK set (JSON), or null
 * @param jwksUri where a {@code private_key_jwt} client publishes its JWK set, or null
 * @param pkceRequired false to let a confidential client leave out {@code code_challenge} (OAuth 2.1 section 7.5.1)
 */
public record ClientSpec(
        String clientId,
        String clientName,
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
        boolean pkceRequired) {

    /** A client that must use PKCE, as every client does by default. */
    public ClientSpec(String clientId, String clientName, ClientAuthMethod authMethod, Set<String> grantTypes, List<String> redirectUris,
            List<String> postLogoutRedirectUris, Set<String> scopes, List<String> audiences, AccessTokenFormat accessTokenFormat,
            boolean firstParty, String jwks, String jwksUri) {
        this(clientId, clientName, authMethod, grantTypes, redirectUris, postLogoutRedirectUris, scopes, audiences, accessTokenFormat,
                firstParty, jwks, jwksUri, true);
    }

    /** A client without registered keys (every method but {@code private_key_jwt}). */
    public ClientSpec(String clientId, String clientName, ClientAuthMethod authMethod, Set<String> grantTypes, List<String> redirectUris,
            List<String> postLogoutRedirectUris, Set<String> scopes, List<String> audiences, AccessTokenFormat accessTokenFormat,
            boolean firstParty) {
        this(clientId, clientName, authMethod, grantTypes, redirectUris, postLogoutRedirectUris, scopes, audiences, accessTokenFormat,
                firstParty, null, null);
    }
}
