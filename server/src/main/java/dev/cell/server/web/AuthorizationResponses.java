package dev.cell.server.web;

import dev.cell.authorize.AuthorizationOutcome;
import dev.cell.authorize.ResponseMode;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends the authorization response, {@code iss} included (RFC 6749 §4.1.2, §4.2.2, RFC 9207 §2), in the request's
 * response mode: query, fragment (OAuth 2.0 Multiple Response Type Encoding Practices) or form_post (OAuth 2.0 Form Post
 * Response Mode).
 */
public final class AuthorizationResponses {
    private final String issuer;
    private final FormPostPage formPost;

    public AuthorizationResponses(String issuer, FormPostPage formPost) {
        this.issuer = issuer;
        this.formPost = formPost;
    }

    /** Sends the outcome's response to its redirect URI, with {@code state} and {@code iss} added. */
    public void send(Context ctx, AuthorizationOutcome.Redirect redirect) {
        send(ctx, redirect.redirectUri(), redirect.responseMode(), redirect.parameters(), redirect.state());
    }

    private void send(Context ctx, String redirectUri, ResponseMode mode, Map<String, String> values, String state) {
        Map<String, String> p = new LinkedHashMap<>(values);
        if (state != null) {
            p.put("state", state);
        }
        p.put("iss", issuer);
        switch (mode) {
            case QUERY -> redirect(ctx, redirectUri, p);
            case FRAGMENT -> {
                ctx.header("Cache-Control", "no-store");
                ctx.header("Location", redirectUri + "#" + encodeAll(p));
                ctx.status(303);
            }
            case FORM_POST -> formPost.render(ctx, redirectUri, p);
        }
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
