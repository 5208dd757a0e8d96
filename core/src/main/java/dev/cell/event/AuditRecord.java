package dev.cell.event;

import java.time.Instant;
import java.util.Map;

/**
 * An {@link AuditEvent} as kept in the database for queries (RFC 9700 §4.13, §4.14).
 *
 * @param id time-ordered and unique, the tie-breaker of events in one millisecond
 * @param userId the user the event concerns (the user changed, or the user who signed in or was issued a token), or null
 */
public record AuditRecord(String id, Instant time, String event, String outcome, String actor, String clientId, String userId, String ip,
        Map<String, String> details) {

    public AuditRecord {
        details = Map.copyOf(details);
    }

    /** The record of {@code e} at {@code time}: its user is the {@code user} detail, else an actor that is neither client nor CLI. */
    public static AuditRecord of(String id, Instant time, AuditEvent e) {
        String user = e.details().get("user");
        if (user == null && e.actor() != null && !e.actor().equals(e.clientId()) && !e.actor().contains(":")) {
            user = e.actor();
        }
        return new AuditRecord(id, time, e.event(), e.outcome(), e.actor(), e.clientId(), user, e.ip(), e.details());
    }
}
