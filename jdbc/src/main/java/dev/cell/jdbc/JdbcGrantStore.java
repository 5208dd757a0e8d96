package dev.cell.jdbc;

import static dev.cell.jdbc.Columns.instant;
import static dev.cell.jdbc.Columns.millis;

import dev.cell.session.UserGrant;
import dev.cell.store.DuplicateException;
import dev.cell.store.GrantStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.mapper.RowMapper;

/** A user's grants and the login sessions they came through, in SQL, so every node ends the same grants. */
final class JdbcGrantStore implements GrantStore {
    private static final String COLUMNS = "grant_id, user_id, client_id, session_id, created_at, expires_at";
    private static final RowMapper<UserGrant> MAPPER = (rs, ctx) -> new UserGrant(
            rs.getString("grant_id"),
            rs.getString("user_id"),
            rs.getString("client_id"),
            rs.getString("session_id"),
            instant(rs, "created_at"),
            instant(rs, "expires_at"));

    private final Sql sql;

    JdbcGrantStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void save(UserGrant grant) {
        try {
            sql.insert("grant id is taken", h -> h.createUpdate("INSERT INTO grants (" + COLUMNS + ")"
                            + " VALUES (:grantId, :userId, :clientId, :sessionId, :createdAt, :expiresAt)")
                    .bind("grantId", grant.grantId())
                    .bind("userId", grant.userId())
                    .bind("clientId", grant.clientId())
                    .bind("sessionId", grant.sessionId())
                    .bind("createdAt", millis(grant.createdAt()))
                    .bind("expiresAt", millis(grant.expiresAt()))
                    .execute());
        } catch (DuplicateException e) {
            // already recorded: a grant id names one grant
        }
    }

    @Override
    public List<UserGrant> listForSession(String sessionId) {
        return listForSessions(List.of(sessionId));
    }

    @Override
    public List<UserGrant> listForSessions(Collection<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return List.of();
        }
        return sql.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM grants WHERE session_id IN (<ids>) ORDER BY grant_id")
                .bindList("ids", Set.copyOf(sessionIds))
                .map(MAPPER)
                .list());
    }

    @Override
    public List<UserGrant> listForUser(String userId) {
        return sql.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM grants WHERE user_id = :userId ORDER BY grant_id")
                .bind("userId", userId)
                .map(MAPPER)
                .list());
    }

    @Override
    public int delete(Collection<String> grantIds) {
        if (grantIds.isEmpty()) {
            return 0;
        }
        return sql.call(h -> h.createUpdate("DELETE FROM grants WHERE grant_id IN (<ids>)")
                .bindList("ids", Set.copyOf(grantIds))
                .execute());
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return sql.deleteBefore("grants", "grant_id", "expires_at", now.toEpochMilli(), limit);
    }
}
