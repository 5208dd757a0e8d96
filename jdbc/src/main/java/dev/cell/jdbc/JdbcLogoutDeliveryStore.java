package dev.cell.jdbc;

import static dev.cell.jdbc.Columns.instant;
import static dev.cell.jdbc.Columns.millis;

import dev.cell.logout.LogoutDelivery;
import dev.cell.logout.LogoutDelivery.Status;
import dev.cell.store.LogoutDeliveryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The back-channel logout queue in SQL. A claim is a compare-and-set UPDATE per due row (its status, lease and attempt count
 * unchanged since read), so on H2 and PostgreSQL alike a row goes to exactly one worker without locks held across statements.
 */
final class JdbcLogoutDeliveryStore implements LogoutDeliveryStore {
    private static final String TABLE = "backchannel_logout_deliveries";
    private static final String COLUMNS = "id, client_id, subject, session_id, status, attempts, next_attempt_at, lease_owner, lease_until, "
            + "last_error, created_at, updated_at";
    private static final String DUE = "status = 'pending' AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until <= :now)";
    private static final String HELD = "id = :id AND lease_owner = :owner AND status = 'pending'";
    private static final RowMapper<LogoutDelivery> MAPPER = (rs, ctx) -> new LogoutDelivery(
            rs.getString("id"),
            rs.getString("client_id"),
            rs.getString("subject"),
            rs.getString("session_id"),
            Status.of(rs.getString("status")),
            rs.getInt("attempts"),
            instant(rs, "next_attempt_at"),
            rs.getString("lease_owner"),
            instant(rs, "lease_until"),
            rs.getString("last_error"),
            instant(rs, "created_at"),
            instant(rs, "updated_at"));

    private final Sql sql;

    JdbcLogoutDeliveryStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void enqueue(Collection<LogoutDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        sql.transaction(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (:id, :clientId, :subject, :sessionId, "
                    + ":status, :attempts, :nextAttemptAt, NULL, NULL, NULL, :createdAt, :updatedAt)");
            for (LogoutDelivery d : deliveries) {
                batch.bind("id", d.id())
                        .bind("clientId", d.clientId())
                        .bind("subject", d.subject())
                        .bind("sessionId", d.sessionId())
                        .bind("status", d.status().value())
                        .bind("attempts", d.attempts())
                        .bind("nextAttemptAt", millis(d.nextAttemptAt()))
                        .bind("createdAt", millis(d.createdAt()))
                        .bind("updatedAt", millis(d.updatedAt()))
                        .add();
            }
            return batch.execute();
        });
    }

    @Override
    public List<LogoutDelivery> claim(String owner, Instant now, Instant leaseUntil, int limit) {
        List<LogoutDelivery> due = sql.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE " + DUE
                        + " ORDER BY next_attempt_at, id LIMIT :limit")
                .bind("now", now.toEpochMilli())
                .bind("limit", limit)
                .map(MAPPER)
                .list());
        List<LogoutDelivery> claimed = new ArrayList<>();
        for (LogoutDelivery d : due) {
            int updated = sql.call(h -> h.createUpdate("UPDATE " + TABLE + " SET lease_owner = :owner, lease_until = :leaseUntil,"
                            + " attempts = :attempts + 1, updated_at = :now WHERE id = :id AND attempts = :attempts AND " + DUE)
                    .bind("owner", owner)
                    .bind("leaseUntil", leaseUntil.toEpochMilli())
                    .bind("attempts", d.attempts())
                    .bind("now", now.toEpochMilli())
                    .bind("id", d.id())
                    .execute());
            if (updated == 1) {
                claimed.add(new LogoutDelivery(d.id(), d.clientId(), d.subject(), d.sessionId(), Status.PENDING, d.attempts() + 1,
                        d.nextAttemptAt(), owner, leaseUntil, d.lastError(), d.createdAt(), now));
            }
        }
        return claimed;
    }

    @Override
    public boolean delivered(String id, String owner, Instant now) {
        return settle("status = 'delivered', last_error = NULL", id, owner, null, null, now);
    }

    @Override
    public boolean retry(String id, String owner, Instant nextAttemptAt, String error, Instant now) {
        return settle("next_attempt_at = :next, last_error = :error", id, owner, nextAttemptAt, error, now);
    }

    @Override
    public boolean failed(String id, String owner, String error, Instant now) {
        return settle("status = 'failed', last_error = :error", id, owner, null, error, now);
    }

    /** Changes a row its owner still holds and releases the lease. */
    private boolean settle(String set, String id, String owner, Instant next, String error, Instant now) {
        String cut = error == null || error.length() <= LogoutDelivery.MAX_ERROR ? error : error.substring(0, LogoutDelivery.MAX_ERROR);
        return sql.call(h -> {
            var update = h.createUpdate("UPDATE " + TABLE + " SET " + set + ", lease_owner = NULL, lease_until = NULL, updated_at = :now"
                            + " WHERE " + HELD)
                    .bind("id", id)
                    .bind("owner", owner)
                    .bind("now", now.toEpochMilli());
            if (next != null) {
                update.bind("next", next.toEpochMilli());
            }
            if (set.contains(":error")) {
                update.bind("error", cut);
            }
            return update.execute();
        }) == 1;
    }

    @Override
    public List<LogoutDelivery> list(Status status, Instant afterCreatedAt, String afterId, int limit) {
        List<String> where = new ArrayList<>();
        if (status != null) {
            where.add("status = :status");
        }
        if (afterCreatedAt != null && afterId != null) {
            where.add("(created_at < :createdAt OR (created_at = :createdAt AND id < :id))");
        }
        String sqlText = "SELECT " + COLUMNS + " FROM " + TABLE + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY created_at DESC, id DESC LIMIT :limit";
        return sql.call(h -> {
            Query q = h.createQuery(sqlText).bind("limit", limit);
            if (status != null) {
                q.bind("status", status.value());
            }
            if (afterCreatedAt != null && afterId != null) {
                q.bind("createdAt", afterCreatedAt.toEpochMilli()).bind("id", afterId);
            }
            return q.map(MAPPER).list();
        });
    }

    @Override
    public int deleteFinishedBefore(Instant before, int limit) {
        return sql.call(h -> h.createUpdate("DELETE FROM " + TABLE + " WHERE id IN (SELECT id FROM " + TABLE
                        + " WHERE status IN ('delivered', 'failed') AND updated_at < :before ORDER BY updated_at LIMIT :limit)")
                .bind("before", before.toEpochMilli())
                .bind("limit", limit)
                .execute());
    }
}
