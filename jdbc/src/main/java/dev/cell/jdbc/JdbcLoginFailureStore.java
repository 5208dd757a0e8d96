package dev.cell.jdbc;

import dev.cell.store.LoginFailureStore;
import java.time.Duration;
import java.time.Instant;

/**
 * Failed login counters in SQL, one fixed window per key: a failure after the window restarts the count.
 * Each failure is one atomic UPDATE (or the INSERT of a first row), so concurrent nodes never lose a count.
 */
final class JdbcLoginFailureStore implements LoginFailureStore {
    private final Sql sql;

    JdbcLoginFailureStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public int recordFailure(String key, Instant now, Duration window) {
        long nowMillis = now.toEpochMilli();
        long windowOpen = nowMillis - window.toMillis();
        return sql.transactionRetryingDuplicates(h -> {
            int updated = h.createUpdate("""
                    UPDATE login_failures
                    SET failures = CASE WHEN window_start > :windowOpen THEN failures + 1 ELSE 1 END,
                        window_start = CASE WHEN window_start > :windowOpen THEN window_start ELSE :now END
                    WHERE failure_key = :key
                    """)
                    .bind("windowOpen", windowOpen)
                    .bind("now", nowMillis)
                    .bind("key", key)
                    .execute();
            if (updated == 0) {
                h.createUpdate("""
                        INSERT INTO login_failures (failure_key, failures, window_start) VALUES (:key, 1, :now)
                        """)
                        .bind("key", key)
                        .bind("now", nowMillis)
                        .execute();
            }
            return h.createQuery("SELECT failures FROM login_failures WHERE failure_key = :key")
                    .bind("key", key)
                    .mapTo(Integer.class)
                    .one();
        });
    }

    @Override
    public int failures(String key, Instant now, Duration window) {
        return sql.call(h -> h.createQuery(
                        "SELECT failures FROM login_failures WHERE failure_key = :key AND window_start > :windowOpen")
                .bind("key", key)
                .bind("windowOpen", now.toEpochMilli() - window.toMillis())
                .mapTo(Integer.class)
                .findOne()
                .orElse(0));
    }

    @Override
    public void reset(String key) {
        sql.call(h -> h.createUpdate("DELETE FROM login_failures WHERE failure_key = :key").bind("key", key).execute());
    }

    @Override
    public int deleteExpired(Instant now, Duration window, int limit) {
        return sql.deleteBefore("login_failures", "failure_key", "window_start",
                now.toEpochMilli() - window.toMillis(), limit);
    }
}
