package dev.cell.server.admin.api;

import dev.cell.event.AuditRecord;
import dev.cell.server.admin.AuditRecorder;
import dev.cell.store.AuditQuery;
import dev.cell.store.AuditStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** {@code /audit-events}: the audit trail kept in the database (RFC 9700 §4.13, §4.14), newest first, by time, event, client and user. */
final class AuditResource implements AdminResource {
    private static final Duration FLUSH = Duration.ofSeconds(2);

    private final AuditStore store;
    private final AuditRecorder recorder;
    private final Cursors cursors;

    AuditResource(AuditStore store, AuditRecorder recorder, Cursors cursors) {
        this.store = store;
        this.recorder = recorder;
        this.cursors = cursors;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(new AdminRoute(HandlerType.GET, "/audit-events", AdminAccess.READ, this::query));
    }

    private void query(Context ctx, String clientId) {
        Query q = Query.of(ctx, Set.of("from", "to", "event", "client_id", "user_id"));
        Instant from = q.time("from");
        Instant to = q.time("to");
        String event = q.string("event");
        String client = q.string("client_id");
        String user = q.string("user_id");
        int limit = q.limit();
        String scope = String.join("\n", "audit", String.valueOf(from), String.valueOf(to), String.valueOf(event), String.valueOf(client),
                String.valueOf(user));
        Instant beforeTime = null;
        String beforeId = null;
        if (q.cursor() != null) {
            List<String> position = cursors.decode(scope, q.cursor(), 2);
            try {
                beforeTime = Instant.ofEpochMilli(Long.parseLong(position.get(0)));
            } catch (NumberFormatException e) {
                throw Problem.invalid("cursor", "the cursor is not one this list gave out");
            }
            beforeId = position.get(1);
        }
        recorder.flush(FLUSH);
        List<AuditRecord> found = store.query(new AuditQuery(from, to, event, client, user, beforeTime, beforeId, limit + 1));
        Out.page(ctx, found, limit, Representations::auditEvent, r -> List.of(Long.toString(r.time().toEpochMilli()), r.id()), cursors, scope);
    }
}
