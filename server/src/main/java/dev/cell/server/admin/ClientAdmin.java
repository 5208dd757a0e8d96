package dev.cell.server.admin;

import dev.cell.client.Client;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.client.ClientMetadataValidator;
import dev.cell.client.ClientSecrets;
import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.keys.MasterKey;
import dev.cell.store.ClientStore;
import dev.cell.token.RandomValues;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Registers, lists, changes, rotates and deletes clients; every change of metadata passes the one
 * {@link ClientMetadataValidator} (RFC 7591 §2) and goes to the audit trail, never a secret.
 */
public final class ClientAdmin {
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

    private final ClientStore store;
    private final ClientMetadataValidator validator;
    private final ClientSecrets secrets;
    private final RandomValues random;
    private final Clock clock;
    private final Supplier<MasterKey> masterKey;
    private final AuditSink audit;
    private final String actor;

    /** For callers that never register {@code client_secret_jwt} clients, whose secrets need the master key. */
    public ClientAdmin(ClientStore store, ClientMetadataValidator validator, RandomValues random, Clock clock) {
        this(store, validator, random, clock, () -> {
            throw new IllegalArgumentException("a client_secret_jwt client's secret is sealed with the master key, which is not available here");
        });
    }

    /** @param masterKey asked for only when a {@code client_secret_jwt} secret is sealed */
    public ClientAdmin(ClientStore store, ClientMetadataValidator validator, RandomValues random, Clock clock, Supplier<MasterKey> masterKey) {
        this(store, validator, random, clock, masterKey, AuditSink.NONE, null);
    }

