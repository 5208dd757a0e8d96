package dev.cell.store;

import java.time.Instant;
import java.util.List;

/**
 * Every value sealed under the master key, whatever its table: signing keys' private parts, {@code client_secret_jwt}
 * secrets and server secrets, so a master key rotation can re-seal them all at once (NIST SP 800-57 Part 1 §5.3).
 */
public interface SealedSecretStore {
    /** Which kind of row holds a sealed value. */
    enum Kind { SIGNING_KEY, CLIENT_SECRET, SERVER_SECRET }

    /**
     * One sealed value.
     *
     * @param id the signing key's kid, the client's client_id or the server secret's name
     */
    record Sealed(Kind kind, String id, String sealedValue) {}

    /** A value sealed anew under the master key {@code masterKeyId}, replacing {@code previous}. */
    record Resealed(Sealed previous, String sealedValue, String masterKeyId) {}

    List<Sealed> listAll();

    /**
     * Applies every replacement in one transaction: all or none. If a row no longer holds its previous value (it changed
     * meanwhile), nothing is applied and {@link IllegalStateException} is thrown.
     *
     * @param at the change time recorded on changed clients
     */
    void replaceAll(List<Resealed> replacements, Instant at);
}
