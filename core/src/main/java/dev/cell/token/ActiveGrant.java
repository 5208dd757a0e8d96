package dev.cell.token;

import java.time.Instant;
import java.util.Set;

/**
 * One authorization a user gave a client (RFC 6749 §1.3) that still has an unrevoked, unexpired stored token (a refresh
 * token or an opaque access token); revoking it revokes every token of the grant.
 *
 * @param issuedAt when its first stored token was issued
 * @param expiresAt when its last stored token expires
 */
public record ActiveGrant(String grantId, String clientId, Set<String> scopes, Instant issuedAt, Instant expiresAt) {
    public ActiveGrant {
        scopes = Set.copyOf(scopes);
    }
}
