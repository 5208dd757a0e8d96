package dev.cell.jdbc;

import static dev.cell.jdbc.Columns.instant;
import static dev.cell.jdbc.Columns.millis;

import dev.cell.event.AuditRecord;
import dev.cell.store.AuditQuery;
import dev.cell.store.AuditStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The audit trail in SQL (RFC 9700 §4.13, §4.14): appended in batches, read newest first by keyset, deleted after its retention. */
final class JdbcAuditStore implements AuditStore {
    private static final RowMapper<AuditRecord> MAPPER = (rs, ctx) -> new AuditRecord(
            rs.getString("id"),
            instant(rs, "occurred_at"),
            rs.getString("event"),
            rs.getString("outcome"),
            rs.getString("actor"),
            rs.getString("client_id"),
            rs.getString("user_id"),
            rs.getString("ip"),
            strings(Json.toMap(rs.getString("details"))));

    private final Sql sql;

    JdbcAuditStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void append(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        sql.call(h -> {
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO audit_events (id, occurred_at, event, outcome, actor, client_id, user_id, ip, details)
                    VALUES (:id, :occurredAt, :event, :outcome, :actor, :clientId, :userId, :ip, :details)
                    """);
            for (AuditRecord r : records) {
                batch.bind("id", r.id())
                        .bind("occurredAt", millis(r.time()))
                        .bind("event", r.event())
                        .bind("outcome", r.outcome())
                        .bind("actor", r.actor())
                        .bind("clientId", r.clientId())
                        .bind("userId", r.userId())
                        .bind("ip", r.ip())
                        .bind("details", Json.ofMap(new HashMap<>(r.details())))
                        .add();
            }
            return batch.execute();
        });
    }

    @Override
    public List<AuditRecord> query(AuditQuery q) {
        List<String> where = new ArrayList<>();
        Map<String, Object> values = new HashMap<>();
        condition(where, values, "occurred_at >= :from", "from", millis(q.from()));
        condition(where, values, "occurred_at < :to", "to", millis(q.to()));
        condition(where, values, "event = :event", "event", q.event());
        condition(where, values, "client_id = :clientId", "clientId", q.clientId());
        condition(where, values, "user_id = :userId", "userId", q.userId());
        if (q.beforeTime() != null) {
            where.add("(occurred_at < :beforeTime OR (occurred_at = :beforeTime AND id < :beforeId))");
            values.put("beforeTime", millis(q.beforeTime()));
            values.put("beforeId", q.beforeId());
        }
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        return sql.call(h -> h.createQuery("SELECT id, occurred_at, event, outcome, actor, client_id, user_id, ip, details FROM audit_events"
                        + filter + " ORDER BY occurred_at DESC, id DESC LIMIT :limit")
                .bindMap(values)
                .bind("limit", q.limit())
                .map(MAPPER)
                .list());
    }

    private static void condition(List<String> where, Map<String, Object> values, String sql, String name, Object value) {
        if (value != null) {
            where.add(sql);
            values.put(name, value);
        }
    }

    @Override
    public int deleteBefore(Instant before, int limit) {
        return sql.deleteBefore("audit_events", "id", "occurred_at", before.toEpochMilli(), limit);
    }

    private static Map<String, String> strings(Map<String, Object> map) {
        Map<String, String> out = new HashMap<>();
        map.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }
}
