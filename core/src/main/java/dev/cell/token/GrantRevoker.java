package dev.cell.token;

import dev.cell.store.RevokedTokenStore;
import dev.cell.store.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Revokes every token of one grant (RFC 6749 §4.1.2 code replay, RFC 9700 §4.14.2 refresh token reuse): stored tokens
 * in the database, and JWT access tokens by putting the grant id on the deny list until they have all expired. An ended
 * login session's id ({@code sid}, OIDC Back-Channel Logout 1.0 §2.1) goes on the same list, which every token and code
 * issued through the session names.
 */
public final class GrantRevoker {
    /** Covers a JWT signed by a request that raced the revocation. */
    private static final Duration MARGIN = Duration.ofMinutes(1);

    private final TokenStore tokens;
    private final RevokedTokenStore revoked;
    private final Duration denyFor;
    private final Clock clock;

    /**
     * @param denyFor how long a deny-list entry must last: the longest an access token, or an authorization code issued before
     *     the revocation, can stay valid after it
     */
    public GrantRevoker(TokenStore tokens, RevokedTokenStore revoked, Duration denyFor, Clock clock) {
        this.tokens = tokens;
        this.revoked = revoked;
        this.denyFor = denyFor;
        this.clock = clock;
    }

    /**
     * Revokes the grant's refresh and opaque tokens and deny-lists its JWT access tokens; returns how many stored tokens were
     * revoked. The deny-list entry comes first, so that {@link #revokeIfRevokedMeanwhile} cannot miss this revocation.
     */
    public int revoke(String grantId) {
        Instant now = clock.instant();
        revoked.revoke(grantId, now.plus(denyFor).plus(MARGIN));
        return tokens.revokeGrant(grantId, now);
    }

    /** Deny-lists an ended login session's id, so no token or code issued through it is honoured any more. */
    public void revokeSession(String sessionId) {
        revoked.revoke(sessionId, clock.instant().plus(denyFor).plus(MARGIN));
    }

    /** True if the login session has been ended (OIDC Back-Channel Logout 1.0 section 2.1: sid). */
    public boolean sessionEnded(String sessionId) {
        return revoked.anyRevoked(List.of(sessionId));
    }

    /** True if the grant or the login session it came through (null: none) has been revoked. */
    public boolean isRevoked(String grantId, String sessionId) {
        return revoked.anyRevoked(sessionId == null ? List.of(grantId) : List.of(grantId, sessionId));
    }

    /**
     * Called after storing a grant's tokens: if the grant was revoked meanwhile (a replayed code racing its first
     * redemption), or the login session it came through ({@code sessionId}, null: none) ended meanwhile, revokes them too. Without it a refresh token stored just after the revocation would outlive the deny
     * list. No interleaving escapes: a token stored before this check is either on the list this check reads, or stored
     * before {@link #revoke} ran its UPDATE, which then revoked it.
     */
    public void revokeIfRevokedMeanwhile(String grantId, String sessionId) {
        if (isRevoked(grantId, sessionId)) {
            tokens.revokeGrant(grantId, clock.instant());
        }
    }
}
