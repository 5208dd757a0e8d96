package dev.cell.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The store contract on an in-memory H2 database in its regular (not PostgreSQL) mode. */
class H2StoreContractTest extends StoreContractTest {
    private final String url =
            "jdbc:h2:mem:cell_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";

    @Override
    protected String createDatabase() {
        return url;
    }

    @Override
    protected void dropDatabase() {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot shut the test database down", e);
        }
    }
}
