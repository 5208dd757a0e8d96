package dev.cell.session;

import dev.cell.store.GrantStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Records each new grant of a user with the login session it was issued through (OIDC Back-Channel Logout 1.0 §2.1
 * {@code sid}), so that signing out, a password change, disabling the user or revoking a consent can end it.
 */
public final class GrantRecorder {
    private final GrantStore grants;
    private final Duration longestGrant;
    private final Clock clock;

    /** @param longestGrant how long after its first record a grant's last token can still be valid */
    public GrantRecorder(GrantStore grants, Duration longestGrant, Clock clock) {
        this.grants = grants;
        this.longestGrant = longestGrant;
        this.clock = clock;
    }

    /** @param sessionId the login session's id ({@link LoginSession#sid()}), or null when none was involved */
    public void record(String grantId, String userId, String clientId, String sessionId) {
        Instant now = clock.instant();
        grants.save(new UserGrant(grantId, userId, clientId, sessionId, now, now.plus(longestGrant)));
    }
}
