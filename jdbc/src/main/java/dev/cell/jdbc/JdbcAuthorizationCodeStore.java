package dev.cell.jdbc;

import static dev.cell.jdbc.Columns.instant;
import static dev.cell.jdbc.Columns.millis;

import dev.cell.authorize.AuthorizationCode;
import dev.cell.store.AuthorizationCodeStore;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** Authorization codes in SQL (RFC 6749 §4.1.2), consumed by one conditional UPDATE so only one caller wins. */
final class JdbcAuthorizationCodeStore implements AuthorizationCodeStore {
    private static final RowMapper<AuthorizationCode> MAPPER = (rs, ctx) -> new AuthorizationCode(
            rs.getString("code_hash"),
            rs.getString("grant_id"),
            rs.getString("client_id"),
            rs.getString("user_id"),
            rs.getString("redirect_uri"),
            Json.toSet(rs.getString("scopes")),
            rs.getString("code_challenge"),
            rs.getString("code_challenge_method"),
            rs.getString("nonce"),
            instant(rs, "auth_time"),
            rs.getString("session_id"),
            Json.toMap(rs.getString("extra")),
            instant(rs, "created_at"),
            instant(rs, "expires_at"));

    private final Sql sql;

    JdbcAuthorizationCodeStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void save(AuthorizationCode code) {
        sql.insert("authorization code hash is taken", h -> h.createUpdate("""
                INSERT INTO authorization_codes (code_hash, grant_id, client_id, user_id, redirect_uri, scopes,
                    code_challenge, code_challenge_method, nonce, auth_time, session_id, extra, created_at, expires_at)
                VALUES (:codeHash, :grantId, :clientId, :userId, :redirectUri, :scopes, :codeChallenge,
                    :codeChallengeMethod, :nonce, :authTime, :sessionId, :extra, :createdAt, :expiresAt)
                """)
                .bind("codeHash", code.codeHash())
                .bind("grantId", code.grantId())
                .bind("clientId", code.clientId())
                .bind("userId", code.userId())
                .bind("redirectUri", code.redirectUri())
                .bind("scopes", Json.ofSet(code.scopes()))
                .bind("codeChallenge", code.codeChallenge())
                .bind("codeChallengeMethod", code.codeChallengeMethod())
                .bind("nonce", code.nonce())
                .bind("authTime", millis(code.authTime()))
                .bind("sessionId", code.sessionId())
                .bind("extra", Json.ofMap(code.extra()))
                .bind("createdAt", millis(code.createdAt()))
                .bind("expiresAt", millis(code.expiresAt()))
                .execute());
    }

    @Override
    public Consumption consume(String codeHash, String clientId, Instant now) {
        return sql.call(h -> {
            int won = h.createUpdate(
                            "UPDATE authorization_codes SET consumed_at = :now WHERE code_hash = :codeHash"
                                    + " AND client_id = :clientId AND consumed_at IS NULL")
                    .bind("now", millis(now))
                    .bind("codeHash", codeHash)
                    .bind("clientId", clientId)
                    .execute();
            Optional<AuthorizationCode> code = find(h, codeHash, clientId);
            if (code.isEmpty()) {
                return new Consumption.NotFound();
            }
            return won == 1 ? new Consumption.Consumed(code.get()) : new Consumption.AlreadyUsed(code.get());
        });
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return sql.deleteBefore("authorization_codes", "code_hash", "expires_at", now.toEpochMilli(), limit);
    }

    private static Optional<AuthorizationCode> find(Handle h, String codeHash, String clientId) {
        return h.createQuery("""
                SELECT code_hash, grant_id, client_id, user_id, redirect_uri, scopes, code_challenge,
                    code_challenge_method, nonce, auth_time, session_id, extra, created_at, expires_at
                FROM authorization_codes WHERE code_hash = :codeHash AND client_id = :clientId
                """)
                .bind("codeHash", codeHash)
                .bind("clientId", clientId)
                .map(MAPPER)
                .findOne();
    }
}
