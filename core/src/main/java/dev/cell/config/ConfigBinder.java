package dev.cell.config;

import dev.cell.registration.RegistrationPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns validated settings into the {@link CellConfig} record tree, checking rules that span keys. */
final class ConfigBinder {
    private static final Set<String> SIGNING_ALGS = Set.of("RS256", "ES256");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final Duration MAX_CODE_LIFETIME = Duration.ofMinutes(10);
    /** The asymmetric JWS algorithms the Nimbus SDK verifies DPoP proofs with. */
    private static final List<String> DPOP_ALGS = List.of("ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "RS256", "RS384", "RS512");

    private ConfigBinder() {}

    static CellConfig bind(Settings s) {
        CellConfig.Server server = new CellConfig.Server(s.string("server.host"), s.integer("server.port", 0, 65535),
                s.integer("server.max-request-bytes", 1024, 16 * 1024 * 1024), s.integer("server.max-header-bytes", 1024, 1024 * 1024),
                s.duration("server.idle-timeout"), s.list("server.trusted-proxies").stream().map(c -> Cidr.parse("server.trusted-proxies", c)).toList(),
                tls(s), s.bool("server.cors.enabled"));
        URI issuer = issuer(s, server.port(), server.tls() != null);
        CellConfig.Database database = new CellConfig.Database(s.string("database.url"), s.string("database.username"),
                s.string("database.password"), s.integer("database.pool-size", 1, 1000));
        if (!database.url().startsWith("jdbc:h2:") && !database.url().startsWith("jdbc:postgresql:")) {
            throw new ConfigException("database.url: '" + database.url() + "' is neither an H2 (jdbc:h2:) nor a PostgreSQL (jdbc:postgresql:) URL");
        }
        CellConfig.Tokens tokens = tokens(s);
        List<String> algorithms = s.list("keys.algorithms");
        if (algorithms.isEmpty()) {
            throw new ConfigException("keys.algorithms: at least one algorithm is needed");
        }
        for (String alg : algorithms) {
            if (!SIGNING_ALGS.contains(alg)) {
                throw new ConfigException("keys.algorithms: '" + alg + "' is not one of " + SIGNING_ALGS);
            }
        }
        requireKey(algorithms, tokens.accessTokenSigningAlg(), "tokens.access-token-signing-alg");
        requireKey(algorithms, tokens.idTokenSigningAlg(), "tokens.id-token-signing-alg");
        CellConfig.Keys keys = new CellConfig.Keys(s.optional("keys.master-key"), s.optional("keys.master-key-file"), algorithms,
                s.integer("keys.rsa-key-size", 2048, 8192), s.duration("keys.refresh-interval"));
        CellConfig.Features features = new CellConfig.Features(s.bool("features.client-credentials.enabled"),
                s.bool("features.authorization-code.enabled"), s.bool("features.refresh-token.enabled"),
                s.bool("features.pkce-plain.enabled"), s.bool("features.password.enabled"), s.bool("features.implicit.enabled"),
                s.bool("features.introspection.enabled"), s.bool("features.revocation.enabled"), s.bool("features.check-token.enabled"),
                s.bool("features.par.enabled"), s.bool("features.request-object.enabled"),
                s.bool("features.token-exchange.enabled"));
        if (features.implicit() && !features.authorizationCode()) {
            throw new ConfigException("features.implicit.enabled: the implicit grant needs the authorization endpoint; "
                    + "also set features.authorization-code.enabled to true");
        }
        CellConfig.Logging logging = new CellConfig.Logging(s.oneOf("logging.level"), s.oneOf("logging.format"), s.string("logging.audit-file"),
                s.bool("logging.access-log"));
        CellConfig.Login login = new CellConfig.Login(s.integer("login.max-failures-per-account", 1, 1_000_000),
                s.integer("login.max-failures-per-ip", 1, 1_000_000), s.duration("login.failure-window"),
                s.duration("login.known-browser-lifetime"), s.integer("login.concurrent-password-hashes", 1, 1_024));
        CellConfig.Session session = new CellConfig.Session(s.duration("session.lifetime"));
        return new CellConfig(issuer, server, database, tokens, keys, features, logging, login, session,
                AssertionConfig.assertions(s), AssertionConfig.jwtBearer(s),
                new CellConfig.Housekeeping(s.duration("housekeeping.interval"), s.integer("housekeeping.batch-size", 1, 100_000)),
                authorization(s, features),
                s.optional("scopes.descriptions-file") == null ? Map.of()
                        : ScopeDescriptionsFile.read(Path.of(s.optional("scopes.descriptions-file"))),
                management(s, server.port()), admin(s, server), new CellConfig.Audit(s.duration("audit.retention")), registration(s, features),
                tracing(s), dpop(s), ClientIdMetadataConfig.bind(s, features),
                backchannelLogout(s), device(s));
    }

    /** logout.backchannel.*: short tokens and timeouts, a lease that outlasts a delivery, back-off that grows. */
    private static CellConfig.BackchannelLogout backchannelLogout(Settings s) {
        CellConfig.BackchannelLogout b = new CellConfig.BackchannelLogout(s.bool("logout.backchannel.enabled"),
                s.duration("logout.backchannel.token-lifetime"), s.duration("logout.backchannel.timeout"),
                s.integer("logout.backchannel.max-attempts", 1, 100), s.duration("logout.backchannel.initial-backoff"),
                s.duration("logout.backchannel.max-backoff"), s.duration("logout.backchannel.lease"),
                s.duration("logout.backchannel.poll-interval"), s.duration("logout.backchannel.retention"));
        within("logout.backchannel.token-lifetime", b.tokenLifetime(), Duration.ofSeconds(10), Duration.ofMinutes(10));
        within("logout.backchannel.timeout", b.timeout(), Duration.ofMillis(100), Duration.ofSeconds(60));
        within("logout.backchannel.initial-backoff", b.initialBackoff(), Duration.ofMillis(10), Duration.ofDays(1));
        within("logout.backchannel.max-backoff", b.maxBackoff(), b.initialBackoff(), Duration.ofDays(7));
        within("logout.backchannel.lease", b.lease(), b.timeout().multipliedBy(2), Duration.ofHours(1));
        within("logout.backchannel.poll-interval", b.pollInterval(), Duration.ofMillis(10), Duration.ofHours(1));
        within("logout.backchannel.retention", b.retention(), Duration.ofMinutes(1), Duration.ofDays(3660));
        return b;
    }

    private static void within(String path, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigException(path + ": from " + Durations.format(min) + " to " + Durations.format(max) + ", not " + Durations.format(value));
        }
    }

