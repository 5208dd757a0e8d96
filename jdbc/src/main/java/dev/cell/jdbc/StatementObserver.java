package dev.cell.jdbc;

import java.time.Instant;

/** Told of every SQL statement a store ran, with its text (never its bound values) and times: for traces. */
@FunctionalInterface
public interface StatementObserver {
    StatementObserver NONE = (sql, start, end, failure) -> { };

    /**
     * @param sql the statement as prepared, with placeholders
     * @param failure what it threw, or null
     */
    void statement(String sql, Instant start, Instant end, Throwable failure);
}
