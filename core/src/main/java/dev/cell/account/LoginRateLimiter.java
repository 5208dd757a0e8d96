package dev.cell.account;

import dev.cell.store.LoginFailureStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Limits failed logins per account and per client IP in fixed windows kept in the database, so the limit
 * holds across restarts and nodes (RFC 9700 §4.13 brute force; OWASP authentication guidance).
 */
public final class LoginRateLimiter {
    private final LoginFailureStore store;
    private final int perAccount;
    private final int perIp;
    private final Duration window;
    private final Clock clock;

    public LoginRateLimiter(LoginFailureStore store, int perAccount, int perIp, Duration window, Clock clock) {
        this.store = store;
        this.perAccount = perAccount;
        this.perIp = perIp;
        this.window = window;
        this.clock = clock;
    }

    /** True while the account or the address has used up its failures for the current window. */
    public boolean isBlocked(String username, String ip) {
        return store.failures(accountKey(username), clock.instant(), window) >= perAccount
                || store.failures(ipKey(ip), clock.instant(), window) >= perIp;
    }

    public void recordFailure(String username, String ip) {
        store.recordFailure(accountKey(username), clock.instant(), window);
        store.recordFailure(ipKey(ip), clock.instant(), window);
    }

    /** Clears the account's counter after a successful login; the address keeps its count. */
    public void recordSuccess(String username) {
        store.reset(accountKey(username));
    }

    public Duration window() {
        return window;
    }

    private static String accountKey(String username) {
        String u = username.toLowerCase(Locale.ROOT);
        return "user:" + (u.length() > 200 ? u.substring(0, 200) : u);
    }

    private static String ipKey(String ip) {
        return "ip:" + ip;
    }
}
