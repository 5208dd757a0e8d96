package dev.cell.jdbc;

import dev.cell.store.KnownBrowserStore;
import java.time.Instant;

/** Known browsers in SQL: one row per account and browser, its expiry moved forward at each sign-in. */
final class JdbcKnownBrowserStore implements KnownBrowserStore {
    private final Sql sql;

    JdbcKnownBrowserStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void remember(String key, Instant expiresAt) {
        sql.transactionRetryingDuplicates(h -> {
            int updated = h.createUpdate("UPDATE known_browsers SET expires_at = :expiresAt WHERE browser_key = :key")
                    .bind("key", key)
                    .bind("expiresAt", expiresAt.toEpochMilli())
                    .execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO known_browsers (browser_key, expires_at) VALUES (:key, :expiresAt)")
                        .bind("key", key)
                        .bind("expiresAt", expiresAt.toEpochMilli())
                        .execute();
            }
            return null;
        });
    }

    @Override
    public boolean isKnown(String key, Instant now) {
        return sql.call(h -> h.createQuery("SELECT COUNT(*) FROM known_browsers WHERE browser_key = :key AND expires_at > :now")
                .bind("key", key)
                .bind("now", now.toEpochMilli())
                .mapTo(Integer.class)
                .one()) > 0;
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return sql.deleteBefore("known_browsers", "browser_key", "expires_at", now.toEpochMilli(), limit);
    }
}
