package dev.cell.server.admin;

import dev.cell.client.ClientAuthMethod;
import dev.cell.token.AccessTokenFormat;
import java.util.List;
import java.util.Set;

/**
 * What an administrator asks for when registering a client (RFC 7591 §2 metadata).
 *
 * @param clientId the wanted id, or null to generate one
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
        boolean firstParty) {}
