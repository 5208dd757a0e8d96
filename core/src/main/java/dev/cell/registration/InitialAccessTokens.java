package dev.cell.registration;

import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.store.InitialAccessTokenStore;
import dev.cell.token.RandomValues;
import dev.cell.token.TokenHasher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Issues, lists and revokes initial access tokens (RFC 7591 section 3), and finds and uses up the one a registration
 * presents. A token's value is shown once and stored only as its SHA-256.
 */
public final class InitialAccessTokens {
    /** Longest lifetime a token may be given. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(366);
    /** Most registrations one counted token may allow. */
    public static final int MAX_USES = 1_000_000;
    /** Most fixed scopes, and the longest one, a token may carry. */
    public static final int MAX_SCOPES = 64;
    public static final int MAX_SCOPE_LENGTH = 128;

    private final InitialAccessTokenStore store;
    private final RandomValues random;
    private final Clock clock;
    private final AuditSink audit;

    public InitialAccessTokens(InitialAccessTokenStore store, RandomValues random, Clock clock, AuditSink audit) {
        this.store = store;
        this.random = random;
        this.clock = clock;
        this.audit = audit;
    }

    /** A new token: its value, to show once, and what is stored. */
    public record Issued(String value, InitialAccessToken token) {}

    /**
     * Issues a token.
     *
     * @param scopes the only scopes clients registered with it may have; empty for no such limit
     * @param uses the registrations it allows, or null for any number until it expires
     * @param actor who issues it, for the audit trail
     * @throws IllegalArgumentException naming the value at fault
     */
    public Issued issue(Set<String> scopes, Duration lifetime, Integer uses, String actor) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("the lifetime must be more than 0 and at most " + MAX_LIFETIME.toDays() + " days");
        }
        if (uses != null && (uses < 1 || uses > MAX_USES)) {
            throw new IllegalArgumentException("the number of uses must be 1 to " + MAX_USES);
        }
        checkScopes(scopes);
        Instant now = clock.instant();
        String value = random.token();
        InitialAccessToken token = new InitialAccessToken(random.id(), scopes, uses, actor, now, now.plus(lifetime));
        store.create(token, TokenHasher.hash(value));
        audit.record(AuditEvent.success("registration_token.created", actor, null, null).with("token_id", token.id())
                .with("scope", scopes.isEmpty() ? null : String.join(" ", new TreeSet<>(scopes)))
                .with("uses", uses == null ? "multiple" : uses.toString()).with("expires_at", token.expiresAt().toString()));
        return new Issued(value, token);
    }

    /** Unexpired tokens, newest first, at most {@code limit}. */
    public List<InitialAccessToken> list(int limit) {
        return store.list(clock.instant(), limit);
    }

    /** Revokes a token at once; false if there is none with this id. */
    public boolean revoke(String id, String actor) {
        boolean revoked = store.delete(id);
        if (revoked) {
            audit.record(AuditEvent.success("registration_token.revoked", actor, null, null).with("token_id", id));
        }
        return revoked;
    }

    /** The unexpired token with uses left whose value was presented; empty for any other value. */
    public Optional<InitialAccessToken> find(String value) {
        if (value == null || value.isEmpty() || value.length() > 512) {
            return Optional.empty();
        }
        return store.findUsable(TokenHasher.hash(value), clock.instant());
    }

    /** Uses the token once, atomically; false if it expired, was revoked or was used up meanwhile. */
    public boolean consume(InitialAccessToken token) {
        return store.consume(token.id(), clock.instant());
    }

    /** Scope tokens per RFC 6749 section 3.3, bounded in number and length. */
    private static void checkScopes(Set<String> scopes) {
        if (scopes.size() > MAX_SCOPES) {
            throw new IllegalArgumentException("at most " + MAX_SCOPES + " scopes");
        }
        for (String s : scopes) {
            if (s.isEmpty() || s.length() > MAX_SCOPE_LENGTH || !s.chars().allMatch(c -> c >= 0x21 && c <= 0x7E && c != '"' && c != '\\')) {
                throw new IllegalArgumentException("each scope must be 1 to " + MAX_SCOPE_LENGTH
                        + " characters that RFC 6749 section 3.3 allows (printable ASCII, no space, quote or backslash)");
            }
        }
    }
}
