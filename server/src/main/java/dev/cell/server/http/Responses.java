package dev.cell.server.http;

import io.javalin.http.Context;

/** Writes JSON bodies; token-bearing ones with {@code Cache-Control: no-store} (RFC 6749 §5.1). */
public final class Responses {
    public static final String JSON = "application/json;charset=UTF-8";

    private Responses() {}

    public static void json(Context ctx, int status, byte[] body) {
        ctx.status(status).contentType(JSON).result(body);
    }

    public static void noStoreJson(Context ctx, int status, byte[] body) {
        noStore(ctx);
        json(ctx, status, body);
    }

    public static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
    }
}
