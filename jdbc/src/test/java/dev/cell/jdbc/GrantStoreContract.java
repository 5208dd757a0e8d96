package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.session.LoginSession;
import dev.cell.session.UserGrant;
import dev.cell.store.GrantStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract of {@link GrantStore}: a user's grants found by login session and by user, each recorded once, gone when expired. */
interface GrantStoreContract extends StoreContract {
    private GrantStore grants() {
        return stores().grants();
    }

    private static UserGrant grant(String id, String user, String client, String session, int expiresInMinutes) {
        return new UserGrant(id, user, client, session, minutes(-1), minutes(expiresInMinutes));
    }

    @Test
    default void grantsAreFoundBySessionAndByUser() {
        grants().save(grant("g-1", "u-1", "web", "s-1", 60));
        grants().save(grant("g-2", "u-1", "app", "s-1", 60));
        grants().save(grant("g-3", "u-1", "web", "s-2", 60));
        grants().save(grant("g-4", "u-1", "cli", null, 60));
        grants().save(grant("g-5", "u-2", "web", "s-3", 60));

        assertThat(grants().listForSession("s-1")).extracting(UserGrant::grantId).containsExactly("g-1", "g-2");
        assertThat(grants().listForSessions(List.of("s-1", "s-3"))).extracting(UserGrant::grantId).containsExactly("g-1", "g-2", "g-5");
        assertThat(grants().listForSessions(List.of())).isEmpty();
        assertThat(grants().listForUser("u-1")).extracting(UserGrant::grantId).containsExactly("g-1", "g-2", "g-3", "g-4");
        assertThat(grants().listForUser("u-1").get(3).sessionId()).isNull();
        assertThat(grants().listForSession("s-1").get(0)).isEqualTo(grant("g-1", "u-1", "web", "s-1", 60));
    }

    @Test
    default void recordingAGrantAgainChangesNothing() {
        grants().save(grant("g-1", "u-1", "web", "s-1", 60));
        grants().save(grant("g-1", "u-9", "other", "s-9", 5));

        assertThat(grants().listForUser("u-1")).containsExactly(grant("g-1", "u-1", "web", "s-1", 60));
        assertThat(grants().listForUser("u-9")).isEmpty();
    }

    @Test
    default void endedAndExpiredGrantsGo() {
        grants().save(grant("g-1", "u-1", "web", "s-1", 60));
        grants().save(grant("g-2", "u-1", "web", "s-1", 60));
        grants().save(grant("g-3", "u-1", "web", "s-1", 2));

        assertThat(grants().delete(List.of("g-1", "missing"))).isEqualTo(1);
        assertThat(grants().delete(List.of())).isZero();
        assertThat(grants().deleteExpired(minutes(5), 100)).isEqualTo(1);
        assertThat(grants().listForSession("s-1")).extracting(UserGrant::grantId).containsExactly("g-2");
    }

    @Test
    default void aSessionKeepsItsDeviceAndAddress() {
        LoginSession s = new LoginSession("s-ua", "u-1", minutes(-5), List.of("pwd"), minutes(-5), minutes(-1), minutes(60),
                "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "2001:db8::1");
        stores().loginSessions().save(s);

        assertThat(stores().loginSessions().find("s-ua", minutes(0))).contains(s);
        assertThat(new LoginSession("x", "u", minutes(0), List.of(), minutes(0), minutes(0), minutes(1), "a".repeat(2000), null).userAgent())
                .hasSize(LoginSession.MAX_USER_AGENT);
    }
}
