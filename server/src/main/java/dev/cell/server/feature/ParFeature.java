package dev.cell.server.feature;

import dev.cell.authorize.PushedAuthorizationRequests;
import dev.cell.config.CellConfig;
import dev.cell.jdbc.JdbcPushedAuthorizationStore;
import dev.cell.server.endpoint.PushedAuthorizationEndpoint;
import dev.cell.server.http.Route;
import dev.cell.store.ExpiryTask;
import io.javalin.http.HandlerType;
import java.util.Map;
import java.util.Set;

/** Pushed authorization requests (RFC 9126): {@code /oauth/par}, its discovery members, its store and the expiry of unused requests. */
public final class ParFeature implements Feature {
    /** The pushed authorization request endpoint (RFC 9126 §2). */
    public static final String PATH = "/oauth/par";

    @Override
    public String name() {
        return "par";
    }

    /** On with {@code features.par.enabled}, and only where there is an authorization endpoint to redeem the request_uri. */
    @Override
    public boolean enabled(CellConfig config) {
        return config.features().par() && config.features().authorizationCode();
    }

    @Override
    public Set<String> authenticatedPaths(CellConfig config) {
        return Set.of(PATH);
    }

    /** RFC 9126 §5. */
    @Override
    public void metadata(CellConfig config, Map<String, Object> metadata) {
        metadata.put("pushed_authorization_request_endpoint", config.endpoint(PATH));
        metadata.put("require_pushed_authorization_requests", config.authorization().requirePushed());
    }

    @Override
    public void install(FeatureContext context, Contributions out) {
        CellConfig.Authorization limits = context.config().authorization();
        JdbcPushedAuthorizationStore store = new JdbcPushedAuthorizationStore(context.database());
        PushedAuthorizationRequests pushed = new PushedAuthorizationRequests(store, context.authorization().requests(),
                context.authorization().requestObjects(), limits.requireSigned(), context.random(), limits.pushedRequestLifetime(),
                limits.maxPushedPerClient(), context.clock());
        out.route(new Route(HandlerType.POST, PATH, new PushedAuthorizationEndpoint(context.authentication(), pushed, context.maxRequestBytes(),
                        context.dpop(), context.endpoint(PATH))::handle))
                .expiry(new ExpiryTask("pushed_authorizations", store::deleteExpired))
                .requestUris(pushed);
    }
}
