package dev.cell.jdbc;

import static dev.cell.jdbc.Columns.instant;

import dev.cell.registration.InitialAccessToken;
import dev.cell.store.InitialAccessTokenStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.mapper.RowMapper;

/** Initial access tokens in SQL (RFC 7591 section 3): a use is one conditional UPDATE, so a single-use token has one winner. */
final class JdbcInitialAccessTokenStore implements InitialAccessTokenStore {
    private static final String COLUMNS = "id, scopes, uses_left, created_by, created_at, expires_at";

    private static final RowMapper<InitialAccessToken> MAPPER = (rs, ctx) -> {
        int uses = rs.getInt("uses_left");
        Integer usesLeft = rs.wasNull() ? null : uses;
        String scopes = rs.getString("scopes");
        return new InitialAccessToken(rs.getString("id"), scopes == null ? Set.of() : Json.toSet(scopes), usesLeft,
                rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "expires_at"));
    };

    private final Sql sql;

    JdbcInitialAccessTokenStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void create(InitialAccessToken token, String tokenHash) {
        sql.insert("initial access token id is taken: " + token.id(), h -> h.createUpdate("""
                INSERT INTO initial_access_tokens (id, token_hash, scopes, uses_left, created_by, created_at, expires_at)
                VALUES (:id, :tokenHash, :scopes, :usesLeft, :createdBy, :createdAt, :expiresAt)
                """)
                .bind("id", token.id())
                .bind("tokenHash", tokenHash)
                .bind("scopes", token.scopes().isEmpty() ? null : Json.ofSet(token.scopes()))
                .bind("usesLeft", token.usesLeft())
                .bind("createdBy", token.createdBy())
                .bind("createdAt", token.createdAt().toEpochMilli())
                .bind("expiresAt", token.expiresAt().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<InitialAccessToken> findUsable(String tokenHash, Instant now) {
        return sql.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM initial_access_tokens"
                        + " WHERE token_hash = :tokenHash AND expires_at > :now AND (uses_left IS NULL OR uses_left > 0)")
                .bind("tokenHash", tokenHash)
                .bind("now", now.toEpochMilli())
                .map(MAPPER)
                .findOne());
    }

    @Override
    public boolean consume(String id, Instant now) {
        return sql.call(h -> h.createUpdate("""
                UPDATE initial_access_tokens SET uses_left = uses_left - 1
                WHERE id = :id AND expires_at > :now AND (uses_left IS NULL OR uses_left > 0)
                """)
                .bind("id", id)
                .bind("now", now.toEpochMilli())
                .execute()) == 1;
    }

    @Override
    public List<InitialAccessToken> list(Instant now, int limit) {
        return sql.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM initial_access_tokens WHERE expires_at > :now"
                        + " ORDER BY created_at DESC, id LIMIT :limit")
                .bind("now", now.toEpochMilli())
                .bind("limit", limit)
                .map(MAPPER)
                .list());
    }

    @Override
    public boolean delete(String id) {
        return sql.call(h -> h.createUpdate("DELETE FROM initial_access_tokens WHERE id = :id").bind("id", id).execute()) == 1;
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return sql.deleteBefore("initial_access_tokens", "id", "expires_at", now.toEpochMilli(), limit);
    }
}
