package dev.cell.consent;

import java.time.Instant;
import java.util.Set;

/** Scopes a user has approved for a client, remembered so a repeat request skips the page (RFC 6749 §10.2). */
public record Consent(String userId, String clientId, Set<String> scopes, Instant grantedAt) {
    public Consent {
        scopes = Set.copyOf(scopes);
    }
}
