package dev.cell.registration;

import java.time.Instant;
import java.util.Set;

/**
 * A client registered at the registration endpoint (RFC 7592 section 1), with the limits of its registration that every
 * update through the client configuration endpoint keeps.
 *
 * @param allowedScopes the only scopes it may have (from its initial access token); empty for no such limit
 * @param anonymous registered under the open policy, so the open policy's rules hold for its updates too
 * @param initialTokenId the initial access token it was registered with, or null
 */
public record ClientRegistration(String clientId, Set<String> allowedScopes, boolean anonymous, String initialTokenId, Instant createdAt,
        Instant updatedAt) {
    public ClientRegistration {
        allowedScopes = Set.copyOf(allowedScopes);
    }
}
