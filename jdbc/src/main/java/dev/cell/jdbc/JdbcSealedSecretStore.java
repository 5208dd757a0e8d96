package dev.cell.jdbc;

import static dev.cell.jdbc.Columns.millis;

import dev.cell.store.SealedSecretStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Sealed values in SQL: private signing keys, {@code client_secret_jwt} secrets and server secrets, re-sealed in one transaction. */
final class JdbcSealedSecretStore implements SealedSecretStore {
    private final Sql sql;

    JdbcSealedSecretStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public List<Sealed> listAll() {
        return sql.call(h -> {
            List<Sealed> all = new ArrayList<>(h.createQuery("SELECT kid, private_key_encrypted FROM signing_keys ORDER BY kid")
                    .map((rs, ctx) -> new Sealed(Kind.SIGNING_KEY, rs.getString(1), rs.getString(2)))
                    .list());
            all.addAll(h.createQuery("SELECT client_id, secret_encrypted FROM clients WHERE secret_encrypted IS NOT NULL ORDER BY client_id")
                    .map((rs, ctx) -> new Sealed(Kind.CLIENT_SECRET, rs.getString(1), rs.getString(2)))
                    .list());
            all.addAll(h.createQuery("SELECT name, sealed_value FROM server_secrets ORDER BY name")
                    .map((rs, ctx) -> new Sealed(Kind.SERVER_SECRET, rs.getString(1), rs.getString(2)))
                    .list());
            return all;
        });
    }

    @Override
    public void replaceAll(List<Resealed> replacements, Instant at) {
        long now = millis(at);
        sql.transaction(h -> {
            for (Resealed r : replacements) {
                if (update(h, r, now) != 1) {
                    throw new IllegalStateException(r.previous().kind() + " " + r.previous().id()
                            + " changed while the master key was being rotated; nothing was changed: run the command again");
                }
            }
            return null;
        });
    }

    private static int update(Handle h, Resealed r, long now) {
        return switch (r.previous().kind()) {
            case SIGNING_KEY -> h.createUpdate("""
                    UPDATE signing_keys SET private_key_encrypted = :sealed, master_key_id = :masterKeyId
                    WHERE kid = :id AND private_key_encrypted = :previous
                    """)
                    .bind("sealed", r.sealedValue())
                    .bind("masterKeyId", r.masterKeyId())
                    .bind("id", r.previous().id())
                    .bind("previous", r.previous().sealedValue())
                    .execute();
            case CLIENT_SECRET -> h.createUpdate("""
                    UPDATE clients SET secret_encrypted = :sealed, updated_at = :now, version = version + 1
                    WHERE client_id = :id AND secret_encrypted = :previous
                    """)
                    .bind("sealed", r.sealedValue())
                    .bind("now", now)
                    .bind("id", r.previous().id())
                    .bind("previous", r.previous().sealedValue())
                    .execute();
            case SERVER_SECRET -> h.createUpdate("""
                    UPDATE server_secrets SET sealed_value = :sealed, master_key_id = :masterKeyId
                    WHERE name = :id AND sealed_value = :previous
                    """)
                    .bind("sealed", r.sealedValue())
                    .bind("masterKeyId", r.masterKeyId())
                    .bind("id", r.previous().id())
                    .bind("previous", r.previous().sealedValue())
                    .execute();
        };
    }
}
