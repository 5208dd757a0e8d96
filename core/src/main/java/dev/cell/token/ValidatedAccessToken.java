package dev.cell.token;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * An access token found valid: signed by us or stored by us, unexpired and unrevoked (RFC 9068 §4, RFC 7662 §2.2).
 *
 * @param subject {@code sub}: the user, an external subject ({@link ExternalSubject}), or the client for a client's own token
 * @param userId the local resource owner, or null when the client acts for itself (RFC 6749 §4.4) or for an external subject
 * @param claims every claim of a JWT; for an opaque token, the further claims stored with it
 * @param jti the JWT id, or null for an opaque token
 * @param grantId the grant the token belongs to
 */
public record ValidatedAccessToken(
        String subject,
        String userId,
        String clientId,
        Set<String> scopes,
        Instant expiresAt,
        Map<String, Object> claims,
        String jti,
        String grantId) {

    public ValidatedAccessToken {
        scopes = Set.copyOf(scopes);
        claims = Map.copyOf(claims);
    }
}
