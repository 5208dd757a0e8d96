package dev.cell.server;

import dev.cell.account.LoginRateLimiter;
import dev.cell.account.PasswordHasher;
import dev.cell.authorize.AuthorizationCodeIssuer;
import dev.cell.authorize.AuthorizationRequestValidator;
import dev.cell.authorize.AuthorizationService;
import dev.cell.authorize.ImplicitTokens;
import dev.cell.authorize.ParameterLimits;
import dev.cell.authorize.PendingLimits;
import dev.cell.authorize.PushedAuthorizationRequests;
import dev.cell.authorize.RequestObjects;
import dev.cell.introspect.IntrospectionService;
import dev.cell.revoke.RevocationService;
import dev.cell.server.admin.AuditRecorder;
import dev.cell.client.ClientIdMetadataDocuments;
import dev.cell.client.ClientKeys;
import dev.cell.client.ClientMetadataValidator;
import dev.cell.fetch.AddressPolicy;
import dev.cell.fetch.HttpFetcher;
import dev.cell.fetch.TrustedCertificates;
import javax.net.ssl.SSLContext;
import dev.cell.grant.ServerGrants;
import dev.cell.server.admin.KeyRotation;
import dev.cell.server.admin.api.AdminApi;
import dev.cell.server.endpoint.CheckTokenEndpoint;
import dev.cell.server.endpoint.IntrospectionEndpoint;
import dev.cell.server.endpoint.RevocationEndpoint;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientAuthenticator;
import dev.cell.client.PublicClientAuthenticator;
import dev.cell.oidc.IdTokenHintVerifier;
import dev.cell.oidc.IdTokenIssuer;
import dev.cell.server.web.AccountEndpoint;
import dev.cell.server.web.AccountView;
import dev.cell.server.web.AuthorizationHttp;
import dev.cell.server.web.AuthorizationResponses;
import dev.cell.server.web.AuthorizeEndpoint;
import dev.cell.server.web.BrowserCookies;
import dev.cell.server.web.ConsentEndpoint;
import dev.cell.server.web.Csrf;
import dev.cell.server.web.ErrorPageEndpoint;
import dev.cell.server.web.PasswordSignIn;
import dev.cell.server.web.FormPostPage;
import dev.cell.server.web.LoginEndpoint;
import dev.cell.server.web.LogoutEndpoint;
import dev.cell.server.web.PageErrors;
import dev.cell.server.web.Pages;
import dev.cell.server.web.ScopeTexts;
import dev.cell.server.web.SignedInUsers;
import dev.cell.server.web.StaticEndpoint;
import dev.cell.server.web.UserInfoEndpoint;
import dev.cell.session.LoginSessionService;
import dev.cell.token.AccessTokenValidator;
import dev.cell.session.GrantRecorder;
import dev.cell.session.SessionEnder;
import dev.cell.token.GrantRevoker;
import dev.cell.token.IssuedJwtVerifier;
import dev.cell.token.RefreshTokenService;
import dev.cell.assertion.AssertionKeys;
import dev.cell.assertion.AssertionRules;
import dev.cell.assertion.RemoteJwks;
import dev.cell.client.ClientAssertionVerifier;
import dev.cell.client.ClientAuthentication;
import dev.cell.client.ClientSecretJwtAuthenticator;
import dev.cell.client.PrivateKeyJwtAuthenticator;
import dev.cell.client.ClientRegistry;
import dev.cell.client.ClientSecretAuthenticator;
import dev.cell.config.CellConfig;
import dev.cell.grant.GrantRegistry;
import dev.cell.dpop.DPoPNonces;
import dev.cell.dpop.DPoPReplayStore;
import dev.cell.dpop.DPoPVerifier;
import dev.cell.grant.TokenIssuer;
import dev.cell.grant.TokenRequestProcessor;
import dev.cell.jdbc.Database;
import dev.cell.keys.KeyService;
import dev.cell.keys.MasterKey;
import dev.cell.keys.ServerSecrets;
import dev.cell.keys.SigningKeyFactory;
import dev.cell.metadata.ServerMetadata;
import dev.cell.server.endpoint.DiscoveryEndpoint;
import dev.cell.server.endpoint.HealthEndpoint;
import dev.cell.server.endpoint.JwksEndpoint;
import dev.cell.server.endpoint.MetricsEndpoint;
import dev.cell.server.endpoint.TokenEndpoint;
import dev.cell.server.http.ErrorResponder;
import dev.cell.server.http.AccessLog;
import dev.cell.server.http.HttpMetrics;
import dev.cell.server.http.HttpTelemetry;
import dev.cell.server.http.Route;
import dev.cell.server.http.WebServer;
import dev.cell.server.feature.Contributions;
import dev.cell.server.feature.Feature;
import dev.cell.server.feature.FeatureContext;
import dev.cell.server.feature.ClientIdMetadataFeature;
import dev.cell.server.feature.Features;
import dev.cell.store.ExpiryTask;
import dev.cell.store.Housekeeping;
import dev.cell.store.Stores;
import dev.cell.token.AccessTokenIssuer;
import dev.cell.token.RandomValues;
import io.javalin.http.HandlerType;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.cell.server.telemetry.AuditMetrics;
import dev.cell.server.telemetry.Metrics;
import dev.cell.server.telemetry.Tracing;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/** The composition root: every object of a running node, built once by constructor, no container. */
public final class Assembly implements AutoCloseable {
    /** Client ID metadata documents fetched at once at most: each may take client-id-metadata.fetch-timeout and a connection. */
    private static final int MAX_CONCURRENT_DOCUMENT_FETCHES = 64;
    private final CellConfig config;
    private final Database database;
    private final KeyService keys;
    private final WebServer web;
    private final WebServer management;
    private final WebServer adminWeb;
    private final AuditRecorder auditRecorder;
    private final List<Route> routes;
    private final Housekeeping housekeeping;
    private final HousekeepingSchedule housekeepingSchedule;
    private final RemoteJwks remoteJwks;
    /** The keys at the jwks_uri of clients known by their metadata documents, fetched from public addresses only. */
    private final RemoteJwks documentJwks;
    /** Client ID metadata documents, or null when the server resolves none. */
    private final ClientIdMetadataDocuments documents;
    private final Tracing tracing;
    /** The DPoP proof verifier, or null when DPoP is off. */
    private final DPoPVerifier dpop;
    /** What the installed features contributed, for their background work to stop with the node. */
    private final Contributions contributed;

