package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.NOW;
import static dev.cell.jdbc.Fixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.store.LoginFailureStore;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Contract of {@link LoginFailureStore}: fixed-window reservations that never pass the limit under contention. */
interface LoginFailureStoreContract extends StoreContract {
    Duration WINDOW = Duration.ofMinutes(15);
    int LIMIT = 5;

    private LoginFailureStore failures() {
        return stores().loginFailures();
    }

    @Test
    default void attemptsCountUpWithinTheWindowUntilTheLimit() {
        assertThat(failures().reserve("user:alice", 3, NOW, WINDOW)).isEqualTo(1);
        assertThat(failures().reserve("user:alice", 3, minutes(5), WINDOW)).isEqualTo(2);
        assertThat(failures().reserve("user:alice", 3, minutes(14), WINDOW)).isEqualTo(3);
        assertThat(failures().reserve("user:alice", 3, minutes(14), WINDOW)).as("the limit is used up").isZero();
        assertThat(failures().reserve("user:bob", 3, minutes(14), WINDOW)).isEqualTo(1);
    }

    @Test
    default void anAttemptAfterTheWindowStartsANewOne() {
        failures().reserve("user:alice", 2, NOW, WINDOW);
        failures().reserve("user:alice", 2, minutes(1), WINDOW);

        assertThat(failures().reserve("user:alice", 2, minutes(14), WINDOW)).isZero();
        assertThat(failures().reserve("user:alice", 2, minutes(15), WINDOW)).isEqualTo(1);
        assertThat(failures().reserve("user:alice", 2, minutes(29), WINDOW)).isEqualTo(2);
        assertThat(failures().reserve("user:alice", 2, minutes(30), WINDOW)).isEqualTo(1);
    }

    @Test
    default void releaseTakesBackOneAttemptAndResetClearsTheCount() {
        failures().reserve("user:alice", LIMIT, NOW, WINDOW);
        failures().reserve("user:alice", LIMIT, NOW, WINDOW);
        failures().reserve("ip:192.0.2.1", LIMIT, NOW, WINDOW);

        failures().release("user:alice", NOW, WINDOW);
        assertThat(failures().reserve("user:alice", LIMIT, NOW, WINDOW)).isEqualTo(2);

        failures().reset("user:alice");
        assertThat(failures().reserve("user:alice", LIMIT, NOW, WINDOW)).isEqualTo(1);
        assertThat(failures().reserve("ip:192.0.2.1", LIMIT, NOW, WINDOW)).isEqualTo(2);
    }

    @Test
    default void concurrentReservationsNeverPassTheLimit() throws Exception {
        List<Integer> counts = Race.run(30, i -> failures().reserve("user:race", LIMIT, NOW, WINDOW));

        assertThat(counts.stream().filter(c -> c > 0).toList())
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, LIMIT).boxed().toList());
        assertThat(failures().reserve("user:race", LIMIT + 1, NOW, WINDOW)).isEqualTo(LIMIT + 1);
    }

    @Test
    default void concurrentFirstReservationsOfAKeyAllCountWhileUnderTheLimit() throws Exception {
        for (int round = 0; round < 20; round++) {
            String key = "user:fresh-" + round;
            List<Integer> counts = Race.run(8, i -> failures().reserve(key, 1000, NOW, WINDOW));

            assertThat(counts).as("round %d", round).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 8).boxed().toList());
        }
    }

    @Test
    default void deleteExpiredRemovesOnlyClosedWindowsInBoundedBatches() {
        for (int i = 0; i < 5; i++) {
            failures().reserve("old-" + i, LIMIT, minutes(-20 - i), WINDOW);
        }
        for (int i = 0; i < 3; i++) {
            failures().reserve("current-" + i, LIMIT, minutes(-i), WINDOW);
        }

        assertThat(failures().deleteExpired(NOW, WINDOW, 3)).isEqualTo(3);
        assertThat(failures().deleteExpired(NOW, WINDOW, 3)).isEqualTo(2);
        assertThat(failures().deleteExpired(NOW, WINDOW, 3)).isZero();
        assertThat(failures().reserve("old-0", LIMIT, NOW, WINDOW)).isEqualTo(1);
        assertThat(failures().reserve("current-2", LIMIT, NOW, WINDOW)).isEqualTo(2);
    }
}
