package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.NOW;
import static dev.cell.jdbc.Fixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.store.UsedJtiStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract of {@link UsedJtiStore}: client assertion replay detection (RFC 7523 §3 item 7). */
interface UsedJtiStoreContract extends StoreContract {
    private UsedJtiStore jtis() {
        return stores().usedJtis();
    }

    @Test
    default void aJtiIsAcceptedOncePerIssuer() {
        assertThat(jtis().markUsed("client-1", "jti-1", minutes(5))).isTrue();
        assertThat(jtis().markUsed("client-1", "jti-1", minutes(5))).isFalse();
        assertThat(jtis().markUsed("client-2", "jti-1", minutes(5))).isTrue();
    }

    @Test
    default void exactlyOneOfManyConcurrentUsesIsAccepted() throws Exception {
        List<Boolean> accepted = Race.run(16, i -> jtis().markUsed("client-1", "jti-race", minutes(5)));

        assertThat(accepted).filteredOn(Boolean::booleanValue).hasSize(1);
    }

    @Test
    default void deleteExpiredForgetsOnlyExpiredJtisInBoundedBatches() {
        for (int i = 0; i < 5; i++) {
            jtis().markUsed("client-" + (i % 2), "expired-" + i, minutes(-1 - i));
        }
        for (int i = 0; i < 3; i++) {
            jtis().markUsed("client-" + (i % 2), "live-" + i, minutes(1 + i));
        }

        assertThat(jtis().deleteExpired(NOW, 3)).isEqualTo(3);
        assertThat(jtis().deleteExpired(NOW, 3)).isEqualTo(2);
        assertThat(jtis().deleteExpired(NOW, 3)).isZero();
        assertThat(jtis().markUsed("client-0", "expired-0", minutes(5))).isTrue();
        assertThat(jtis().markUsed("client-0", "live-0", minutes(5))).isFalse();
    }
}
