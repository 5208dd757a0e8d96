package dev.cell.account;

import dev.cell.store.KnownBrowserStore;
import dev.cell.store.LoginFailureStore;
import dev.cell.token.TokenHasher;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Limits login attempts per account and per client address in fixed windows kept in the database, reserving each
 * attempt before its password is checked, so the limits hold under concurrency and across nodes (RFC 9700 section 4.13
 * brute force). A browser that has signed in to the account before has a budget of its own instead, so an attacker
 * elsewhere cannot lock the owner out (OWASP Authentication Cheat Sheet, account lockout).
 */
public final class LoginRateLimiter {
    private final LoginFailureStore store;
    private final KnownBrowserStore knownBrowsers;
    private final int perAccount;
    private final int perIp;
    private final Duration window;
    private final Duration knownBrowserLifetime;
    private final Clock clock;

    public LoginRateLimiter(LoginFailureStore store, KnownBrowserStore knownBrowsers, int perAccount, int perIp, Duration window,
            Duration knownBrowserLifetime, Clock clock) {
        this.store = store;
        this.knownBrowsers = knownBrowsers;
        this.perAccount = perAccount;
        this.perIp = perIp;
        this.window = window;
        this.knownBrowserLifetime = knownBrowserLifetime;
        this.clock = clock;
    }

    /**
     * One attempt's reservation: {@code allowed} if its password may be checked, {@code last} if it used up a limit.
     * {@code browser} is the known-browser key to renew at success, or null.
     */
    public record Attempt(boolean allowed, boolean last, List<String> keys, String browser) {}

    /**
     * Reserves one attempt for {@code username} from {@code ip} before its password is checked. {@code userId} and
     * {@code browserId} (either may be null) recognise a browser that signed in to this account before.
     */
    public Attempt reserve(String username, String userId, String browserId, String ip) {
        // looked up for unknown usernames too, so the time taken does not tell whether an account exists
        String browser = browserId == null ? null : browserKey(userId != null ? userId : "unknown:" + username, browserId);
        if (browser != null && knownBrowsers.isKnown(browser, clock.instant())) {
            return reserveAll(List.of("browser:" + browser), List.of(perAccount), browser);
        }
        return reserveAll(List.of(accountKey(username), "ip:" + ip), List.of(perAccount, perIp), browser);
    }

    /** After a correct password: the attempt does not count, and the browser is known for this account from now on. */
    public void succeeded(Attempt attempt) {
        attempt.keys().forEach(key -> store.release(key, clock.instant(), window));
        if (attempt.browser() != null) {
            store.reset("browser:" + attempt.browser());
            knownBrowsers.remember(attempt.browser(), clock.instant().plus(knownBrowserLifetime));
        }
    }

    public Duration window() {
        return window;
    }

    private Attempt reserveAll(List<String> keys, List<Integer> limits, String browser) {
        List<String> reserved = new ArrayList<>();
        boolean last = false;
        for (int i = 0; i < keys.size(); i++) {
            int count = store.reserve(keys.get(i), limits.get(i), clock.instant(), window);
            if (count == 0) {
                reserved.forEach(key -> store.release(key, clock.instant(), window));
                return new Attempt(false, true, List.of(), browser);
            }
            reserved.add(keys.get(i));
            last |= count >= limits.get(i);
        }
        return new Attempt(true, last, List.copyOf(reserved), browser);
    }

    /** The key of an account and a browser: a hash, so the database never holds the browser cookie. */
    private static String browserKey(String userId, String browserId) {
        return TokenHasher.hash("known-browser:" + userId + ":" + browserId);
    }

    private static String accountKey(String username) {
        String u = username.toLowerCase(Locale.ROOT);
        return "user:" + (u.length() > 200 ? u.substring(0, 200) : u);
    }
}
