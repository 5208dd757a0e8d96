package dev.cell.demo.client;

import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Cell sessions that ended, as back-channel logout tokens told (OIDC Back-Channel Logout 1.0 §2.7): by {@code sid}, or for a
 * token without one, every session of its {@code sub} signed in before it. The app's own session of such a user is ended the
 * next time it is used. Entries go after the longest a sign-in here lasts.
 */
final class EndedSessions {
    static final String ATTRIBUTE = EndedSessions.class.getName();
    /** Longer than any servlet session of the app lives. */
    private static final Duration KEEP = Duration.ofDays(1);

    private final Map<String, Instant> sids = new ConcurrentHashMap<>();
    private final Map<String, Instant> subjects = new ConcurrentHashMap<>();
    private final Clock clock;

    EndedSessions(Clock clock) {
        this.clock = clock;
    }

    /** The instance of this app (kept as a servlet context attribute). */
    static EndedSessions of(ServletContext context) {
        return (EndedSessions) context.getAttribute(ATTRIBUTE);
    }

    /** Records the end a logout token announced; {@code sid} or {@code sub} may be null, not both. */
    void end(String sid, String sub) {
        Instant now = clock.instant();
        sids.values().removeIf(t -> t.isBefore(now.minus(KEEP)));
        subjects.values().removeIf(t -> t.isBefore(now.minus(KEEP)));
        if (sid != null) {
            sids.put(sid, now);
        } else {
            subjects.put(sub, now);
        }
    }

    /** True if Cell said the session this user signed in through has ended. */
    boolean ended(SignedIn user) {
        Map<String, Object> claims = user.idTokenClaims();
        if (claims.get("sid") instanceof String sid && sids.containsKey(sid)) {
            return true;
        }
        Instant endedAt = claims.get("sub") instanceof String sub ? subjects.get(sub) : null;
        return endedAt != null && claims.get("iat") instanceof Number iat && Instant.ofEpochSecond(iat.longValue()).isBefore(endedAt);
    }
}
