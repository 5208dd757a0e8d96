package dev.cell.jdbc;

import static dev.cell.jdbc.Columns.instant;
import static dev.cell.jdbc.Columns.millis;

import dev.cell.authorize.PendingAuthorization;
import dev.cell.store.PendingAuthorizationStore;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** Authorization requests in progress (RFC 6749 §4.1.1), kept in SQL between the login and consent pages. */
final class JdbcPendingAuthorizationStore implements PendingAuthorizationStore {
    private static final RowMapper<PendingAuthorization> MAPPER = (rs, ctx) -> new PendingAuthorization(
            rs.getString("id"),
            rs.getString("client_id"),
            rs.getString("browser_id"),
            Json.toStringMap(rs.getString("parameters")),
            instant(rs, "created_at"),
            instant(rs, "expires_at"));

    private final Sql sql;

    JdbcPendingAuthorizationStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void save(PendingAuthorization pending) {
        sql.insert("pending authorization id is taken", h -> h.createUpdate("""
                INSERT INTO pending_authorizations (id, client_id, browser_id, parameters, created_at, expires_at)
                VALUES (:id, :clientId, :browserId, :parameters, :createdAt, :expiresAt)
                """)
                .bind("id", pending.id())
                .bind("clientId", pending.clientId())
                .bind("browserId", pending.browserId())
                .bind("parameters", Json.ofMap(pending.parameters()))
                .bind("createdAt", millis(pending.createdAt()))
                .bind("expiresAt", millis(pending.expiresAt()))
                .execute());
    }

    @Override
    public Optional<PendingAuthorization> find(String id, Instant now) {
        return sql.call(h -> h.createQuery("""
                SELECT id, client_id, browser_id, parameters, created_at, expires_at
                FROM pending_authorizations WHERE id = :id AND expires_at > :now
                """)
                .bind("id", id)
                .bind("now", millis(now))
                .map(MAPPER)
                .findOne());
    }

    @Override
    public boolean delete(String id) {
        return sql.call(h -> h.createUpdate("DELETE FROM pending_authorizations WHERE id = :id")
                .bind("id", id)
                .execute()) == 1;
    }

    @Override
    public int countForBrowser(String browserId, Instant now) {
        return sql.call(h -> h.createQuery("""
                SELECT COUNT(*) FROM pending_authorizations WHERE browser_id = :browserId AND expires_at > :now
                """)
                .bind("browserId", browserId)
                .bind("now", millis(now))
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return sql.deleteBefore("pending_authorizations", "id", "expires_at", now.toEpochMilli(), limit);
    }
}
