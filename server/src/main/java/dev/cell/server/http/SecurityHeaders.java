package dev.cell.server.http;

import io.javalin.http.Context;

/** Headers on every response: no sniffing, no referrer leaks, no framing, no active content (RFC 9700 §4.16). */
public final class SecurityHeaders {
    private SecurityHeaders() {}

    public static void apply(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        ctx.header("X-Frame-Options", "DENY");
    }
}
