package dev.cell.store;

import java.time.Instant;
import java.util.Collection;

/** Deny list for self-contained (JWT) access tokens, kept until they expire (RFC 7009 §2). */
public interface RevokedTokenStore {
    /** Records a revoked id (a {@code jti}, or a grant id); idempotent. */
    void revoke(String id, Instant expiresAt);

    /** True if any of the ids is on the list. */
    boolean anyRevoked(Collection<String> ids);

    int deleteExpired(Instant now, int limit);
}
