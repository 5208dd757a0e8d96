package dev.cell.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** Headers on every response: no sniffing, no referrer leaks, no framing, no active content (RFC 9700 §4.16). */
public final class SecurityHeaders {
    /** Every header with its value, in the order they are sent. */
    static final List<Map.Entry<String, String>> FIELDS = List.of(
            Map.entry("X-Content-Type-Options", "nosniff"),
            Map.entry("Referrer-Policy", "no-referrer"),
            Map.entry("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
            Map.entry("X-Frame-Options", "DENY"));

    private SecurityHeaders() {}

    public static void apply(Context ctx) {
        FIELDS.forEach(f -> ctx.header(f.getKey(), f.getValue()));
    }
}
