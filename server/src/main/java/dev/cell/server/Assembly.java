package dev.cell.server;

import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientAuthentication;
import dev.cell.client.ClientRegistry;
import dev.cell.client.ClientSecretAuthenticator;
import dev.cell.config.CellConfig;
import dev.cell.grant.ClientCredentialsGrant;
import dev.cell.grant.GrantHandler;
import dev.cell.grant.GrantRegistry;
import dev.cell.grant.TokenRequestProcessor;
import dev.cell.jdbc.Database;
import dev.cell.keys.KeyService;
import dev.cell.keys.MasterKey;
import dev.cell.keys.SigningKeyFactory;
import dev.cell.metadata.ServerMetadata;
import dev.cell.server.endpoint.DiscoveryEndpoint;
import dev.cell.server.endpoint.HealthEndpoint;
import dev.cell.server.endpoint.JwksEndpoint;
import dev.cell.server.endpoint.MetricsEndpoint;
import dev.cell.server.endpoint.TokenEndpoint;
import dev.cell.server.http.ErrorResponder;
import dev.cell.server.http.HttpMetrics;
import dev.cell.server.http.Route;
import dev.cell.server.http.WebServer;
import dev.cell.store.Stores;
import dev.cell.token.AccessTokenIssuer;
import dev.cell.token.RandomValues;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The composition root: every object of a running node, built once by constructor, no container. */
public final class Assembly implements AutoCloseable {
    private final CellConfig config;
    private final Database database;
    private final KeyService keys;
    private final WebServer web;

    public Assembly(CellConfig config, Database database, MasterKey masterKey, String cryptoProvider, Clock clock, SecureRandom secureRandom) {
        this.config = config;
        this.database = database;
        Stores stores = database.stores();
        RandomValues random = new RandomValues(secureRandom);

        this.keys = new KeyService(stores.signingKeys(), masterKey, new SigningKeyFactory(masterKey, config.keys().rsaKeySize()),
                config.keys().algorithms(), config.keys().refreshInterval(), config.tokens().accessTokenLifetime(), clock);
        keys.start();

        ClientRegistry clients = new ClientRegistry(stores.clients());
        ClientAuthentication authentication = new ClientAuthentication(clients, List.of(
                new ClientSecretAuthenticator(ClientAuthMethod.CLIENT_SECRET_BASIC),
                new ClientSecretAuthenticator(ClientAuthMethod.CLIENT_SECRET_POST)));
        AccessTokenIssuer accessTokens = new AccessTokenIssuer(config.issuer(), config.tokens().accessTokenSigningAlg(),
                config.tokens().accessTokenLifetime(), keys, stores.tokens(), random, clock);
        List<GrantHandler> grants = new ArrayList<>();
        if (config.features().clientCredentials()) {
            grants.add(new ClientCredentialsGrant(accessTokens, random));
        }
        GrantRegistry grantRegistry = new GrantRegistry(grants);
        TokenRequestProcessor processor = new TokenRequestProcessor(authentication, grantRegistry);

        Map<String, Object> metadata = ServerMetadata.build(config, grantRegistry.grantTypes(), authentication.supportedMethods());
        PrometheusMeterRegistry registry = meterRegistry(cryptoProvider);
        TokenEndpoint token = new TokenEndpoint(processor, config.server().maxRequestBytes());
        DiscoveryEndpoint discovery = new DiscoveryEndpoint(metadata);
        JwksEndpoint jwks = new JwksEndpoint(keys);
        HealthEndpoint health = new HealthEndpoint(database::isReachable);
        MetricsEndpoint metrics = new MetricsEndpoint(registry);

        List<Route> routes = List.of(
                new Route(HandlerType.POST, "/oauth/token", token::handle),
                new Route(HandlerType.GET, "/oauth/jwks", jwks::handle),
                new Route(HandlerType.GET, "/oauth/token_key", jwks::tokenKey),
                new Route(HandlerType.GET, "/.well-known/openid-configuration", discovery::handle),
                new Route(HandlerType.GET, "/.well-known/oauth-authorization-server", discovery::handle),
                new Route(HandlerType.GET, "/health/live", health::live),
                new Route(HandlerType.GET, "/health/ready", health::ready),
                new Route(HandlerType.GET, "/metrics", metrics::handle));
        this.web = new WebServer(config.server(), routes, new ErrorResponder(config.issuer().getHost()), new HttpMetrics(registry));
    }

    private static PrometheusMeterRegistry meterRegistry(String cryptoProvider) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Gauge.builder("cell.crypto.provider", () -> 1)
                .description("The JCA provider that signs tokens")
                .tag("provider", cryptoProvider)
                .register(registry);
        return registry;
    }

    public Assembly start() {
        web.start();
        return this;
    }

    public int port() {
        return web.port();
    }

    public CellConfig config() {
        return config;
    }

    public KeyService keys() {
        return keys;
    }

    @Override
    public void close() {
        web.stop();
        database.close();
    }
}
