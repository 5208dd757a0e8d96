package dev.cell.session;

import dev.cell.store.LoginSessionStore;
import dev.cell.token.RandomValues;
import dev.cell.token.TokenHasher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Login sessions: a random cookie value in the browser, its hash in the database so every node can read it. */
public final class LoginSessionService {
    /** How stale a session's last use may get before it is written again: one write per minute of use, not per request. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final LoginSessionStore store;
    private final RandomValues random;
    private final Duration lifetime;
    private final Clock clock;

    public LoginSessionService(LoginSessionStore store, RandomValues random, Duration lifetime, Clock clock) {
        this.store = store;
        this.random = random;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A started session and the cookie value that names it (never stored). */
    public record Started(LoginSession session, String cookieValue) {}

    /** Starts a new session with a new id, so an id planted before login is worthless (session fixation). */
    public Started start(String userId, List<String> amr) {
        return start(userId, amr, null, null);
    }

    /**
     * Starts a new session, remembering the browser and address it signed in from, for the user's list of sessions.
     *
     * @param userAgent the {@code User-Agent} header, or null
     * @param ip the client's address, or null
     */
    public Started start(String userId, List<String> amr, String userAgent, String ip) {
        Instant now = clock.instant();
        String value = random.token();
        LoginSession session = new LoginSession(TokenHasher.hash(value), userId, now, amr, now, now, now.plus(lifetime), userAgent, ip);
        store.save(session);
        return new Started(session, value);
    }

    /** The session the cookie names, if it has not expired; its last use moves forward at most once per {@link #TOUCH_INTERVAL}. */
    public Optional<LoginSession> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 128) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<LoginSession> found = store.find(TokenHasher.hash(cookieValue), now);
        found.filter(s -> s.lastSeenAt().plus(TOUCH_INTERVAL).isBefore(now))
                .ifPresent(s -> store.touch(s.idHash(), now, s.expiresAt()));
        return found;
    }

    public void end(String cookieValue) {
        if (cookieValue != null && cookieValue.length() <= 128) {
            store.delete(TokenHasher.hash(cookieValue));
        }
    }

    public Duration lifetime() {
        return lifetime;
    }
}
