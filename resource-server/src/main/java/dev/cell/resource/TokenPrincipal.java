package dev.cell.resource;

import java.security.Principal;
import java.util.Map;
import java.util.Set;

/**
 * Who a valid access token speaks for (RFC 9068 §2.2): the subject, the client it was issued to, its scopes and all its claims.
 *
 * @param subject {@code sub}: the user, or the client itself for client_credentials
 * @param clientId {@code client_id}
 * @param scopes the space-separated {@code scope} claim, split (RFC 9068 §2.2.3)
 * @param claims every claim of the token or introspection answer
 */
public record TokenPrincipal(String subject, String clientId, Set<String> scopes, Map<String, Object> claims) implements Principal {
    public TokenPrincipal {
        scopes = Set.copyOf(scopes);
        claims = Map.copyOf(claims);
    }

    @Override
    public String getName() {
        return subject;
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** Returns this principal if it has every scope, else throws {@link TokenError#INSUFFICIENT_SCOPE} naming the first missing one. */
    public TokenPrincipal requireScopes(String... required) {
        for (String scope : required) {
            if (!scopes.contains(scope)) {
                throw TokenException.insufficientScope(scope);
            }
        }
        return this;
    }
}
