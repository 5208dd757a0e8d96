package dev.cell.store;

import dev.cell.registration.ClientRegistration;
import java.time.Instant;
import java.util.Optional;

/**
 * Clients registered at the registration endpoint and the SHA-256 of their current registration access token (RFC 7592
 * section 1); a client's registration goes when the client is deleted.
 */
public interface ClientRegistrationStore {
    void create(ClientRegistration registration, String tokenHash);

    /** The registration whose current registration access token has this hash. */
    Optional<ClientRegistration> findByToken(String tokenHash);

    /**
     * Replaces the registration access token, in one atomic statement, only if {@code oldHash} is still the current one:
     * of concurrent updates with one token, one wins.
     */
    boolean rotate(String clientId, String oldHash, String newHash, Instant now);
}
