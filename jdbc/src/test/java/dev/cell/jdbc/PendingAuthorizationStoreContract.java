package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.NOW;
import static dev.cell.jdbc.Fixtures.minutes;
import static dev.cell.jdbc.Fixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.authorize.PendingAuthorization;
import dev.cell.authorize.PendingLimits;
import dev.cell.store.DuplicateException;
import dev.cell.store.PendingAuthorizationStore;
import org.junit.jupiter.api.Test;

/** Contract of {@link PendingAuthorizationStore}: requests in progress, expiry, bounds per browser, per address and in all. */
interface PendingAuthorizationStoreContract extends StoreContract {
    PendingLimits UNBOUNDED = new PendingLimits(1000, 1000, 1000);

    private PendingAuthorizationStore requests() {
        return stores().pendingAuthorizations();
    }

    @Test
    default void savedRequestReadsBackUntilItExpires() {
        PendingAuthorization request = pending("p-1", "browser-1", minutes(10));
        requests().saveWithin(request, UNBOUNDED);

        assertThat(requests().find("p-1", NOW)).contains(request);
        assertThat(requests().find("p-1", minutes(10))).isEmpty();
        assertThat(requests().find("p-unknown", NOW)).isEmpty();
    }

    @Test
    default void takenPendingIdIsADuplicate() {
        requests().saveWithin(pending("p-1", "browser-1", minutes(10)), UNBOUNDED);

        assertThatThrownBy(() -> requests().saveWithin(pending("p-1", "browser-2", minutes(10)), UNBOUNDED))
                .isInstanceOf(DuplicateException.class);
    }

    @Test
    default void deleteRemovesTheRequestOnce() {
        requests().saveWithin(pending("p-1", "browser-1", minutes(10)), UNBOUNDED);

        assertThat(requests().delete("p-1")).isTrue();
        assertThat(requests().delete("p-1")).isFalse();
        assertThat(requests().find("p-1", NOW)).isEmpty();
    }

    @Test
    default void countForBrowserCountsItsUnexpiredRequests() {
        requests().saveWithin(pending("p-1", "browser-1", minutes(10)), UNBOUNDED);
        requests().saveWithin(pending("p-2", "browser-1", minutes(20)), UNBOUNDED);
        requests().saveWithin(pending("p-3", "browser-1", minutes(-1)), UNBOUNDED);
        requests().saveWithin(pending("p-4", "browser-2", minutes(10)), UNBOUNDED);

        assertThat(requests().countForBrowser("browser-1", NOW)).isEqualTo(2);
        assertThat(requests().countForBrowser("browser-1", minutes(15))).isEqualTo(1);
        assertThat(requests().countForBrowser("browser-3", NOW)).isZero();
    }

    @Test
    default void deleteExpiredRemovesOnlyExpiredRequestsInBoundedBatches() {
        for (int i = 0; i < 5; i++) {
            requests().saveWithin(pending("expired-" + i, "browser-1", minutes(-1 - i)), UNBOUNDED);
        }
        for (int i = 0; i < 3; i++) {
            requests().saveWithin(pending("live-" + i, "browser-1", minutes(1 + i)), UNBOUNDED);
        }

        assertThat(requests().deleteExpired(NOW, 3)).isEqualTo(3);
        assertThat(requests().deleteExpired(NOW, 3)).isEqualTo(2);
        assertThat(requests().deleteExpired(NOW, 3)).isZero();
        assertThat(requests().countForBrowser("browser-1", minutes(-100))).isEqualTo(3);
    }

    @Test
    default void saveWithinStopsAtEachBoundButCountsOnlyUnexpiredRequests() {
        PendingLimits limits = new PendingLimits(2, 3, 4);
        assertThat(requests().saveWithin(pending("p-1", "b-1", "10.0.0.1", NOW, minutes(10)), limits)).isTrue();
        assertThat(requests().saveWithin(pending("p-2", "b-1", "10.0.0.1", NOW, minutes(10)), limits)).isTrue();
        assertThat(requests().saveWithin(pending("p-3", "b-1", "10.0.0.1", NOW, minutes(10)), limits)).as("per browser").isFalse();
        assertThat(requests().saveWithin(pending("p-4", "b-2", "10.0.0.1", NOW, minutes(10)), limits)).isTrue();
        assertThat(requests().saveWithin(pending("p-5", "b-3", "10.0.0.1", NOW, minutes(10)), limits)).as("per address").isFalse();
        assertThat(requests().saveWithin(pending("p-6", "b-3", "10.0.0.2", NOW, minutes(20)), limits)).isTrue();
        assertThat(requests().saveWithin(pending("p-7", "b-4", "10.0.0.3", NOW, minutes(10)), limits)).as("in all").isFalse();
        assertThat(requests().find("p-3", NOW)).isEmpty();
        assertThat(requests().find("p-5", NOW)).isEmpty();
        assertThat(requests().find("p-7", NOW)).isEmpty();

        assertThat(requests().saveWithin(pending("p-8", "b-1", "10.0.0.1", minutes(15), minutes(25)), limits))
                .as("expired requests of the browser, the address and the store no longer count").isTrue();
        assertThat(requests().find("p-8", minutes(15)).orElseThrow().clientAddress()).isEqualTo("10.0.0.1");
    }
}
