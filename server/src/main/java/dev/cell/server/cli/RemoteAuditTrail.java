package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link AuditTrail} through the admin API's {@code /audit-events} of a running server. */
final class RemoteAuditTrail implements AuditTrail {
    private final AdminClient api;

    RemoteAuditTrail(AdminClient api) {
        this.api = api;
    }

    @Override
    public List<JsonNode> query(Filter f) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("from", time(f.from()));
        q.put("to", time(f.to()));
        q.put("event", f.event());
        q.put("client_id", f.clientId());
        q.put("user_id", f.userId());
        return api.list("/audit-events", q, f.limit());
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
