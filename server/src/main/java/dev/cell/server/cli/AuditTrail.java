package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** The audit trail kept in the database (RFC 9700 §4.13), as the admin API's {@code /audit-events} shows it; newest first. */
interface AuditTrail {
    /**
     * Which events: in {@code [from, to)}, with the exact event name, client id and user id when given; at most {@code limit}.
     */
    record Filter(Instant from, Instant to, String event, String clientId, String userId, int limit) {}

    List<JsonNode> query(Filter filter);
}
