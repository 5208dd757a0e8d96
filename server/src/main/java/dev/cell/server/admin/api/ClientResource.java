package dev.cell.server.admin.api;

import dev.cell.client.Client;
import dev.cell.client.ClientMetadata;
import dev.cell.client.ClientMetadataJson;
import dev.cell.client.ClientMetadataValidator;
import dev.cell.error.OAuthException;
import dev.cell.event.AuditSink;
import dev.cell.keys.MasterKey;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.store.ClientStore;
import dev.cell.token.RandomValues;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /clients}: register (a generated {@code client_id} and secret, shown once), read, list and search, replace (PUT) or
 * change (PATCH, a JSON merge patch of RFC 7396) under {@code If-Match}, delete, and rotate the secret with an optional grace
 * period; the metadata is RFC 7591 §2's, checked by the one {@link ClientMetadataValidator}.
 */
final class ClientResource implements AdminResource {
    /** Members of a client's representation that a PUT may send back unchanged; {@code client_id} must name the client. */
    static final Set<String> READ_ONLY = Set.of("client_id", "created_at", "updated_at", "previous_secret_expires_at");
    private static final Pattern MEMBER = Pattern.compile("([a-z_]+)(\\[\\d+])?[ ,:].*", Pattern.DOTALL);

    private final ClientStore store;
    private final ClientMetadataValidator validator;
    private final RandomValues random;
    private final Clock clock;
    private final Supplier<MasterKey> masterKey;
    private final AuditSink audit;
    private final Cursors cursors;
    private final int maxBytes;

    ClientResource(ClientStore store, ClientMetadataValidator validator, RandomValues random, Clock clock, Supplier<MasterKey> masterKey,
            AuditSink audit, Cursors cursors, int maxBytes) {
        this.store = store;
        this.validator = validator;
        this.random = random;
        this.clock = clock;
        this.masterKey = masterKey;
        this.audit = audit;
        this.cursors = cursors;
        this.maxBytes = maxBytes;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(
                new AdminRoute(HandlerType.GET, "/clients", AdminAccess.READ, this::list),
                new AdminRoute(HandlerType.POST, "/clients", AdminAccess.WRITE, this::create),
                new AdminRoute(HandlerType.GET, "/clients/{id}", AdminAccess.READ, this::read),
                new AdminRoute(HandlerType.PUT, "/clients/{id}", AdminAccess.WRITE, this::replace),
                new AdminRoute(HandlerType.PATCH, "/clients/{id}", AdminAccess.WRITE, this::patch),
                new AdminRoute(HandlerType.DELETE, "/clients/{id}", AdminAccess.WRITE, this::delete),
                new AdminRoute(HandlerType.POST, "/clients/{id}/secret", AdminAccess.WRITE, this::rotateSecret));
    }

    private void list(Context ctx, String clientId) {
        Query q = Query.of(ctx, Set.of("q"));
        String text = q.string("q");
        int limit = q.limit();
        String scope = "clients\n" + text;
        String after = q.cursor() == null ? null : cursors.decode(scope, q.cursor(), 1).get(0);
        Out.page(ctx, store.search(text, after, limit + 1), limit, Representations::client, c -> List.of(c.clientId()), cursors, scope);
    }

    /** Registers a client from its metadata; {@code client_id} may name it, else one is generated. */
    private void create(Context ctx, String clientId) {
        JsonInput in = JsonInput.read(ctx, maxBytes, with(ClientMetadataJson.ALL_MEMBERS, "client_id"));
        String wanted = in.string("client_id", 128);
        ClientMetadata metadata = metadata(in, ClientMetadata.builder());
        ClientAdmin.Created created = checked(() -> admin(clientId).create(wanted, metadata));
        ctx.header("Location", ctx.contextPath() + AdminApi.BASE + "/clients/" + created.client().clientId());
        answer(ctx, 201, created.client(), created.secret());
    }

    private void read(Context ctx, String clientId) {
        Client c = found(ctx.pathParam("id"));
        answer(ctx, 200, c, null);
    }

