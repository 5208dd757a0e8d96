package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.NOW;
import static dev.cell.jdbc.Fixtures.minutes;
import static dev.cell.jdbc.Fixtures.refreshToken;
import static dev.cell.jdbc.Fixtures.session;
import static dev.cell.jdbc.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.account.User;
import dev.cell.event.AuditRecord;
import dev.cell.store.AuditQuery;
import dev.cell.store.Versioned;
import dev.cell.token.ActiveGrant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Contract of what the admin API asks of the stores: versions and conditional updates, keyset pages, the audit trail. */
interface AdminQueriesContract extends StoreContract {
    @Test
    default void everyChangeMovesTheVersionAndAStaleVersionUpdatesNothing() {
        stores().users().create(user("u-1", "alice"));
        long v0 = stores().users().findVersioned("u-1").orElseThrow().version();
        User changed = new User("u-1", "alice", "x", Map.of("name", "A"), Set.of(), false, minutes(0), minutes(1));

        assertThat(stores().users().updateIfVersion(changed, v0)).isTrue();
        assertThat(stores().users().updateIfVersion(changed, v0)).as("stale version").isFalse();
        long v1 = stores().users().findVersioned("u-1").orElseThrow().version();
        assertThat(v1).isGreaterThan(v0);
        assertThat(stores().users().setDisabled("u-1", true, minutes(2))).isTrue();
        long v2 = stores().users().findVersioned("u-1").orElseThrow().version();
        assertThat(stores().users().updatePassword("u-1", "h", minutes(3))).isTrue();
        long v3 = stores().users().findVersioned("u-1").orElseThrow().version();
        assertThat(stores().users().update(changed)).isTrue();
        long v4 = stores().users().findVersioned("u-1").orElseThrow().version();
        assertThat(List.of(v1, v2, v3, v4)).doesNotHaveDuplicates().isSorted();
        assertThat(stores().users().findVersioned("nobody")).isEmpty();
        assertThat(stores().users().setDisabled("nobody", true, minutes(2))).isFalse();
    }

    @Test
    default void concurrentUpdatesWithOneVersionHaveExactlyOneWinner() throws Exception {
        stores().users().create(user("u-1", "alice"));
        long v = stores().users().findVersioned("u-1").orElseThrow().version();
        List<Boolean> won = Race.run(8, i -> stores().users().updateIfVersion(
                new User("u-1", "alice", "x", Map.of("name", "writer " + i), Set.of(), false, minutes(0), minutes(1)), v));
        assertThat(won.stream().filter(b -> b).count()).isEqualTo(1);
    }

    @Test
    default void userSearchPagesByUsernameAndMatchesLiterally() {
        for (String name : List.of("carol", "alice", "bob", "al_x", "alfred")) {
            stores().users().create(user("id-" + name, name));
        }
        stores().users().setDisabled("id-bob", true, minutes(1));

        assertThat(names(stores().users().search(null, null, null, 2))).containsExactly("al_x", "alfred");
        assertThat(names(stores().users().search(null, null, "alfred", 2))).containsExactly("alice", "bob");
        assertThat(names(stores().users().search("AL", null, null, 10))).containsExactly("al_x", "alfred", "alice");
        assertThat(names(stores().users().search("l_", null, null, 10))).as("_ is no wildcard").containsExactly("al_x");
        assertThat(names(stores().users().search("%", null, null, 10))).isEmpty();
        assertThat(names(stores().users().search(null, true, null, 10))).containsExactly("bob");
    }

    private static List<String> names(List<Versioned<User>> users) {
        return users.stream().map(v -> v.value().username()).toList();
    }

