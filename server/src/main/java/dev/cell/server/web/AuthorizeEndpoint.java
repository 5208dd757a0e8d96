package dev.cell.server.web;

import dev.cell.server.http.FormParser;
import dev.cell.server.http.FormRequest;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The authorization endpoint {@code /oauth/authorize} (RFC 6749 §3.1, GET and POST): client and redirect URI are
 * checked first and shown on the error page when wrong; every later error goes to the redirect URI.
 */
public final class AuthorizeEndpoint {
    private final AuthorizationHttp http;
    private final int maxRequestBytes;

    public AuthorizeEndpoint(AuthorizationHttp http, int maxRequestBytes) {
        this.http = http;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void get(Context ctx) {
        handle(ctx, FormParser.parse(ctx.queryString()));
    }

    public void post(Context ctx) {
        handle(ctx, FormRequest.readBody(ctx, maxRequestBytes));
    }

    private void handle(Context ctx, Map<String, String> params) {
        http.respond(ctx, http.service().authorize(params, http.browser(ctx)));
    }
}
