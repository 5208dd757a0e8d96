package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.NOW;
import static dev.cell.jdbc.Fixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.logout.LogoutDelivery;
import dev.cell.logout.LogoutDelivery.Status;
import dev.cell.store.LogoutDeliveryStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link LogoutDeliveryStore}: the back-channel logout queue (OIDC Back-Channel Logout 1.0 §2.5). A due row goes to
 * one worker at a time; only the lease holder settles it; a dead worker's row is taken over once its lease ran out.
 */
interface LogoutDeliveryStoreContract extends StoreContract {
    private LogoutDeliveryStore queue() {
        return stores().logoutDeliveries();
    }

    private static LogoutDelivery delivery(String id, Instant created) {
        return LogoutDelivery.pending(id, "rp", "alice", "sid-" + id, created);
    }

    @Test
    default void aDueRowIsLeasedToOneWorkerWithAnAttemptCounted() {
        queue().enqueue(List.of(delivery("d1", NOW)));
        List<LogoutDelivery> claimed = queue().claim("node-a", NOW, minutes(1), 10);
        assertThat(claimed).hasSize(1);
        LogoutDelivery d = claimed.get(0);
        assertThat(d.id()).isEqualTo("d1");
        assertThat(d.clientId()).isEqualTo("rp");
        assertThat(d.subject()).isEqualTo("alice");
        assertThat(d.sessionId()).isEqualTo("sid-d1");
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.leaseOwner()).isEqualTo("node-a");
        assertThat(queue().claim("node-b", NOW.plusSeconds(30), minutes(2), 10)).as("leased: nobody else gets it").isEmpty();
    }

    @Test
    default void twoWorkersRacingForOneRowGetItOnce() throws Exception {
        queue().enqueue(List.of(delivery("race", NOW)));
        List<List<LogoutDelivery>> claims = Race.run(16, i -> queue().claim("node-" + i, NOW, minutes(1), 10));
        assertThat(claims.stream().mapToInt(List::size).sum()).isEqualTo(1);
    }

    @Test
    default void manyWorkersShareManyRowsWithoutOverlap() throws Exception {
        for (int i = 0; i < 40; i++) {
            queue().enqueue(List.of(delivery("many-" + i, NOW)));
        }
        List<List<LogoutDelivery>> claims = Race.run(8, i -> queue().claim("node-" + i, NOW, minutes(1), 40));
        List<String> ids = claims.stream().flatMap(List::stream).map(LogoutDelivery::id).toList();
        assertThat(ids).hasSize(40).doesNotHaveDuplicates();
    }

    @Test
    default void aDeadWorkersRowIsTakenOverWhenItsLeaseRunsOutAndTheDeadWorkerCannotSettleIt() {
        queue().enqueue(List.of(delivery("orphan", NOW)));
        assertThat(queue().claim("dead-node", NOW, minutes(1), 10)).hasSize(1);
        assertThat(queue().claim("live-node", minutes(1).minusMillis(1), minutes(2), 10)).isEmpty();
        List<LogoutDelivery> taken = queue().claim("live-node", minutes(1), minutes(2), 10);
        assertThat(taken).hasSize(1);
        assertThat(taken.get(0).attempts()).as("the dead worker's attempt counts").isEqualTo(2);
        assertThat(queue().delivered("orphan", "dead-node", minutes(1))).as("the lease moved on").isFalse();
        assertThat(queue().delivered("orphan", "live-node", minutes(1))).isTrue();
        assertThat(queue().list(Status.DELIVERED, null, null, 10)).extracting(LogoutDelivery::id).containsExactly("orphan");
    }

    @Test
    default void aRetryWaitsForItsTimeAndKeepsTheError() {
        queue().enqueue(List.of(delivery("flaky", NOW)));
        queue().claim("node-a", NOW, minutes(1), 10);
        assertThat(queue().retry("flaky", "node-b", minutes(5), "HTTP 503", NOW)).as("not the holder").isFalse();
        assertThat(queue().retry("flaky", "node-a", minutes(5), "HTTP 503", NOW)).isTrue();
        assertThat(queue().claim("node-a", minutes(4), minutes(6), 10)).as("not due yet").isEmpty();
        List<LogoutDelivery> again = queue().claim("node-b", minutes(5), minutes(6), 10);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).attempts()).isEqualTo(2);
        assertThat(again.get(0).lastError()).isEqualTo("HTTP 503");
        assertThat(queue().failed("flaky", "node-b", "x".repeat(900), minutes(5))).isTrue();
        LogoutDelivery failed = queue().list(Status.FAILED, null, null, 10).get(0);
        assertThat(failed.lastError()).hasSize(LogoutDelivery.MAX_ERROR);
        assertThat(failed.leaseOwner()).isNull();
        assertThat(queue().claim("node-a", minutes(60), minutes(61), 10)).as("a failed row is never claimed again").isEmpty();
        assertThat(queue().retry("flaky", "node-b", minutes(6), "late", minutes(6))).as("settled rows stay settled").isFalse();
    }

    @Test
    default void listingPagesNewestFirstByStatus() {
        for (int i = 0; i < 5; i++) {
            queue().enqueue(List.of(delivery("p" + i, minutes(i))));
        }
        List<LogoutDelivery> first = queue().list(Status.PENDING, null, null, 2);
        assertThat(first).extracting(LogoutDelivery::id).containsExactly("p4", "p3");
        LogoutDelivery last = first.get(1);
        assertThat(queue().list(Status.PENDING, last.createdAt(), last.id(), 10)).extracting(LogoutDelivery::id).containsExactly("p2", "p1", "p0");
        assertThat(queue().list(null, null, null, 10)).hasSize(5);
        assertThat(queue().list(Status.FAILED, null, null, 10)).isEmpty();
    }

    @Test
    default void housekeepingDeletesOnlyFinishedRowsPastRetention() {
        queue().enqueue(List.of(delivery("old-done", NOW), delivery("old-failed", NOW), delivery("old-pending", NOW), delivery("new-done", NOW)));
        queue().claim("node", NOW, minutes(1), 10);
        queue().delivered("old-done", "node", NOW);
        queue().failed("old-failed", "node", "gone", NOW);
        queue().delivered("new-done", "node", minutes(10));
        assertThat(queue().deleteFinishedBefore(minutes(5), 1)).isEqualTo(1);
        assertThat(queue().deleteFinishedBefore(minutes(5), 10)).isEqualTo(1);
        assertThat(queue().list(null, null, null, 10)).extracting(LogoutDelivery::id).containsExactlyInAnyOrder("old-pending", "new-done");
    }
}
