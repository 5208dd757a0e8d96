package dev.cell.store;

import dev.cell.token.ActiveGrant;
import dev.cell.token.StoredToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Refresh tokens and opaque access tokens, under the hash of their value. */
public interface TokenStore {
    void save(StoredToken token);

    Optional<StoredToken> find(String tokenHash);

    /**
     * Rotates a refresh token (RFC 9700 §4.14.2): atomically marks {@code oldHash} consumed if it is an
     * unconsumed, unrevoked refresh token, and in the same transaction saves {@code replacement}.
     */
    Rotation rotate(String oldHash, StoredToken replacement, Instant now);

    /** Revokes one token; false if unknown or already revoked. */
    boolean revoke(String tokenHash, Instant now);

    /** Revokes every token of a grant (a code replay or refresh reuse); returns how many. */
    int revokeGrant(String grantId, Instant now);

    int deleteExpired(Instant now, int limit);

    /**
     * The user's grants that still hold an active stored token (unrevoked, unconsumed, unexpired), in grant id order after
     * {@code afterGrantId} (null: from the start); at most {@code limit}.
     */
    List<ActiveGrant> listGrantsForUser(String userId, Instant now, String afterGrantId, int limit);

    /** True if any stored token of the grant belongs to the user. */
    boolean isGrantOf(String grantId, String userId);

    /** The result of {@link #rotate}. */
    sealed interface Rotation {
        record Rotated(StoredToken previous) implements Rotation {}

        /** The token had already been rotated: reuse, which must revoke the family. */
        record Reused(StoredToken previous) implements Rotation {}

        /** Unknown, revoked, or not a refresh token. */
        record Invalid() implements Rotation {}
    }
}
