package dev.cell.server.feature;

import dev.cell.config.CellConfig;
import dev.cell.device.DeviceAuthorizations;
import dev.cell.device.UserCodeLimiter;
import dev.cell.grant.DeviceCodeGrant;
import dev.cell.jdbc.JdbcDeviceAuthorizationStore;
import dev.cell.server.endpoint.DeviceAuthorizationEndpoint;
import dev.cell.server.http.Route;
import dev.cell.server.web.DeviceEndpoint;
import dev.cell.server.web.PageErrors;
import dev.cell.server.web.PasswordSignIn;
import dev.cell.store.ExpiryTask;
import io.javalin.http.HandlerType;
import java.util.Map;
import java.util.Set;

/**
 * The device authorization grant (RFC 8628): {@code /oauth/device_authorization}, the verification page {@code /device}, polling
 * at the token endpoint, its discovery member, its store and the expiry of old requests.
 */
public final class DeviceFeature implements Feature {
    @Override
    public String name() {
        return "device-authorization";
    }

    /** On with {@code features.device-authorization.enabled}, which needs the authorization code flow's sign-in (checked at load). */
    @Override
    public boolean enabled(CellConfig config) {
        return config.device().enabled();
    }

    @Override
    public Set<String> grantTypes(CellConfig config) {
        return Set.of(DeviceCodeGrant.GRANT_TYPE);
    }

    @Override
    public Set<String> authenticatedPaths(CellConfig config) {
        return Set.of(DeviceAuthorizationEndpoint.PATH);
    }

    /** TVs and command-line tools are mostly public clients (RFC 8628 §5.6). */
    @Override
    public boolean servesPublicClients(CellConfig config) {
        return true;
    }

    /** RFC 8628 §4. */
    @Override
    public void metadata(CellConfig config, Map<String, Object> metadata) {
        metadata.put("device_authorization_endpoint", config.endpoint(DeviceAuthorizationEndpoint.PATH));
    }

    @Override
    public void install(FeatureContext context, Contributions out) {
        CellConfig config = context.config();
        CellConfig.Device d = config.device();
        FeatureContext.Web web = context.web();
        JdbcDeviceAuthorizationStore store = new JdbcDeviceAuthorizationStore(context.database());
        DeviceAuthorizations device = new DeviceAuthorizations(store, new UserCodeLimiter(context.stores().loginFailures(),
                d.maxFailuresPerAddress(), d.maxFailuresPerCode(), config.login().failureWindow(), context.clock()), context.stores().consents(),
                context.recorder(), context.random(), new DeviceAuthorizations.Settings(config.endpoint(DeviceEndpoint.PATH), d.codeLifetime(),
                d.interval(), d.maxOpenPerClient()), context.clock(), context.audit());
        PasswordSignIn signIn = new PasswordSignIn(context.stores().users(), context.passwords(), context.loginLimiter(), web.sessions(),
                web.cookies(), context.audit());
        DeviceEndpoint page = new DeviceEndpoint(device, web.signedIn(), signIn, context.clients(), web.scopeTexts(), web.cookies(), web.pages(),
                context.maxRequestBytes());
        out.route(new Route(HandlerType.POST, DeviceAuthorizationEndpoint.PATH,
                        new DeviceAuthorizationEndpoint(context.authentication(), device, context.maxRequestBytes())::handle))
                .route(new Route(HandlerType.GET, DeviceEndpoint.PATH, PageErrors.guard(web.pages(), page::get)))
                .route(new Route(HandlerType.POST, DeviceEndpoint.PATH, PageErrors.guard(web.pages(), page::post)))
                .route(new Route(HandlerType.POST, DeviceEndpoint.LOGIN_PATH, PageErrors.guard(web.pages(), page::login)))
                .grant(new DeviceCodeGrant(device, context.revoker(), context.stores().users()))
                .expiry(new ExpiryTask("device_authorizations", store::deleteExpired));
    }
}