    public Assembly(CellConfig config, Database database, MasterKey masterKey, String cryptoProvider, Clock clock, SecureRandom secureRandom) {
        this(config, database, masterKey, cryptoProvider, clock, secureRandom, Features.all());
    }

    /** @param featureList the optional features to install where switched on, normally {@link Features#all()} */
    public Assembly(CellConfig config, Database database, MasterKey masterKey, String cryptoProvider, Clock clock, SecureRandom secureRandom,
            List<Feature> featureList) {
        this.config = config;
        this.database = database;
        this.tracing = config.tracing().otlpEndpoint() == null ? null : new Tracing(config.tracing(), config.database().url());
        if (tracing != null) {
            database.observeStatements(tracing);
        }
        Stores stores = database.stores();
        RandomValues random = new RandomValues(secureRandom, clock);
        PasswordHasher passwords = new PasswordHasher(config.login().concurrentPasswordHashes());
        CellConfig.Tokens t = config.tokens();
        CellConfig.Features features = config.features();

        this.keys = new KeyService(stores.signingKeys(), masterKey, new SigningKeyFactory(masterKey, config.keys().rsaKeySize()),
                config.keys().algorithms(), config.keys().refreshInterval(), t.longestSignedLifetime(), clock);
        keys.start();

        Features on = new Features(featureList, config);
        CellConfig.Assertions a = config.assertions();
        CellConfig.ClientIdMetadata cimd = config.clientIdMetadata();
        this.remoteJwks = new RemoteJwks(new HttpFetcher(AddressPolicy.anyAddress(), a.jwksFetchTimeout(), null), a.jwksMaxBytes(),
                a.jwksCacheLifetime(), a.jwksMinRefetchInterval(), clock);
        SSLContext documentTrust = TrustedCertificates.withExtra(cimd.trustedCertificates());
        AddressPolicy publicOnly = AddressPolicy.publicOnly(cimd.allowedAddresses());
        this.documentJwks = new RemoteJwks(new HttpFetcher(publicOnly, cimd.fetchTimeout(), documentTrust), a.jwksMaxBytes(),
                a.jwksCacheLifetime(), a.jwksMinRefetchInterval(), clock);
        this.documents = new ClientIdMetadataFeature().enabled(config)
                ? new ClientIdMetadataDocuments(cimd.policy(), new ClientIdMetadataDocuments.Settings(cimd.maxBytes(), cimd.minCacheLifetime(),
                        cimd.maxCacheLifetime(), cimd.failureCacheLifetime(), cimd.scopes(), cimd.resources(), MAX_CONCURRENT_DOCUMENT_FETCHES),
                        new HttpFetcher(publicOnly, cimd.fetchTimeout(), documentTrust), new ClientMetadataValidator(on.grants()), clock)
                : null;
        ClientRegistry clients = new ClientRegistry(stores.clients(), documents);
        AssertionKeys assertionKeys = new AssertionKeys(remoteJwks);
        ClientKeys clientKeys = new ClientKeys(assertionKeys, new AssertionKeys(documentJwks));
        Set<String> audiences = new LinkedHashSet<>(List.of(config.issuer().toString(), config.endpoint("/oauth/token")));
        on.authenticatedPaths().forEach(path -> audiences.add(config.endpoint(path)));
        AssertionRules assertionRules = new AssertionRules(audiences, a.maxLifetime(), a.clockSkew(), stores.usedJtis(), clock);
        ClientAssertionVerifier clientAssertions = new ClientAssertionVerifier(assertionRules);
        List<ClientAuthenticator> authenticators = new ArrayList<>(List.of(
                new ClientSecretAuthenticator(ClientAuthMethod.CLIENT_SECRET_BASIC, clock),
                new ClientSecretAuthenticator(ClientAuthMethod.CLIENT_SECRET_POST, clock),
                new ClientSecretJwtAuthenticator(clientAssertions, masterKey),
                new PrivateKeyJwtAuthenticator(clientAssertions, clientKeys)));
        if (on.servePublicClients()) {
            authenticators.add(new PublicClientAuthenticator());
        }
        ClientAuthentication authentication = new ClientAuthentication(clients, authenticators);
        AccessTokenIssuer accessTokens = new AccessTokenIssuer(config.issuer(), t.accessTokenSigningAlg(), t.accessTokenLifetime(), keys,
                stores.tokens(), random, clock);
        GrantRevoker revoker = Revocation.revoker(stores, config, clock);
        GrantRecorder recorder = Revocation.recorder(stores, config, clock);
        RefreshTokenService refreshTokens = features.refreshToken()
                ? new RefreshTokenService(stores.tokens(), revoker, random, t.refreshTokenIdleLifetime(), t.refreshTokenAbsoluteLifetime(), clock)
                : null;
        IdTokenIssuer idTokens = new IdTokenIssuer(config.issuer(), t.idTokenSigningAlg(), t.idTokenLifetime(), keys, random, clock);
        IssuedJwtVerifier jwts = new IssuedJwtVerifier(config.issuer(), keys);
        AccessTokenValidator validator = new AccessTokenValidator(jwts, stores.tokens(), stores.revokedTokens(), clock);
        LegacyGrantWarning.log(stores.clients().list(), features);
        this.dpop = config.dpop().enabled() ? dpopVerifier(config.dpop(), database, masterKey, random, clock) : null;
        PrometheusMeterRegistry registry = Metrics.registry(cryptoProvider);
        database.trackPool(new MicrometerMetricsTrackerFactory(registry));
        this.auditRecorder = new AuditRecorder(stores.audit(), random, clock);
        AuditMetrics auditMetrics = new AuditMetrics(registry);
        AuditLog audit = new AuditLog(clock, e -> {
            auditRecorder.record(e);
            auditMetrics.record(e);
        });
        CellConfig.Authorization limits = config.authorization();
        FeatureContext.Authorization authorization = null;
        FeatureContext.Web web = null;
        if (features.authorizationCode()) {
            authorization = new FeatureContext.Authorization(new AuthorizationRequestValidator(clients, features.pkcePlain(), features.implicit(),
                    new ParameterLimits(limits.maxStateLength(), limits.maxParameterLength())), features.requestObject()
                    ? new RequestObjects(config.issuer().toString(), clientKeys, stores.usedJtis(), a.clockSkew(), clock) : null);
            Csrf csrf = new Csrf(new ServerSecrets(database.serverSecrets(), masterKey, random, clock).key(Csrf.SECRET));
            BrowserCookies cookies = new BrowserCookies("https".equals(config.issuer().getScheme()), random, csrf);
            LoginSessionService sessions = new LoginSessionService(stores.loginSessions(), random, config.session().lifetime(), clock);
            web = new FeatureContext.Web(new Pages(), cookies, sessions, new SignedInUsers(sessions, stores.users(), cookies),
                    new ScopeTexts(config.scopeDescriptions()));
        }
        this.contributed = on.install(new FeatureContext(config, database, stores, masterKey, clock, random, clients, authentication, dpop,
                audit, passwords, validator, jwts, assertionRules, assertionKeys, revoker, recorder, refreshTokens, authorization, keys, web,
                on.grants()));
        SessionEnder ender = Revocation.ender(stores, revoker, contributed.sessionEndListener(), clock);
        GrantRegistry grantRegistry = new GrantRegistry(contributed.grants());
        TokenRequestProcessor processor = new TokenRequestProcessor(authentication, grantRegistry,
                new TokenIssuer(accessTokens, refreshTokens, idTokens, revoker), dpop, URI.create(config.endpoint("/oauth/token")));

        Map<String, Object> metadata = ServerMetadata.build(config, grantRegistry.grantTypes(), authentication.supportedMethods(),
                authentication.supportedSigningAlgs());
        on.metadata(metadata);
        int maxBytes = config.server().maxRequestBytes();
        TokenEndpoint token = new TokenEndpoint(processor, audit, maxBytes, dpop);
        DiscoveryEndpoint discovery = new DiscoveryEndpoint(metadata);
        JwksEndpoint jwks = new JwksEndpoint(keys);
        HealthEndpoint health = new HealthEndpoint(database::isReachable);
        MetricsEndpoint metrics = new MetricsEndpoint(registry);

        List<Route> managementRoutes = List.of(
                new Route(HandlerType.GET, "/health/live", health::live),
                new Route(HandlerType.GET, "/health/ready", health::ready),
                new Route(HandlerType.GET, "/metrics", metrics::handle));
        List<Route> routes = new ArrayList<>(List.of(
                new Route(HandlerType.POST, "/oauth/token", token::handle),
                new Route(HandlerType.GET, "/oauth/jwks", jwks::handle),
                new Route(HandlerType.GET, "/oauth/token_key", jwks::tokenKey),
                new Route(HandlerType.GET, "/.well-known/openid-configuration", discovery::handle),
                new Route(HandlerType.GET, "/.well-known/oauth-authorization-server", discovery::handle)));
        if (config.management().publicEndpoints()) {
            routes.addAll(managementRoutes);
        }
        IntrospectionService introspection = new IntrospectionService(validator, stores.tokens(), stores.revokedTokens(), stores.users(),
                clients, clock);
        if (features.introspection()) {
            routes.add(new Route(HandlerType.POST, "/oauth/introspect",
                    new IntrospectionEndpoint(authentication, introspection, config.issuer().toString(), maxBytes, dpop,
                            URI.create(config.endpoint("/oauth/introspect")))::handle));
        }
        if (features.revocation()) {
            routes.add(new Route(HandlerType.POST, "/oauth/revoke", new RevocationEndpoint(authentication,
                    new RevocationService(validator, stores.tokens(), stores.revokedTokens(), revoker, clock), audit, maxBytes)::handle));
        }
        if (features.checkToken()) {
            CheckTokenEndpoint checkToken = new CheckTokenEndpoint(authentication, introspection, maxBytes);
            routes.add(new Route(HandlerType.GET, "/oauth/check_token", checkToken::handle));
            routes.add(new Route(HandlerType.POST, "/oauth/check_token", checkToken::handle));
        }
        if (features.authorizationCode()) {
            routes.addAll(webRoutes(config, stores, clients, random, clock, validator, new IdTokenHintVerifier(jwts), web,
                    features.implicit() ? new ImplicitTokens(accessTokens, idTokens, random, recorder) : null, audit, passwords, authorization.requests(),
                    contributed.requestUris(), authorization.requestObjects(), recorder, ender));
        }
        routes.addAll(contributed.routes());
        // the login counters' table also holds the open registration counters, so rows live for the longer window
        Duration counterWindow = Collections.max(List.of(config.login().failureWindow(), config.registration().openWindow()));
        List<ExpiryTask> expiry = new ArrayList<>(Housekeeping.storeTasks(stores, counterWindow, config.audit().retention()));
        expiry.addAll(contributed.expiry());
        this.housekeeping = new Housekeeping(expiry, config.housekeeping().batchSize(), clock);
        this.housekeepingSchedule = new HousekeepingSchedule(housekeeping, config.housekeeping().interval());
        List<Route> adminRoutes = config.admin().enabled()
                ? adminRoutes(config, stores, masterKey, passwords, random, clock, audit, revoker, ender, validator, on.grants())
                : List.of();
        ErrorResponder errors = new ErrorResponder(config.issuer().getHost());
        HttpMetrics httpMetrics = new HttpMetrics(registry);
        // the management listener stays out of the access log: probes and scrapes every few seconds would drown the requests
        HttpTelemetry telemetry = new HttpTelemetry(httpMetrics, config.logging().accessLog()
                ? new AccessLog(LoggingSetup.json(config.logging()), clock) : null, tracing);
        CellConfig.Admin admin = config.admin();
        this.adminWeb = admin.port() == null || adminRoutes.isEmpty() ? null : new WebServer("admin.port", new CellConfig.Server(admin.host(), admin.port(),
                config.server().maxRequestBytes(), config.server().maxHeaderBytes(), config.server().idleTimeout(),
                config.server().trustedProxies(), null, false), adminRoutes, errors, telemetry);
        if (adminWeb == null) {
            routes.addAll(adminRoutes);
        }
        List<Route> all = new ArrayList<>(routes);
        if (adminWeb != null) {
            all.addAll(adminRoutes);
        }
        this.routes = List.copyOf(all);
        this.web = new WebServer("server.port", config.server(), routes, errors, telemetry);
        this.management = config.management().port() == null ? null : new WebServer("management.port", managementListener(config),
                managementRoutes, errors, httpMetrics);
    }

