package dev.cell.server.feature;

import dev.cell.client.ClientMetadataValidator;
import dev.cell.config.CellConfig;
import dev.cell.registration.InitialAccessTokens;
import dev.cell.registration.OpenRegistrationLimiter;
import dev.cell.server.admin.ClientRegistrar;
import dev.cell.server.endpoint.ClientConfigurationEndpoint;
import dev.cell.server.endpoint.RegistrationEndpoint;
import dev.cell.server.http.Route;
import dev.cell.store.Stores;
import io.javalin.http.HandlerType;
import java.util.Map;

/**
 * Dynamic client registration (RFC 7591) and its management (RFC 7592) under {@code registration.policy}. Its stores (registrations,
 * initial access tokens) stay shared, since the admin API and the CLI hand out initial access tokens while it is off too.
 */
public final class RegistrationFeature implements Feature {
    /** The registration endpoint (RFC 7591 §3); a registered client's configuration endpoint is under it (RFC 7592 §2). */
    public static final String PATH = "/oauth/register";

    @Override
    public String name() {
        return "registration";
    }

    @Override
    public boolean enabled(CellConfig config) {
        return config.registration().enabled();
    }

    /** RFC 8414 §2. */
    @Override
    public void metadata(CellConfig config, Map<String, Object> metadata) {
        metadata.put("registration_endpoint", config.endpoint(PATH));
    }

    @Override
    public void install(FeatureContext context, Contributions out) {
        CellConfig.Registration r = context.config().registration();
        Stores stores = context.stores();
        ClientRegistrar registrar = new ClientRegistrar(r.policy(), r.openScopes(), r.openResources(), stores.clients(), stores.clientRegistrations(),
                new InitialAccessTokens(stores.initialAccessTokens(), context.random(), context.clock(), context.audit()),
                new OpenRegistrationLimiter(stores.loginFailures(), r.openMaxPerAddress(), r.openWindow(), context.clock()),
                new ClientMetadataValidator(context.grants()), context.random(), context.clock(), context::masterKey, context.audit());
        String base = context.config().endpoint(PATH);
        int maxBytes = context.maxRequestBytes();
        ClientConfigurationEndpoint configuration = new ClientConfigurationEndpoint(registrar, base, maxBytes);
        String clientPath = PATH + "/{" + ClientConfigurationEndpoint.CLIENT_ID + "}";
        out.route(new Route(HandlerType.POST, PATH, new RegistrationEndpoint(registrar, base, context.audit(), maxBytes)::handle))
                .route(new Route(HandlerType.GET, clientPath, configuration::read))
                .route(new Route(HandlerType.PUT, clientPath, configuration::update))
                .route(new Route(HandlerType.DELETE, clientPath, configuration::delete));
    }
}
