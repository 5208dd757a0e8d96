package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.account.StandardClaims;
import dev.cell.account.User;
import dev.cell.consent.Consent;
import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.server.admin.UserAdmin;
import dev.cell.server.admin.UserRemoval;
import dev.cell.server.admin.api.Representations;
import dev.cell.session.LoginSession;
import dev.cell.session.SessionClients;
import dev.cell.session.SessionEnder;
import dev.cell.store.Stores;
import dev.cell.store.Versioned;
import dev.cell.token.ActiveGrant;
import dev.cell.token.GrantRevoker;
import dev.cell.token.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link Users} on the database itself, with the admin API's rules and representations; changes go to the audit log. */
final class LocalUsers implements Users {
    private static final int BATCH = 200;

    private final Stores stores;
    private final UserAdmin admin;
    private final UserRemoval removal;
    private final GrantRevoker revoker;
    private final SessionEnder ender;
    private final AuditSink audit;
    private final String actor;
    private final Clock clock;

    /** @param ender ends sessions and grants: a session ended, a password set, a user disabled or deleted, a consent revoked */
    LocalUsers(Stores stores, UserAdmin admin, GrantRevoker revoker, SessionEnder ender, AuditSink audit, String actor, Clock clock) {
        this.stores = stores;
        this.admin = admin;
        this.revoker = revoker;
        this.ender = ender;
        this.removal = new UserRemoval(stores, ender);
        this.audit = audit;
        this.actor = actor;
        this.clock = clock;
    }

    @Override
    public List<JsonNode> list(String query, Boolean disabled) {
        List<JsonNode> out = new ArrayList<>();
        String after = null;
        while (true) {
            List<Versioned<User>> page = stores.users().search(query, disabled, after, BATCH);
            page.forEach(v -> out.add(json(v.value())));
            if (page.size() < BATCH) {
                return out;
            }
            after = page.get(page.size() - 1).value().username();
        }
    }

    @Override
    public JsonNode show(String user) {
        return json(find(user));
    }

    @Override
    public JsonNode create(String username, String password, Map<String, String> claims, Set<String> authorities) {
        Map<String, Object> values = StandardClaims.of(Map.of()).with(claims).values();
        return json(admin.create(username, password, values, authorities));
    }

    @Override
    public JsonNode update(String user, Map<String, String> claims, Set<String> authorities) {
        User u = find(user);
        if (!claims.isEmpty()) {
            u = admin.updateClaims(u.username(), claims);
        }
        if (authorities != null) {
            u = new User(u.id(), u.username(), u.passwordHash(), u.claims(), authorities, u.disabled(), u.createdAt(), clock.instant());
            if (!stores.users().update(u)) {
                throw Users.noUser(user);
            }
            audit.record(AuditEvent.success("user.updated", actor, null, null).with("user", u.id()).with("username", u.username())
                    .with("members", "authorities"));
        }
        return show(u.id());
    }

    @Override
    public JsonNode setDisabled(String user, boolean disabled) {
        User u = find(user);
        if (!stores.users().setDisabled(u.id(), disabled, clock.instant())) {
            throw Users.noUser(user);
        }
        if (disabled) {
            ender.endUser(u.id(), null);
        }
        audit.record(AuditEvent.success(disabled ? "user.disabled" : "user.enabled", actor, null, null).with("user", u.id())
                .with("username", u.username()));
        return show(u.id());
    }

    @Override
    public void setPassword(String user, String password) {
        User u = find(user);
        admin.changePassword(u.username(), password);
        ender.endUser(u.id(), null);
    }

    @Override
    public void delete(String user) {
        if (!removal.remove(find(user), admin)) {
            throw Users.noUser(user);
        }
    }

    @Override
    public List<JsonNode> sessions(String user) {
        User u = find(user);
        List<JsonNode> out = new ArrayList<>();
        String after = null;
        while (true) {
            List<LoginSession> page = stores.loginSessions().listForUser(u.id(), clock.instant(), after, BATCH);
            Map<String, Set<String>> clients = SessionClients.of(stores.grants(), page);
            page.forEach(s -> out.add(Json.MAPPER.valueToTree(Representations.session(s, clients.getOrDefault(s.sid(), Set.of())))));
            if (page.size() < BATCH) {
                return out;
            }
            after = page.get(page.size() - 1).idHash();
        }
    }

    @Override
    public void endSession(String user, String sessionId) {
        User u = find(user);
        if (!ender.endSessionOf(u.id(), sessionId)) {
            throw noSession(user, sessionId);
        }
        audit.record(AuditEvent.success("session.ended", actor, null, null).with("user", u.id()));
    }

    @Override
    public List<JsonNode> grants(String user) {
        User u = find(user);
        List<JsonNode> out = new ArrayList<>();
        String after = null;
        while (true) {
            List<ActiveGrant> page = stores.tokens().listGrantsForUser(u.id(), clock.instant(), after, BATCH);
            page.forEach(g -> out.add(Json.MAPPER.valueToTree(Representations.grant(g))));
            if (page.size() < BATCH) {
                return out;
            }
            after = page.get(page.size() - 1).grantId();
        }
    }

    @Override
    public void revokeGrant(String user, String grantId) {
        User u = find(user);
        if (!stores.tokens().isGrantOf(grantId, u.id())) {
            throw noGrant(user, grantId);
        }
        int revoked = revoker.revoke(grantId);
        audit.record(AuditEvent.success("grant.revoked", actor, null, null).with("user", u.id()).with("grant", grantId)
                .with("tokens", Integer.toString(revoked)));
    }

    @Override
    public void endAllSessions(String user) {
        User u = find(user);
        int ended = ender.endUser(u.id(), null).sessionIds().size();
        audit.record(AuditEvent.success("session.ended", actor, null, null).with("user", u.id()).with("sessions", Integer.toString(ended)));
    }

    @Override
    public List<JsonNode> consents(String user) {
        return stores.consents().listForUser(find(user).id()).stream().sorted(Comparator.comparing(Consent::clientId))
                .map(c -> (JsonNode) Json.MAPPER.valueToTree(Representations.consent(c))).toList();
    }

    @Override
    public void revokeConsent(String user, String clientId) {
        User u = find(user);
        if (!stores.consents().delete(u.id(), clientId)) {
            throw noConsent(user, clientId);
        }
        int grants = ender.endClient(u.id(), clientId);
        audit.record(AuditEvent.success("consent.revoked", actor, clientId, null).with("user", u.id()).with("grants", Integer.toString(grants)));
    }

    static CommandFailure noSession(String user, String sessionId) {
        return CommandFailure.notFound("user '" + user + "' has no session '" + sessionId + "'");
    }

    static CommandFailure noGrant(String user, String grantId) {
        return CommandFailure.notFound("user '" + user + "' has no grant '" + grantId + "'");
    }

    static CommandFailure noConsent(String user, String clientId) {
        return CommandFailure.notFound("user '" + user + "' has no consent for client '" + clientId + "'");
    }

    /** The user by username, else by id. */
    private User find(String user) {
        return stores.users().findByUsername(user).or(() -> stores.users().findById(user)).orElseThrow(() -> Users.noUser(user));
    }

    private static JsonNode json(User u) {
        return Json.MAPPER.valueToTree(Representations.user(u));
    }
}
