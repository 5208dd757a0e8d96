package dev.cell.server.admin.api;

import dev.cell.account.PasswordHasher;
import dev.cell.client.ClientMetadataValidator;
import dev.cell.event.AuditSink;
import dev.cell.keys.MasterKey;
import dev.cell.registration.InitialAccessTokens;
import dev.cell.server.admin.AuditRecorder;
import dev.cell.server.admin.KeyRotation;
import dev.cell.server.http.Route;
import dev.cell.session.SessionEnder;
import dev.cell.store.Stores;
import dev.cell.token.AccessTokenValidator;
import dev.cell.token.GrantRevoker;
import dev.cell.token.RandomValues;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The admin REST API under {@value #BASE} (JSON; RFC 9457 problem details; ETags and If-Match): its resources' routes, each
 * behind {@link AdminGuard} and answering every failure as a problem detail.
 */
public final class AdminApi {
    public static final String BASE = "/admin/api/v1";
    /** Name of the shared server secret that keys the paging cursors. */
    public static final String CURSOR_SECRET = "admin-cursor";
    /** Largest JSON body an admin request may have. */
    static final int MAX_BODY = 64 * 1024;

    private final AdminGuard guard;
    private final List<AdminRoute> routes = new ArrayList<>();

    /** @param resources the resources it serves, in the order their routes are registered */
    public AdminApi(AccessTokenValidator validator, Set<String> audiences, List<AdminResource> resources) {
        this.guard = new AdminGuard(validator, audiences);
        resources.forEach(r -> routes.addAll(r.routes()));
    }

    /**
     * The resources Cell has: clients; users with their sessions, grants and consents; signing keys; the audit trail; the
     * back-channel logout deliveries; initial access tokens for client registration; this API's OpenAPI document.
     *
     * @param clientValidator the one check of client metadata (RFC 7591 §2)
     * @param masterKey seals the secrets of {@code client_secret_jwt} clients
     * @param registrationTokenLifetime the lifetime of an initial access token issued without one
     */
    public static List<AdminResource> resources(Stores stores, PasswordHasher hasher, RandomValues random, Clock clock, AuditSink audit,
            AuditRecorder recorder, GrantRevoker revoker, SessionEnder ender, KeyRotation rotation, byte[] cursorKey, Duration registrationTokenLifetime,
            ClientMetadataValidator clientValidator, MasterKey masterKey) {
        Cursors cursors = new Cursors(cursorKey);
        return List.of(
                new ClientResource(stores.clients(), clientValidator, random, clock, () -> masterKey, audit, cursors, MAX_BODY),
                new UserResource(stores, hasher, random, clock, audit, ender, cursors, MAX_BODY),
                new UserActivityResource(stores, revoker, ender, audit, cursors, clock),
                new KeyResource(stores.signingKeys(), rotation, clock),
                new AuditResource(stores.audit(), recorder, cursors),
                new LogoutDeliveryResource(stores.logoutDeliveries(), cursors),
                new RegistrationTokenResource(new InitialAccessTokens(stores.initialAccessTokens(), random, clock, audit),
                        registrationTokenLifetime, MAX_BODY),
                new OpenApiResource());
    }

    /** The audit actor of a change made through this API by a client. */
    static String actor(String clientId) {
        return "client:" + clientId;
    }

    /** Every route, as the web server registers it. */
    public List<Route> routes() {
        return routes.stream().map(r -> new Route(r.method(), BASE + r.path(), ctx -> handle(ctx, r))).toList();
    }

    private void handle(Context ctx, AdminRoute route) {
        try {
            String clientId = route.access() == AdminAccess.PUBLIC ? null : guard.admit(ctx, route.access());
            route.action().handle(ctx, clientId);
        } catch (Exception e) {
            ProblemResponder.respond(ctx, e);
        }
    }
}
