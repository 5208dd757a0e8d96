package dev.cell.server.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Redirects to the client with the authorization response in the query, {@code iss} included (RFC 6749 §4.1.2, RFC 9207 §2). */
public final class AuthorizationResponses {
    private final String issuer;

    public AuthorizationResponses(String issuer) {
        this.issuer = issuer;
    }

    public void code(Context ctx, String redirectUri, String code, String state) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("code", code);
        if (state != null) {
            p.put("state", state);
        }
        p.put("iss", issuer);
        redirect(ctx, redirectUri, p);
    }

    /** The implicit grant's tokens in the fragment (RFC 6749 §4.2.2). */
    public void fragment(Context ctx, String redirectUri, Map<String, String> tokens, String state) {
        Map<String, String> p = new LinkedHashMap<>(tokens);
        if (state != null) {
            p.put("state", state);
        }
        p.put("iss", issuer);
        ctx.header("Cache-Control", "no-store");
        ctx.header("Location", redirectUri + "#" + encodeAll(p));
        ctx.status(303);
    }

    public void error(Context ctx, String redirectUri, String error, String description, String state) {
        error(ctx, redirectUri, error, description, state, false);
    }

    /** @param fragment answer in the fragment, as implicit requests expect (RFC 6749 §4.2.2.1) */
    public void error(Context ctx, String redirectUri, String error, String description, String state, boolean fragment) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("error", error);
        if (description != null) {
            p.put("error_description", description);
        }
        if (state != null) {
            p.put("state", state);
        }
        p.put("iss", issuer);
        if (fragment) {
            ctx.header("Cache-Control", "no-store");
            ctx.header("Location", redirectUri + "#" + encodeAll(p));
            ctx.status(303);
            return;
        }
        redirect(ctx, redirectUri, p);
    }

    private static String encodeAll(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(encode(k)).append('=').append(encode(v)));
        return b.toString();
    }

    /** A 303 to {@code uri} with the parameters appended to its query; never cached, never with a referrer. */
    public static void redirect(Context ctx, String uri, Map<String, String> params) {
        StringBuilder location = new StringBuilder(uri);
        char sep = uri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            location.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        ctx.header("Cache-Control", "no-store");
        ctx.header("Location", location.toString());
        ctx.status(303);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
