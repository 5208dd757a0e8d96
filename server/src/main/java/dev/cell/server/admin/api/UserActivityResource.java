package dev.cell.server.admin.api;

import dev.cell.account.User;
import dev.cell.consent.Consent;
import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.session.LoginSession;
import dev.cell.session.SessionClients;
import dev.cell.session.SessionEnder;
import dev.cell.store.Stores;
import dev.cell.token.ActiveGrant;
import dev.cell.token.GrantRevoker;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a user holds: login sessions (ending one signs the user out on every node at once and ends the grants issued
 * through it; ending all ends every grant of the user), grants (RFC 6749 §1.3; revoking
 * revokes its refresh and opaque tokens and deny-lists its JWT access tokens, as RFC 7009 §2.1 does for a refresh token),
 * and remembered consents (RFC 6749 §10.2; revoking makes the next authorization ask again and ends the user's grants to
 * that client).
 */
final class UserActivityResource implements AdminResource {
    private final Stores stores;
    private final GrantRevoker revoker;
    private final SessionEnder ender;
    private final AuditSink audit;
    private final Cursors cursors;
    private final Clock clock;

    UserActivityResource(Stores stores, GrantRevoker revoker, SessionEnder ender, AuditSink audit, Cursors cursors, Clock clock) {
        this.stores = stores;
        this.revoker = revoker;
        this.ender = ender;
        this.audit = audit;
        this.cursors = cursors;
        this.clock = clock;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(
                new AdminRoute(HandlerType.GET, "/users/{id}/sessions", AdminAccess.READ, this::sessions),
                new AdminRoute(HandlerType.DELETE, "/users/{id}/sessions", AdminAccess.WRITE, this::endAllSessions),
                new AdminRoute(HandlerType.DELETE, "/users/{id}/sessions/{sessionId}", AdminAccess.WRITE, this::endSession),
                new AdminRoute(HandlerType.GET, "/users/{id}/grants", AdminAccess.READ, this::grants),
                new AdminRoute(HandlerType.DELETE, "/users/{id}/grants/{grantId}", AdminAccess.WRITE, this::revokeGrant),
                new AdminRoute(HandlerType.GET, "/users/{id}/consents", AdminAccess.READ, this::consents),
                new AdminRoute(HandlerType.DELETE, "/users/{id}/consents/{clientId}", AdminAccess.WRITE, this::revokeConsent));
    }

    private void sessions(Context ctx, String clientId) {
        User user = user(ctx);
        Query q = Query.of(ctx, Set.of());
        int limit = q.limit();
        String scope = "sessions\n" + user.id();
        String after = q.cursor() == null ? null : cursors.decode(scope, q.cursor(), 1).get(0);
        List<LoginSession> found = stores.loginSessions().listForUser(user.id(), clock.instant(), after, limit + 1);
        Map<String, Set<String>> clients = SessionClients.of(stores.grants(), found);
        Out.page(ctx, found, limit, s -> Representations.session(s, clients.getOrDefault(s.sid(), Set.of())), s -> List.of(s.idHash()),
                cursors, scope);
    }

    private void endSession(Context ctx, String clientId) {
        User user = user(ctx);
        String id = ctx.pathParam("sessionId");
        if (!ender.endSessionOf(user.id(), id)) {
            throw Problem.notFound("the user has no such session");
        }
        audit.record(event("session.ended", clientId, null, user));
        Out.noContent(ctx);
    }

    /** Signs the user out everywhere: every session and every grant of the user ends. */
    private void endAllSessions(Context ctx, String clientId) {
        User user = user(ctx);
        int ended = ender.endUser(user.id(), null).sessionIds().size();
        audit.record(event("session.ended", clientId, null, user).with("sessions", Integer.toString(ended)));
        Out.noContent(ctx);
    }

    private void grants(Context ctx, String clientId) {
        User user = user(ctx);
        Query q = Query.of(ctx, Set.of());
        int limit = q.limit();
        String scope = "grants\n" + user.id();
        String after = q.cursor() == null ? null : cursors.decode(scope, q.cursor(), 1).get(0);
        List<ActiveGrant> found = stores.tokens().listGrantsForUser(user.id(), clock.instant(), after, limit + 1);
        Out.page(ctx, found, limit, Representations::grant, g -> List.of(g.grantId()), cursors, scope);
    }

    private void revokeGrant(Context ctx, String clientId) {
        User user = user(ctx);
        String grantId = ctx.pathParam("grantId");
        if (!stores.tokens().isGrantOf(grantId, user.id())) {
            throw Problem.notFound("the user has no such grant");
        }
        int revoked = revoker.revoke(grantId);
        audit.record(event("grant.revoked", clientId, null, user).with("grant", grantId).with("tokens", Integer.toString(revoked)));
        Out.noContent(ctx);
    }

    /** Consents are one per client the user approved, so a page of them is cut from the whole, in client id order. */
    private void consents(Context ctx, String clientId) {
        User user = user(ctx);
        Query q = Query.of(ctx, Set.of());
        int limit = q.limit();
        String scope = "consents\n" + user.id();
        String after = q.cursor() == null ? null : cursors.decode(scope, q.cursor(), 1).get(0);
        List<Consent> found = stores.consents().listForUser(user.id()).stream()
                .sorted(Comparator.comparing(Consent::clientId))
                .filter(c -> after == null || c.clientId().compareTo(after) > 0)
                .limit(limit + 1L)
                .toList();
        Out.page(ctx, found, limit, Representations::consent, c -> List.of(c.clientId()), cursors, scope);
    }

    private void revokeConsent(Context ctx, String clientId) {
        User user = user(ctx);
        String client = ctx.pathParam("clientId");
        if (!stores.consents().delete(user.id(), client)) {
            throw Problem.notFound("the user has no consent for that client");
        }
        int grants = ender.endClient(user.id(), client);
        audit.record(event("consent.revoked", clientId, client, user).with("grants", Integer.toString(grants)));
        Out.noContent(ctx);
    }

    private User user(Context ctx) {
        return stores.users().findById(ctx.pathParam("id")).orElseThrow(() -> Problem.notFound("no such user"));
    }

    private static AuditEvent event(String name, String actingClient, String client, User user) {
        return AuditEvent.success(name, AdminApi.actor(actingClient), client, null).with("user", user.id());
    }
}
