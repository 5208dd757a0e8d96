package dev.cell.jdbc;

import static dev.cell.jdbc.Columns.instant;
import static dev.cell.jdbc.Columns.millis;

import dev.cell.keys.SigningKey;
import dev.cell.store.SigningKeyStore;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;

/** Signing keys in SQL (RFC 7517), with rotation in one transaction. */
final class JdbcSigningKeyStore implements SigningKeyStore {
    private static final String SELECT = "SELECT kid, alg, public_jwk, private_key_encrypted, master_key_id,"
            + " created_at, retired_at, expires_at FROM signing_keys";
    private static final String NEWEST_FIRST = " ORDER BY created_at DESC, kid DESC";

    private static final RowMapper<SigningKey> MAPPER = (rs, ctx) -> new SigningKey(
            rs.getString("kid"),
            rs.getString("alg"),
            rs.getString("public_jwk"),
            rs.getString("private_key_encrypted"),
            rs.getString("master_key_id"),
            instant(rs, "created_at"),
            instant(rs, "retired_at"),
            instant(rs, "expires_at"));

    private final Sql sql;

    JdbcSigningKeyStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public List<SigningKey> listPublished(Instant now) {
        return sql.call(h -> h.createQuery(SELECT + " WHERE expires_at IS NULL OR expires_at > :now" + NEWEST_FIRST)
                .bind("now", millis(now))
                .map(MAPPER)
                .list());
    }

    @Override
    public List<SigningKey> listAll() {
        return sql.call(h -> h.createQuery(SELECT + NEWEST_FIRST).map(MAPPER).list());
    }

    @Override
    public void insert(SigningKey key) {
        sql.insert("kid is taken: " + key.kid(), h -> insert(h, key));
    }

    @Override
    public void rotate(SigningKey newKey, Instant retiredAt, Instant expiresAt) {
        try {
            sql.transaction(h -> {
                insert(h, newKey);
                return h.createUpdate("""
                        UPDATE signing_keys SET retired_at = :retiredAt, expires_at = :expiresAt
                        WHERE alg = :alg AND retired_at IS NULL AND kid <> :kid
                        """)
                        .bind("retiredAt", millis(retiredAt))
                        .bind("expiresAt", millis(expiresAt))
                        .bind("alg", newKey.alg())
                        .bind("kid", newKey.kid())
                        .execute();
            });
        } catch (JdbiException e) {
            throw Sql.duplicate(e, "kid is taken: " + newKey.kid());
        }
    }

    @Override
    public boolean reseal(String kid, String privateKeyEncrypted, String masterKeyId) {
        return sql.call(h -> h.createUpdate("""
                UPDATE signing_keys SET private_key_encrypted = :privateKeyEncrypted, master_key_id = :masterKeyId
                WHERE kid = :kid
                """)
                .bind("privateKeyEncrypted", privateKeyEncrypted)
                .bind("masterKeyId", masterKeyId)
                .bind("kid", kid)
                .execute()) == 1;
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return sql.deleteBefore("signing_keys", "kid", "expires_at", now.toEpochMilli(), limit);
    }

    private static void insert(Handle h, SigningKey key) {
        h.createUpdate("""
                INSERT INTO signing_keys (kid, alg, public_jwk, private_key_encrypted, master_key_id, created_at,
                    retired_at, expires_at)
                VALUES (:kid, :alg, :publicJwk, :privateKeyEncrypted, :masterKeyId, :createdAt, :retiredAt, :expiresAt)
                """)
                .bind("kid", key.kid())
                .bind("alg", key.alg())
                .bind("publicJwk", key.publicJwk())
                .bind("privateKeyEncrypted", key.privateKeyEncrypted())
                .bind("masterKeyId", key.masterKeyId())
                .bind("createdAt", millis(key.createdAt()))
                .bind("retiredAt", millis(key.retiredAt()))
                .bind("expiresAt", millis(key.expiresAt()))
                .execute();
    }
}
