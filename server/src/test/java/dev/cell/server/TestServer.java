package dev.cell.server;

import dev.cell.account.PasswordHasher;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.client.ClientMetadataValidator;
import dev.cell.config.CellConfig;
import dev.cell.config.ConfigLoader;
import dev.cell.grant.ServerGrants;
import dev.cell.server.feature.Feature;
import dev.cell.server.feature.Features;
import dev.cell.jdbc.Database;
import dev.cell.keys.MasterKey;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.server.admin.UserAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.RandomValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A real Cell node on a free loopback port with a fresh in-memory H2 database, for endpoint tests. */
public final class TestServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public final CellConfig config;
    public final Database database;
    public final Assembly assembly;
    public final ClientAdmin clients;
    public final UserAdmin users;
    public final MasterKey masterKey;
    private final RandomValues values;
    private final Clock clock;

    private TestServer(Map<String, String> overrides, Clock clock, List<Feature> features) {
        int port = freePort();
        Map<String, String> all = new HashMap<>();
        all.put("issuer", "http://127.0.0.1:" + port);
        all.put("server.host", "127.0.0.1");
        all.put("server.port", Integer.toString(port));
        all.put("database.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        all.put("logging.format", "text");
        all.putAll(overrides);
        this.config = new ConfigLoader().load(null, Map.of(), all);
        SecureRandom random = new SecureRandom();
        this.masterKey = MasterKey.parse(config.keys().masterKey() != null ? config.keys().masterKey() : MasterKey.generate(random), random);
        this.database = new Database(config.database().url(), config.database().username(), config.database().password(), 4);
        this.values = new RandomValues(random);
        this.clock = clock;
        this.clients = new ClientAdmin(database.stores().clients(), new ClientMetadataValidator(new Features(features, config).grants()), values, clock,
                () -> masterKey);
        this.users = new UserAdmin(database.stores().users(), new PasswordHasher(), values, clock);
        this.assembly = new Assembly(config, database, masterKey, CryptoProviders.install(), clock, random, features).start();
    }

    public static TestServer start() {
        return new TestServer(Map.of(), Clock.systemUTC(), Features.all());
    }

    public static TestServer start(Map<String, String> overrides) {
        return new TestServer(overrides, Clock.systemUTC(), Features.all());
    }

    public static TestServer start(Map<String, String> overrides, Clock clock) {
        return new TestServer(overrides, clock, Features.all());
    }

    /** A node with these optional features instead of {@link Features#all()}. */
    public static TestServer start(Map<String, String> overrides, List<Feature> features) {
        return new TestServer(overrides, Clock.systemUTC(), features);
    }

    public String url(String path) {
        return config.endpoint(path);
    }

    /**
     * Registers a client for grant types this server may not offer, as one registered before a feature switch went off (the
     * server must still refuse those grants).
     */
    public ClientAdmin.Created registeredBefore(String id, ClientMetadata metadata) {
        return new ClientAdmin(database.stores().clients(), new ClientMetadataValidator(new ServerGrants(metadata.grantTypes())), values,
                clock, () -> masterKey).create(id, metadata);
    }

    /** Registers a confidential client_credentials client; returns it with its one-time secret. */
    public ClientAdmin.Created confidentialClient(String id, ClientAuthMethod method, AccessTokenFormat format, String... scopes) {
        return clients.create(id, ClientMetadata.builder().clientName("Test " + id).tokenEndpointAuthMethod(method)
                .grantTypes(Set.of("client_credentials")).scopes(Set.of(scopes)).accessTokenFormat(format).build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
    }

    /** POSTs a raw form body with the given headers (name, value pairs). */
    public HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!typed) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        assembly.close();
    }
}
