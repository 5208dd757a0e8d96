package dev.cell.jdbc;

import java.sql.SQLException;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementException;

/**
 * A statement the database refused, told by its SQLState and SQL text only: the driver's message and Jdbi's rendering
 * quote bound values (token hashes, user ids), which must never reach a log (SQL:2016 section 24.1 SQLSTATE).
 */
final class StatementFailedException extends JdbiException {
    private final String sqlState;

    StatementFailedException(Throwable failure) {
        this(sqlState(failure), rawSql(failure), failure);
    }

    private StatementFailedException(String sqlState, String rawSql, Throwable failure) {
        super("SQL statement failed with SQLState " + sqlState + (rawSql == null ? "" : ": " + rawSql.strip().replaceAll("\\s+", " ")));
        this.sqlState = sqlState;
        setStackTrace(failure.getStackTrace());
    }

    /** The SQLState of the first {@link SQLException} in the failure's causes, or null. */
    String sqlState() {
        return sqlState;
    }

    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }

    /** The statement as written, with named parameters rather than their values. */
    private static String rawSql(Throwable failure) {
        return failure instanceof StatementException s && s.getStatementContext() != null ? s.getStatementContext().getRawSql() : null;
    }
}
