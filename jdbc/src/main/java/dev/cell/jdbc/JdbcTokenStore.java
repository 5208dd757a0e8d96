package dev.cell.jdbc;

import static dev.cell.jdbc.Columns.instant;
import static dev.cell.jdbc.Columns.millis;

import dev.cell.store.TokenStore;
import dev.cell.token.ActiveGrant;
import dev.cell.token.StoredToken;
import dev.cell.token.TokenKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Refresh and opaque access tokens in SQL (RFC 6749 §1.4, §1.5), rotated by one conditional UPDATE
 * (RFC 9700 §4.14.2) and revoked per grant by one statement.
 */
final class JdbcTokenStore implements TokenStore {
    private static final RowMapper<StoredToken> MAPPER = (rs, ctx) -> new StoredToken(
            rs.getString("token_hash"),
            TokenKind.of(rs.getString("kind")),
            rs.getString("grant_id"),
            rs.getString("client_id"),
            rs.getString("user_id"),
            Json.toSet(rs.getString("scopes")),
            Json.toList(rs.getString("audiences")),
            Json.toMap(rs.getString("claims")),
            instant(rs, "issued_at"),
            instant(rs, "expires_at"),
            instant(rs, "absolute_expires_at"),
            instant(rs, "consumed_at"),
            instant(rs, "revoked_at"));

    private final Sql sql;

    JdbcTokenStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void save(StoredToken token) {
        sql.insert("token hash is taken", h -> insert(h, token));
    }

    @Override
    public Optional<StoredToken> find(String tokenHash) {
        return sql.call(h -> find(h, tokenHash));
    }

    /**
     * {@inheritDoc} A refresh token past its {@code expiresAt} is not rotated either: it yields
     * {@link Rotation.Invalid} and no replacement is saved.
     */
    @Override
    public Rotation rotate(String oldHash, StoredToken replacement, Instant now) {
        return sql.transaction(h -> {
            int won = h.createUpdate("""
                    UPDATE tokens SET consumed_at = :now
                    WHERE token_hash = :oldHash AND kind = :refresh AND consumed_at IS NULL AND revoked_at IS NULL
                        AND expires_at > :now
                    """)
                    .bind("now", millis(now))
                    .bind("oldHash", oldHash)
                    .bind("refresh", TokenKind.REFRESH.value())
                    .execute();
            Optional<StoredToken> previous = find(h, oldHash);
            if (won == 1) {
                insert(h, replacement);
                return new Rotation.Rotated(previous.orElseThrow());
            }
            return previous.filter(p -> p.consumedAt() != null)
                    .<Rotation>map(Rotation.Reused::new)
                    .orElseGet(Rotation.Invalid::new);
        });
    }

    @Override
    public boolean revoke(String tokenHash, Instant now) {
        return sql.call(h -> h.createUpdate(
                        "UPDATE tokens SET revoked_at = :now WHERE token_hash = :tokenHash AND revoked_at IS NULL")
                .bind("now", millis(now))
                .bind("tokenHash", tokenHash)
                .execute()) == 1;
    }

    @Override
    public int revokeGrant(String grantId, Instant now) {
        return sql.call(h -> h.createUpdate(
                        "UPDATE tokens SET revoked_at = :now WHERE grant_id = :grantId AND revoked_at IS NULL")
                .bind("now", millis(now))
                .bind("grantId", grantId)
                .execute());
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return sql.deleteBefore("tokens", "token_hash", "expires_at", now.toEpochMilli(), limit);
    }

    @Override
    public List<ActiveGrant> listGrantsForUser(String userId, Instant now, String afterGrantId, int limit) {
        String after = afterGrantId == null ? "" : " AND grant_id > :after";
        return sql.call(h -> h.createQuery("SELECT grant_id, MIN(client_id) AS client_id, MAX(scopes) AS scopes,"
                        + " MIN(issued_at) AS issued_at, MAX(expires_at) AS expires_at FROM tokens"
                        + " WHERE user_id = :userId AND revoked_at IS NULL AND consumed_at IS NULL AND expires_at > :now" + after
                        + " GROUP BY grant_id ORDER BY grant_id LIMIT :limit")
                .bind("userId", userId)
                .bind("now", millis(now))
                .bind("limit", limit)
                .bindMap(afterGrantId == null ? Map.of() : Map.of("after", afterGrantId))
                .map((rs, ctx) -> new ActiveGrant(rs.getString("grant_id"), rs.getString("client_id"), Json.toSet(rs.getString("scopes")),
                        instant(rs, "issued_at"), instant(rs, "expires_at")))
                .list());
    }

    @Override
    public boolean isGrantOf(String grantId, String userId) {
        return sql.call(h -> h.createQuery("SELECT COUNT(*) FROM tokens WHERE grant_id = :grantId AND user_id = :userId")
                .bind("grantId", grantId)
                .bind("userId", userId)
                .mapTo(Long.class)
                .one()) > 0;
    }

    private static Optional<StoredToken> find(Handle h, String tokenHash) {
        return h.createQuery("""
                SELECT token_hash, kind, grant_id, client_id, user_id, scopes, audiences, claims, issued_at,
                    expires_at, absolute_expires_at, consumed_at, revoked_at
                FROM tokens WHERE token_hash = :tokenHash
                """)
                .bind("tokenHash", tokenHash)
                .map(MAPPER)
                .findOne();
    }

    private static void insert(Handle h, StoredToken t) {
        h.createUpdate("""
                INSERT INTO tokens (token_hash, kind, grant_id, client_id, user_id, scopes, audiences, claims,
                    issued_at, expires_at, absolute_expires_at, consumed_at, revoked_at)
                VALUES (:tokenHash, :kind, :grantId, :clientId, :userId, :scopes, :audiences, :claims,
                    :issuedAt, :expiresAt, :absoluteExpiresAt, :consumedAt, :revokedAt)
                """)
                .bind("tokenHash", t.tokenHash())
                .bind("kind", t.kind().value())
                .bind("grantId", t.grantId())
                .bind("clientId", t.clientId())
                .bind("userId", t.userId())
                .bind("scopes", Json.ofSet(t.scopes()))
                .bind("audiences", Json.ofList(t.audiences()))
                .bind("claims", Json.ofMap(t.claims()))
                .bind("issuedAt", millis(t.issuedAt()))
                .bind("expiresAt", millis(t.expiresAt()))
                .bind("absoluteExpiresAt", millis(t.absoluteExpiresAt()))
                .bind("consumedAt", millis(t.consumedAt()))
                .bind("revokedAt", millis(t.revokedAt()))
                .execute();
    }
}
