package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.NOW;
import static dev.cell.jdbc.Fixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.device.DeviceAuthorization;
import dev.cell.store.DeviceAuthorizationStore;
import dev.cell.store.DuplicateException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link DeviceAuthorizationStore} (RFC 8628): found by user code only while pending, by device code only for its
 * client, decided once, polls keep or raise the interval, and the approved request is handed out exactly once.
 */
interface DeviceAuthorizationStoreContract extends StoreContract {
    DeviceAuthorization.Approval APPROVAL = new DeviceAuthorization.Approval("user-1", "grant-1", "session-1", minutes(-3),
            List.of("pwd", "otp"));

    private DeviceAuthorizationStore device() {
        return new JdbcDeviceAuthorizationStore(database());
    }

    private static DeviceAuthorization request(String device, String user, String clientId, Instant expiresAt) {
        return new DeviceAuthorization(device, user, clientId, Set.of("openid", "read"), List.of("https://api.example.com/"),
                DeviceAuthorization.Status.PENDING, null, Duration.ofSeconds(5), null, minutes(-1), expiresAt);
    }

    @Test
    default void aPendingRequestIsFoundByUserCodeAndByDeviceCodeForItsClientOnly() {
        DeviceAuthorization r = request("d-1", "u-1", "tv", minutes(10));
        assertThat(device().saveWithin(r, 10)).isTrue();

        assertThat(device().findPending("u-1", NOW)).contains(r);
        assertThat(device().find("d-1", "tv")).contains(r);
        assertThat(device().find("d-1", "other")).as("another client").isEmpty();
        assertThat(device().findPending("u-1", minutes(10))).as("expired").isEmpty();
        assertThat(device().find("d-1", "tv")).as("expired, still found for expired_token").isPresent();
    }

    @Test
    default void takenDeviceOrUserCodesAreDuplicates() {
        device().saveWithin(request("d-1", "u-1", "tv", minutes(10)), 10);

        assertThatThrownBy(() -> device().saveWithin(request("d-2", "u-1", "tv", minutes(10)), 10)).isInstanceOf(DuplicateException.class);
        assertThatThrownBy(() -> device().saveWithin(request("d-1", "u-2", "tv", minutes(10)), 10)).isInstanceOf(DuplicateException.class);
    }

    @Test
    default void eachClientHoldsAtMostItsBoundOfDeviceRequests() {
        assertThat(device().saveWithin(request("d-1", "u-1", "tv", minutes(10)), 2)).isTrue();
        assertThat(device().saveWithin(request("d-2", "u-2", "tv", minutes(10)), 2)).isTrue();
        assertThat(device().saveWithin(request("d-3", "u-3", "tv", minutes(10)), 2)).isFalse();
        assertThat(device().saveWithin(request("d-4", "u-4", "other", minutes(10)), 2)).isTrue();
        assertThat(device().find("d-3", "tv")).isEmpty();
    }

    @Test
    default void fiftySimultaneousRequestsOfOneClientPassItsBoundByAtMostOnePool() throws Exception {
        List<Boolean> saved = Race.run(50, i -> device().saveWithin(request("d-many-" + i, "u-many-" + i, "busy-tv", minutes(10)), 5));

        // the count runs in the inserting statement, so inserts in flight together may pass together: at most one pool more
        assertThat(saved.stream().filter(b -> b).count()).isBetween(5L, 5L + StoreContractTest.POOL_SIZE);
        assertThat(device().saveWithin(request("d-more", "u-more", "busy-tv", minutes(10)), 5)).as("once they are in").isFalse();
    }

