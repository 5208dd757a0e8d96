package dev.cell.server.admin;

import dev.cell.account.PasswordHasher;
import dev.cell.account.User;
import dev.cell.store.UserStore;
import dev.cell.token.RandomValues;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Creates users, changes passwords (Argon2id) and deletes users. */
public final class UserAdmin {
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@+-]{1,128}");
    private static final int MIN_PASSWORD = 8;

    private final UserStore store;
    private final PasswordHasher hasher;
    private final RandomValues random;
    private final Clock clock;

    public UserAdmin(UserStore store, PasswordHasher hasher, RandomValues random, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.random = random;
        this.clock = clock;
    }

    public User create(String username, String password, Map<String, Object> claims, Set<String> authorities) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("a username is 1 to 128 letters, digits or . _ @ + -");
        }
        checkPassword(password);
        Instant now = clock.instant();
        User user = new User(random.id(), username, hasher.hash(password), claims, authorities, false, now, now);
        store.create(user);
        return user;
    }

    public void changePassword(String username, String password) {
        checkPassword(password);
        User user = store.findByUsername(username).orElseThrow(() -> new IllegalArgumentException("no user '" + username + "'"));
        store.updatePassword(user.id(), hasher.hash(password), clock.instant());
    }

    public boolean exists(String username) {
        return store.findByUsername(username).isPresent();
    }

    public boolean delete(String username) {
        return store.findByUsername(username).map(u -> store.delete(u.id())).orElse(false);
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD + " characters");
        }
    }
}
