package dev.cell.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The start-up shortcut past Flyway: taken only for a schema at the latest version with no failed migration. */
class SchemaVersionTest {
    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.*\\.sql");

    @Test
    void latestIsTheNewestMigrationFile() throws IOException, URISyntaxException {
        Path dir = Path.of(SchemaVersion.class.getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            int newest = files.map(f -> MIGRATION.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
            assertThat(SchemaVersion.LATEST).isEqualTo(newest);
        }
    }

    @Test
    void onlyAFullyMigratedSchemaIsCurrent() throws SQLException {
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl("jdbc:h2:mem:schema_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
            assertThat(SchemaVersion.isCurrent(ds)).as("empty database").isFalse();

            Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("1").load().migrate();
            assertThat(SchemaVersion.isCurrent(ds)).as("one migration behind").isFalse();

            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            assertThat(SchemaVersion.isCurrent(ds)).as("migrated").isTrue();

            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '2'");
            }
            assertThat(SchemaVersion.isCurrent(ds)).as("a failed migration").isFalse();
        }
    }

    @Test
    void aDatabaseOneMigrationBehindIsMigratedOnOpen() throws SQLException {
        String url = "jdbc:h2:mem:behind_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(url);
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("1").load().migrate();
            try (Database database = new Database(url, null, null, 2)) {
                assertThat(SchemaVersion.isCurrent(ds)).isTrue();
                assertThat(database.isReachable()).isTrue();
            }
        }
    }

    @Test
    void aClientStoredBeforeThePkceSettingStillRequiresPkce() throws SQLException {
        String url = "jdbc:h2:mem:pkce_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(url);
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("2").load().migrate();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO clients (client_id, auth_method, grant_types, redirect_uris, post_logout_redirect_uris, scopes,"
                        + " audiences, access_token_format, first_party, authorities, created_at, updated_at, version) VALUES ('old',"
                        + " 'client_secret_basic', '[\"authorization_code\"]', '[\"https://old.example/cb\"]', '[]', '[]', '[]', 'jwt', FALSE,"
                        + " '[]', 0, 0, 1)");
            }
            try (Database database = new Database(url, null, null, 2)) {
                assertThat(database.stores().clients().find("old").orElseThrow().pkceRequired()).isTrue();
            }
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+",
            disabledReason = "CELL_TEST_DB_URL not set: PostgreSQL check skipped")
    void theShortcutReadsPostgresHistoryToo() {
        PostgresTestDatabase pg = new PostgresTestDatabase();
        String url = pg.create();
        try {
            try (HikariDataSource ds = new HikariDataSource()) {
                ds.setJdbcUrl(url);
                assertThat(SchemaVersion.isCurrent(ds)).isFalse();
                new Database(url, null, null, 2).close();
                assertThat(SchemaVersion.isCurrent(ds)).isTrue();
            }
        } finally {
            pg.drop();
        }
    }
}
