package dev.cell.store;

import java.time.Duration;
import java.time.Instant;

/** Failed login counters in fixed windows, shared by nodes and kept across restarts. */
public interface LoginFailureStore {
    /** Adds one failure for {@code key} and returns the count in the current window. */
    int recordFailure(String key, Instant now, Duration window);

    /** Failures for {@code key} in the window that contains {@code now}. */
    int failures(String key, Instant now, Duration window);

    void reset(String key);

    int deleteExpired(Instant now, Duration window, int limit);
}
