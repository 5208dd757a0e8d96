package dev.cell.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cell.client.Client;
import dev.cell.client.ClientMetadata;
import dev.cell.client.ClientMetadataJson;
import dev.cell.client.ClientMetadataValidator;
import dev.cell.client.ClientSecrets;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.keys.MasterKey;
import dev.cell.registration.ClientRegistration;
import dev.cell.registration.InitialAccessToken;
import dev.cell.registration.InitialAccessTokens;
import dev.cell.registration.OpenRegistrationLimiter;
import dev.cell.registration.RegistrationPolicy;
import dev.cell.registration.RegistrationRules;
import dev.cell.store.ClientRegistrationStore;
import dev.cell.store.ClientStore;
import dev.cell.token.RandomValues;
import dev.cell.token.TokenHasher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.function.Supplier;

/**
 * Dynamic client registration (RFC 7591 section 3) and its management (RFC 7592 section 2) on the one client model: metadata
 * read by {@link ClientMetadataJson}, checked by {@link ClientMetadataValidator} and {@link RegistrationRules}, stored by
 * {@link ClientAdmin}; the registration access token is stored as its SHA-256 and replaced on every update.
 */
public final class ClientRegistrar {
    /** Longest bearer token value looked up; longer ones cannot be Cell's. */
    private static final int MAX_TOKEN = 512;
    /** The RFC 8707 resource indicators a registration request may name (as the {@code resource} parameter does). */
    private static final String RESOURCE = "resource";
    /** Cell's member for a client's audiences: set for an open registration from the operator's resources. */
    private static final String AUDIENCE = "audience";
    /** What an update of an open registration writes: the RFC 7591 members and the audiences its limits give. */
    private static final Set<String> OPEN_MEMBERS = Stream.concat(ClientMetadataJson.STANDARD_MEMBERS.stream(), Stream.of(AUDIENCE))
            .collect(Collectors.toUnmodifiableSet());

    private final RegistrationPolicy policy;
    private final Set<String> openScopes;
    private final List<String> openResources;
    private final ClientStore clients;
    private final ClientRegistrationStore registrations;
    private final InitialAccessTokens initialAccessTokens;
    private final OpenRegistrationLimiter limiter;
    private final ClientMetadataValidator validator;
    private final RandomValues random;
    private final Clock clock;
    private final Supplier<MasterKey> masterKey;
    private final AuditSink audit;

    /**
     * @param openScopes the scopes a client registered under the open policy may have
     * @param openResources the resources (RFC 8707) a client registered under the open policy may ask for
     */
    public ClientRegistrar(RegistrationPolicy policy, Set<String> openScopes, List<String> openResources, ClientStore clients, ClientRegistrationStore registrations,
            InitialAccessTokens initialAccessTokens, OpenRegistrationLimiter limiter, ClientMetadataValidator validator, RandomValues random,
            Clock clock, Supplier<MasterKey> masterKey, AuditSink audit) {
        this.policy = policy;
        this.openScopes = Set.copyOf(openScopes);
        this.openResources = List.copyOf(openResources);
        this.clients = clients;
        this.registrations = registrations;
        this.initialAccessTokens = initialAccessTokens;
        this.limiter = limiter;
        this.validator = validator;
        this.random = random;
        this.clock = clock;
        this.masterKey = masterKey;
        this.audit = audit;
    }

    /** What authorized a registration: an initial access token (null when anonymous) and the limits it sets. */
    public record Authorization(InitialAccessToken initialAccessToken, RegistrationRules.Limits limits) {}

    /** A client as registered or updated, with what is shown once: its new secret (or null) and its registration access token. */
    public record Registered(Client client, String clientSecret, String registrationAccessToken) {}

