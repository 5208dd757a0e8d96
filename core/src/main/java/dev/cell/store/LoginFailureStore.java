package dev.cell.store;

import java.time.Duration;
import java.time.Instant;

/**
 * Login attempt counters in fixed windows, shared by nodes and kept across restarts: an attempt is reserved before its
 * password is checked, so concurrent attempts never pass a limit.
 */
public interface LoginFailureStore {
    /**
     * Atomically adds one attempt for {@code key} if fewer than {@code limit} are counted in the current window, and
     * returns the new count; returns 0, and counts nothing, when the limit is used up.
     */
    int reserve(String key, int limit, Instant now, Duration window);

    /** Takes back one attempt reserved for {@code key} in the current window (an attempt that turned out not to count). */
    void release(String key, Instant now, Duration window);

    void reset(String key);

    int deleteExpired(Instant now, Duration window, int limit);
}
