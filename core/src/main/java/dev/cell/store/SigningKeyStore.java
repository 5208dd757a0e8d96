package dev.cell.store;

import dev.cell.keys.SigningKey;
import java.time.Instant;
import java.util.List;

/** Signing keys and their lifecycle (RFC 7517). */
public interface SigningKeyStore {
    /** Every key whose expiresAt is null or after {@code now}, newest first. */
    List<SigningKey> listPublished(Instant now);

    /** Every stored key, newest first. */
    List<SigningKey> listAll();

    void insert(SigningKey key);

    /**
     * In one transaction: inserts {@code newKey} and retires every other active key of the same alg,
     * setting their retiredAt and expiresAt.
     */
    void rotate(SigningKey newKey, Instant retiredAt, Instant expiresAt);

    /** Re-seals a private key under another master key (master key rotation). */
    boolean reseal(String kid, String privateKeyEncrypted, String masterKeyId);

    /** Deletes keys whose expiresAt has passed; returns how many. */
    int deleteExpired(Instant now, int limit);
}
