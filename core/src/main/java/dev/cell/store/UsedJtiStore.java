package dev.cell.store;

import java.time.Instant;

/** JWT ids already accepted, for replay protection of client assertions (RFC 7523 §3, item 7). */
public interface UsedJtiStore {
    /** Records the jti; false if this issuer already used it (a replay). */
    boolean markUsed(String issuer, String jti, Instant expiresAt);

    int deleteExpired(Instant now, int limit);
}
