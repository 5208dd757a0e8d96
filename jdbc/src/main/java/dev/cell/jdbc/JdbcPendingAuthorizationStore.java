package dev.cell.jdbc;

import static dev.cell.jdbc.Columns.instant;
import static dev.cell.jdbc.Columns.millis;

import dev.cell.authorize.AuthorizationRequest;
import dev.cell.authorize.PendingAuthorization;
import dev.cell.authorize.PendingLimits;
import dev.cell.store.PendingAuthorizationStore;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** Authorization requests in progress (RFC 6749 §4.1.1), kept in SQL between the login and consent pages; the request as its parameters. */
final class JdbcPendingAuthorizationStore implements PendingAuthorizationStore {
    private static final RowMapper<PendingAuthorization> MAPPER = (rs, ctx) -> new PendingAuthorization(
            rs.getString("id"),
            rs.getString("browser_id"),
            rs.getString("client_address"),
            AuthorizationRequest.fromParameters(Json.toStringMap(rs.getString("parameters"))),
            rs.getString("authenticated_session"),
            instant(rs, "created_at"),
            instant(rs, "expires_at"));

    private final Sql sql;

    JdbcPendingAuthorizationStore(Sql sql) {
        this.sql = sql;
    }

    /**
     * One conditional insert: the three counts run in the statement that inserts, never as an earlier read. Concurrent
     * inserts that each see the other's row uncommitted may pass together, so a bound is exceeded by at most the inserts in
     * flight at once (each node's pool size).
     */
    @Override
    public boolean saveWithin(PendingAuthorization pending, PendingLimits limits) {
        int[] inserted = new int[1];
        sql.insert("pending authorization id is taken", h -> inserted[0] = h.createUpdate("""
                INSERT INTO pending_authorizations (id, client_id, browser_id, client_address, parameters, authenticated_session, created_at,
                    expires_at)
                SELECT :id, :clientId, :browserId, :clientAddress, :parameters, :authenticatedSession, :createdAt, :expiresAt FROM (VALUES (1)) AS one (x)
                WHERE (SELECT COUNT(*) FROM pending_authorizations WHERE browser_id = :browserId AND expires_at > :createdAt) < :perBrowser
                AND (SELECT COUNT(*) FROM pending_authorizations WHERE client_address = :clientAddress AND expires_at > :createdAt)
                    < :perClientAddress
                AND (SELECT COUNT(*) FROM pending_authorizations WHERE expires_at > :createdAt) < :total
                """)
                .bind("id", pending.id())
                .bind("clientId", pending.clientId())
                .bind("browserId", pending.browserId())
                .bind("clientAddress", pending.clientAddress())
                .bind("parameters", Json.ofMap(pending.request().toParameters()))
                .bind("authenticatedSession", pending.authenticatedSession())
                .bind("createdAt", millis(pending.createdAt()))
                .bind("expiresAt", millis(pending.expiresAt()))
                .bind("perBrowser", limits.perBrowser())
                .bind("perClientAddress", limits.perClientAddress())
                .bind("total", limits.total())
                .execute());
        return inserted[0] == 1;
    }

    @Override
    public Optional<PendingAuthorization> find(String id, Instant now) {
        return sql.call(h -> h.createQuery("""
                SELECT id, browser_id, client_address, parameters, authenticated_session, created_at, expires_at
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