    /**
     * Admits a registration request by the policy: an initial access token when one is presented or required (401
     * {@code invalid_token} when it is unknown, expired or used up); otherwise, under the open policy, one more attempt from
     * {@code address} within its limit (429 when used up).
     */
    public Authorization authorize(String bearer, String address) {
        if (bearer == null && policy == RegistrationPolicy.OPEN) {
            if (!limiter.tryAcquire(address)) {
                throw new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, "too many registrations from this address; try again after "
                        + limiter.window().toMinutes() + " minutes", 429);
            }
            return new Authorization(null, new RegistrationRules.Limits(openScopes, true, openResources));
        }
        if (bearer == null) {
            throw new OAuthException(OAuthError.INVALID_TOKEN, "registration needs an initial access token (Authorization: Bearer)");
        }
        InitialAccessToken token = initialAccessTokens.find(bearer)
                .orElseThrow(() -> new OAuthException(OAuthError.INVALID_TOKEN, "the initial access token is unknown, expired, revoked or used up"));
        return new Authorization(token, new RegistrationRules.Limits(token.scopes(), false, List.of()));
    }

    /** Registers a client (RFC 7591 section 3.1): nothing is stored, and no token use taken, unless the metadata is accepted. */
    public Registered register(Authorization authorization, ObjectNode request, String address) {
        ClientMetadata metadata = accepted(fresh(request), request, authorization.limits());
        InitialAccessToken token = authorization.initialAccessToken();
        if (token != null && !initialAccessTokens.consume(token)) {
            throw new OAuthException(OAuthError.INVALID_TOKEN, "the initial access token expired, was revoked or was used up meanwhile");
        }
        ClientAdmin.Created created = admin().create(null, metadata);
        String registrationToken = random.token();
        Instant now = clock.instant();
        try {
            registrations.create(new ClientRegistration(created.client().clientId(), authorization.limits().allowedScopes(),
                    authorization.limits().anonymous(), token == null ? null : token.id(), now, now), TokenHasher.hash(registrationToken));
        } catch (RuntimeException e) {
            clients.delete(created.client().clientId());
            throw e;
        }
        audit.record(event("client.registered", created.client(), address, token == null ? "anonymous" : "initial-access-token:" + token.id())
                .with("token_endpoint_auth_method", metadata.tokenEndpointAuthMethod().value())
                .with("grant_types", String.join(" ", new TreeSet<>(metadata.grantTypes()))));
        return new Registered(created.client(), created.secret(), registrationToken);
    }

    /** The client whose registration access token was presented (RFC 7592 section 2.1). */
    public Client read(String clientId, String registrationToken) {
        return registered(clientId, registrationToken).client();
    }

    /**
     * Replaces the client's metadata with the request's (RFC 7592 section 2.2), keeping its secret unless its authentication
     * method needs another kind, and replaces the registration access token: of concurrent updates with one token, one wins.
     */
    public Registered update(String clientId, String registrationToken, ObjectNode request, String address) {
        Current current = registered(clientId, registrationToken);
        requireMatchingIdAndSecret(current.client(), request);
        ClientRegistration r = current.registration();
        ClientMetadata metadata = accepted(replaced(current.client().metadata(), request), request,
                new RegistrationRules.Limits(r.allowedScopes(), r.anonymous(), openResources));
        String next = random.token();
        if (!registrations.rotate(clientId, TokenHasher.hash(registrationToken), TokenHasher.hash(next), clock.instant())) {
            throw new OAuthException(OAuthError.INVALID_TOKEN, "the registration access token was replaced meanwhile");
        }
        Set<String> members = r.anonymous() ? OPEN_MEMBERS : ClientMetadataJson.STANDARD_MEMBERS;
        ObjectNode replacement = allStandardMembers(ClientMetadataJson.write(metadata, ClientMetadataJson.STANDARD_MEMBERS));
        if (r.anonymous()) {
            replacement.set(AUDIENCE, ClientMetadataJson.write(metadata, Set.of(AUDIENCE)).get(AUDIENCE));
        }
        ClientAdmin.Created updated;
        try {
            updated = admin().update(clientId, b -> ClientMetadataJson.read(replacement, b, members, ClientMetadataJson.UnknownMembers.IGNORE));
        } catch (IllegalArgumentException deletedMeanwhile) {
            throw new OAuthException(OAuthError.INVALID_TOKEN, "the client is gone");
        }
        audit.record(event("client.registration_updated", updated.client(), address, actor(r))
                .with("secret", updated.secret() == null ? null : "replaced"));
        return new Registered(updated.client(), updated.secret(), next);
    }

    /** Deletes the client and its registration (RFC 7592 section 2.3); its tokens stop being active with it. */
    public void delete(String clientId, String registrationToken, String address) {
        Current current = registered(clientId, registrationToken);
        if (!admin().delete(clientId)) {
            throw new OAuthException(OAuthError.INVALID_TOKEN, "the client is gone");
        }
        audit.record(event("client.registration_deleted", current.client(), address, actor(current.registration())));
    }

    private record Current(Client client, ClientRegistration registration) {}

    /** The client and registration of a registration access token (RFC 7592 section 2: 401 unknown, 403 another client's). */
    private Current registered(String clientId, String registrationToken) {
        if (registrationToken == null || registrationToken.length() > MAX_TOKEN) {
            throw new OAuthException(OAuthError.INVALID_TOKEN, "a registration access token is required (Authorization: Bearer)");
        }
        ClientRegistration r = registrations.findByToken(TokenHasher.hash(registrationToken))
                .orElseThrow(() -> new OAuthException(OAuthError.INVALID_TOKEN, "the registration access token is unknown or was replaced"));
        if (!r.clientId().equals(clientId)) {
            throw new OAuthException(OAuthError.INSUFFICIENT_SCOPE, "this registration access token is for another client");
        }
        Client client = clients.find(clientId).orElseThrow(() -> new OAuthException(OAuthError.INVALID_TOKEN, "the client is gone"));
        return new Current(client, r);
    }

    /** The metadata of a new registration: RFC 7591 members only (others ignored, section 2), over the defaults. */
    private static ClientMetadata fresh(ObjectNode request) {
        return ClientMetadataJson.read(request, ClientMetadata.builder(), ClientMetadataJson.STANDARD_MEMBERS,
                ClientMetadataJson.UnknownMembers.IGNORE).build();
    }

    /** A full replacement (RFC 7592 section 2.2): every RFC 7591 member absent from the request goes back to its default; Cell's settings stay. */
    private static ClientMetadata replaced(ClientMetadata current, ObjectNode request) {
        return ClientMetadataJson.read(allStandardMembers(request), current.toBuilder(), ClientMetadataJson.STANDARD_MEMBERS,
                ClientMetadataJson.UnknownMembers.IGNORE).build();
    }

    /** The RFC 7591 members of {@code members}, with JSON null (the default) for each one it lacks. */
    private static ObjectNode allStandardMembers(ObjectNode members) {
        ObjectNode full = JsonNodeFactory.instance.objectNode();
        ClientMetadataJson.STANDARD_MEMBERS.forEach(full::putNull);
        members.properties().forEach(e -> {
            if (ClientMetadataJson.STANDARD_MEMBERS.contains(e.getKey())) {
                full.set(e.getKey(), e.getValue());
            }
        });
        return full;
    }

    /** The metadata after every check: software statements, the one validator, then the registration's limits. */
    private ClientMetadata accepted(ClientMetadata requested, ObjectNode request, RegistrationRules.Limits limits) {
        if (request.has("software_statement")) {
            throw new OAuthException(OAuthError.INVALID_SOFTWARE_STATEMENT,
                    "software statements are not accepted: this server trusts no software statement issuer (RFC 7591 section 2.3)");
        }
        ClientMetadata withLimits = RegistrationRules.withResources(RegistrationRules.withDefaultScopes(requested, limits),
                resources(request), limits);
        ClientMetadata checked = validator.validate(withLimits);
        RegistrationRules.check(checked, limits);
        return checked;
    }

    /** The request's {@code resource} member (a URI or an array of them), or null without one. */
    private static List<String> resources(ObjectNode request) {
        JsonNode value = request.get(RESOURCE);
        if (value == null || value.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : value.isArray() ? value : List.of(value)) {
            if (!v.isTextual()) {
                throw new OAuthException(OAuthError.INVALID_CLIENT_METADATA, "resource: must be a URI or an array of URIs (RFC 8707)");
            }
            out.add(v.textValue());
        }
        return out;
    }

    /** RFC 7592 section 2.2: the request names the client, and a {@code client_secret} in it is the current one. */
    private void requireMatchingIdAndSecret(Client client, ObjectNode request) {
        if (!request.path("client_id").isTextual() || !request.get("client_id").textValue().equals(client.clientId())) {
            throw OAuthException.invalidRequest("client_id: the request must include the client's client_id (RFC 7592 section 2.2)");
        }
        if (!request.has("client_secret")) {
            return;
        }
        String presented = request.get("client_secret").isTextual() ? request.get("client_secret").textValue() : null;
        boolean matches = client.secretHash() != null ? ClientSecrets.matches(presented, client.secretHash())
                : client.secretEncrypted() != null && presented != null
                        && TokenHasher.matches(presented, TokenHasher.hash(masterKey.get().open(client.secretEncrypted())));
        if (!matches) {
            throw OAuthException.invalidRequest("client_secret: does not match the client's current secret (RFC 7592 section 2.2)");
        }
    }

    /** Changes go through the one client administration, which audits nothing here: registration records its own events. */
    private ClientAdmin admin() {
        return new ClientAdmin(clients, validator, random, clock, masterKey, AuditSink.NONE, null);
    }

    private static String actor(ClientRegistration r) {
        return "registration:" + r.clientId();
    }

    private static AuditEvent event(String name, Client client, String address, String actor) {
        return AuditEvent.success(name, actor, client.clientId(), address);
    }
}
