package dev.cell.server.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.account.PasswordHasher;
import dev.cell.account.StandardClaims;
import dev.cell.account.User;
import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.server.admin.UserAdmin;
import dev.cell.server.admin.UserRemoval;
import dev.cell.session.SessionEnder;
import dev.cell.store.Stores;
import dev.cell.store.Versioned;
import dev.cell.token.RandomValues;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /users}: create, read, list and search, change (standard claims of OIDC Core §5.1, authorities, disabled) under
 * {@code If-Match}, disable and enable, set the password (Argon2id), delete. A user's id is its {@code sub}. Disabling,
 * setting the password and deleting end every session and grant of the user.
 */
final class UserResource implements AdminResource {
    static final int MAX_AUTHORITIES = 64;
    static final int MAX_AUTHORITY = 128;
    static final int MAX_PASSWORD = 1024;
    static final int MAX_CLAIM_TEXT = 4096;

    private final Stores stores;
    private final PasswordHasher hasher;
    private final RandomValues random;
    private final Clock clock;
    private final AuditSink audit;
    private final SessionEnder ender;
    private final Cursors cursors;
    private final int maxBytes;

    UserResource(Stores stores, PasswordHasher hasher, RandomValues random, Clock clock, AuditSink audit, SessionEnder ender,
            Cursors cursors, int maxBytes) {
        this.stores = stores;
        this.hasher = hasher;
        this.random = random;
        this.clock = clock;
        this.audit = audit;
        this.ender = ender;
        this.cursors = cursors;
        this.maxBytes = maxBytes;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(
                new AdminRoute(HandlerType.GET, "/users", AdminAccess.READ, this::list),
                new AdminRoute(HandlerType.POST, "/users", AdminAccess.WRITE, this::create),
                new AdminRoute(HandlerType.GET, "/users/{id}", AdminAccess.READ, this::read),
                new AdminRoute(HandlerType.PATCH, "/users/{id}", AdminAccess.WRITE, this::patch),
                new AdminRoute(HandlerType.DELETE, "/users/{id}", AdminAccess.WRITE, this::delete),
                new AdminRoute(HandlerType.POST, "/users/{id}/disable", AdminAccess.WRITE, (ctx, c) -> setDisabled(ctx, c, true)),
                new AdminRoute(HandlerType.POST, "/users/{id}/enable", AdminAccess.WRITE, (ctx, c) -> setDisabled(ctx, c, false)),
                new AdminRoute(HandlerType.PUT, "/users/{id}/password", AdminAccess.WRITE, this::setPassword));
    }

    private void list(Context ctx, String clientId) {
        Query q = Query.of(ctx, Set.of("q", "disabled"));
        String text = q.string("q");
        Boolean disabled = q.bool("disabled");
        int limit = q.limit();
        String scope = "users\n" + text + "\n" + disabled;
        String after = q.cursor() == null ? null : cursors.decode(scope, q.cursor(), 1).get(0);
        List<Versioned<User>> found = stores.users().search(text, disabled, after, limit + 1);
        Out.page(ctx, found, limit, v -> Representations.user(v.value()), v -> List.of(v.value().username()), cursors, scope);
    }

    private void create(Context ctx, String clientId) {
        JsonInput in = JsonInput.read(ctx, maxBytes, Set.of("username", "password", "claims", "authorities"));
        String username = in.requiredString("username", 128);
        String password = in.requiredString("password", MAX_PASSWORD);
        check("username", () -> UserAdmin.checkUsername(username));
        check("password", () -> UserAdmin.checkPassword(password));
        Map<String, Object> claims = claims(in, StandardClaims.of(Map.of()));
        Set<String> authorities = in.stringSet("authorities", MAX_AUTHORITIES, MAX_AUTHORITY);
        if (stores.users().findByUsername(username).isPresent()) {
            throw Problem.conflict("username '" + username + "' is taken");
        }
        User user = admin(clientId).create(username, password, claims, authorities == null ? Set.of() : authorities);
        Versioned<User> stored = found(user.id());
        ctx.header("Location", ctx.contextPath() + AdminApi.BASE + "/users/" + user.id());
        Etags.set(ctx, stored);
        Out.json(ctx, 201, Representations.user(stored.value()));
    }

    private void read(Context ctx, String clientId) {
        Versioned<User> v = found(ctx.pathParam("id"));
        Etags.set(ctx, v);
        Out.json(ctx, 200, Representations.user(v.value()));
    }

