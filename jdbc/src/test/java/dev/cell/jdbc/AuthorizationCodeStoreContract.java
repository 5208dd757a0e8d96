package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.NOW;
import static dev.cell.jdbc.Fixtures.code;
import static dev.cell.jdbc.Fixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.authorize.AuthorizationCode;
import dev.cell.store.AuthorizationCodeStore;
import dev.cell.store.AuthorizationCodeStore.Consumption;
import dev.cell.store.DuplicateException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Contract of {@link AuthorizationCodeStore}: single use under contention (RFC 6749 §4.1.2). */
interface AuthorizationCodeStoreContract extends StoreContract {
    private AuthorizationCodeStore codes() {
        return stores().authorizationCodes();
    }

    @Test
    default void firstConsumptionWinsWithEveryField() {
        AuthorizationCode code = code("h-1", minutes(1));
        codes().save(code);

        assertThat(codes().consume("h-1", "client-1", NOW)).isEqualTo(new Consumption.Consumed(code));
    }

    @Test
    default void optionalFieldsStayNull() {
        AuthorizationCode bare = new AuthorizationCode("h-2", "g-2", "client-1", "user-1", null, Set.of(), null,
                null, null, null, null, Map.of(), NOW, minutes(1));
        codes().save(bare);

        assertThat(codes().consume("h-2", "client-1", NOW)).isEqualTo(new Consumption.Consumed(bare));
    }

    @Test
    default void secondConsumptionIsAReplay() {
        AuthorizationCode code = code("h-1", minutes(1));
        codes().save(code);
        codes().consume("h-1", "client-1", NOW);

        assertThat(codes().consume("h-1", "client-1", NOW.plusSeconds(5))).isEqualTo(new Consumption.AlreadyUsed(code));
    }

    @Test
    default void anotherClientNeitherConsumesNorSeesTheCode() {
        AuthorizationCode code = code("h-1", minutes(1));
        codes().save(code);

        assertThat(codes().consume("h-1", "client-2", NOW)).isEqualTo(new Consumption.NotFound());
        assertThat(codes().consume("h-1", "client-1", NOW)).isEqualTo(new Consumption.Consumed(code));
    }

    @Test
    default void anotherClientReplayingAUsedCodeIsNoReplay() {
        AuthorizationCode code = code("h-1", minutes(1));
        codes().save(code);
        codes().consume("h-1", "client-1", NOW);

        assertThat(codes().consume("h-1", "client-2", NOW.plusSeconds(5))).isEqualTo(new Consumption.NotFound());
        assertThat(codes().consume("h-1", "client-1", NOW.plusSeconds(5))).isEqualTo(new Consumption.AlreadyUsed(code));
    }

    @Test
    default void unknownCodeIsNotFound() {
        assertThat(codes().consume("h-unknown", "client-1", NOW)).isEqualTo(new Consumption.NotFound());
    }

    @Test
    default void takenCodeHashIsADuplicate() {
        codes().save(code("h-1", minutes(1)));

        assertThatThrownBy(() -> codes().save(code("h-1", minutes(2)))).isInstanceOf(DuplicateException.class);
    }

    @Test
    default void exactlyOneOfManyConcurrentConsumersWins() throws Exception {
        codes().save(code("h-race", minutes(1)));

        List<Consumption> results = Race.run(32, i -> codes().consume("h-race", "client-1", NOW));

        assertThat(results).filteredOn(r -> r instanceof Consumption.Consumed).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof Consumption.AlreadyUsed).hasSize(31);
    }

    @Test
    default void deleteExpiredRemovesOnlyExpiredCodesInBoundedBatches() {
        for (int i = 0; i < 5; i++) {
            codes().save(code("expired-" + i, minutes(-1 - i)));
        }
        for (int i = 0; i < 3; i++) {
            codes().save(code("live-" + i, minutes(1 + i)));
        }

        assertThat(codes().deleteExpired(NOW, 3)).isEqualTo(3);
        assertThat(codes().deleteExpired(NOW, 3)).isEqualTo(2);
        assertThat(codes().deleteExpired(NOW, 3)).isZero();
        assertThat(codes().consume("expired-0", "client-1", NOW)).isEqualTo(new Consumption.NotFound());
        for (int i = 0; i < 3; i++) {
            assertThat(codes().consume("live-" + i, "client-1", NOW)).isInstanceOf(Consumption.Consumed.class);
        }
    }
}
