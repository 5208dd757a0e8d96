package dev.cell.logout;

import java.time.Instant;

/**
 * One logout token to post to one relying party's {@code backchannel_logout_uri} (OIDC Back-Channel Logout 1.0 §2.5), kept in
 * the database until it is delivered or finally fails, so a node that dies mid-delivery loses nothing: its lease runs out and
 * another node takes the row over. The token itself is made afresh for each attempt (its {@code exp} is short).
 *
 * @param clientId the relying party
 * @param subject the user ({@code sub})
 * @param sessionId the login session that ended ({@code sid}), or null
 * @param attempts the attempts started so far (a claim counts as one)
 * @param nextAttemptAt when the next attempt may start
 * @param leaseOwner the worker that holds the row now, or null
 * @param leaseUntil until when that worker holds it, or null
 * @param lastError why the last attempt failed, or null
 */
public record LogoutDelivery(
        String id,
        String clientId,
        String subject,
        String sessionId,
        Status status,
        int attempts,
        Instant nextAttemptAt,
        String leaseOwner,
        Instant leaseUntil,
        String lastError,
        Instant createdAt,
        Instant updatedAt) {

    /** Longest {@link #lastError} kept. */
    public static final int MAX_ERROR = 500;

    public LogoutDelivery {
        lastError = lastError == null || lastError.length() <= MAX_ERROR ? lastError : lastError.substring(0, MAX_ERROR);
    }

    /** Where a delivery stands. */
    public enum Status {
        PENDING, DELIVERED, FAILED;

        /** The lower-case word stored and shown ({@code pending}, {@code delivered}, {@code failed}). */
        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status of(String value) {
            for (Status s : values()) {
                if (s.value().equals(value)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown delivery status " + value);
        }
    }

    /** A new delivery, due at once. */
    public static LogoutDelivery pending(String id, String clientId, String subject, String sessionId, Instant now) {
        return new LogoutDelivery(id, clientId, subject, sessionId, Status.PENDING, 0, now, null, null, null, now, now);
    }
}
