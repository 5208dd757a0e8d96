package dev.cell.jdbc;

import dev.cell.store.UsedJtiStore;
import java.time.Instant;
import org.jdbi.v3.core.JdbiException;

/** JWT ids already accepted, per issuer (RFC 7523 §3 item 7): the primary key turns a replay into a failed INSERT. */
final class JdbcUsedJtiStore implements UsedJtiStore {
    private final Sql sql;

    JdbcUsedJtiStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public boolean markUsed(String issuer, String jti, Instant expiresAt) {
        try {
            sql.call(h -> h.createUpdate(
                            "INSERT INTO used_jtis (issuer, jti, expires_at) VALUES (:issuer, :jti, :expiresAt)")
                    .bind("issuer", issuer)
                    .bind("jti", jti)
                    .bind("expiresAt", expiresAt.toEpochMilli())
                    .execute());
            return true;
        } catch (JdbiException e) {
            if (Sql.isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return sql.deleteBefore("used_jtis", "issuer, jti", "expires_at", now.toEpochMilli(), limit);
    }
}
