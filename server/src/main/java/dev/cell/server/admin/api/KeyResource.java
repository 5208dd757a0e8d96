package dev.cell.server.admin.api;

import dev.cell.server.admin.KeyRotation;
import dev.cell.store.SigningKeyStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /keys}: the signing keys (RFC 7517), public parts only, and their rotation. */
final class KeyResource implements AdminResource {
    private final SigningKeyStore keys;
    private final KeyRotation rotation;
    private final Clock clock;

    KeyResource(SigningKeyStore keys, KeyRotation rotation, Clock clock) {
        this.keys = keys;
        this.rotation = rotation;
        this.clock = clock;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(
                new AdminRoute(HandlerType.GET, "/keys", AdminAccess.READ, this::list),
                new AdminRoute(HandlerType.POST, "/keys/rotate", AdminAccess.WRITE, this::rotate));
    }

    /** Every stored key, newest first; a handful per rotation and deleted after retirement, so one page holds them all. */
    private void list(Context ctx, String clientId) {
        Query.of(ctx, Set.of());
        List<Map<String, Object>> items = keys.listAll().stream().map(k -> Representations.key(k, clock.instant())).toList();
        Out.json(ctx, 200, Map.of("items", items));
    }

    private void rotate(Context ctx, String clientId) {
        KeyRotation.Rotated rotated = rotation.rotate(AdminApi.actor(clientId));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("created", rotated.created().stream().map(k -> Representations.key(k, clock.instant())).toList());
        body.put("retired_keys_published_until", Out.time(rotated.retiredUntil()));
        Out.json(ctx, 200, body);
    }
}
