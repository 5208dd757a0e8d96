package dev.cell.server.http;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes JSON bodies; token-bearing ones with {@code Cache-Control: no-store} (RFC 6749 §5.1). A body goes straight to
 * the servlet response with its length: Javalin's result stream would copy it through a fresh 8 KB buffer and its
 * compression wrapper on every request, about 5% of the CPU of a token request.
 */
public final class Responses {
    public static final String JSON = "application/json;charset=UTF-8";

    private Responses() {}

    public static void json(Context ctx, int status, byte[] body) {
        ctx.status(status).contentType(JSON);
        HttpServletResponse res = ctx.res();
        res.setContentLength(body.length);
        try {
            res.getOutputStream().write(body);
        } catch (IOException clientGone) {
            // the connection closed under the response: nobody is left to tell
        }
    }

    public static void noStoreJson(Context ctx, int status, byte[] body) {
        noStore(ctx);
        json(ctx, status, body);
    }

    /**
     * On a refusal that may leave the request body unread (405, 413) the server closes the HTTP/1.1 connection, so the answer
     * says {@code Connection: close} (RFC 9112 §9.6) and the client does not send its next request on a closing connection.
     */
    public static void closeIfBodyUnread(Context ctx, int status) {
        if ((status == 405 || status == 413) && "HTTP/1.1".equals(ctx.req().getProtocol())) {
            ctx.header("Connection", "close");
        }
    }

    public static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
    }
}
