package dev.cell.store;

import dev.cell.authorize.PendingAuthorization;
import java.time.Instant;
import java.util.Optional;

/** Authorization requests in progress, kept server-side between pages. */
public interface PendingAuthorizationStore {
    void save(PendingAuthorization pending);

    Optional<PendingAuthorization> find(String id, Instant now);

    boolean delete(String id);

    /** Unexpired pending requests of one browser, to bound them. */
    int countForBrowser(String browserId, Instant now);

    int deleteExpired(Instant now, int limit);
}
