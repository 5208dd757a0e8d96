package dev.cell.token;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A refresh token or opaque access token, stored under the SHA-256 of its value (RFC 6749 §1.4, §1.5).
 *
 * @param grantId the family: every token from one authorization shares it, so one statement revokes them all
 * @param userId the resource owner, or null for {@code client_credentials}
 * @param claims further claims to reproduce on introspection (e.g. {@code username}, {@code auth_time})
 * @param absoluteExpiresAt the family's absolute end (refresh tokens), or null
 * @param consumedAt when a refresh token was rotated, or null
 * @param revokedAt when it was revoked, or null
 */
public record StoredToken(
        String tokenHash,
        TokenKind kind,
        String grantId,
        String clientId,
        String userId,
        Set<String> scopes,
        List<String> audiences,
        Map<String, Object> claims,
        Instant issuedAt,
        Instant expiresAt,
        Instant absoluteExpiresAt,
        Instant consumedAt,
        Instant revokedAt) {

    public StoredToken {
        scopes = Set.copyOf(scopes);
        audiences = List.copyOf(audiences);
        claims = Map.copyOf(claims);
    }

    /** Usable now: not expired, not rotated away, not revoked. */
    public boolean isActive(Instant now) {
        return consumedAt == null && revokedAt == null && expiresAt.isAfter(now);
    }
}
