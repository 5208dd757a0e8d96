package dev.cell.server.web;

import dev.cell.account.User;
import dev.cell.oidc.UserInfoClaims;
import dev.cell.server.http.FormRequest;
import dev.cell.server.http.Responses;
import dev.cell.store.UserStore;
import dev.cell.token.AccessTokenValidator;
import dev.cell.token.Json;
import dev.cell.token.ValidatedAccessToken;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The UserInfo endpoint {@code /userinfo} (OIDC Core §5.3): claims the token's scopes allow; errors per RFC 6750 §3. */
public final class UserInfoEndpoint {
    private final AccessTokenValidator validator;
    private final UserStore users;
    private final String realm;
    private final int maxRequestBytes;

    public UserInfoEndpoint(AccessTokenValidator validator, UserStore users, String realm, int maxRequestBytes) {
        this.validator = validator;
        this.users = users;
        this.realm = realm;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void handle(Context ctx) {
        String token = bearerToken(ctx);
        if (token == null) {
            challenge(ctx, 401, null, null);
            return;
        }
        ValidatedAccessToken at = validator.validate(token).orElse(null);
        if (at == null) {
            challenge(ctx, 401, "invalid_token", "the access token is invalid, expired or revoked");
            return;
        }
        if (!at.scopes().contains("openid")) {
            challenge(ctx, 403, "insufficient_scope", "the access token lacks the openid scope");
            return;
        }
        User user = at.userId() == null ? null : users.findById(at.userId()).filter(u -> !u.disabled()).orElse(null);
        if (user == null) {
            challenge(ctx, 401, "invalid_token", "the access token does not belong to an active user");
            return;
        }
        Map<String, Object> claims = UserInfoClaims.release(user, at.scopes(), requested(at));
        byte[] body = Json.write(g -> g.writeObject(claims));
        Responses.noStoreJson(ctx, 200, body);
    }

    /** The claim names the {@code claims} parameter asked of UserInfo (OIDC Core section 5.5), kept in the token. */
    private static List<String> requested(ValidatedAccessToken at) {
        return at.claims().get(UserInfoClaims.TOKEN_CLAIM) instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    /** The token from {@code Authorization: Bearer} (RFC 6750 §2.1) or, on POST, the {@code access_token} form field (§2.2). */
    private String bearerToken(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null) {
            if (header.length() > 7 && header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
                return header.substring(7).strip();
            }
            return null;
        }
        String type = ctx.header("Content-Type");
        if (ctx.method().name().equals("POST") && type != null && type.startsWith("application/x-www-form-urlencoded")) {
            return FormRequest.readBody(ctx, maxRequestBytes).get("access_token");
        }
        return null;
    }

    private void challenge(Context ctx, int status, String error, String description) {
        StringBuilder h = new StringBuilder("Bearer realm=\"").append(realm).append('"');
        if (error != null) {
            h.append(", error=\"").append(error).append("\", error_description=\"").append(description).append('"');
        }
        ctx.header("WWW-Authenticate", h.toString());
        ctx.attribute(dev.cell.server.http.ErrorResponder.OUTCOME, error == null ? "no_token" : error);
        byte[] body = error == null ? "{\"error\":\"invalid_request\",\"error_description\":\"a bearer token is required\"}".getBytes()
                : Json.write(g -> {
                    g.writeStartObject();
                    g.writeStringField("error", error);
                    g.writeStringField("error_description", description);
                    g.writeEndObject();
                });
        Responses.noStoreJson(ctx, status, body);
    }
}
