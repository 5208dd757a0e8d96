package dev.cell.bench;

import dev.cell.jdbc.PostgresTestDatabase;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The load generator's scenarios against Cell on PostgreSQL (a database of its own, dropped afterwards). */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+",
        disabledReason = "CELL_TEST_DB_URL not set: PostgreSQL scenarios skipped")
class ScenariosOnPostgresTest extends ScenariosAgainstCell {
    private PostgresTestDatabase pg;

    @Override
    String databaseUrl() {
        pg = new PostgresTestDatabase();
        return pg.create();
    }

    @Override
    void dropDatabase() {
        if (pg != null) {
            pg.drop();
        }
    }
}
