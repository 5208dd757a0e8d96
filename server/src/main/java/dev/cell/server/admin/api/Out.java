package dev.cell.server.admin.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cell.server.http.Responses;
import dev.cell.token.Json;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Writes admin API answers: JSON objects, never cached (they carry account data), and pages of a list. */
final class Out {
    private Out() {}

    static void json(Context ctx, int status, Map<String, ?> body) {
        try {
            Responses.noStoreJson(ctx, status, Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void noContent(Context ctx) {
        Responses.noStore(ctx);
        ctx.status(204);
    }

    /** An RFC 3339 time, or null. */
    static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    /**
     * A page: {@code items} and, when {@code fetched} holds more than {@code limit} (the caller asks for one more),
     * {@code next_cursor} with the position of the page's last item.
     */
    static <T> void page(Context ctx, List<T> fetched, int limit, Function<T, Map<String, ?>> item, Function<T, List<String>> position,
            Cursors cursors, String scope) {
        List<Map<String, ?>> items = new ArrayList<>();
        fetched.stream().limit(limit).forEach(t -> items.add(item.apply(t)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        if (fetched.size() > limit) {
            body.put("next_cursor", cursors.encode(scope, position.apply(fetched.get(limit - 1))));
        }
        json(ctx, 200, body);
    }
}
