package dev.cell.server.http;

import io.javalin.http.Context;
import java.util.Set;

/**
 * Cross-origin access (Fetch standard §3.2, CORS protocol) for the public, cookie-free JSON endpoints only: any origin, never credentials.
 * Pages that use the session cookie, the admin API and introspection are not listed and so never answer cross-origin requests.
 */
public final class Cors {
    /** The route paths browser clients may call across origins. */
    static final Set<String> PATHS = Set.of(
            "/.well-known/openid-configuration",
            "/.well-known/oauth-authorization-server",
            "/oauth/jwks",
            "/oauth/token_key",
            "/oauth/token",
            "/oauth/revoke",
            "/oauth/register",
            "/oauth/register/{client_id}",
            "/oauth/device_authorization",
            "/userinfo");
    static final String ALLOW_HEADERS = "Authorization, Content-Type, DPoP";
    static final String EXPOSE_HEADERS = "WWW-Authenticate, DPoP-Nonce";
    /** How long a browser may cache a preflight answer, in seconds. */
    static final String MAX_AGE = "86400";

    private Cors() {}

    static boolean applies(String path) {
        return PATHS.contains(path);
    }

    /** The fields of a response to the request itself: any origin may read it, including the error challenge and a DPoP nonce. */
    static void actual(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    }

    /** Answers a preflight (an OPTIONS request) with 204: the path's methods and the request header fields a client may send. */
    static void preflight(Context ctx, Set<String> methods) {
        ctx.header("Allow", String.join(", ", methods) + ", OPTIONS");
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Allow-Methods", String.join(", ", methods));
        ctx.header("Access-Control-Allow-Headers", ALLOW_HEADERS);
        ctx.header("Access-Control-Max-Age", MAX_AGE);
        ctx.status(204);
    }
}
