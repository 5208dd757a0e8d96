package dev.cell.jdbc;

import dev.cell.store.LoginFailureStore;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Login attempt counters in SQL, one fixed window per key: an attempt after the window restarts the count. A
 * reservation is one conditional UPDATE (or the INSERT of a first row), so concurrent nodes never count past the limit.
 */
final class JdbcLoginFailureStore implements LoginFailureStore {
    private final Sql sql;

    JdbcLoginFailureStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public int reserve(String key, int limit, Instant now, Duration window) {
        long nowMillis = now.toEpochMilli();
        long windowOpen = nowMillis - window.toMillis();
        return sql.transactionRetryingDuplicates(h -> {
            int counted = countInWindow(h, key, limit, windowOpen, nowMillis);
            if (counted == 0) {
                // no row yet, or the limit is used up: only the former inserts (a row inserted meanwhile is a duplicate, retried)
                counted = h.createUpdate("""
                        INSERT INTO login_failures (failure_key, failures, window_start)
                        SELECT :key, 1, :now WHERE NOT EXISTS (SELECT 1 FROM login_failures WHERE failure_key = :key)
                        """)
                        .bind("key", key)
                        .bind("now", nowMillis)
                        .execute();
            }
            if (counted == 0) {
                // a concurrent first reservation committed its row between the UPDATE and the INSERT: count in it
                counted = countInWindow(h, key, limit, windowOpen, nowMillis);
                if (counted == 0) {
                    return 0;
                }
            }
            return h.createQuery("SELECT failures FROM login_failures WHERE failure_key = :key")
                    .bind("key", key)
                    .mapTo(Integer.class)
                    .one();
        });
    }

    /** Counts one attempt in the key's row if its window has room (or has ended); 1 if it did, 0 if not or no row. */
    private static int countInWindow(Handle h, String key, int limit, long windowOpen, long nowMillis) {
        return h.createUpdate("""
                UPDATE login_failures
                SET failures = CASE WHEN window_start > :windowOpen THEN failures + 1 ELSE 1 END,
                    window_start = CASE WHEN window_start > :windowOpen THEN window_start ELSE :now END
                WHERE failure_key = :key AND (window_start <= :windowOpen OR failures < :limit)
                """)
                .bind("windowOpen", windowOpen)
                .bind("now", nowMillis)
                .bind("key", key)
                .bind("limit", limit)
                .execute();
    }

    @Override
    public void release(String key, Instant now, Duration window) {
        sql.call(h -> h.createUpdate(
                        "UPDATE login_failures SET failures = failures - 1 WHERE failure_key = :key AND failures > 0 AND window_start > :windowOpen")
                .bind("key", key)
                .bind("windowOpen", now.toEpochMilli() - window.toMillis())
                .execute());
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
