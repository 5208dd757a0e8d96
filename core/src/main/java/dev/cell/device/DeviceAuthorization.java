package dev.cell.device;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A device authorization request (RFC 8628 §3.1) as stored: found by the SHA-256 of its device code (polling) or of its
 * normalised user code (the verification page), never by the values themselves.
 *
 * @param interval the least time between polls; raised by each {@code slow_down} (RFC 8628 §3.5)
 * @param lastPollAt when the client last polled, or null before its first poll
 * @param approval the user's approval, or null while pending or when denied
 */
public record DeviceAuthorization(String deviceCodeHash, String userCodeHash, String clientId, Set<String> scopes, List<String> resources,
        Status status, Approval approval, Duration interval, Instant lastPollAt, Instant createdAt, Instant expiresAt) {
    public DeviceAuthorization {
        scopes = Set.copyOf(scopes);
        resources = List.copyOf(resources);
    }

    /** Where the request stands (RFC 8628 §3.5). */
    public enum Status {
        PENDING, APPROVED, DENIED;

        /** The stored value. */
        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status of(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * Who approved and how they had signed in, for the tokens (OIDC Core §2 {@code auth_time}, {@code amr}, {@code sid}).
     *
     * @param grantId the grant the tokens will belong to, already recorded with the login session
     * @param sessionId the login session the approval came from ({@code sid}), or null
     */
    public record Approval(String userId, String grantId, String sessionId, Instant authTime, List<String> amr) {
        public Approval {
            amr = List.copyOf(amr);
        }
    }

    public boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
