package dev.cell.jdbc;

import static dev.cell.jdbc.Columns.instant;
import static dev.cell.jdbc.Columns.millis;

import dev.cell.session.LoginSession;
import dev.cell.store.LoginSessionStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** Browser login sessions in SQL, under the hash of their cookie value, so every node sees them. */
final class JdbcLoginSessionStore implements LoginSessionStore {
    private static final RowMapper<LoginSession> MAPPER = (rs, ctx) -> new LoginSession(
            rs.getString("id_hash"),
            rs.getString("user_id"),
            instant(rs, "auth_time"),
            Json.toList(rs.getString("amr")),
            instant(rs, "created_at"),
            instant(rs, "last_seen_at"),
            instant(rs, "expires_at"),
            rs.getString("user_agent"),
            rs.getString("ip"));

    private final Sql sql;

    JdbcLoginSessionStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void save(LoginSession session) {
        sql.insert("login session hash is taken", h -> h.createUpdate("""
                INSERT INTO login_sessions (id_hash, user_id, auth_time, amr, created_at, last_seen_at, expires_at, user_agent, ip)
                VALUES (:idHash, :userId, :authTime, :amr, :createdAt, :lastSeenAt, :expiresAt, :userAgent, :ip)
                """)
                .bind("idHash", session.idHash())
                .bind("userId", session.userId())
                .bind("authTime", millis(session.authTime()))
                .bind("amr", Json.ofList(session.amr()))
                .bind("createdAt", millis(session.createdAt()))
                .bind("lastSeenAt", millis(session.lastSeenAt()))
                .bind("expiresAt", millis(session.expiresAt()))
                .bind("userAgent", session.userAgent())
                .bind("ip", session.ip())
                .execute());
    }

    @Override
    public Optional<LoginSession> find(String idHash, Instant now) {
        return sql.call(h -> h.createQuery("""
                SELECT id_hash, user_id, auth_time, amr, created_at, last_seen_at, expires_at, user_agent, ip
                FROM login_sessions WHERE id_hash = :idHash AND expires_at > :now
                """)
                .bind("idHash", idHash)
                .bind("now", millis(now))
                .map(MAPPER)
                .findOne());
    }

    /** {@inheritDoc} A session already expired at {@code lastSeenAt} stays expired: touching it returns false. */
    @Override
    public boolean touch(String idHash, Instant lastSeenAt, Instant expiresAt) {
        return sql.call(h -> h.createUpdate("""
                UPDATE login_sessions SET last_seen_at = :lastSeenAt, expires_at = :expiresAt
                WHERE id_hash = :idHash AND expires_at > :lastSeenAt
                """)
                .bind("lastSeenAt", millis(lastSeenAt))
                .bind("expiresAt", millis(expiresAt))
                .bind("idHash", idHash)
                .execute()) == 1;
    }

    @Override
    public boolean delete(String idHash) {
        return sql.call(h -> h.createUpdate("DELETE FROM login_sessions WHERE id_hash = :idHash")
                .bind("idHash", idHash)
                .execute()) == 1;
    }

    @Override
    public int deleteForUser(String userId) {
        return sql.call(h -> h.createUpdate("DELETE FROM login_sessions WHERE user_id = :userId")
                .bind("userId", userId)
                .execute());
    }

    @Override
    public List<LoginSession> listForUser(String userId, Instant now, String afterIdHash, int limit) {
        String after = afterIdHash == null ? "" : " AND id_hash > :after";
        return sql.call(h -> h.createQuery("SELECT id_hash, user_id, auth_time, amr, created_at, last_seen_at, expires_at, user_agent, ip"
                        + " FROM login_sessions WHERE user_id = :userId AND expires_at > :now" + after + " ORDER BY id_hash LIMIT :limit")
                .bind("userId", userId)
                .bind("now", millis(now))
                .bind("limit", limit)
                .bindMap(afterIdHash == null ? Map.of() : Map.of("after", afterIdHash))
                .map(MAPPER)
                .list());
    }

    @Override
    public boolean delete(String idHash, String userId) {
        return sql.call(h -> h.createUpdate("DELETE FROM login_sessions WHERE id_hash = :idHash AND user_id = :userId")
                .bind("idHash", idHash)
                .bind("userId", userId)
                .execute()) == 1;
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return sql.deleteBefore("login_sessions", "id_hash", "expires_at", now.toEpochMilli(), limit);
    }
}
