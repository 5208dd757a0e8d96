package dev.cell.jdbc;

import static dev.cell.jdbc.Columns.instant;
import static dev.cell.jdbc.Columns.millis;

import dev.cell.device.DeviceAuthorization;
import dev.cell.store.DeviceAuthorizationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Device authorization requests in SQL (RFC 8628): every change is one conditional statement, so the user's decision, the
 * polling interval and the one token response hold across nodes and under concurrency.
 */
public final class JdbcDeviceAuthorizationStore implements DeviceAuthorizationStore {
    private static final String COLUMNS = "device_code_hash, user_code_hash, client_id, scopes, resources, status, user_id, grant_id,"
            + " session_id, auth_time, amr, interval_seconds, last_poll_at, created_at, expires_at";
    private static final String APPROVED = DeviceAuthorization.Status.APPROVED.value();
    private static final String PENDING = DeviceAuthorization.Status.PENDING.value();
    private static final RowMapper<DeviceAuthorization> MAPPER = (rs, ctx) -> {
        String userId = rs.getString("user_id");
        return new DeviceAuthorization(
                rs.getString("device_code_hash"),
                rs.getString("user_code_hash"),
                rs.getString("client_id"),
                Json.toSet(rs.getString("scopes")),
                Json.toList(rs.getString("resources")),
                DeviceAuthorization.Status.of(rs.getString("status")),
                userId == null ? null : new DeviceAuthorization.Approval(userId, rs.getString("grant_id"), rs.getString("session_id"),
                        instant(rs, "auth_time"), Json.toList(rs.getString("amr"))),
                Duration.ofSeconds(rs.getInt("interval_seconds")),
                instant(rs, "last_poll_at"),
                instant(rs, "created_at"),
                instant(rs, "expires_at"));
    };

    private final Sql sql;

    public JdbcDeviceAuthorizationStore(Database database) {
        this.sql = database.sql();
    }

    /**
     * One conditional insert: the count runs in the statement that inserts, never as an earlier read. Concurrent inserts that
     * each see the other's row uncommitted may pass together, so the bound is exceeded by at most the inserts in flight at once
     * (each node's pool size).
     */
    @Override
    public boolean saveWithin(DeviceAuthorization request, int maxPerClient) {
        int[] inserted = new int[1];
        sql.insert("device or user code hash is taken", h -> inserted[0] = h.createUpdate("""
                INSERT INTO device_authorizations (device_code_hash, user_code_hash, client_id, scopes, resources, status,
                    interval_seconds, created_at, expires_at)
                SELECT :deviceCodeHash, :userCodeHash, :clientId, :scopes, :resources, :status, :interval, :createdAt, :expiresAt
                FROM (VALUES (1)) AS one (x)
                WHERE (SELECT COUNT(*) FROM device_authorizations WHERE client_id = :clientId AND expires_at > :createdAt) < :max
                """)
                .bind("deviceCodeHash", request.deviceCodeHash())
                .bind("userCodeHash", request.userCodeHash())
                .bind("clientId", request.clientId())
                .bind("scopes", Json.ofSet(request.scopes()))
                .bind("resources", Json.ofList(request.resources()))
                .bind("status", request.status().value())
                .bind("interval", (int) request.interval().toSeconds())
                .bind("createdAt", millis(request.createdAt()))
                .bind("expiresAt", millis(request.expiresAt()))
                .bind("max", maxPerClient)
                .execute());
        return inserted[0] == 1;
    }