    /** The management listener: plain HTTP on management.host and management.port, with the public listener's limits. */
    private static CellConfig.Server managementListener(CellConfig config) {
        CellConfig.Server server = config.server();
        return new CellConfig.Server(config.management().host(), config.management().port(), server.maxRequestBytes(),
                server.maxHeaderBytes(), server.idleTimeout(), List.of(), null, false);
    }

    /** The admin REST API (docs/admin-api.md), on the main listener or on its own ({@code admin.port}). */
    private List<Route> adminRoutes(CellConfig config, Stores stores, MasterKey masterKey, PasswordHasher passwords, RandomValues random,
            Clock clock, AuditLog audit, GrantRevoker revoker, SessionEnder ender, AccessTokenValidator validator, ServerGrants grants) {
        byte[] cursorKey = new ServerSecrets(database.serverSecrets(), masterKey, random, clock).key(AdminApi.CURSOR_SECRET);
        return new AdminApi(validator, Set.of(config.endpoint(AdminApi.BASE), config.issuer().toString()), AdminApi.resources(stores, passwords,
                random, clock, audit, auditRecorder, revoker, ender, new KeyRotation(keys, audit, clock), cursorKey,
                config.registration().initialAccessTokenLifetime(), new ClientMetadataValidator(grants), masterKey)).routes();
    }

