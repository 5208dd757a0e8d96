package dev.cell.server.admin;

import dev.cell.client.Client;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientSecrets;
import dev.cell.store.ClientStore;
import dev.cell.token.RandomValues;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Registers, lists, rotates and deletes clients, checking metadata as RFC 7591 §2 and RFC 6749 §3.1.2 require. */
public final class ClientAdmin {
    /** Grant types a client may be registered for (RFC 6749 §4, RFC 7523 §2.1). */
    public static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token", "client_credentials", "password",
            "implicit", "urn:ietf:params:oauth:grant-type:jwt-bearer");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

    private final ClientStore store;
    private final ClientSecrets secrets;
    private final RandomValues random;
    private final Clock clock;

    public ClientAdmin(ClientStore store, RandomValues random, Clock clock) {
        this.store = store;
        this.secrets = new ClientSecrets(random);
        this.random = random;
        this.clock = clock;
    }

    /** A new client and, for a secret method, its secret: shown once, stored only as a hash. */
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
        String secret = usesSecret(spec.authMethod()) ? secrets.generate() : null;
        Instant now = clock.instant();
        Client client = new Client(id, spec.clientName().strip(), secret == null ? null : ClientSecrets.hash(secret), null,
                spec.authMethod(), spec.grantTypes(), spec.redirectUris(), spec.postLogoutRedirectUris(), spec.scopes(),
                spec.audiences(), spec.accessTokenFormat(), spec.firstParty(), null, null, Set.of(), now, now, 1, false);
        store.create(client);
        return new Created(client, secret);
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
        if (!usesSecret(client.authMethod())) {
            throw new IllegalArgumentException("client '" + clientId + "' authenticates with " + client.authMethod().value()
                    + " and has no secret");
        }
        String secret = secrets.generate();
        store.updateSecret(clientId, ClientSecrets.hash(secret), null, clock.instant());
        return secret;
    }

    public boolean delete(String clientId) {
        return store.delete(clientId);
    }

    private static boolean usesSecret(ClientAuthMethod m) {
        return m == ClientAuthMethod.CLIENT_SECRET_BASIC || m == ClientAuthMethod.CLIENT_SECRET_POST;
    }

    /** An absolute URI without a fragment (RFC 6749 §3.1.2). */
    private static void checkRedirectUri(String uri) {
        try {
            URI u = new URI(uri);
            if (!u.isAbsolute() || u.getRawFragment() != null) {
                throw new IllegalArgumentException("redirect URI '" + uri + "' must be absolute and have no fragment (RFC 6749 §3.1.2)");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("redirect URI '" + uri + "' is not a valid URI");
        }
    }
}
