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

    /** Replaces the secret only; bumps the version. False if absent. */
    boolean updateSecret(String clientId, String secretHash, String secretEncrypted, Instant at);

    boolean delete(String clientId);
}
