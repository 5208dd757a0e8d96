package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.NOW;
import static dev.cell.jdbc.Fixtures.minutes;
import static dev.cell.jdbc.Fixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.authorize.PendingAuthorization;
import dev.cell.store.DuplicateException;
import dev.cell.store.PendingAuthorizationStore;
import org.junit.jupiter.api.Test;

/** Contract of {@link PendingAuthorizationStore}: requests in progress, expiry, per-browser bound. */
interface PendingAuthorizationStoreContract extends StoreContract {
    private PendingAuthorizationStore requests() {
        return stores().pendingAuthorizations();
    }

    @Test
    default void savedRequestReadsBackUntilItExpires() {
        PendingAuthorization request = pending("p-1", "browser-1", minutes(10));
        requests().save(request);

        assertThat(requests().find("p-1", NOW)).contains(request);
        assertThat(requests().find("p-1", minutes(10))).isEmpty();
        assertThat(requests().find("p-unknown", NOW)).isEmpty();
    }

    @Test
    default void takenPendingIdIsADuplicate() {
        requests().save(pending("p-1", "browser-1", minutes(10)));

        assertThatThrownBy(() -> requests().save(pending("p-1", "browser-2", minutes(10))))
                .isInstanceOf(DuplicateException.class);
    }

    @Test
    default void deleteRemovesTheRequestOnce() {
        requests().save(pending("p-1", "browser-1", minutes(10)));

        assertThat(requests().delete("p-1")).isTrue();
        assertThat(requests().delete("p-1")).isFalse();
        assertThat(requests().find("p-1", NOW)).isEmpty();
    }

    @Test
    default void countForBrowserCountsItsUnexpiredRequests() {
        requests().save(pending("p-1", "browser-1", minutes(10)));
        requests().save(pending("p-2", "browser-1", minutes(20)));
        requests().save(pending("p-3", "browser-1", minutes(-1)));
        requests().save(pending("p-4", "browser-2", minutes(10)));

        assertThat(requests().countForBrowser("browser-1", NOW)).isEqualTo(2);
        assertThat(requests().countForBrowser("browser-1", minutes(15))).isEqualTo(1);
        assertThat(requests().countForBrowser("browser-3", NOW)).isZero();
    }

    @Test
    default void deleteExpiredRemovesOnlyExpiredRequestsInBoundedBatches() {
        for (int i = 0; i < 5; i++) {
            requests().save(pending("expired-" + i, "browser-1", minutes(-1 - i)));
        }
        for (int i = 0; i < 3; i++) {
            requests().save(pending("live-" + i, "browser-1", minutes(1 + i)));
        }

        assertThat(requests().deleteExpired(NOW, 3)).isEqualTo(3);
        assertThat(requests().deleteExpired(NOW, 3)).isEqualTo(2);
        assertThat(requests().deleteExpired(NOW, 3)).isZero();
        assertThat(requests().countForBrowser("browser-1", minutes(-100))).isEqualTo(3);
    }
}
