package dev.cell.server.admin;

import dev.cell.assertion.PublicJwks;
import dev.cell.client.Client;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientSecrets;
import dev.cell.client.RedirectUriPolicy;
import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.keys.MasterKey;
import dev.cell.store.ClientStore;
import dev.cell.token.RandomValues;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Registers, lists, rotates and deletes clients, checking metadata as RFC 7591 §2 and RFC 6749 §3.1.2 require; each change goes
 * to the audit trail, never a secret.
 */
public final class ClientAdmin {
    /** Grant types a client may be registered for (RFC 6749 §4, RFC 7523 §2.1). */
    public static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token", "client_credentials", "password",
            "implicit", "urn:ietf:params:oauth:grant-type:jwt-bearer");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

    private final ClientStore store;
    private final ClientSecrets secrets;
    private final RandomValues random;
    private final Clock clock;
    private final Supplier<MasterKey> masterKey;
    private final AuditSink audit;
    private final String actor;

    /** For callers that never register {@code client_secret_jwt} clients, whose secrets need the master key. */
    public ClientAdmin(ClientStore store, RandomValues random, Clock clock) {
        this(store, random, clock, () -> {
            throw new IllegalArgumentException("a client_secret_jwt client's secret is sealed with the master key, which is not available here");
        });
    }

    /** @param masterKey asked for only when a {@code client_secret_jwt} secret is sealed */
    public ClientAdmin(ClientStore store, RandomValues random, Clock clock, Supplier<MasterKey> masterKey) {
        this(store, random, clock, masterKey, AuditSink.NONE, null);
    }

    /**
     * @param audit where each change is recorded, never with a secret
     * @param actor who makes the changes, e.g. {@code cli:alice}
     */
    public ClientAdmin(ClientStore store, RandomValues random, Clock clock, Supplier<MasterKey> masterKey, AuditSink audit, String actor) {
        this.store = store;
        this.secrets = new ClientSecrets(random);
        this.random = random;
        this.clock = clock;
        this.masterKey = masterKey;
        this.audit = audit;
        this.actor = actor;
    }

    /** A new secret: its value to show once, and what is stored (a SHA-256 hash, or for {@code client_secret_jwt} the value sealed). */
    private record NewSecret(String value, String hash, String sealed) {}

    /**
     * A new client and, for a secret method, its secret: shown once, stored only as a hash, or for {@code client_secret_jwt}
     * sealed under the master key (the MAC needs the secret itself).
     */
    public record Created(Client client, String secret) {}

    public Created create(ClientSpec spec) {
        String id = spec.clientId() != null ? spec.clientId() : random.next(12);
        if (!CLIENT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("client id may use only letters, digits and . _ ~ - (1 to 128 characters)");
        }
        if (spec.clientName() == null || spec.clientName().isBlank()) {
            throw new IllegalArgumentException("a client needs a name");
        }
        if (spec.grantTypes().isEmpty()) {
            throw new IllegalArgumentException("a client needs at least one grant type");
        }
        for (String g : spec.grantTypes()) {
            if (!GRANT_TYPES.contains(g)) {
                throw new IllegalArgumentException("unknown grant type '" + g + "'; known: " + GRANT_TYPES);
            }
        }
        if (spec.authMethod() == ClientAuthMethod.NONE && spec.grantTypes().contains("client_credentials")) {
            throw new IllegalArgumentException("a public client (auth method none) cannot use client_credentials");
        }
        boolean redirecting = spec.grantTypes().contains("authorization_code") || spec.grantTypes().contains("implicit");
        if (redirecting && spec.redirectUris().isEmpty()) {
            throw new IllegalArgumentException("authorization_code and implicit clients need at least one --redirect-uri");
        }
        spec.redirectUris().forEach(ClientAdmin::checkRedirectUri);
        spec.postLogoutRedirectUris().forEach(ClientAdmin::checkRedirectUri);
        String jwks = registeredJwks(spec);
        NewSecret secret = newSecret(spec.authMethod());
        Instant now = clock.instant();
        Client client = new Client(id, spec.clientName().strip(), secret == null ? null : secret.hash(), secret == null ? null : secret.sealed(),
                spec.authMethod(), spec.grantTypes(), spec.redirectUris(), spec.postLogoutRedirectUris(), spec.scopes(),
                spec.audiences(), spec.accessTokenFormat(), spec.firstParty(), jwks, spec.jwksUri(), Set.of(), now, now, 1, false,
                spec.pkceRequired());
        store.create(client);
        audit.record(change("client.created", id).with("token_endpoint_auth_method", spec.authMethod().value())
                .with("grant_types", String.join(" ", new TreeSet<>(spec.grantTypes()))));
        return new Created(client, secret == null ? null : secret.value());
    }

    public List<Client> list() {
        return store.list();
    }

    public Optional<Client> find(String clientId) {
        return store.find(clientId);
    }

    /** Replaces the secret; the old one stops working on every node at once. */
    public String rotateSecret(String clientId) {
        Client client = store.find(clientId).orElseThrow(() -> new IllegalArgumentException("no client '" + clientId + "'"));
        NewSecret secret = newSecret(client.authMethod());
        if (secret == null) {
            throw new IllegalArgumentException("client '" + clientId + "' authenticates with " + client.authMethod().value()
                    + " and has no secret");
        }
        store.updateSecret(clientId, secret.hash(), secret.sealed(), clock.instant());
        audit.record(change("client.secret_rotated", clientId));
        return secret.value();
    }

    /** Asks for Spring Security OAuth's token shape ({@code user_name}, {@code authorities}) for this client's tokens. */
    public Client setLegacyTokenClaims(String clientId, boolean legacy) {
        Client c = store.find(clientId).orElseThrow(() -> new IllegalArgumentException("no client '" + clientId + "'"));
        Client changed = new Client(c.clientId(), c.clientName(), c.secretHash(), c.secretEncrypted(), c.authMethod(), c.grantTypes(),
                c.redirectUris(), c.postLogoutRedirectUris(), c.scopes(), c.audiences(), c.accessTokenFormat(), c.firstParty(), c.jwks(),
                c.jwksUri(), c.authorities(), c.createdAt(), clock.instant(), c.version(), legacy, c.pkceRequired());
        store.update(changed);
        audit.record(change("client.updated", clientId).with("legacy_token_claims", Boolean.toString(legacy)));
        return changed;
    }

    /**
     * Requires PKCE of this client, or lets a confidential client leave out {@code code_challenge} (OAuth 2.1 section 7.5.1);
     * a public client must always use it.
     */
    public Client setPkceRequired(String clientId, boolean required) {
        Client c = store.find(clientId).orElseThrow(() -> new IllegalArgumentException("no client '" + clientId + "'"));
        Client changed = new Client(c.clientId(), c.clientName(), c.secretHash(), c.secretEncrypted(), c.authMethod(), c.grantTypes(),
                c.redirectUris(), c.postLogoutRedirectUris(), c.scopes(), c.audiences(), c.accessTokenFormat(), c.firstParty(), c.jwks(),
                c.jwksUri(), c.authorities(), c.createdAt(), clock.instant(), c.version(), c.legacyTokenClaims(), required);
        store.update(changed);
        audit.record(change("client.updated", clientId).with("pkce_required", Boolean.toString(required)));
        return changed;
    }

    public boolean delete(String clientId) {
        boolean deleted = store.delete(clientId);
        if (deleted) {
            audit.record(change("client.deleted", clientId));
        }
        return deleted;
    }

    /** The audit event of a change to one client by this admin's actor. */
    private AuditEvent change(String event, String clientId) {
        return AuditEvent.success(event, actor, clientId, null);
    }

    /** The secret for a new or rotated client of method {@code m}, or null for a method without one. */
    private NewSecret newSecret(ClientAuthMethod m) {
        return switch (m) {
            case CLIENT_SECRET_BASIC, CLIENT_SECRET_POST -> {
                String value = secrets.generate();
                yield new NewSecret(value, ClientSecrets.hash(value), null);
            }
            case CLIENT_SECRET_JWT -> {
                String value = secrets.generateMacKey();
                yield new NewSecret(value, null, masterKey.get().seal(value));
            }
            case PRIVATE_KEY_JWT, NONE -> null;
        };
    }

    /**
     * Checks the keys: a {@code private_key_jwt} client registers its public keys one way (RFC 7591 §2: jwks or jwks_uri,
     * never both); no other client registers any.
     *
     * @return the JWK set to store (public members only), or null
     */
    private static String registeredJwks(ClientSpec spec) {
        if (spec.authMethod() != ClientAuthMethod.PRIVATE_KEY_JWT) {
            if (spec.jwks() != null || spec.jwksUri() != null) {
                throw new IllegalArgumentException("only private_key_jwt clients register keys (jwks or jwks_uri)");
            }
            return null;
        }
        if ((spec.jwks() == null) == (spec.jwksUri() == null)) {
            throw new IllegalArgumentException("a private_key_jwt client needs exactly one of jwks (--jwks FILE) and jwks_uri (--jwks-uri URL)");
        }
        if (spec.jwksUri() != null) {
            PublicJwks.checkUri(spec.jwksUri());
            return null;
        }
        try {
            return PublicJwks.parse(spec.jwks());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("jwks: " + e.getMessage());
        }
    }

    /** One redirect or post-logout redirect URI, checked by {@link RedirectUriPolicy}; the error names the URI. */
    private static void checkRedirectUri(String uri) {
        try {
            RedirectUriPolicy.check(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("redirect URI '" + uri + "': " + e.getMessage());
        }
    }
}
