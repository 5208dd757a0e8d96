package dev.cell.jdbc;

import static dev.cell.jdbc.Columns.instant;

import dev.cell.registration.ClientRegistration;
import dev.cell.store.ClientRegistrationStore;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Registrations in SQL (RFC 7592 section 1): a row per registered client under the hash of its registration access token,
 * replaced by a compare-and-set UPDATE, and deleted with the client by the foreign key.
 */
final class JdbcClientRegistrationStore implements ClientRegistrationStore {
    private static final RowMapper<ClientRegistration> MAPPER = (rs, ctx) -> {
        String scopes = rs.getString("allowed_scopes");
        return new ClientRegistration(rs.getString("client_id"), scopes == null ? Set.of() : Json.toSet(scopes), rs.getBoolean("anonymous"),
                rs.getString("initial_token_id"), instant(rs, "created_at"), instant(rs, "updated_at"));
    };

    private final Sql sql;

    JdbcClientRegistrationStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void create(ClientRegistration r, String tokenHash) {
        sql.insert("client is registered already: " + r.clientId(), h -> h.createUpdate("""
                INSERT INTO client_registrations (client_id, token_hash, allowed_scopes, anonymous, initial_token_id, created_at, updated_at)
                VALUES (:clientId, :tokenHash, :allowedScopes, :anonymous, :initialTokenId, :createdAt, :updatedAt)
                """)
                .bind("clientId", r.clientId())
                .bind("tokenHash", tokenHash)
                .bind("allowedScopes", r.allowedScopes().isEmpty() ? null : Json.ofSet(r.allowedScopes()))
                .bind("anonymous", r.anonymous())
                .bind("initialTokenId", r.initialTokenId())
                .bind("createdAt", r.createdAt().toEpochMilli())
                .bind("updatedAt", r.updatedAt().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<ClientRegistration> findByToken(String tokenHash) {
        return sql.call(h -> h.createQuery("SELECT client_id, allowed_scopes, anonymous, initial_token_id, created_at, updated_at"
                        + " FROM client_registrations WHERE token_hash = :tokenHash")
                .bind("tokenHash", tokenHash)
                .map(MAPPER)
                .findOne());
    }

    @Override
    public boolean rotate(String clientId, String oldHash, String newHash, Instant now) {
        return sql.call(h -> h.createUpdate("""
                UPDATE client_registrations SET token_hash = :newHash, updated_at = :now
                WHERE client_id = :clientId AND token_hash = :oldHash
                """)
                .bind("newHash", newHash)
                .bind("now", now.toEpochMilli())
                .bind("clientId", clientId)
                .bind("oldHash", oldHash)
                .execute()) == 1;
    }
}