    private static LoginRateLimiter loginLimiter(CellConfig config, Stores stores, Clock clock) {
        CellConfig.Login login = config.login();
        return new LoginRateLimiter(stores.loginFailures(), stores.knownBrowsers(), login.maxFailuresPerAccount(), login.maxFailuresPerIp(),
                login.failureWindow(), login.knownBrowserLifetime(), clock);
    }

    /** DPoP (RFC 9449): proofs' jti kept in the shared database, nonces derived from a server secret every node shares. */
    private static DPoPVerifier dpopVerifier(CellConfig.Dpop d, Database database, MasterKey masterKey, RandomValues random, Clock clock) {
        DPoPNonces nonces = d.nonceRequired()
                ? new DPoPNonces(new ServerSecrets(database.serverSecrets(), masterKey, random, clock).key(DPoPNonces.SECRET), d.nonceLifetime(), clock)
                : null;
        return new DPoPVerifier(d.algorithms(), d.proofMaxAge(), d.clockSkew(),
                new DPoPReplayStore(database.stores().usedJtis(), d.proofMaxAge().plus(d.clockSkew().multipliedBy(2)), clock), nonces);
    }

    /** The browser-facing endpoints of the authorization code flow: authorize, login, consent, error, UserInfo, logout, account. */
    private List<Route> webRoutes(CellConfig config, Stores stores, ClientRegistry clients, RandomValues random, Clock clock,
            AccessTokenValidator validator, IdTokenHintVerifier idTokenHints, FeatureContext.Web web, ImplicitTokens implicit, AuditLog audit, PasswordHasher passwords,
            AuthorizationRequestValidator requests, PushedAuthorizationRequests pushed, RequestObjects requestObjects,
            GrantRecorder recorder, SessionEnder ender) {
        int maxBytes = config.server().maxRequestBytes();
        String issuer = config.issuer().toString();
        Pages pages = web.pages();
        BrowserCookies cookies = web.cookies();
        LoginSessionService sessions = web.sessions();
        AuthorizationResponses responses = new AuthorizationResponses(issuer, new FormPostPage(pages));
        CellConfig.Authorization limits = config.authorization();
        AuthorizationService service = new AuthorizationService(requests, pushed, requestObjects,
                new AuthorizationService.Requirements(limits.requirePushed(), limits.requireSigned()), clients, stores.consents(), stores.pendingAuthorizations(),
                new AuthorizationCodeIssuer(stores.authorizationCodes(), random, config.tokens().authorizationCodeLifetime(), recorder, clock),
                implicit, random, new PendingLimits(limits.maxPendingPerBrowser(), limits.maxPendingPerAddress(), limits.maxPending()),
                clock, audit);
        SignedInUsers signedIn = web.signedIn();
        AuthorizationHttp http = new AuthorizationHttp(service, signedIn, cookies, responses);
        AuthorizeEndpoint authorize = new AuthorizeEndpoint(http, maxBytes);
        PasswordSignIn signIn = new PasswordSignIn(stores.users(), passwords, loginLimiter(config, stores, clock), sessions, cookies, audit);
        LoginEndpoint loginPage = new LoginEndpoint(http, clients, signIn, cookies, pages, maxBytes);
        ConsentEndpoint consent = new ConsentEndpoint(http, clients, web.scopeTexts(), cookies, pages, maxBytes);
        LogoutEndpoint logout = new LogoutEndpoint(idTokenHints, clients, sessions, ender, signedIn, cookies, pages, audit, maxBytes);
        UserInfoEndpoint userinfo = new UserInfoEndpoint(validator, stores.users(), maxBytes, dpop, URI.create(config.endpoint("/userinfo")));
        ErrorPageEndpoint error = new ErrorPageEndpoint(pages);
        StaticEndpoint assets = new StaticEndpoint();
        AccountEndpoint account = new AccountEndpoint(signedIn, signIn, ender, stores.users(), stores.consents(),
                new AccountView(stores, clients, clock), passwords, loginLimiter(config, stores, clock), cookies, pages, audit, clock, maxBytes);
        return List.of(
                new Route(HandlerType.GET, "/oauth/authorize", PageErrors.guard(pages, authorize::get)),
                new Route(HandlerType.POST, "/oauth/authorize", PageErrors.guard(pages, authorize::post)),
                new Route(HandlerType.GET, "/oauth/login", PageErrors.guard(pages, loginPage::get)),
                new Route(HandlerType.POST, "/oauth/login", PageErrors.guard(pages, loginPage::post)),
                new Route(HandlerType.GET, "/oauth/confirm_access", PageErrors.guard(pages, consent::get)),
                new Route(HandlerType.POST, "/oauth/confirm_access", PageErrors.guard(pages, consent::post)),
                new Route(HandlerType.GET, "/oauth/error", error::handle),
                new Route(HandlerType.GET, "/oauth/logout", PageErrors.guard(pages, logout::get)),
                new Route(HandlerType.POST, "/oauth/logout", PageErrors.guard(pages, logout::post)),
                new Route(HandlerType.GET, "/userinfo", userinfo::handle),
                new Route(HandlerType.POST, "/userinfo", userinfo::handle),
                new Route(HandlerType.GET, "/account", PageErrors.guard(pages, account::get)),
                new Route(HandlerType.POST, "/account/login", PageErrors.guard(pages, account::login)),
                new Route(HandlerType.POST, "/account/sessions/end", PageErrors.guard(pages, account::endSession)),
                new Route(HandlerType.POST, "/account/applications/revoke", PageErrors.guard(pages, account::revokeApplication)),
                new Route(HandlerType.POST, "/account/password", PageErrors.guard(pages, account::changePassword)),
                new Route(HandlerType.GET, "/static/cell.css", assets::css),
                new Route(HandlerType.GET, "/static/form_post.js", assets::formPostScript));
    }