    @Test
    default void aUsersSessionsAreListedInPagesAndDeletedOnlyAsTheirs() {
        stores().loginSessions().save(session("s-1", "u-1", NOW.plusSeconds(60)));
        stores().loginSessions().save(session("s-2", "u-1", NOW.plusSeconds(60)));
        stores().loginSessions().save(session("s-3", "u-1", NOW.minusSeconds(1)));
        stores().loginSessions().save(session("s-4", "u-2", NOW.plusSeconds(60)));

        assertThat(stores().loginSessions().listForUser("u-1", NOW, null, 1)).extracting(s -> s.idHash()).containsExactly("s-1");
        assertThat(stores().loginSessions().listForUser("u-1", NOW, "s-1", 10)).extracting(s -> s.idHash()).containsExactly("s-2");
        assertThat(stores().loginSessions().delete("s-4", "u-1")).as("another user's session").isFalse();
        assertThat(stores().loginSessions().find("s-4", NOW)).isPresent();
        assertThat(stores().loginSessions().delete("s-2", "u-1")).isTrue();
        assertThat(stores().loginSessions().find("s-2", NOW)).isEmpty();
    }

    @Test
    default void aUsersActiveGrantsAreListedOncePerGrant() {
        stores().tokens().save(refreshToken("t-1", "g-1", NOW.plusSeconds(600)));
        stores().tokens().save(refreshToken("t-2", "g-1", NOW.plusSeconds(900)));
        stores().tokens().save(refreshToken("t-3", "g-2", NOW.plusSeconds(600)));
        stores().tokens().save(refreshToken("t-4", "g-3", NOW.minusSeconds(1)));
        stores().tokens().revokeGrant("g-2", NOW);

        List<ActiveGrant> grants = stores().tokens().listGrantsForUser("user-1", NOW, null, 10);
        assertThat(grants).extracting(ActiveGrant::grantId).containsExactly("g-1");
        assertThat(grants.get(0).expiresAt()).isEqualTo(NOW.plusSeconds(900));
        assertThat(grants.get(0).clientId()).isEqualTo("client-1");
        assertThat(stores().tokens().listGrantsForUser("user-1", NOW, "g-1", 10)).isEmpty();
        assertThat(stores().tokens().listGrantsForUser("user-2", NOW, null, 10)).isEmpty();
        assertThat(stores().tokens().isGrantOf("g-1", "user-1")).isTrue();
        assertThat(stores().tokens().isGrantOf("g-1", "user-2")).isFalse();
    }

    @Test
    default void auditRecordsAreQueriedNewestFirstByFilterAndKeysetAndDeletedAfterRetention() {
        stores().audit().append(List.of(
                record("a1", minutes(1), "login", "web", "u-1"),
                record("a2", minutes(2), "token.issued", "web", "u-1"),
                record("a3", minutes(2), "token.issued", "svc", null),
                record("a4", minutes(3), "login", "web", "u-2")));

        assertThat(ids(new AuditQuery(null, null, null, null, null, null, null, 10))).containsExactly("a4", "a3", "a2", "a1");
        assertThat(ids(new AuditQuery(null, null, null, null, null, minutes(2), "a3", 10))).containsExactly("a2", "a1");
        assertThat(ids(new AuditQuery(minutes(2), minutes(3), null, null, null, null, null, 10))).containsExactly("a3", "a2");
        assertThat(ids(new AuditQuery(null, null, "login", null, null, null, null, 10))).containsExactly("a4", "a1");
        assertThat(ids(new AuditQuery(null, null, null, "svc", null, null, null, 10))).containsExactly("a3");
        assertThat(ids(new AuditQuery(null, null, null, null, "u-1", null, null, 1))).containsExactly("a2");
        AuditRecord read = stores().audit().query(new AuditQuery(null, null, null, "svc", null, null, null, 1)).get(0);
        assertThat(read).isEqualTo(record("a3", minutes(2), "token.issued", "svc", null));

        assertThat(stores().audit().deleteBefore(minutes(2), 10)).isEqualTo(1);
        assertThat(ids(new AuditQuery(null, null, null, null, null, null, null, 10))).containsExactly("a4", "a3", "a2");
    }

    private List<String> ids(AuditQuery query) {
        return stores().audit().query(query).stream().map(AuditRecord::id).toList();
    }

    private static AuditRecord record(String id, Instant time, String event, String client, String user) {
        return new AuditRecord(id, time, event, "success", user == null ? client : user, client, user, "192.0.2.1",
                Map.of("grant_type", "authorization_code"));
    }
}
