package dev.cell.store;

import java.time.Instant;

/**
 * A page of the audit trail, newest first: events in {@code [from, to)} matching each given filter, strictly older than the
 * position {@code (beforeTime, beforeId)} when it is given (keyset paging).
 *
 * @param from inclusive lower bound, or null
 * @param to exclusive upper bound, or null
 * @param event exact event name, or null
 * @param clientId exact client id, or null
 * @param userId exact user id, or null
 */
public record AuditQuery(Instant from, Instant to, String event, String clientId, String userId, Instant beforeTime, String beforeId,
        int limit) {}
