package dev.cell.jdbc;

import static dev.cell.jdbc.Columns.instant;
import static dev.cell.jdbc.Columns.millis;

import dev.cell.consent.Consent;
import dev.cell.store.ConsentStore;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** Remembered consents in SQL (RFC 6749 §10.2), one row per user and client. */
final class JdbcConsentStore implements ConsentStore {
    private static final String SELECT = "SELECT user_id, client_id, scopes, granted_at FROM consents";

    private static final RowMapper<Consent> MAPPER = (rs, ctx) -> new Consent(
            rs.getString("user_id"),
            rs.getString("client_id"),
            Json.toSet(rs.getString("scopes")),
            instant(rs, "granted_at"));

    private final Sql sql;

    JdbcConsentStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Consent> find(String userId, String clientId) {
        return sql.call(h -> h.createQuery(SELECT + " WHERE user_id = :userId AND client_id = :clientId")
                .bind("userId", userId)
                .bind("clientId", clientId)
                .map(MAPPER)
                .findOne());
    }

    @Override
    public List<Consent> listForUser(String userId) {
        return sql.call(h -> h.createQuery(SELECT + " WHERE user_id = :userId ORDER BY client_id")
                .bind("userId", userId)
                .map(MAPPER)
                .list());
    }

    @Override
    public void save(Consent consent) {
        String scopes = Json.ofSet(consent.scopes());
        Long grantedAt = millis(consent.grantedAt());
        sql.upsert(
                h -> h.createUpdate("""
                        UPDATE consents SET scopes = :scopes, granted_at = :grantedAt
                        WHERE user_id = :userId AND client_id = :clientId
                        """)
                        .bind("scopes", scopes)
                        .bind("grantedAt", grantedAt)
                        .bind("userId", consent.userId())
                        .bind("clientId", consent.clientId())
                        .execute(),
                h -> h.createUpdate("""
                        INSERT INTO consents (user_id, client_id, scopes, granted_at)
                        VALUES (:userId, :clientId, :scopes, :grantedAt)
                        """)
                        .bind("userId", consent.userId())
                        .bind("clientId", consent.clientId())
                        .bind("scopes", scopes)
                        .bind("grantedAt", grantedAt)
                        .execute());
    }

    @Override
    public boolean delete(String userId, String clientId) {
        return sql.call(h -> h.createUpdate("DELETE FROM consents WHERE user_id = :userId AND client_id = :clientId")
                .bind("userId", userId)
                .bind("clientId", clientId)
                .execute()) == 1;
    }
}
