package dev.cell.server.admin.api;

import dev.cell.logout.LogoutDelivery;
import dev.cell.store.LogoutDeliveryStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /backchannel-logout/deliveries}: the back-channel logout queue (OIDC Back-Channel Logout 1.0 §2.5), newest first,
 * optionally of one status: pending, delivered, or failed for good with the last error.
 */
final class LogoutDeliveryResource implements AdminResource {
    private final LogoutDeliveryStore store;
    private final Cursors cursors;

    LogoutDeliveryResource(LogoutDeliveryStore store, Cursors cursors) {
        this.store = store;
        this.cursors = cursors;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(new AdminRoute(HandlerType.GET, "/backchannel-logout/deliveries", AdminAccess.READ, this::list));
    }

    private void list(Context ctx, String clientId) {
        Query q = Query.of(ctx, Set.of("status"));
        LogoutDelivery.Status status = status(q.string("status"));
        int limit = q.limit();
        String scope = "backchannel-logout-deliveries\n" + (status == null ? "" : status.value());
        Instant afterTime = null;
        String afterId = null;
        if (q.cursor() != null) {
            List<String> position = cursors.decode(scope, q.cursor(), 2);
            try {
                afterTime = Instant.ofEpochMilli(Long.parseLong(position.get(0)));
            } catch (NumberFormatException e) {
                throw Problem.invalid("cursor", "the cursor is not one this list gave out");
            }
            afterId = position.get(1);
        }
        List<LogoutDelivery> found = store.list(status, afterTime, afterId, limit + 1);
        Out.page(ctx, found, limit, LogoutDeliveryResource::delivery, d -> List.of(Long.toString(d.createdAt().toEpochMilli()), d.id()),
                cursors, scope);
    }

    private static LogoutDelivery.Status status(String value) {
        if (value == null) {
            return null;
        }
        try {
            return LogoutDelivery.Status.of(value);
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("status", "status must be pending, delivered or failed");
        }
    }

    private static Map<String, Object> delivery(LogoutDelivery d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id());
        out.put("client_id", d.clientId());
        out.put("user_id", d.subject());
        out.put("sid", d.sessionId());
        out.put("status", d.status().value());
        out.put("attempts", d.attempts());
        out.put("next_attempt_at", d.status() == LogoutDelivery.Status.PENDING ? Out.time(d.nextAttemptAt()) : null);
        out.put("last_error", d.lastError());
        out.put("created_at", Out.time(d.createdAt()));
        out.put("updated_at", Out.time(d.updatedAt()));
        return out;
    }
}
