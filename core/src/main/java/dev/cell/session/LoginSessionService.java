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
        Instant now = clock.instant();
        String value = random.token();
        LoginSession session = new LoginSession(TokenHasher.hash(value), userId, now, amr, now, now, now.plus(lifetime));
        store.save(session);
        return new Started(session, value);
    }

    public Optional<LoginSession> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 128) {
            return Optional.empty();
        }
        return store.find(TokenHasher.hash(cookieValue), clock.instant());
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
