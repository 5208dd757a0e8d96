package dev.cell.store;

import dev.cell.client.Client;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Registered clients (RFC 6749 §2). */
public interface ClientStore {
    Optional<Client> find(String clientId);

    /** The client's current version, a cheap check that lets caches stay correct across nodes. */
    OptionalLong version(String clientId);

    List<Client> list();

    /** Inserts a new client with version 1; throws {@link DuplicateException} if the id is taken. */
    void create(Client client);

    /** Replaces every field but the id and creation time; bumps the version. False if absent. */
    boolean update(Client client);

    /**
     * Like {@link #update} but only while the stored version is {@code version}, in one statement, so of two changes made from
     * the same read exactly one wins (RFC 9110 §13.1.1 If-Match). False if absent or changed since.
     */
    boolean updateIfVersion(Client client, long version);

    /**
     * Clients whose id or name contains {@code query} (case-insensitive; null for all), ordered by id, after {@code afterClientId}
     * (null for the first page), at most {@code limit}.
     */
    List<Client> search(String query, String afterClientId, int limit);

    /** Replaces the secret only, the replaced one stopping at once; bumps the version. False if absent. */
    default boolean updateSecret(String clientId, String secretHash, String secretEncrypted, Instant at) {
        return rotateSecret(clientId, secretHash, secretEncrypted, null, at);
    }

    /**
     * Replaces the secret in one statement; bumps the version. The replaced secret's hash stays valid until
     * {@code previousValidUntil}, or stops at once when that is null. False if absent.
     */
    boolean rotateSecret(String clientId, String secretHash, String secretEncrypted, Instant previousValidUntil, Instant at);

    boolean delete(String clientId);
}
