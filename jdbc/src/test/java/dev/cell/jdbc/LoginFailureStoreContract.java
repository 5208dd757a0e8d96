package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.NOW;
import static dev.cell.jdbc.Fixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.store.LoginFailureStore;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Contract of {@link LoginFailureStore}: fixed-window counting that loses no failure under contention. */
interface LoginFailureStoreContract extends StoreContract {
    Duration WINDOW = Duration.ofMinutes(15);

    private LoginFailureStore failures() {
        return stores().loginFailures();
    }

    @Test
    default void failuresCountUpWithinTheWindow() {
        assertThat(failures().recordFailure("user:alice", NOW, WINDOW)).isEqualTo(1);
        assertThat(failures().recordFailure("user:alice", minutes(5), WINDOW)).isEqualTo(2);
        assertThat(failures().recordFailure("user:alice", minutes(14), WINDOW)).isEqualTo(3);

        assertThat(failures().failures("user:alice", minutes(14), WINDOW)).isEqualTo(3);
        assertThat(failures().failures("user:bob", minutes(14), WINDOW)).isZero();
    }

    @Test
    default void aFailureAfterTheWindowStartsANewOne() {
        failures().recordFailure("user:alice", NOW, WINDOW);
        failures().recordFailure("user:alice", minutes(1), WINDOW);

        assertThat(failures().failures("user:alice", minutes(15), WINDOW)).isZero();
        assertThat(failures().recordFailure("user:alice", minutes(15), WINDOW)).isEqualTo(1);
        assertThat(failures().recordFailure("user:alice", minutes(29), WINDOW)).isEqualTo(2);
        assertThat(failures().recordFailure("user:alice", minutes(30), WINDOW)).isEqualTo(1);
    }

    @Test
    default void resetClearsTheCount() {
        failures().recordFailure("user:alice", NOW, WINDOW);
        failures().recordFailure("ip:192.0.2.1", NOW, WINDOW);

        failures().reset("user:alice");

        assertThat(failures().failures("user:alice", NOW, WINDOW)).isZero();
        assertThat(failures().failures("ip:192.0.2.1", NOW, WINDOW)).isEqualTo(1);
        assertThat(failures().recordFailure("user:alice", NOW, WINDOW)).isEqualTo(1);
    }

    @Test
    default void concurrentFailuresAreAllCounted() throws Exception {
        List<Integer> counts = Race.run(20, i -> failures().recordFailure("user:race", NOW, WINDOW));

        assertThat(counts).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
        assertThat(failures().failures("user:race", NOW, WINDOW)).isEqualTo(20);
    }

    @Test
    default void deleteExpiredRemovesOnlyClosedWindowsInBoundedBatches() {
        for (int i = 0; i < 5; i++) {
            failures().recordFailure("old-" + i, minutes(-20 - i), WINDOW);
        }
        for (int i = 0; i < 3; i++) {
            failures().recordFailure("current-" + i, minutes(-i), WINDOW);
        }

        assertThat(failures().deleteExpired(NOW, WINDOW, 3)).isEqualTo(3);
        assertThat(failures().deleteExpired(NOW, WINDOW, 3)).isEqualTo(2);
        assertThat(failures().deleteExpired(NOW, WINDOW, 3)).isZero();
        assertThat(failures().recordFailure("old-0", NOW, WINDOW)).isEqualTo(1);
        assertThat(failures().recordFailure("current-2", NOW, WINDOW)).isEqualTo(2);
    }
}
