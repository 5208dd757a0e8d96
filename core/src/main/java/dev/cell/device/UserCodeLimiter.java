package dev.cell.device;

import dev.cell.store.LoginFailureStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Limits user code guessing on the verification page (RFC 8628 §5.1) per client address and per code value, in fixed
 * windows kept in the database, so the limits hold across nodes and under concurrency: each entry is counted before it
 * is looked up, and one that finds a pending request is taken back.
 */
public final class UserCodeLimiter {
    private static final String ADDRESS = "device-address:";
    private static final String CODE = "device-code:";

    private final LoginFailureStore counters;
    private final int perAddress;
    private final int perCode;
    private final Duration window;
    private final Clock clock;

    /** @param counters the fixed-window counters the login limits use, under keys of their own */
    public UserCodeLimiter(LoginFailureStore counters, int perAddress, int perCode, Duration window, Clock clock) {
        this.counters = counters;
        this.perAddress = perAddress;
        this.perCode = perCode;
        this.window = window;
        this.clock = clock;
    }

    /** The counters one entry reserved; empty when a limit was used up and nothing is counted. */
    public record Attempt(List<String> keys) {
        public boolean allowed() {
            return !keys.isEmpty();
        }
    }

    /**
     * Counts one entry from {@code address} of the code with this hash (null when what was typed is no code at all).
     */
    public Attempt reserve(String address, String userCodeHash) {
        List<String> keys = new ArrayList<>();
        keys.add(ADDRESS + address);
        if (userCodeHash != null) {
            keys.add(CODE + userCodeHash);
        }
        List<String> reserved = new ArrayList<>();
        for (String key : keys) {
            if (counters.reserve(key, key.startsWith(ADDRESS) ? perAddress : perCode, clock.instant(), window) == 0) {
                reserved.forEach(k -> counters.release(k, clock.instant(), window));
                return new Attempt(List.of());
            }
            reserved.add(key);
        }
        return new Attempt(List.copyOf(reserved));
    }

    /** The entry found a pending request: it does not count as a guess. */
    public void succeeded(Attempt attempt) {
        attempt.keys().forEach(key -> counters.release(key, clock.instant(), window));
    }

    public Duration window() {
        return window;
    }
}
