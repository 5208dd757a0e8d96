package dev.cell.server.web;

import dev.cell.account.User;
import dev.cell.dpop.DPoPBinding;
import dev.cell.dpop.DPoPVerifier;
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
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The UserInfo endpoint {@code /userinfo} (OIDC Core §5.3): claims the token's scopes allow; errors per RFC 6750 §3. A
 * DPoP-bound token is accepted only with the {@code DPoP} scheme and a proof of its key (RFC 9449 §7), never as Bearer.
 */
public final class UserInfoEndpoint {
    private final AccessTokenValidator validator;
    private final UserStore users;
    private final int maxRequestBytes;
    private final DPoPVerifier dpop;
    private final URI uri;

    /**
     * @param dpop the DPoP verifier, or null when DPoP is off (the {@code DPoP} scheme is then not accepted)
     * @param uri this endpoint's URL, which a proof's {@code htu} names
     */
    public UserInfoEndpoint(AccessTokenValidator validator, UserStore users, int maxRequestBytes, DPoPVerifier dpop, URI uri) {
        this.validator = validator;
        this.users = users;
        this.maxRequestBytes = maxRequestBytes;
        this.dpop = dpop;
        this.uri = uri;
    }

    /** The access token and the scheme it came with. */
    private record Credential(String token, boolean dpop) {}

    public void handle(Context ctx) {
        Credential credential = credential(ctx);
        if (credential == null) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "a bearer token is required", 401).withChallenges(challenges(false));
        }
        ValidatedAccessToken at = validator.validate(credential.token()).orElseThrow(() -> refused(OAuthError.INVALID_TOKEN,
                "the access token is invalid, expired or revoked"));
        String jkt = DPoPBinding.jkt(at.claims());
        if (credential.dpop()) {
            if (jkt == null) {
                throw refused(OAuthError.INVALID_TOKEN, "the access token is not DPoP-bound; present it with the Bearer scheme");
            }
            dpop.verifyResourceRequest(ctx.method().name(), uri, at.clientId(), Collections.list(ctx.req().getHeaders(DPoPVerifier.HEADER)),
                    credential.token(), jkt);
        } else if (jkt != null) {
            throw new OAuthException(OAuthError.INVALID_TOKEN,
                    "the access token is DPoP-bound: present it with the DPoP scheme and a proof (RFC 9449 section 7.2)", 401)
                    .withChallenges(List.of(dpop == null ? Challenge.bearer() : dpop.challenge()));
        }
        if (!at.scopes().contains("openid")) {
            throw refused(OAuthError.INSUFFICIENT_SCOPE, "the access token lacks the openid scope");
        }
        User user = at.userId() == null ? null : users.findById(at.userId()).filter(u -> !u.disabled()).orElse(null);
        if (user == null) {
            throw refused(OAuthError.INVALID_TOKEN, "the access token does not belong to an active user");
        }
        Map<String, Object> claims = UserInfoClaims.release(user, at.scopes(), requested(at));
        byte[] body = Json.write(g -> g.writeObject(claims));
        String nonce = dpop == null ? null : dpop.currentNonce();
        if (nonce != null && credential.dpop()) {
            ctx.header(DPoPVerifier.NONCE_HEADER, nonce);
        }
        Responses.noStoreJson(ctx, 200, body);
    }

    /** An RFC 6750 §3.1 refusal with the challenges of the schemes this endpoint accepts. */
    private OAuthException refused(OAuthError error, String description) {
        return new OAuthException(error, description).withChallenges(challenges(true));
    }

    /** {@code Bearer}, and {@code DPoP} with its algorithms when DPoP is on (RFC 9449 §7.1). */
    private List<Challenge> challenges(boolean withError) {
        Challenge bearer = withError ? Challenge.bearer() : Challenge.bearerWithoutError();
        return dpop == null ? List.of(bearer) : List.of(bearer, Challenge.dpop(dpop.algorithms(), withError));
    }

    /** The claim names the {@code claims} parameter asked of UserInfo (OIDC Core section 5.5), kept in the token. */
    private static List<String> requested(ValidatedAccessToken at) {
        return at.claims().get(UserInfoClaims.TOKEN_CLAIM) instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    /**
     * The token from {@code Authorization: Bearer} (RFC 6750 §2.1), {@code Authorization: DPoP} when DPoP is on (RFC 9449
     * §7.1) or, on POST, the {@code access_token} form field (RFC 6750 §2.2).
     */
    private Credential credential(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (header.length() > 7 && lower.startsWith("bearer ")) {
                return new Credential(header.substring(7).strip(), false);
            }
            if (dpop != null && header.length() > 5 && lower.startsWith("dpop ")) {
                return new Credential(header.substring(5).strip(), true);
            }
            return null;
        }
        String type = ctx.header("Content-Type");
        if (ctx.method().name().equals("POST") && type != null && type.startsWith("application/x-www-form-urlencoded")) {
            String token = FormRequest.readBody(ctx, maxRequestBytes).get("access_token");
            return token == null ? null : new Credential(token, false);
        }
        return null;
    }
}