    /** Replaces the whole metadata: members left out go back to their defaults (RFC 7591 §2). */
    private void replace(Context ctx, String clientId) {
        Client current = found(ctx.pathParam("id"));
        long version = Etags.required(ctx, current.version());
        Set<String> accepted = new HashSet<>(ClientMetadataJson.ALL_MEMBERS);
        accepted.addAll(READ_ONLY);
        JsonInput in = JsonInput.read(ctx, maxBytes, accepted);
        String named = in.string("client_id", 128);
        if (named != null && !named.equals(current.clientId())) {
            throw Problem.invalid("client_id", "'client_id' must be the id of the client being replaced");
        }
        change(ctx, clientId, current, version, metadata(in, ClientMetadata.builder()));
    }

    /** Changes the members given (RFC 7396: a member set to null goes back to its default). */
    private void patch(Context ctx, String clientId) {
        Client current = found(ctx.pathParam("id"));
        long version = Etags.required(ctx, current.version());
        JsonInput in = JsonInput.read(ctx, maxBytes, ClientMetadataJson.ALL_MEMBERS);
        change(ctx, clientId, current, version, metadata(in, current.metadata().toBuilder()));
    }

    private void change(Context ctx, String clientId, Client current, long version, ClientMetadata metadata) {
        ClientAdmin.Created changed = checked(() -> admin(clientId).replace(current.clientId(), version, metadata));
        answer(ctx, 200, changed.client(), changed.secret());
    }

    private void delete(Context ctx, String clientId) {
        if (!admin(clientId).delete(found(ctx.pathParam("id")).clientId())) {
            throw Problem.notFound("no such client");
        }
        Out.noContent(ctx);
    }

    /** A new secret, shown once; with {@code grace_period} (seconds) the old one keeps working that long. */
    private void rotateSecret(Context ctx, String clientId) {
        Client current = found(ctx.pathParam("id"));
        Integer grace = null;
        if (ctx.contentType() != null || ctx.req().getContentLengthLong() > 0) {
            grace = JsonInput.read(ctx, maxBytes, Set.of("grace_period")).integer("grace_period", 0,
                    (int) ClientAdmin.MAX_GRACE_PERIOD.toSeconds());
        }
        Duration period = grace == null ? null : Duration.ofSeconds(grace);
        ClientAdmin.Rotated rotated = admin(clientId).rotateSecret(current.clientId(), period);
        answer(ctx, 200, rotated.client(), rotated.secret());
    }

    private void answer(Context ctx, int status, Client c, String secret) {
        Map<String, Object> body = new LinkedHashMap<>(Representations.client(c));
        if (secret != null) {
            body.put("client_secret", secret);
        }
        ctx.header("ETag", Etags.of(c.version()));
        Out.json(ctx, status, body);
    }

    private Client found(String id) {
        return store.find(id).orElseThrow(() -> Problem.notFound("no such client"));
    }

    private ClientAdmin admin(String clientId) {
        return new ClientAdmin(store, validator, random, clock, masterKey, audit, AdminApi.actor(clientId));
    }

    /** The metadata members of the body applied to {@code builder}; a wrong type is a problem naming the member. */
    private static ClientMetadata metadata(JsonInput in, ClientMetadata.Builder builder) {
        return checked(() -> ClientMetadataJson.read(in.json(), builder, ClientMetadataJson.ALL_MEMBERS,
                ClientMetadataJson.UnknownMembers.IGNORE).build());
    }

    /** Runs a step whose {@link OAuthException} (RFC 7591 §3.2.2) becomes a problem with its code and the member it names. */
    private static <T> T checked(Supplier<T> step) {
        try {
            return step.get();
        } catch (OAuthException e) {
            Matcher m = MEMBER.matcher(e.description());
            String member = m.matches() && (ClientMetadataJson.ALL_MEMBERS.contains(m.group(1))) ? m.group(1) : null;
            throw Problem.clientMetadata(e.error().code(), member, e.description());
        }
    }

    private static Set<String> with(Set<String> members, String more) {
        Set<String> out = new HashSet<>(members);
        out.add(more);
        return out;
    }
}
