package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.event.AuditRecord;
import dev.cell.server.admin.api.Representations;
import dev.cell.store.AuditQuery;
import dev.cell.store.AuditStore;
import dev.cell.token.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link AuditTrail} read from the database, page after page by time and id as the admin API pages it. */
final class LocalAuditTrail implements AuditTrail {
    private static final int BATCH = 500;

    private final AuditStore store;

    LocalAuditTrail(AuditStore store) {
        this.store = store;
    }

    @Override
    public List<JsonNode> query(Filter f) {
        List<JsonNode> out = new ArrayList<>();
        Instant beforeTime = null;
        String beforeId = null;
        while (out.size() < f.limit()) {
            int n = Math.min(BATCH, f.limit() - out.size());
            List<AuditRecord> page = store.query(new AuditQuery(f.from(), f.to(), f.event(), f.clientId(), f.userId(), beforeTime, beforeId, n));
            page.forEach(r -> out.add(Json.MAPPER.valueToTree(Representations.auditEvent(r))));
            if (page.size() < n) {
                break;
            }
            beforeTime = page.get(page.size() - 1).time();
            beforeId = page.get(page.size() - 1).id();
        }
        return out;
    }
}
