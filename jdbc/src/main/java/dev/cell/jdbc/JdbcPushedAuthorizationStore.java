package dev.cell.jdbc;

import static dev.cell.jdbc.Columns.instant;
import static dev.cell.jdbc.Columns.millis;

import dev.cell.authorize.PushedAuthorization;
import dev.cell.store.PushedAuthorizationStore;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** Pushed authorization requests in SQL (RFC 9126 §2.2), redeemed by one DELETE so only one caller wins (§4). */
public final class JdbcPushedAuthorizationStore implements PushedAuthorizationStore {
    private static final RowMapper<PushedAuthorization> MAPPER = (rs, ctx) -> new PushedAuthorization(
            rs.getString("request_uri_hash"),
            rs.getString("client_id"),
            Json.toStringMap(rs.getString("parameters")),
            instant(rs, "created_at"),
            instant(rs, "expires_at"));

    private final Sql sql;

    public JdbcPushedAuthorizationStore(Database database) {
        this.sql = database.sql();
    }

    /**
     * One conditional insert: the count runs in the statement that inserts, never as an earlier read. Concurrent inserts that
     * each see the other's row uncommitted may pass together, so the bound is exceeded by at most the inserts in flight at once
     * (each node's pool size).
     */
    @Override
    public boolean saveWithin(PushedAuthorization request, int maxPerClient) {
        int[] inserted = new int[1];
        sql.insert("request_uri hash is taken", h -> inserted[0] = h.createUpdate("""
                INSERT INTO pushed_authorizations (request_uri_hash, client_id, parameters, created_at, expires_at)
                SELECT :hash, :clientId, :parameters, :createdAt, :expiresAt FROM (VALUES (1)) AS one (x)
                WHERE (SELECT COUNT(*) FROM pushed_authorizations WHERE client_id = :clientId AND expires_at > :createdAt) < :max
                """)
                .bind("hash", request.requestUriHash())
                .bind("clientId", request.clientId())
                .bind("parameters", Json.ofMap(request.parameters()))
                .bind("createdAt", millis(request.createdAt()))
                .bind("expiresAt", millis(request.expiresAt()))
                .bind("max", maxPerClient)
                .execute());
        return inserted[0] == 1;
    }

    /** Reads the row, then deletes it: the DELETE that removes it decides the one winner; an expired row is never handed out. */
    @Override
    public Optional<PushedAuthorization> consume(String requestUriHash, String clientId, Instant now) {
        return sql.call(h -> {
            Optional<PushedAuthorization> row = h.createQuery("""
                    SELECT request_uri_hash, client_id, parameters, created_at, expires_at FROM pushed_authorizations
                    WHERE request_uri_hash = :hash AND client_id = :clientId AND expires_at > :now
                    """)
                    .bind("hash", requestUriHash)
                    .bind("clientId", clientId)
                    .bind("now", millis(now))
                    .map(MAPPER)
                    .findOne();
            if (row.isEmpty()) {
                return row;
            }
            int won = h.createUpdate("DELETE FROM pushed_authorizations WHERE request_uri_hash = :hash AND client_id = :clientId")
                    .bind("hash", requestUriHash)
                    .bind("clientId", clientId)
                    .execute();
            return won == 1 ? row : Optional.<PushedAuthorization>empty();
        });
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return sql.deleteBefore("pushed_authorizations", "request_uri_hash", "expires_at", now.toEpochMilli(), limit);
    }
}
