package dev.cell.logout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.client.Client;
import dev.cell.session.UserGrant;
import dev.cell.support.MemoryStores;
import dev.cell.support.TestWorld;
import dev.cell.store.LogoutDeliveryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which relying parties a session's end reaches (OIDC Back-Channel Logout 1.0 §2.7): those it signed in to that registered a URI. */
class BackchannelLogoutQueueTest {
    private final TestWorld w = new TestWorld();
    private final MemoryStores.Clients clients = new MemoryStores.Clients();
    private final List<LogoutDelivery> queued = new ArrayList<>();
    private final AtomicInteger wakes = new AtomicInteger();
    private final BackchannelLogoutQueue queue = new BackchannelLogoutQueue(clients, recording(), w.random, w.clock, wakes::incrementAndGet);

    BackchannelLogoutQueueTest() {
        clients.create(withUri("rp-a", "https://a.example/backchannel"));
        clients.create(withUri("rp-b", "https://b.example/backchannel"));
        clients.create(TestWorld.client("no-uri"));
    }

    @Test
    void oneDeliveryPerSessionAndRelyingPartyWithAUri() {
        Instant t = w.clock.instant();
        queue.ended(List.of(
                new UserGrant("g1", "alice", "rp-a", "sid-1", t, t),
                new UserGrant("g2", "alice", "rp-a", "sid-1", t, t),
                new UserGrant("g3", "alice", "rp-b", "sid-1", t, t),
                new UserGrant("g4", "alice", "no-uri", "sid-1", t, t),
                new UserGrant("g5", "alice", "rp-a", "sid-2", t, t),
                new UserGrant("g6", "alice", "rp-a", null, t, t),
                new UserGrant("g7", "alice", "deleted-client", "sid-1", t, t)));
        assertThat(queued).extracting(d -> d.clientId() + "/" + d.sessionId() + "/" + d.subject())
                .containsExactlyInAnyOrder("rp-a/sid-1/alice", "rp-b/sid-1/alice", "rp-a/sid-2/alice");
        assertThat(queued).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(LogoutDelivery.Status.PENDING);
            assertThat(d.attempts()).isZero();
            assertThat(d.nextAttemptAt()).isEqualTo(t);
        });
        assertThat(queued).extracting(LogoutDelivery::id).doesNotHaveDuplicates();
        assertThat(wakes).as("the worker starts at once").hasValue(1);
    }

    @Test
    void nothingToQueueWakesNobody() {
        Instant t = w.clock.instant();
        queue.ended(List.of(new UserGrant("g4", "alice", "no-uri", "sid-1", t, t)));
        assertThat(queued).isEmpty();
        assertThat(wakes).hasValue(0);
    }

    private static Client withUri(String id, String uri) {
        Client c = TestWorld.client(id);
        return c.toBuilder().metadata(c.metadata().toBuilder().backchannelLogoutUri(uri).build()).build();
    }

    private LogoutDeliveryStore recording() {
        return new LogoutDeliveryStore() {
            @Override
            public void enqueue(Collection<LogoutDelivery> deliveries) {
                queued.addAll(deliveries);
            }

            @Override
            public List<LogoutDelivery> claim(String owner, Instant now, Instant leaseUntil, int limit) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean delivered(String id, String owner, Instant now) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean retry(String id, String owner, Instant nextAttemptAt, String error, Instant now) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean failed(String id, String owner, String error, Instant now) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<LogoutDelivery> list(LogoutDelivery.Status status, Instant afterCreatedAt, String afterId, int limit) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int deleteFinishedBefore(Instant before, int limit) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
