package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.store.StoreUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database lifecycle: migration, reopening a file database, readiness, and failing fast when it is down. */
class DatabaseTest {
    @TempDir
    Path dir;

    private static String memoryUrl() {
        return "jdbc:h2:mem:cell_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void aPlainH2FileDatabaseKeepsItsDataAcrossRestarts() {
        String url = "jdbc:h2:file:" + dir.resolve("cell").toAbsolutePath();
        try (Database first = new Database(url, null, null, 2)) {
            first.stores().clients().create(client("app", 1));
        }

        try (Database second = new Database(url, null, null, 2)) {
            assertThat(second.stores().clients().find("app")).contains(client("app", 1));
        }
    }

    @Test
    void anOpenDatabaseIsReachableAndAClosedOneIsNot() {
        Database database = new Database(memoryUrl(), null, null, 2);
        assertThat(database.isReachable()).isTrue();

        database.close();

        assertThat(database.isReachable()).isFalse();
    }

    @Test
    void storesOfAClosedDatabaseReportItUnavailable() {
        Database database = new Database(memoryUrl(), null, null, 2);
        database.close();

        assertThatThrownBy(() -> database.stores().clients().version("app"))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void anUnreachableServerFailsFastAsUnavailable() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> new Database("jdbc:postgresql://127.0.0.1:1/cell", "cell", "cell", 2))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("cannot connect to the database");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