    /** device.*: the device authorization grant (RFC 8628); lifetimes within what RFC 8628 §3.2 and §5.1 suggest. */
    private static CellConfig.Device device(Settings s) {
        Duration lifetime = s.duration("device.code-lifetime");
        if (lifetime.compareTo(Duration.ofMinutes(1)) < 0 || lifetime.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new ConfigException("device.code-lifetime: from 1m to 30m (a short-lived code keeps user code guessing hopeless, RFC 8628 section 5.1)");
        }
        Duration interval = s.duration("device.polling-interval");
        if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(Duration.ofSeconds(60)) > 0 || interval.toMillis() % 1000 != 0) {
            throw new ConfigException("device.polling-interval: whole seconds from 1s to 60s (RFC 8628 section 3.2 interval)");
        }
        boolean enabled = s.bool("features.device-authorization.enabled");
        if (enabled && !s.bool("features.authorization-code.enabled")) {
            throw new ConfigException("features.device-authorization.enabled: the verification page signs people in as the authorization "
                    + "endpoint does; also set features.authorization-code.enabled to true");
        }
        return new CellConfig.Device(enabled, lifetime, interval,
                s.integer("device.max-open-per-client", 1, 10_000_000), s.integer("device.max-failures-per-address", 1, 1_000_000),
                s.integer("device.max-failures-per-code", 1, 1_000_000));
    }

    /** tracing.*: an http(s) OTLP endpoint, or none. */
    private static CellConfig.Tracing tracing(Settings s) {
        URI endpoint = s.optional("tracing.otlp-endpoint") == null ? null : s.url("tracing.otlp-endpoint");
        if (endpoint != null && !endpoint.getScheme().equals("http") && !endpoint.getScheme().equals("https")) {
            throw new ConfigException("tracing.otlp-endpoint: '" + endpoint + "' is not an http(s) URL (OTLP over HTTP, e.g. http://otel-collector:4318/v1/traces)");
        }
        return new CellConfig.Tracing(endpoint, s.integer("tracing.sample-percent", 0, 100));
    }

    /** authorization.*: bounds on open requests; pushed requests (RFC 9126) and request objects (RFC 9101) can be required only while on. */
    private static CellConfig.Authorization authorization(Settings s, CellConfig.Features features) {
        boolean requirePushed = s.bool("authorization.require-pushed-authorization-requests");
        if (requirePushed && !features.par()) {
            throw new ConfigException("authorization.require-pushed-authorization-requests: needs features.par.enabled");
        }
        boolean requireSigned = s.bool("authorization.require-signed-request-object");
        if (requireSigned && !features.requestObject()) {
            throw new ConfigException("authorization.require-signed-request-object: needs features.request-object.enabled");
        }
        Duration pushedLifetime = s.duration("authorization.pushed-request-lifetime");
        if (pushedLifetime.compareTo(Duration.ofSeconds(5)) < 0 || pushedLifetime.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigException("authorization.pushed-request-lifetime: from 5s to 10m (RFC 9126 section 2.2 suggests 5 to 600 seconds)");
        }
        return new CellConfig.Authorization(s.integer("authorization.max-state-length", 16, 2048),
                s.integer("authorization.max-parameter-length", 16, 2048), s.integer("authorization.max-pending-per-browser", 1, 1_000),
                s.integer("authorization.max-pending-per-address", 1, 10_000_000), s.integer("authorization.max-pending", 1, 10_000_000),
                requirePushed, pushedLifetime, s.integer("authorization.max-pushed-requests-per-client", 1, 10_000_000), requireSigned);
    }

    /** server.tls.*: both files or neither. */
    private static CellConfig.Tls tls(Settings s) {
        String certificate = s.optional("server.tls.certificate");
        String key = s.optional("server.tls.private-key");
        if (certificate == null && key == null) {
            return null;
        }
        if (certificate == null || key == null) {
            throw new ConfigException((certificate == null ? "server.tls.certificate" : "server.tls.private-key")
                    + ": TLS needs both server.tls.certificate and server.tls.private-key");
        }
        return new CellConfig.Tls(Path.of(certificate), Path.of(key), s.duration("server.tls.reload-interval"));
    }

    /** management.*: without a port, the public listener serves /metrics and /health/*; with one, by default it does not. */
    private static CellConfig.Management management(Settings s, int serverPort) {
        Integer port = s.optional("management.port") == null ? null : s.integer("management.port", 0, 65535);
        if (port != null && port != 0 && port == serverPort) {
            throw new ConfigException("management.port: " + port + " is server.port too; the management listener needs a port of its own");
        }
        boolean publicEndpoints = s.optional("management.public-endpoints") == null ? port == null : s.bool("management.public-endpoints");
        return new CellConfig.Management(s.string("management.host"), port, publicEndpoints);
    }

    /** registration.*: the open policy registers only authorization code clients, so it needs that grant. */
    private static CellConfig.Registration registration(Settings s, CellConfig.Features features) {
        RegistrationPolicy policy = RegistrationPolicy.of(s.oneOf("registration.policy")).orElseThrow();
        if (policy == RegistrationPolicy.OPEN && !features.authorizationCode()) {
            throw new ConfigException("registration.policy: open registers only authorization code clients; "
                    + "also set features.authorization-code.enabled to true");
        }
        Duration lifetime = s.duration("registration.initial-access-token.lifetime");
        if (lifetime.isZero() || lifetime.compareTo(Duration.ofDays(366)) > 0) {
            throw new ConfigException("registration.initial-access-token.lifetime: more than 0 and at most 366d");
        }
        Duration window = s.duration("registration.open.window");
        if (window.isZero()) {
            throw new ConfigException("registration.open.window: must be more than 0");
        }
        return new CellConfig.Registration(policy, lifetime, s.integer("registration.open.max-per-address", 1, 1_000_000), window,
                Set.copyOf(s.list("registration.open.scopes")), ClientIdMetadataConfig.resources(s, "registration.open.resources"));
    }

    /** dpop.*: asymmetric algorithms the SDK verifies, and windows of at least a second. */
    private static CellConfig.Dpop dpop(Settings s) {
        List<String> algorithms = s.list("dpop.signing-algs");
        if (algorithms.isEmpty()) {
            throw new ConfigException("dpop.signing-algs: at least one algorithm is needed");
        }
        for (String alg : algorithms) {
            if (!DPOP_ALGS.contains(alg)) {
                throw new ConfigException("dpop.signing-algs: '" + alg + "' is not one of " + DPOP_ALGS);
            }
        }
        CellConfig.Dpop dpop = new CellConfig.Dpop(s.bool("features.dpop.enabled"), algorithms, s.duration("dpop.proof-max-age"),
                s.duration("dpop.clock-skew"), s.bool("dpop.nonce.required"), s.duration("dpop.nonce.lifetime"));
        for (Duration d : List.of(dpop.proofMaxAge(), dpop.nonceLifetime())) {
            if (d.toSeconds() < 1) {
                throw new ConfigException("dpop.proof-max-age and dpop.nonce.lifetime: at least 1s");
            }
        }
        return dpop;
    }

    private static CellConfig.Admin admin(Settings s, CellConfig.Server server) {
        Integer port = s.optional("admin.port") == null ? null : s.integer("admin.port", 0, 65535);
        if (port != null && port != 0 && port == server.port()) {
            throw new ConfigException("admin.port: " + port + " is server.port; leave admin.port unset to serve the admin API on the main port");
        }
        return new CellConfig.Admin(s.bool("admin.enabled"), s.string("admin.host"), port);
    }

    private static CellConfig.Tokens tokens(Settings s) {
        CellConfig.Tokens tokens = new CellConfig.Tokens(s.duration("tokens.access-token-lifetime"),
                s.oneOf("tokens.access-token-signing-alg"), s.oneOf("tokens.id-token-signing-alg"),
                s.duration("tokens.authorization-code-lifetime"), s.duration("tokens.id-token-lifetime"),
                s.duration("tokens.refresh-token-idle-lifetime"), s.duration("tokens.refresh-token-absolute-lifetime"));
        if (tokens.authorizationCodeLifetime().compareTo(MAX_CODE_LIFETIME) > 0) {
            throw new ConfigException("tokens.authorization-code-lifetime: at most 10m (RFC 6749 section 4.1.2)");
        }
        if (tokens.refreshTokenIdleLifetime().compareTo(tokens.refreshTokenAbsoluteLifetime()) > 0) {
            throw new ConfigException("tokens.refresh-token-idle-lifetime: " + Durations.format(tokens.refreshTokenIdleLifetime())
                    + " is longer than tokens.refresh-token-absolute-lifetime " + Durations.format(tokens.refreshTokenAbsoluteLifetime()));
        }
        return tokens;
    }

    private static void requireKey(List<String> algorithms, String alg, String path) {
        if (!algorithms.contains(alg)) {
            throw new ConfigException(path + ": " + alg + " is not in keys.algorithms " + algorithms);
        }
    }

    /** The configured issuer; unset, http(s)://localhost on the port Cell listens on (the key's default on the default port). */
    private static URI issuer(Settings s, int port, boolean tls) {
        URI uri = s.isSet("issuer") ? s.url("issuer") : URI.create((tls ? "https" : "http") + "://localhost:" + port);
        String scheme = uri.getScheme();
        if (!"https".equals(scheme) && !("http".equals(scheme) && LOOPBACK.contains(uri.getHost()))) {
            throw new ConfigException("issuer: '" + uri + "' must use https (plain http is allowed only for localhost)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException("issuer: '" + uri + "' must not have a query or fragment (RFC 8414 section 2)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return new URI(scheme, null, uri.getHost(), uri.getPort(), path.isEmpty() ? null : path, null, null);
        } catch (URISyntaxException e) {
            throw new ConfigException("issuer: '" + uri + "' is not a URL");
        }
    }
}
