package dev.cell.introspect;

import dev.cell.token.ExternalSubject;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What introspection knows of an active token (RFC 7662 §2.2).
 *
 * @param tokenType {@code access_token} or {@code refresh_token}
 * @param userId the resource owner, or null for a client's own token
 * @param username the resource owner's username, or null
 * @param authorities the user's authorities, or the client's own for a client's token (Spring Security OAuth shape)
 * @param jti the JWT id, or null
 * @param externalSubject the subject's issuer and identifier when {@code subject} is another issuer's, not a Cell user, or null
 * @param jkt the thumbprint of the DPoP key the token is bound to ({@code cnf.jkt}, RFC 9449 §6), or null for a bearer token
 * @param act the {@code act} claim of a token issued by token exchange (RFC 8693 §4.1), or null
 */
public record ActiveToken(
        String tokenType,
        String subject,
        String userId,
        String username,
        String clientId,
        Set<String> scopes,
        List<String> audiences,
        Instant issuedAt,
        Instant expiresAt,
        Set<String> authorities,
        String jti,
        ExternalSubject externalSubject,
        String jkt,
        Object act) {

    public ActiveToken {
        scopes = Set.copyOf(scopes);
        audiences = List.copyOf(audiences);
        authorities = Set.copyOf(authorities);
    }
}
