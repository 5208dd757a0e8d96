package dev.cell.registration;

import dev.cell.store.LoginFailureStore;
import java.time.Clock;
import java.time.Duration;

/**
 * Limits anonymous registrations (RFC 7591 section 3, open policy) per client address in fixed windows kept in the database,
 * so the limit holds across nodes and under concurrency: each attempt is counted before it is checked.
 */
public final class OpenRegistrationLimiter {
    private static final String PREFIX = "registration:";

    private final LoginFailureStore counters;
    private final int perAddress;
    private final Duration window;
    private final Clock clock;

    /** @param counters the fixed-window counters the login limits use, under keys of their own */
    public OpenRegistrationLimiter(LoginFailureStore counters, int perAddress, Duration window, Clock clock) {
        this.counters = counters;
        this.perAddress = perAddress;
        this.window = window;
        this.clock = clock;
    }

    /** Counts one attempt from {@code address}; false, counting nothing, when the address has used up its window. */
    public boolean tryAcquire(String address) {
        return counters.reserve(PREFIX + address, perAddress, clock.instant(), window) > 0;
    }

    public Duration window() {
        return window;
    }
}
