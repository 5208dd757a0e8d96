package dev.cell.server.admin.api;

import dev.cell.dpop.DPoPBinding;
import dev.cell.token.AccessTokenValidator;
import dev.cell.token.ValidatedAccessToken;
import io.javalin.http.Context;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Admits a request to the admin API by a bearer token in the Authorization header (RFC 6750 §2.1): one of Cell's own access
 * tokens (JWT or opaque, validated as for any resource), issued to a client for itself (client credentials, never for a
 * user or an external subject), with the scope the route needs. Its {@code aud} must name this API or the issuer, unless
 * it is Cell's default for a client registered without audiences (the client's own id). Refusals carry the
 * challenge of RFC 6750 §3: none without a token, {@code invalid_token}, or {@code insufficient_scope}.
 */
final class AdminGuard {
    private static final String REALM = "cell-admin";

    private final AccessTokenValidator validator;
    private final Set<String> audiences;

    /** @param audiences the identifiers a token's {@code aud} may name for this API: its URL and the issuer */
    AdminGuard(AccessTokenValidator validator, Set<String> audiences) {
        this.validator = validator;
        this.audiences = Set.copyOf(audiences);
    }

    /** The client acting, if the request may do what {@code access} needs; else a 401 or 403 problem. */
    String admit(Context ctx, AdminAccess access) {
        String token = bearer(ctx);
        ValidatedAccessToken at = validator.validate(token).orElseThrow(() -> invalidToken("the access token is invalid, expired or revoked"));
        if (DPoPBinding.jkt(at.claims()) != null) {
            throw invalidToken("the access token is DPoP-bound; the admin API takes bearer tokens only (RFC 9449 section 7.2)");
        }
        if (at.userId() != null || !at.subject().equals(at.clientId())) {
            throw invalidToken("the admin API takes only a client's own token (client_credentials), never one issued for a user");
        }
        List<String> aud = audience(at.claims().get("aud"));
        boolean unrestricted = aud.isEmpty() || aud.equals(List.of(at.clientId()));
        if (!unrestricted && aud.stream().noneMatch(audiences::contains)) {
            throw invalidToken("the access token is meant for another audience");
        }
        boolean full = at.scopes().contains(AdminAccess.ADMIN_SCOPE);
        boolean read = full || at.scopes().contains(AdminAccess.READ_SCOPE);
        if (access == AdminAccess.WRITE && !full || access == AdminAccess.READ && !read) {
            String needed = access == AdminAccess.WRITE ? AdminAccess.ADMIN_SCOPE : AdminAccess.READ_SCOPE + " " + AdminAccess.ADMIN_SCOPE;
            throw Problem.challenge(403, "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", scope=\"" + needed + "\"",
                    "this request needs scope " + (access == AdminAccess.WRITE ? AdminAccess.ADMIN_SCOPE
                            : AdminAccess.READ_SCOPE + " or " + AdminAccess.ADMIN_SCOPE));
        }
        return at.clientId();
    }

    /** The token of an {@code Authorization: Bearer} header; without one, 401 with a bare challenge (RFC 6750 §3.1). */
    private static String bearer(Context ctx) {
        List<String> headers = Collections.list(ctx.req().getHeaders("Authorization"));
        if (headers.isEmpty()) {
            throw Problem.challenge(401, "Bearer realm=\"" + REALM + "\"", "an access token with scope cell:admin or cell:admin.read is required");
        }
        String h = headers.get(0);
        if (headers.size() > 1 || h.length() < 7 || !h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            throw Problem.challenge(401, "Bearer realm=\"" + REALM + "\"", "send the access token as Authorization: Bearer <token>");
        }
        return h.substring(7).strip();
    }

    private static Problem invalidToken(String detail) {
        return Problem.challenge(401, "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\"" + detail + "\"", detail);
    }

    private static List<String> audience(Object aud) {
        return switch (aud) {
            case null -> List.of();
            case String s -> List.of(s);
            case Collection<?> c -> c.stream().map(String::valueOf).toList();
            default -> List.of(String.valueOf(aud));
        };
    }
}
