package dev.cell.store;

import java.time.Instant;

/** Named secrets the server makes for itself and all nodes share, stored sealed under the master key (NIST SP 800-57 Part 1 section 6.2.2). */
public interface ServerSecretStore {
    /**
     * The sealed value stored under {@code name}; when there is none yet, stores {@code sealedValue} first. Race-safe: when
     * nodes create one at the same moment, all of them get the value the first insert stored.
     */
    String findOrCreate(String name, String sealedValue, String masterKeyId, Instant at);
}
