package dev.cell.jdbc;

import dev.cell.store.DuplicateException;
import dev.cell.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * Runs store statements on Jdbi and turns lost connections and taken keys into store exceptions, and any other failure
 * into a {@link StatementFailedException} that carries no bound value.
 */
final class Sql {
    /** SQLState of a unique or primary key violation, on H2 and PostgreSQL alike (SQL:2016 class 23). */
    private static final String UNIQUE_VIOLATION = "23505";

    /** How often an upsert retries after losing an insert race; one retry suffices unless rows vanish meanwhile. */
    private static final int UPSERT_ATTEMPTS = 3;

    private final Jdbi jdbi;
    private final DataSource dataSource;
    private volatile StatementObserver observer = StatementObserver.NONE;

    /** @param dataSource the pool behind {@code jdbi}, for {@link #jdbc} */
    Sql(Jdbi jdbi, DataSource dataSource) {
        this.jdbi = jdbi;
        this.dataSource = dataSource;
    }

    /** Tells {@code observer} of every statement from now on: Jdbi's through its SQL logger, plain JDBC ones here. */
    void observe(StatementObserver observer) {
        this.observer = observer;
        jdbi.getConfig(SqlStatements.class).setSqlLogger(new ObservingSqlLogger(observer));
    }

    /** Work on a plain JDBC connection. */
    @FunctionalInterface
    interface JdbcCallback<R> {
        R apply(Connection connection) throws SQLException;
    }

    /**
     * Runs the callback on one pooled connection in auto-commit mode without Jdbi: for the lookups every token request
     * makes, where Jdbi's per-statement set-up (handle, context, argument and mapper resolution) costs more than the query.
     */
    <R> R jdbc(String sql, JdbcCallback<R> callback) {
        StatementObserver observer = this.observer;
        if (observer == StatementObserver.NONE) {
            return jdbc(callback);
        }
        Instant start = Instant.now();
        try {
            R result = jdbc(callback);
            observer.statement(sql, start, Instant.now(), null);
            return result;
        } catch (RuntimeException e) {
            observer.statement(sql, start, Instant.now(), e);
            throw e;
        }
    }

    private <R> R jdbc(JdbcCallback<R> callback) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the database is unavailable", e);
        }
        try (connection) {
            return callback.apply(connection);
        } catch (SQLException e) {
            if (isConnectionFailure(e)) {
                throw new StoreUnavailableException("the database is unavailable", e);
            }
            throw new StatementFailedException(e);
        }
    }

    /** Runs the callback on one pooled connection in auto-commit mode. */
    <R> R call(HandleCallback<R, RuntimeException> callback) {
        return translate(() -> jdbi.withHandle(callback));
    }

    /** Runs the callback in one transaction, committed when it returns and rolled back when it throws. */
    <R> R transaction(HandleCallback<R, RuntimeException> callback) {
        return translate(() -> jdbi.inTransaction(callback));
    }

    /** Runs an insert, turning a unique key violation into {@link DuplicateException} with {@code message}. */
    void insert(String message, Consumer<Handle> insert) {
        try {
            call(h -> {
                insert.accept(h);
                return null;
            });
        } catch (JdbiException e) {
            throw duplicate(e, message);
        }
    }

    /**
     * A portable upsert: runs {@code update}; if it touched no row, runs {@code insert}; if a concurrent
     * writer inserted the same key first, runs {@code update} again. Needs no MERGE or ON CONFLICT dialect.
     */
    void upsert(ToIntFunction<Handle> update, Consumer<Handle> insert) {
        call(h -> {
            for (int attempt = 1; ; attempt++) {
                if (update.applyAsInt(h) > 0) {
                    return null;
                }
                try {
                    insert.accept(h);
                    return null;
                } catch (JdbiException e) {
                    if (!isDuplicate(e) || attempt == UPSERT_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        });
    }

    /** Runs a transaction again when it lost an insert race (its insert hit a key a concurrent one committed). */
    <R> R transactionRetryingDuplicates(HandleCallback<R, RuntimeException> callback) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction(callback);
            } catch (JdbiException e) {
                if (!isDuplicate(e) || attempt == UPSERT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Deletes at most {@code limit} rows of {@code table} whose {@code column} is before {@code before}, oldest
     * first, by primary key (one or more {@code keyColumns}): a bounded batch, so housekeeping never holds long
     * locks. The subquery with LIMIT and the row-value IN read the same on H2 and PostgreSQL.
     */
    int deleteBefore(String table, String keyColumns, String column, long before, int limit) {
        String sql = "DELETE FROM " + table + " WHERE (" + keyColumns + ") IN (SELECT " + keyColumns + " FROM "
                + table + " WHERE " + column + " < :before ORDER BY " + column + " LIMIT :limit)";
        return call(h -> h.createUpdate(sql).bind("before", before).bind("limit", limit).execute());
    }

    /** The exception to throw for {@code e}: a {@link DuplicateException} for a taken key, else {@code e}. */
    static RuntimeException duplicate(JdbiException e, String message) {
        return isDuplicate(e) ? new DuplicateException(message) : e;
    }

    static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())
                    || t instanceof StatementFailedException f && UNIQUE_VIOLATION.equals(f.sqlState())) {
                return true;
            }
        }
        return false;
    }

    private static <R> R translate(Supplier<R> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            if (isConnectionFailure(e)) {
                throw new StoreUnavailableException("the database is unavailable", e);
            }
            throw e instanceof StatementFailedException ? e : new StatementFailedException(e);
        }
    }

    /**
     * True when the failure is the connection's, not the statement's: no pooled connection could be had,
     * or the link broke (SQLState class 08), or the server is shutting down (PostgreSQL class 57P), or H2
     * reports a broken connection (90067) or a closed database (90098, 90121).
     */
    private static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")
                        || state.equals("90067") || state.equals("90098") || state.equals("90121")) {
                    return true;
                }
            }
        }
        return false;
    }
}
