package dev.cell.keys;

import dev.cell.store.ServerSecretStore;
import dev.cell.token.RandomValues;
import java.time.Clock;
import java.util.Base64;

/**
 * A 256-bit key the server makes for itself once and every node shares through the database, sealed under the master key
 * like the private signing keys (NIST SP 800-57 Part 1 section 6.2.2).
 */
public final class ServerSecrets {
    private final ServerSecretStore store;
    private final MasterKey masterKey;
    private final RandomValues random;
    private final Clock clock;

    public ServerSecrets(ServerSecretStore store, MasterKey masterKey, RandomValues random, Clock clock) {
        this.store = store;
        this.masterKey = masterKey;
        this.random = random;
        this.clock = clock;
    }

    /** The key named {@code name}: the stored one, or a fresh one stored now if no node made it yet. */
    public byte[] key(String name) {
        String sealed = store.findOrCreate(name, masterKey.seal(random.token()), masterKey.id(), clock.instant());
        return Base64.getUrlDecoder().decode(masterKey.open(sealed));
    }
}