    @Override
    public Optional<DeviceAuthorization> findPending(String userCodeHash, Instant now) {
        return sql.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM device_authorizations"
                        + " WHERE user_code_hash = :hash AND status = :pending AND expires_at > :now")
                .bind("hash", userCodeHash)
                .bind("pending", PENDING)
                .bind("now", millis(now))
                .map(MAPPER)
                .findOne());
    }

    @Override
    public Optional<DeviceAuthorization> find(String deviceCodeHash, String clientId) {
        return sql.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM device_authorizations"
                        + " WHERE device_code_hash = :hash AND client_id = :clientId")
                .bind("hash", deviceCodeHash)
                .bind("clientId", clientId)
                .map(MAPPER)
                .findOne());
    }

    @Override
    public boolean approve(String userCodeHash, DeviceAuthorization.Approval approval, Instant now) {
        return sql.call(h -> h.createUpdate("""
                UPDATE device_authorizations SET status = :approved, user_id = :userId, grant_id = :grantId, session_id = :sessionId,
                    auth_time = :authTime, amr = :amr
                WHERE user_code_hash = :hash AND status = :pending AND expires_at > :now
                """)
                .bind("approved", APPROVED)
                .bind("userId", approval.userId())
                .bind("grantId", approval.grantId())
                .bind("sessionId", approval.sessionId())
                .bind("authTime", millis(approval.authTime()))
                .bind("amr", Json.ofList(approval.amr()))
                .bind("hash", userCodeHash)
                .bind("pending", PENDING)
                .bind("now", millis(now))
                .execute()) == 1;
    }

    @Override
    public boolean deny(String userCodeHash, Instant now) {
        return sql.call(h -> h.createUpdate("UPDATE device_authorizations SET status = :denied"
                        + " WHERE user_code_hash = :hash AND status = :pending AND expires_at > :now")
                .bind("denied", DeviceAuthorization.Status.DENIED.value())
                .bind("hash", userCodeHash)
                .bind("pending", PENDING)
                .bind("now", millis(now))
                .execute()) == 1;
    }

    /** The first UPDATE records a poll that kept the interval; only when it matched nothing does the second raise it. */
    @Override
    public boolean pollInTime(String deviceCodeHash, String clientId, Instant now, int slowDownSeconds) {
        return sql.call(h -> {
            int inTime = h.createUpdate("""
                    UPDATE device_authorizations SET last_poll_at = :now
                    WHERE device_code_hash = :hash AND client_id = :clientId
                        AND (last_poll_at IS NULL OR last_poll_at + interval_seconds * 1000 <= :now)
                    """)
                    .bind("now", millis(now))
                    .bind("hash", deviceCodeHash)
                    .bind("clientId", clientId)
                    .execute();
            if (inTime == 1) {
                return true;
            }
            h.createUpdate("""
                    UPDATE device_authorizations SET last_poll_at = :now, interval_seconds = interval_seconds + :step
                    WHERE device_code_hash = :hash AND client_id = :clientId
                    """)
                    .bind("now", millis(now))
                    .bind("step", slowDownSeconds)
                    .bind("hash", deviceCodeHash)
                    .bind("clientId", clientId)
                    .execute();
            return false;
        });
    }

    /** Reads the approved row, then deletes it: the DELETE that removes it decides the one winner. */
    @Override
    public Optional<DeviceAuthorization> consume(String deviceCodeHash, String clientId, Instant now) {
        return sql.call(h -> {
            Optional<DeviceAuthorization> row = h.createQuery("SELECT " + COLUMNS + " FROM device_authorizations"
                            + " WHERE device_code_hash = :hash AND client_id = :clientId AND status = :approved AND expires_at > :now")
                    .bind("hash", deviceCodeHash)
                    .bind("clientId", clientId)
                    .bind("approved", APPROVED)
                    .bind("now", millis(now))
                    .map(MAPPER)
                    .findOne();
            if (row.isEmpty()) {
                return row;
            }
            int won = h.createUpdate("DELETE FROM device_authorizations"
                            + " WHERE device_code_hash = :hash AND client_id = :clientId AND status = :approved")
                    .bind("hash", deviceCodeHash)
                    .bind("clientId", clientId)
                    .bind("approved", APPROVED)
                    .execute();
            return won == 1 ? row : Optional.<DeviceAuthorization>empty();
        });
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return sql.deleteBefore("device_authorizations", "device_code_hash", "expires_at", now.toEpochMilli(), limit);
    }
}
