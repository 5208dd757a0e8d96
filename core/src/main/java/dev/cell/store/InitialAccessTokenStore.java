package dev.cell.store;

import dev.cell.registration.InitialAccessToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Initial access tokens for dynamic client registration (RFC 7591 section 3), under the SHA-256 of their value. */
public interface InitialAccessTokenStore {
    void create(InitialAccessToken token, String tokenHash);

    /** The token with this hash if it is unexpired and has uses left. */
    Optional<InitialAccessToken> findUsable(String tokenHash, Instant now);

    /**
     * Uses the token once, in one atomic statement: true if it was unexpired with a use left (a single-use token is used up
     * by the first caller, however many race for it).
     */
    boolean consume(String id, Instant now);

    /** Unexpired tokens, newest first, at most {@code limit}. */
    List<InitialAccessToken> list(Instant now, int limit);

    /** Revokes the token; false if there is none with this id. */
    boolean delete(String id);

    int deleteExpired(Instant now, int limit);
}
