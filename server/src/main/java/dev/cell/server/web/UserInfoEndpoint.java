package dev.cell.server.web;

import dev.cell.account.User;
import dev.cell.error.Challenge;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
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
    private final int maxRequestBytes;

    public UserInfoEndpoint(AccessTokenValidator validator, UserStore users, int maxRequestBytes) {
        this.validator = validator;
        this.users = users;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void handle(Context ctx) {
        String token = bearerToken(ctx);
        if (token == null) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "a bearer token is required", 401)
                    .withChallenges(List.of(Challenge.bearerWithoutError()));
        }
        ValidatedAccessToken at = validator.validate(token).orElseThrow(() -> refused(OAuthError.INVALID_TOKEN,
                "the access token is invalid, expired or revoked"));
        if (!at.scopes().contains("openid")) {
            throw refused(OAuthError.INSUFFICIENT_SCOPE, "the access token lacks the openid scope");
        }
        User user = at.userId() == null ? null : users.findById(at.userId()).filter(u -> !u.disabled()).orElse(null);
        if (user == null) {
            throw refused(OAuthError.INVALID_TOKEN, "the access token does not belong to an active user");
        }
        Map<String, Object> claims = UserInfoClaims.release(user, at.scopes(), requested(at));
        byte[] body = Json.write(g -> g.writeObject(claims));
        Responses.noStoreJson(ctx, 200, body);
    }

    /** An RFC 6750 §3.1 refusal with its Bearer challenge. */
    private static OAuthException refused(OAuthError error, String description) {
        return new OAuthException(error, description).withChallenges(List.of(Challenge.bearer()));
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
}