    @Test
    default void aRequestIsDecidedOnceWhilePendingAndUnexpired() {
        device().saveWithin(request("d-1", "u-1", "tv", minutes(10)), 10);
        device().saveWithin(request("d-2", "u-2", "tv", minutes(10)), 10);

        assertThat(device().approve("u-1", APPROVAL, NOW)).isTrue();
        assertThat(device().deny("u-1", NOW)).as("already approved").isFalse();
        assertThat(device().approve("u-1", APPROVAL, NOW)).isFalse();
        assertThat(device().findPending("u-1", NOW)).isEmpty();
        DeviceAuthorization approved = device().find("d-1", "tv").orElseThrow();
        assertThat(approved.status()).isEqualTo(DeviceAuthorization.Status.APPROVED);
        assertThat(approved.approval()).isEqualTo(APPROVAL);

        assertThat(device().deny("u-2", minutes(10))).as("expired").isFalse();
        assertThat(device().deny("u-2", NOW)).isTrue();
        assertThat(device().find("d-2", "tv").orElseThrow().status()).isEqualTo(DeviceAuthorization.Status.DENIED);
        assertThat(device().find("d-2", "tv").orElseThrow().approval()).isNull();
    }

    @Test
    default void aPollTooSoonAfterTheLastRaisesTheIntervalByTheStep() {
        device().saveWithin(request("d-1", "u-1", "tv", minutes(10)), 10);

        assertThat(device().pollInTime("d-1", "tv", NOW, 5)).as("the first poll").isTrue();
        assertThat(device().pollInTime("d-1", "tv", NOW.plusSeconds(4), 5)).isFalse();
        assertThat(device().find("d-1", "tv").orElseThrow().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(device().find("d-1", "tv").orElseThrow().lastPollAt()).isEqualTo(NOW.plusSeconds(4));
        assertThat(device().pollInTime("d-1", "tv", NOW.plusSeconds(13), 5)).isFalse();
        assertThat(device().pollInTime("d-1", "tv", NOW.plusSeconds(28), 5)).isTrue();
        assertThat(device().find("d-1", "tv").orElseThrow().interval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(device().pollInTime("d-1", "other", NOW.plusSeconds(60), 5)).as("another client's poll").isFalse();
        assertThat(device().find("d-1", "tv").orElseThrow().lastPollAt()).isEqualTo(NOW.plusSeconds(28));
    }

    @Test
    default void exactlyOneOfManyConcurrentPollsOfAnApprovedRequestGetsIt() throws Exception {
        device().saveWithin(request("d-race", "u-race", "tv", minutes(10)), 10);
        device().approve("u-race", APPROVAL, NOW);

        assertThat(device().consume("d-race", "tv", NOW.minusSeconds(1))).isPresent().as("once");
        device().saveWithin(request("d-race-2", "u-race-2", "tv", minutes(10)), 10);
        device().approve("u-race-2", APPROVAL, NOW);
        List<Optional<DeviceAuthorization>> results = Race.run(32, i -> device().consume("d-race-2", "tv", NOW));

        assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
        assertThat(device().find("d-race-2", "tv")).isEmpty();
    }

    @Test
    default void onlyAnApprovedUnexpiredRequestOfTheClientIsConsumed() {
        device().saveWithin(request("d-1", "u-1", "tv", minutes(10)), 10);

        assertThat(device().consume("d-1", "tv", NOW)).as("pending").isEmpty();
        device().approve("u-1", APPROVAL, NOW);
        assertThat(device().consume("d-1", "other", NOW)).as("another client").isEmpty();
        assertThat(device().consume("d-1", "tv", minutes(10))).as("expired").isEmpty();
        assertThat(device().consume("d-1", "tv", NOW)).map(DeviceAuthorization::approval).contains(APPROVAL);
        assertThat(device().consume("d-1", "tv", NOW)).isEmpty();
    }

    @Test
    default void deleteExpiredRemovesOnlyExpiredDeviceRequests() {
        for (int i = 0; i < 5; i++) {
            device().saveWithin(request("old-" + i, "old-u-" + i, "tv", minutes(-1 - i)), 100);
        }
        device().saveWithin(request("live", "live-u", "tv", minutes(1)), 100);

        assertThat(device().deleteExpired(NOW, 3)).isEqualTo(3);
        assertThat(device().deleteExpired(NOW, 3)).isEqualTo(2);
        assertThat(device().deleteExpired(NOW, 3)).isZero();
        assertThat(device().findPending("live-u", NOW)).isPresent();
    }
}