    /** A JSON merge patch (RFC 7396) of {@code claims}, {@code authorities} and {@code disabled}, applied only at the ETag given. */
    private void patch(Context ctx, String clientId) {
        Versioned<User> current = found(ctx.pathParam("id"));
        long version = Etags.required(ctx, current.version());
        JsonInput in = JsonInput.read(ctx, maxBytes, Set.of("claims", "authorities", "disabled"));
        User user = current.value();
        Map<String, Object> claims = new LinkedHashMap<>(user.claims());
        if (in.has("claims")) {
            claims.keySet().removeAll(StandardClaims.NAMES);
            claims.putAll(claims(in, StandardClaims.of(user.claims())));
        }
        Set<String> authorities = in.stringSet("authorities", MAX_AUTHORITIES, MAX_AUTHORITY);
        Boolean disabled = in.bool("disabled");
        User changed = new User(user.id(), user.username(), user.passwordHash(), claims, authorities == null ? user.authorities() : authorities,
                disabled == null ? user.disabled() : disabled, user.createdAt(), clock.instant());
        if (!stores.users().updateIfVersion(changed, version)) {
            throw Problem.of(412, "the user changed since it was read; read it again");
        }
        if (changed.disabled() && !user.disabled()) {
            ender.endUser(user.id(), null);
        }
        audit.record(event("user.updated", clientId, user).with("members", String.join(" ", new TreeSet<>(in.names()))));
        Versioned<User> after = found(user.id());
        Etags.set(ctx, after);
        Out.json(ctx, 200, Representations.user(after.value()));
    }

    private void setDisabled(Context ctx, String clientId, boolean disabled) {
        User user = found(ctx.pathParam("id")).value();
        if (!stores.users().setDisabled(user.id(), disabled, clock.instant())) {
            throw Problem.notFound("no such user");
        }
        if (disabled) {
            ender.endUser(user.id(), null);
        }
        audit.record(event(disabled ? "user.disabled" : "user.enabled", clientId, user));
        Versioned<User> after = found(user.id());
        Etags.set(ctx, after);
        Out.json(ctx, 200, Representations.user(after.value()));
    }

    private void setPassword(Context ctx, String clientId) {
        User user = found(ctx.pathParam("id")).value();
        JsonInput in = JsonInput.read(ctx, maxBytes, Set.of("password"));
        String password = in.requiredString("password", MAX_PASSWORD);
        check("password", () -> UserAdmin.checkPassword(password));
        admin(clientId).changePassword(user.username(), password);
        ender.endUser(user.id(), null);
        Out.noContent(ctx);
    }

    /** Deletes the user and ends everything it holds: login sessions, grants and their tokens, consents. */
    private void delete(Context ctx, String clientId) {
        User user = found(ctx.pathParam("id")).value();
        if (!new UserRemoval(stores, ender).remove(user, admin(clientId))) {
            throw Problem.notFound("no such user");
        }
        Out.noContent(ctx);
    }

    private Versioned<User> found(String id) {
        return stores.users().findVersioned(id).orElseThrow(() -> Problem.notFound("no such user"));
    }

    private UserAdmin admin(String clientId) {
        return new UserAdmin(stores.users(), hasher, random, clock, audit, AdminApi.actor(clientId));
    }

    private static AuditEvent event(String name, String clientId, User user) {
        return AuditEvent.success(name, AdminApi.actor(clientId), null, null).with("user", user.id()).with("username", user.username());
    }

    private static void check(String member, Runnable rule) {
        try {
            rule.run();
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(member, e.getMessage());
        }
    }

    /**
     * The standard claims after the {@code claims} member is merged in (RFC 7396): a string sets a claim, true or false a
     * {@code _verified} claim, null removes, and {@code address} is an object of its members merged the same way.
     */
    private static Map<String, Object> claims(JsonInput in, StandardClaims current) {
        JsonInput claims = in.object("claims");
        if (claims == null) {
            if (in.has("claims")) {
                return Map.of();
            }
            return current.values();
        }
        Map<String, String> changes = new LinkedHashMap<>();
        for (String name : claims.names()) {
            JsonNode v = claims.node(name);
            if (name.equals("address") && v.isObject()) {
                JsonInput address = claims.object("address");
                for (String member : address.names()) {
                    changes.put("address." + member, text(address, member, address.node(member)));
                }
            } else {
                changes.put(name, text(claims, name, v));
            }
        }
        for (Map.Entry<String, String> change : changes.entrySet()) {
            try {
                current.with(Collections.singletonMap(change.getKey(), change.getValue()));
            } catch (IllegalArgumentException e) {
                throw Problem.invalid("claims." + Limits.shown(change.getKey()), e.getMessage());
            }
        }
        try {
            return current.with(changes).values();
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("claims", e.getMessage());
        }
    }

    private static String text(JsonInput in, String name, JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isBoolean() && name.endsWith("_verified")) {
            return Boolean.toString(v.booleanValue());
        }
        if (!v.isTextual()) {
            throw Problem.invalid(in.path(name), "'" + Limits.shown(in.path(name)) + "' must be "
                    + (name.endsWith("_verified") ? "true or false" : "a string"));
        }
        if (v.textValue().length() > MAX_CLAIM_TEXT) {
            throw Problem.invalid(in.path(name), "'" + Limits.shown(in.path(name)) + "' is longer than " + MAX_CLAIM_TEXT + " characters");
        }
        return v.textValue();
    }
}