    /**
     * @param validator the server's one check of client metadata
     * @param audit where each change is recorded, never with a secret
     * @param actor who makes the changes, e.g. {@code cli:alice}
     */
    public ClientAdmin(ClientStore store, ClientMetadataValidator validator, RandomValues random, Clock clock, Supplier<MasterKey> masterKey,
            AuditSink audit, String actor) {
        this.store = store;
        this.validator = validator;
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

    /**
     * Registers a client.
     *
     * @param clientId the wanted id, or null to generate one
     * @throws dev.cell.error.OAuthException {@code invalid_client_metadata} or {@code invalid_redirect_uri} for bad metadata
     */
    public Created create(String clientId, ClientMetadata metadata) {
        String id = clientId != null ? clientId : random.next(12);
        if (!CLIENT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("client id may use only letters, digits and . _ ~ - (1 to 128 characters)");
        }
        ClientMetadata checked = validator.validate(metadata);
        NewSecret secret = newSecret(checked.tokenEndpointAuthMethod());
        Instant now = clock.instant();
        Client client = Client.builder().clientId(id).metadata(checked)
                .secretHash(secret == null ? null : secret.hash()).secretEncrypted(secret == null ? null : secret.sealed())
                .createdAt(now).updatedAt(now).version(1).build();
        store.create(client);
        audit.record(change("client.created", id).with("token_endpoint_auth_method", checked.tokenEndpointAuthMethod().value())
                .with("grant_types", String.join(" ", new TreeSet<>(checked.grantTypes()))));
        return new Created(client, secret == null ? null : secret.value());
    }

    public List<Client> list() {
        return store.list();
    }

    public Optional<Client> find(String clientId) {
        return store.find(clientId);
    }

    /** A secret replaced by {@link #rotateSecret}: the new value, shown once, and until when the old one still works (or null). */
    public record Rotated(Client client, String secret, Instant previousSecretExpiresAt) {}

    /** Longest grace period during which a replaced secret still works. */
    public static final Duration MAX_GRACE_PERIOD = Duration.ofDays(30);

    /** Changes a client's metadata as of its current version; see {@link #replace}. */
    public Created update(String clientId, Consumer<ClientMetadata.Builder> change) {
        Client c = store.find(clientId).orElseThrow(() -> new NoSuchElementException("no client '" + clientId + "'"));
        ClientMetadata.Builder b = c.metadata().toBuilder();
        change.accept(b);
        return replace(clientId, c.version(), b.build());
    }

    /**
     * Replaces a client's metadata if it is still at {@code version} (RFC 9110 §13.1.1). The secret stays, unless the new
     * {@code token_endpoint_auth_method} needs another kind of secret, which is then generated (and returned once) or dropped.
     *
     * @throws NoSuchElementException if there is no such client
     * @throws ConcurrentModificationException if it changed since {@code version}
     * @throws dev.cell.error.OAuthException {@code invalid_client_metadata} or {@code invalid_redirect_uri} for bad metadata
     */
    public Created replace(String clientId, long version, ClientMetadata metadata) {
        Client c = store.find(clientId).orElseThrow(() -> new NoSuchElementException("no client '" + clientId + "'"));
        ClientMetadata checked = validator.validate(metadata);
        Client.Builder changed = c.toBuilder().metadata(checked).updatedAt(clock.instant());
        String shown = null;
        if (secretKind(checked.tokenEndpointAuthMethod()) != secretKind(c.authMethod())) {
            NewSecret secret = newSecret(checked.tokenEndpointAuthMethod());
            changed.secretHash(secret == null ? null : secret.hash()).secretEncrypted(secret == null ? null : secret.sealed())
                    .previousSecret(null, null);
            shown = secret == null ? null : secret.value();
        }
        if (!store.updateIfVersion(changed.build(), version)) {
            if (store.find(clientId).isEmpty()) {
                throw new NoSuchElementException("no client '" + clientId + "'");
            }
            throw new ConcurrentModificationException("client '" + clientId + "' changed since version " + version);
        }
        audit.record(change("client.updated", clientId).with("token_endpoint_auth_method", checked.tokenEndpointAuthMethod().value())
                .with("grant_types", String.join(" ", new TreeSet<>(checked.grantTypes()))));
        return new Created(store.find(clientId).orElseThrow(), shown);
    }

    /** Replaces the secret; the old one stops working on every node at once. */
    public String rotateSecret(String clientId) {
        return rotateSecret(clientId, null).secret();
    }

    /**
     * Replaces the secret. With a grace period the old one keeps working until it ends (a client can be redeployed without
     * downtime); only hashed secrets have one, as a {@code client_secret_jwt} MAC key is kept sealed, not hashed.
     *
     * @param grace how long the old secret still works, or null (or zero) to stop it at once
     */
    public Rotated rotateSecret(String clientId, Duration grace) {
        Client client = store.find(clientId).orElseThrow(() -> new NoSuchElementException("no client '" + clientId + "'"));
        NewSecret secret = newSecret(client.authMethod());
        if (secret == null) {
            throw new IllegalArgumentException("client '" + clientId + "' authenticates with " + client.authMethod().value()
                    + " and has no secret");
        }
        boolean keep = grace != null && !grace.isZero();
        if (keep && (grace.isNegative() || grace.compareTo(MAX_GRACE_PERIOD) > 0)) {
            throw new IllegalArgumentException("the grace period is 0 to " + MAX_GRACE_PERIOD.toSeconds() + " seconds");
        }
        if (keep && secret.hash() == null) {
            throw new IllegalArgumentException("a client_secret_jwt secret cannot have a grace period: its MAC key is sealed, not hashed");
        }
        Instant now = clock.instant();
        Instant until = keep ? now.plus(grace) : null;
        if (!store.rotateSecret(clientId, secret.hash(), secret.sealed(), until, now)) {
            throw new NoSuchElementException("no client '" + clientId + "'");
        }
        AuditEvent event = change("client.secret_rotated", clientId);
        audit.record(keep ? event.with("previous_secret_expires_at", until.toString()) : event);
        return new Rotated(store.find(clientId).orElseThrow(), secret.value(), until);
    }

    /** Clients whose id or name contains {@code query} (or all), by id, after {@code afterClientId}, at most {@code limit}. */
    public List<Client> search(String query, String afterClientId, int limit) {
        return store.search(query, afterClientId, limit);
    }

    /** Asks for Spring Security OAuth's token shape ({@code user_name}, {@code authorities}) for this client's tokens. */
    public Client setLegacyTokenClaims(String clientId, boolean legacy) {
        return update(clientId, m -> m.legacyTokenClaims(legacy)).client();
    }

    /**
     * Requires PKCE of this client, or lets a confidential client leave out {@code code_challenge} (OAuth 2.1 section 7.5.1);
     * a public client must always use it.
     */
    public Client setPkceRequired(String clientId, boolean required) {
        return update(clientId, m -> m.pkceRequired(required)).client();
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

    /** 0: no secret, 1: a hashed secret, 2: a sealed secret (the MAC key of {@code client_secret_jwt}). */
    private static int secretKind(ClientAuthMethod m) {
        return switch (m) {
            case CLIENT_SECRET_BASIC, CLIENT_SECRET_POST -> 1;
            case CLIENT_SECRET_JWT -> 2;
            case PRIVATE_KEY_JWT, NONE -> 0;
        };
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
}
