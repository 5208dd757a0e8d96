package dev.cell.store;

import dev.cell.authorize.PushedAuthorization;
import java.time.Instant;
import java.util.Optional;

/** Pushed authorization requests (RFC 9126 §2) waiting for their one authorization request (§4). */
public interface PushedAuthorizationStore {
    /**
     * Saves the request unless its client already has {@code maxPerClient} unexpired ones, counted in the statement that
     * inserts.
     *
     * @return false when the bound is reached and nothing was saved
     */
    boolean saveWithin(PushedAuthorization request, int maxPerClient);

    /**
     * Removes and returns the unexpired request with this hash pushed by {@code clientId}, for exactly one caller however many
     * race; another client's attempt neither gets nor spends it.
     */
    Optional<PushedAuthorization> consume(String requestUriHash, String clientId, Instant now);

    int deleteExpired(Instant now, int limit);
}
