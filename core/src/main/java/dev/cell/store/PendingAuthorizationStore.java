package dev.cell.store;

import dev.cell.authorize.PendingAuthorization;
import dev.cell.authorize.PendingLimits;
import java.time.Instant;
import java.util.Optional;

/** Authorization requests in progress, kept server-side between pages. */
public interface PendingAuthorizationStore {
    /**
     * Saves the request unless its browser, its client address or the whole store already holds the most {@code limits}
     * allow, counted (unexpired at its creation time) in the same statement as the insert.
     *
     * @return false when a bound is reached and nothing was saved
     */
    boolean saveWithin(PendingAuthorization pending, PendingLimits limits);

    Optional<PendingAuthorization> find(String id, Instant now);

    boolean delete(String id);

    /** Unexpired pending requests of one browser, to tell which bound refused a request. */
    int countForBrowser(String browserId, Instant now);

    int deleteExpired(Instant now, int limit);
}
