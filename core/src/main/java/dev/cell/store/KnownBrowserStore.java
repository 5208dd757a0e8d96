package dev.cell.store;

import java.time.Instant;

/** Browsers that have signed in to an account before, by a hash of the account and the browser id, until they expire. */
public interface KnownBrowserStore {
    /** Records {@code key} as known until {@code expiresAt}, or moves its expiry there if it is known already. */
    void remember(String key, Instant expiresAt);

    /** True if {@code key} was remembered and has not expired at {@code now}. */
    boolean isKnown(String key, Instant now);

    int deleteExpired(Instant now, int limit);
}
