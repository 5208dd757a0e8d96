package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.NOW;
import static dev.cell.jdbc.Fixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.store.RevokedTokenStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract of {@link RevokedTokenStore}: an idempotent deny list kept until the latest expiry (RFC 7009 §2). */
interface RevokedTokenStoreContract extends StoreContract {
    private RevokedTokenStore revoked() {
        return stores().revokedTokens();
    }

    @Test
    default void anyRevokedFindsARevokedIdAmongOthers() {
        revoked().revoke("jti-1", minutes(10));

        assertThat(revoked().anyRevoked(List.of("grant-7", "jti-1"))).isTrue();
        assertThat(revoked().anyRevoked(List.of("jti-1"))).isTrue();
        assertThat(revoked().anyRevoked(List.of("grant-7", "jti-2"))).isFalse();
        assertThat(revoked().anyRevoked(List.of())).isFalse();
    }

    @Test
    default void revokingAgainKeepsTheLatestExpiry() {
        revoked().revoke("shrinking", minutes(10));
        revoked().revoke("shrinking", minutes(1));
        revoked().revoke("growing", minutes(1));
        revoked().revoke("growing", minutes(10));

        assertThat(revoked().deleteExpired(minutes(5), 100)).isZero();
        assertThat(revoked().anyRevoked(List.of("shrinking"))).isTrue();
        assertThat(revoked().anyRevoked(List.of("growing"))).isTrue();
        assertThat(revoked().deleteExpired(minutes(11), 100)).isEqualTo(2);
    }

    @Test
    default void concurrentRevocationsOfOneIdAllSucceed() throws Exception {
        List<Boolean> done = Race.run(16, i -> {
            revoked().revoke("jti-race", minutes(i));
            return true;
        });

        assertThat(done).hasSize(16).containsOnly(true);
        assertThat(revoked().deleteExpired(minutes(14), 100)).isZero();
        assertThat(revoked().anyRevoked(List.of("jti-race"))).isTrue();
        assertThat(revoked().deleteExpired(minutes(16), 100)).isEqualTo(1);
    }

    @Test
    default void deleteExpiredRemovesOnlyExpiredEntriesInBoundedBatches() {
        for (int i = 0; i < 5; i++) {
            revoked().revoke("expired-" + i, minutes(-1 - i));
        }
        for (int i = 0; i < 3; i++) {
            revoked().revoke("live-" + i, minutes(1 + i));
        }

        assertThat(revoked().deleteExpired(NOW, 3)).isEqualTo(3);
        assertThat(revoked().deleteExpired(NOW, 3)).isEqualTo(2);
        assertThat(revoked().deleteExpired(NOW, 3)).isZero();
        assertThat(revoked().anyRevoked(List.of("expired-0", "expired-4"))).isFalse();
        assertThat(revoked().anyRevoked(List.of("live-2"))).isTrue();
    }
}
