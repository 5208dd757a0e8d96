package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.NOW;
import static dev.cell.jdbc.Fixtures.minutes;
import static dev.cell.jdbc.Fixtures.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.session.LoginSession;
import dev.cell.store.DuplicateException;
import dev.cell.store.LoginSessionStore;
import org.junit.jupiter.api.Test;

/** Contract of {@link LoginSessionStore}: expiry, sliding renewal, logout everywhere. */
interface LoginSessionStoreContract extends StoreContract {
    private LoginSessionStore sessions() {
        return stores().loginSessions();
    }

    @Test
    default void savedSessionReadsBackUntilItExpires() {
        LoginSession session = session("s-1", "u-1", minutes(30));
        sessions().save(session);

        assertThat(sessions().find("s-1", NOW)).contains(session);
        assertThat(sessions().find("s-1", NOW).orElseThrow().amr()).containsExactly("pwd", "otp");
        assertThat(sessions().find("s-1", minutes(30))).isEmpty();
        assertThat(sessions().find("s-unknown", NOW)).isEmpty();
    }

    @Test
    default void takenSessionHashIsADuplicate() {
        sessions().save(session("s-1", "u-1", minutes(30)));

        assertThatThrownBy(() -> sessions().save(session("s-1", "u-2", minutes(30))))
                .isInstanceOf(DuplicateException.class);
    }

    @Test
    default void touchExtendsALiveSession() {
        LoginSession session = session("s-1", "u-1", minutes(30));
        sessions().save(session);

        assertThat(sessions().touch("s-1", minutes(20), minutes(50))).isTrue();

        assertThat(sessions().find("s-1", minutes(40))).contains(new LoginSession("s-1", "u-1", session.authTime(),
                session.amr(), session.createdAt(), minutes(20), minutes(50)));
    }

    @Test
    default void touchDoesNotRevive() {
        sessions().save(session("s-1", "u-1", minutes(30)));

        assertThat(sessions().touch("s-1", minutes(31), minutes(60))).isFalse();
        assertThat(sessions().touch("s-unknown", NOW, minutes(60))).isFalse();
        assertThat(sessions().find("s-1", minutes(31))).isEmpty();
    }

    @Test
    default void deleteEndsOneSessionAndDeleteForUserEndsAllOfTheirs() {
        sessions().save(session("s-1", "u-1", minutes(30)));
        sessions().save(session("s-2", "u-1", minutes(30)));
        sessions().save(session("s-3", "u-1", minutes(30)));
        sessions().save(session("s-4", "u-2", minutes(30)));

        assertThat(sessions().delete("s-1")).isTrue();
        assertThat(sessions().delete("s-1")).isFalse();
        assertThat(sessions().deleteForUser("u-1")).isEqualTo(2);
        assertThat(sessions().find("s-2", NOW)).isEmpty();
        assertThat(sessions().find("s-4", NOW)).isPresent();
    }

    @Test
    default void deleteExpiredRemovesOnlyExpiredSessionsInBoundedBatches() {
        for (int i = 0; i < 5; i++) {
            sessions().save(session("expired-" + i, "u-1", minutes(-1 - i)));
        }
        for (int i = 0; i < 3; i++) {
            sessions().save(session("live-" + i, "u-1", minutes(1 + i)));
        }

        assertThat(sessions().deleteExpired(NOW, 3)).isEqualTo(3);
        assertThat(sessions().deleteExpired(NOW, 3)).isEqualTo(2);
        assertThat(sessions().deleteExpired(NOW, 3)).isZero();
        assertThat(sessions().deleteForUser("u-1")).isEqualTo(3);
    }
}
