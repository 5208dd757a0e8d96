package dev.cell.jdbc;

import dev.cell.store.RevokedTokenStore;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/** The deny list of revoked JWT ids and grant ids in SQL (RFC 7009 §2), each kept until its latest expiry. */
final class JdbcRevokedTokenStore implements RevokedTokenStore {
    private final Sql sql;

    JdbcRevokedTokenStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void revoke(String id, Instant expiresAt) {
        long expires = expiresAt.toEpochMilli();
        sql.upsert(
                h -> h.createUpdate("""
                        UPDATE revoked_tokens
                        SET expires_at = CASE WHEN expires_at < :expiresAt THEN :expiresAt ELSE expires_at END
                        WHERE id = :id
                        """)
                        .bind("expiresAt", expires)
                        .bind("id", id)
                        .execute(),
                h -> h.createUpdate("INSERT INTO revoked_tokens (id, expires_at) VALUES (:id, :expiresAt)")
                        .bind("id", id)
                        .bind("expiresAt", expires)
                        .execute());
    }

    @Override
    public boolean anyRevoked(Collection<String> ids) {
        if (ids.isEmpty()) {
            return false;
        }
        return sql.call(h -> h.createQuery("SELECT id FROM revoked_tokens WHERE id IN (<ids>)")
                .bindList("ids", Set.copyOf(ids))
                .mapTo(String.class)
                .findFirst()
                .isPresent());
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return sql.deleteBefore("revoked_tokens", "id", "expires_at", now.toEpochMilli(), limit);
    }
}
