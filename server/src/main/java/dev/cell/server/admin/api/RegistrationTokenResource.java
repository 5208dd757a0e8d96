package dev.cell.server.admin.api;

import dev.cell.grant.Scopes;
import dev.cell.error.OAuthException;
import dev.cell.registration.InitialAccessTokens;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /registration-tokens}: initial access tokens for dynamic client registration (RFC 7591 section 3): issue one (its
 * value shown only in the answer), list the unexpired ones, revoke one.
 */
final class RegistrationTokenResource implements AdminResource {
    /** Most tokens one list answer holds; they are issued by administrators and expire, so one page holds them. */
    static final int MAX_LISTED = 1000;
    private static final int MAX_SCOPE = InitialAccessTokens.MAX_SCOPES * (InitialAccessTokens.MAX_SCOPE_LENGTH + 1);

    private final InitialAccessTokens tokens;
    private final Duration defaultLifetime;
    private final int maxBytes;

    RegistrationTokenResource(InitialAccessTokens tokens, Duration defaultLifetime, int maxBytes) {
        this.tokens = tokens;
        this.defaultLifetime = defaultLifetime;
        this.maxBytes = maxBytes;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(
                new AdminRoute(HandlerType.GET, "/registration-tokens", AdminAccess.READ, this::list),
                new AdminRoute(HandlerType.POST, "/registration-tokens", AdminAccess.WRITE, this::create),
                new AdminRoute(HandlerType.DELETE, "/registration-tokens/{id}", AdminAccess.WRITE, this::revoke));
    }

    private void list(Context ctx, String clientId) {
        Query.of(ctx, Set.of());
        Out.json(ctx, 200, Map.of("items", tokens.list(MAX_LISTED).stream().map(Representations::registrationToken).toList()));
    }

    /** Issues a token: {@code expires_in} seconds, {@code uses} or {@code multiple_use}, fixed {@code scope}. */
    private void create(Context ctx, String clientId) {
        JsonInput in = JsonInput.read(ctx, maxBytes, Set.of("expires_in", "uses", "multiple_use", "scope"));
        Integer expiresIn = in.integer("expires_in", 1, (int) InitialAccessTokens.MAX_LIFETIME.toSeconds());
        Integer uses = in.integer("uses", 1, InitialAccessTokens.MAX_USES);
        boolean multiple = Boolean.TRUE.equals(in.bool("multiple_use"));
        if (multiple && uses != null) {
            throw Problem.invalid("uses", "'uses' counts the registrations of a token that is not 'multiple_use'; give one or the other");
        }
        Set<String> scopes = scopes(in.string("scope", MAX_SCOPE));
        InitialAccessTokens.Issued issued;
        try {
            issued = tokens.issue(scopes, expiresIn == null ? defaultLifetime : Duration.ofSeconds(expiresIn),
                    multiple ? null : uses == null ? 1 : uses, AdminApi.actor(clientId));
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(null, e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", issued.value());
        body.putAll(Representations.registrationToken(issued.token()));
        Out.json(ctx, 201, body);
    }

    private void revoke(Context ctx, String clientId) {
        if (!tokens.revoke(ctx.pathParam("id"), AdminApi.actor(clientId))) {
            throw Problem.notFound("no such registration token");
        }
        Out.noContent(ctx);
    }

    private static Set<String> scopes(String scope) {
        try {
            return Scopes.parse(scope);
        } catch (OAuthException e) {
            throw Problem.invalid("scope", e.description());
        }
    }
}
