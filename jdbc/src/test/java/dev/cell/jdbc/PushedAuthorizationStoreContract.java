package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.NOW;
import static dev.cell.jdbc.Fixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.authorize.PushedAuthorization;
import dev.cell.store.PushedAuthorizationStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Contract of {@link PushedAuthorizationStore} (RFC 9126): single use, one client only, expiry, a bound per client. */
interface PushedAuthorizationStoreContract extends StoreContract {
    private PushedAuthorizationStore pushed() {
        return new JdbcPushedAuthorizationStore(database());
    }

    private static PushedAuthorization request(String hash, String clientId, Instant expiresAt) {
        return new PushedAuthorization(hash, clientId, Map.of("response_type", "code", "state", "st\u00e4te \"quoted\""), minutes(-1),
                expiresAt);
    }

    @Test
    default void aPushedRequestIsConsumedOnceAndOnlyByItsClient() {
        PushedAuthorization request = request("h-1", "client-1", minutes(1));
        assertThat(pushed().saveWithin(request, 10)).isTrue();

        assertThat(pushed().consume("h-1", "client-2", NOW)).as("another client").isEmpty();
        assertThat(pushed().consume("h-1", "client-1", NOW)).contains(request);
        assertThat(pushed().consume("h-1", "client-1", NOW)).as("a second use").isEmpty();
    }

    @Test
    default void anExpiredPushedRequestIsNeverHandedOut() {
        pushed().saveWithin(request("h-1", "client-1", minutes(1)), 10);

        assertThat(pushed().consume("h-1", "client-1", minutes(1))).isEmpty();
    }

    @Test
    default void exactlyOneOfManyConcurrentRedemptionsWins() throws Exception {
        pushed().saveWithin(request("h-race", "client-1", minutes(1)), 10);

        List<Optional<PushedAuthorization>> results = Race.run(32, i -> pushed().consume("h-race", "client-1", NOW));

        assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
    }

    @Test
    default void fiftySimultaneousPushesOfOneClientPassItsBoundByAtMostOnePool() throws Exception {
        List<Boolean> saved = Race.run(50, i -> pushed().saveWithin(request("h-many-" + i, "busy-client", minutes(1)), 5));

        // the count runs in the inserting statement, so inserts in flight together may pass together: at most one pool more
        assertThat(saved.stream().filter(b -> b).count()).isBetween(5L, 5L + StoreContractTest.POOL_SIZE);
        assertThat(pushed().saveWithin(request("h-more", "busy-client", minutes(1)), 5)).as("once they are in").isFalse();
    }

    @Test
    default void eachClientHoldsAtMostItsBoundOfUnexpiredRequests() {
        assertThat(pushed().saveWithin(request("h-1", "client-1", minutes(1)), 2)).isTrue();
        assertThat(pushed().saveWithin(request("h-2", "client-1", minutes(1)), 2)).isTrue();
        assertThat(pushed().saveWithin(request("h-3", "client-1", minutes(1)), 2)).isFalse();
        assertThat(pushed().saveWithin(request("h-4", "client-2", minutes(1)), 2)).as("another client").isTrue();
        assertThat(pushed().consume("h-3", "client-1", NOW)).isEmpty();

        pushed().consume("h-1", "client-1", NOW);
        assertThat(pushed().saveWithin(request("h-5", "client-1", minutes(1)), 2)).as("a used one no longer counts").isTrue();
    }

    @Test
    default void deleteExpiredRemovesOnlyExpiredRequests() {
        for (int i = 0; i < 5; i++) {
            pushed().saveWithin(request("old-" + i, "client-1", minutes(-1 - i)), 100);
        }
        pushed().saveWithin(request("live", "client-1", minutes(1)), 100);

        assertThat(pushed().deleteExpired(NOW, 3)).isEqualTo(3);
        assertThat(pushed().deleteExpired(NOW, 3)).isEqualTo(2);
        assertThat(pushed().deleteExpired(NOW, 3)).isZero();
        assertThat(pushed().consume("live", "client-1", NOW)).isPresent();
    }
}
