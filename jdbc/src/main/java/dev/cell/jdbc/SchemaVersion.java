package dev.cell.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Whether the schema is already at this build's latest migration, read from Flyway's history table in one query, so a
 * restart of an up-to-date node skips loading and running Flyway (a large share of start-up time).
 */
final class SchemaVersion {
    /** The version of the newest file under {@code db/migration}; {@code SchemaVersionTest} keeps the two in step. */
    static final int LATEST = 26;

    private static final String QUERY = "SELECT MAX(CASE WHEN \"success\" THEN CAST(\"version\" AS INTEGER) END),"
            + " SUM(CASE WHEN \"success\" THEN 0 ELSE 1 END) FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL";

    private SchemaVersion() {}

    /** True when every recorded migration succeeded and the newest is {@link #LATEST}; false on any doubt. */
    static boolean isCurrent(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
            return rs.next() && rs.getInt(1) == LATEST && rs.getInt(2) == 0;
        } catch (SQLException e) {
            return false;       // no history table yet, or one Flyway should look at: let Flyway decide
        }
    }
}
