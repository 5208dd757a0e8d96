package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.NOW;
import static dev.cell.jdbc.Fixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.store.KnownBrowserStore;
import org.junit.jupiter.api.Test;

/** Contract of {@link KnownBrowserStore}: remembered until expiry, a second sign-in moves the expiry on. */
interface KnownBrowserStoreContract extends StoreContract {
    private KnownBrowserStore browsers() {
        return stores().knownBrowsers();
    }

    @Test
    default void aRememberedBrowserIsKnownUntilItExpires() {
        browsers().remember("k1", minutes(10));

        assertThat(browsers().isKnown("k1", minutes(9))).isTrue();
        assertThat(browsers().isKnown("k1", minutes(10))).isFalse();
        assertThat(browsers().isKnown("k2", NOW)).isFalse();
    }

    @Test
    default void rememberingAgainMovesTheExpiryOn() {
        browsers().remember("k1", minutes(10));
        browsers().remember("k1", minutes(30));

        assertThat(browsers().isKnown("k1", minutes(20))).isTrue();
    }

    @Test
    default void deleteExpiredRemovesOnlyExpiredRowsInBoundedBatches() {
        for (int i = 0; i < 3; i++) {
            browsers().remember("old-" + i, minutes(-1 - i));
        }
        browsers().remember("current", minutes(1));

        assertThat(browsers().deleteExpired(NOW, 2)).isEqualTo(2);
        assertThat(browsers().deleteExpired(NOW, 2)).isEqualTo(1);
        assertThat(browsers().deleteExpired(NOW, 2)).isZero();
        assertThat(browsers().isKnown("current", NOW)).isTrue();
    }
}
