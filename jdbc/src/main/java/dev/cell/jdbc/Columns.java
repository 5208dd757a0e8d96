package dev.cell.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Conversions between instants and the BIGINT epoch-millisecond columns that hold them. */
final class Columns {
    private Columns() {}

    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
