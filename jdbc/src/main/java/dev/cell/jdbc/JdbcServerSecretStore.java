package dev.cell.jdbc;

import static dev.cell.jdbc.Columns.millis;

import dev.cell.store.ServerSecretStore;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;

/** Server secrets in SQL: inserted once by whichever node comes first; a node that loses the race reads the winner's. */
final class JdbcServerSecretStore implements ServerSecretStore {
    private final Sql sql;

    JdbcServerSecretStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public String findOrCreate(String name, String sealedValue, String masterKeyId, Instant at) {
        Optional<String> existing = find(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            sql.call(h -> h.createUpdate("""
                    INSERT INTO server_secrets (name, sealed_value, master_key_id, created_at)
                    VALUES (:name, :sealed, :masterKeyId, :at)
                    """)
                    .bind("name", name).bind("sealed", sealedValue).bind("masterKeyId", masterKeyId).bind("at", millis(at))
                    .execute());
            return sealedValue;
        } catch (JdbiException e) {
            if (!Sql.isDuplicate(e)) {
                throw e;
            }
            return find(name).orElseThrow(() -> new IllegalStateException("server secret " + name + " vanished after an insert race"));
        }
    }

    private Optional<String> find(String name) {
        return sql.call(h -> h.createQuery("SELECT sealed_value FROM server_secrets WHERE name = :name")
                .bind("name", name).mapTo(String.class).findOne());
    }
}
