package dev.cell.server.admin;

import dev.cell.account.PasswordHasher;
import dev.cell.account.StandardClaims;
import dev.cell.account.User;
import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.store.UserStore;
import dev.cell.token.RandomValues;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Creates users, changes passwords (Argon2id) and standard claims, and deletes users; each change goes to the audit trail. */
public final class UserAdmin {
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@+-]{1,128}");
    public static final int MIN_PASSWORD = 8;

    private final UserStore store;
    private final PasswordHasher hasher;
    private final RandomValues random;
    private final Clock clock;
    private final AuditSink audit;
    private final String actor;

    public UserAdmin(UserStore store, PasswordHasher hasher, RandomValues random, Clock clock) {
        this(store, hasher, random, clock, AuditSink.NONE, null);
    }

    /**
     * @param audit where each change is recorded, never with a password
     * @param actor who makes the changes, e.g. {@code cli:alice}
     */
    public UserAdmin(UserStore store, PasswordHasher hasher, RandomValues random, Clock clock, AuditSink audit, String actor) {
        this.store = store;
        this.hasher = hasher;
        this.random = random;
        this.clock = clock;
        this.audit = audit;
        this.actor = actor;
    }

    public User create(String username, String password, Map<String, Object> claims, Set<String> authorities) {
        checkUsername(username);
        checkPassword(password);
        Instant now = clock.instant();
        User user = new User(random.id(), username, hasher.hash(password), claims, authorities, false, now, now);
        store.create(user);
        audit.record(change("user.created", user));
        return user;
    }

    public void changePassword(String username, String password) {
        checkPassword(password);
        User user = store.findByUsername(username).orElseThrow(() -> new IllegalArgumentException("no user '" + username + "'"));
        store.updatePassword(user.id(), hasher.hash(password), clock.instant());
        audit.record(change("user.password_changed", user));
    }

    /**
     * Applies changes to a user's standard claims (OIDC Core section 5.1) and moves {@code updated_at}; a null value clears.
     *
     * @throws IllegalArgumentException for an unknown user, claim or badly formed value
     */
    public User updateClaims(String username, Map<String, String> changes) {
        User user = store.findByUsername(username).orElseThrow(() -> new IllegalArgumentException("no user '" + username + "'"));
        Map<String, Object> claims = new LinkedHashMap<>(user.claims());
        claims.keySet().removeAll(StandardClaims.NAMES);
        claims.putAll(StandardClaims.of(user.claims()).with(changes).values());
        User updated = new User(user.id(), user.username(), user.passwordHash(), claims, user.authorities(), user.disabled(),
                user.createdAt(), clock.instant());
        store.update(updated);
        audit.record(change("user.updated", user).with("claims", String.join(" ", new TreeSet<>(changes.keySet()))));
        return updated;
    }

    /** @throws IllegalArgumentException for an unknown user */
    public User find(String username) {
        return store.findByUsername(username).orElseThrow(() -> new IllegalArgumentException("no user '" + username + "'"));
    }

    public boolean exists(String username) {
        return store.findByUsername(username).isPresent();
    }

    public boolean delete(String username) {
        User user = store.findByUsername(username).orElse(null);
        if (user == null || !store.delete(user.id())) {
            return false;
        }
        audit.record(change("user.deleted", user));
        return true;
    }

    /** The audit event of a change to one user by this admin's actor. */
    private AuditEvent change(String event, User user) {
        return AuditEvent.success(event, actor, null, null).with("user", user.id()).with("username", user.username());
    }

    /** @throws IllegalArgumentException unless the username is 1 to 128 letters, digits or . _ @ + - */
    public static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("a username is 1 to 128 letters, digits or . _ @ + -");
        }
    }

    /** @throws IllegalArgumentException unless the password has at least the minimum length */
    public static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD + " characters");
        }
    }
}
