package dev.cell.jdbc;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The store contract on a fresh PostgreSQL database, created on the server named by CELL_TEST_DB_URL. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".*\\S.*",
        disabledReason = "CELL_TEST_DB_URL not set: PostgreSQL store tests skipped")
class PostgresStoreContractTest extends StoreContractTest {
    private PostgresTestDatabase database;

    @Override
    protected String createDatabase() {
        database = new PostgresTestDatabase();
        return database.create();
    }

    @Override
    protected void dropDatabase() {
        if (database != null) {
            database.drop();
        }
    }
}