    public Assembly start() {
        if (management != null) {
            management.start();
        }
        web.start();
        if (adminWeb != null) {
            adminWeb.start();
        }
        return this;
    }

    public int port() {
        return web.port();
    }

    /** The management listener's bound port, if there is one. */
    public OptionalInt managementPort() {
        return management == null ? OptionalInt.empty() : OptionalInt.of(management.port());
    }

    /** The admin API's own port when {@code admin.port} is set, else the main port. */
    public int adminPort() {
        return adminWeb != null ? adminWeb.port() : web.port();
    }

    /** Every route this node serves, on either listener. */
    public List<Route> routes() {
        return routes;
    }

    /** The deletion of expired rows this node runs every {@code housekeeping.interval}: the shared stores' tables and the features'. */
    public Housekeeping housekeeping() {
        return housekeeping;
    }

    public CellConfig config() {
        return config;
    }

    public KeyService keys() {
        return keys;
    }

    @Override
    public void close() {
        housekeepingSchedule.close();
        contributed.close();
        web.stop();
        if (management != null) {
            management.stop();
        }
        if (adminWeb != null) {
            adminWeb.stop();
        }
        auditRecorder.close();
        remoteJwks.close();
        documentJwks.close();
        if (documents != null) {
            documents.close();
        }
        if (tracing != null) {
            tracing.close();
        }
        database.close();
    }
}
