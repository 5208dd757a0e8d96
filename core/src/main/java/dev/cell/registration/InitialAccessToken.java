package dev.cell.registration;

import java.time.Instant;
import java.util.Set;

/**
 * An initial access token (RFC 7591 section 3) as stored, without its value.
 *
 * @param scopes the only scopes a client registered with it may have; empty for no such limit
 * @param usesLeft the registrations it still allows, or null for any number until it expires
 * @param createdBy who issued it, e.g. {@code client:ops} or {@code cli:alice}
 */
public record InitialAccessToken(String id, Set<String> scopes, Integer usesLeft, String createdBy, Instant createdAt, Instant expiresAt) {
    public InitialAccessToken {
        scopes = Set.copyOf(scopes);
    }

    /** Whether it may be used for any number of registrations until it expires. */
    public boolean multipleUse() {
        return usesLeft == null;
    }
}
