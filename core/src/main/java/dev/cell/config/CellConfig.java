package dev.cell.config;

import dev.cell.client.ClientIdMetadataPolicy;
import dev.cell.registration.RegistrationPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The whole, validated, immutable configuration of one Cell node. */
public record CellConfig(
        URI issuer, Server server, Database database, Tokens tokens, Keys keys, Features features, Logging logging, Login login,
        Session session, Assertions assertions, JwtBearer jwtBearer, Housekeeping housekeeping, Authorization authorization,
        Map<String, ScopeDescription> scopeDescriptions, Management management, Admin admin, Audit audit, Registration registration,
        Tracing tracing, Dpop dpop, ClientIdMetadata clientIdMetadata,
        BackchannelLogout backchannelLogout, Device device) {

    public CellConfig {
        scopeDescriptions = Map.copyOf(scopeDescriptions);
    }

    /** A scope's description on the consent page in each page language. */
    public record ScopeDescription(String en, String zhCn) {
        /** The text for a page language tag ({@code en} or {@code zh-CN}). */
        public String in(String languageTag) {
            return languageTag.equals("zh-CN") ? zhCn : en;
        }
    }

    /** The same configuration with {@code more} scope descriptions added where none is configured (the demo's scopes). */
    public CellConfig withScopeDescriptions(Map<String, ScopeDescription> more) {
        Map<String, ScopeDescription> all = new HashMap<>(more);
        all.putAll(scopeDescriptions);
        return new CellConfig(issuer, server, database, tokens, keys, features, logging, login, session, assertions, jwtBearer,
                housekeeping, authorization, all, management, admin, audit, registration, tracing, dpop, clientIdMetadata,
                backchannelLogout, device);
    }

    /**
     * The admin REST API under {@code /admin/api/v1}.
     *
     * @param port its own listener's port on {@code host}, or null to serve it on the main listener
     */
    public record Admin(boolean enabled, String host, Integer port) {}

    /**
     * Dynamic client registration (RFC 7591, RFC 7592).
     *
     * @param policy who may register
     * @param initialAccessTokenLifetime how long an initial access token lasts when its issuer names no lifetime
     * @param openMaxPerAddress registrations one client address may attempt per {@code openWindow} under the open policy
     * @param openScopes the scopes a client registered under the open policy may have
     * @param openResources the resources (RFC 8707) a client registered under the open policy may ask for
     */
    public record Registration(RegistrationPolicy policy, Duration initialAccessTokenLifetime, int openMaxPerAddress, Duration openWindow,
            Set<String> openScopes, List<String> openResources) {
        public Registration {
            openScopes = Set.copyOf(openScopes);
            openResources = List.copyOf(openResources);
        }

        /** Whether the registration endpoint exists. */
        public boolean enabled() {
            return policy != RegistrationPolicy.OFF;
        }
    }

    /**
     * OpenTelemetry traces of requests and their SQL statements.
     *
     * @param otlpEndpoint the OTLP/HTTP traces URL, or null for no tracing
     * @param samplePercent the share of requests traced that arrive without a sampled {@code traceparent}
     */
    public record Tracing(URI otlpEndpoint, int samplePercent) {}

    /**
     * DPoP (RFC 9449): sender-constrained tokens.
     *
     * @param algorithms the proof algorithms accepted
     * @param proofMaxAge how old a proof's {@code iat} may be
     * @param clockSkew how far in the future a proof's {@code iat} may be
     * @param nonceRequired whether proofs must carry a server nonce (RFC 9449 §8)
     * @param nonceLifetime how long one server nonce is handed out
     */
    public record Dpop(boolean enabled, List<String> algorithms, Duration proofMaxAge, Duration clockSkew, boolean nonceRequired,
            Duration nonceLifetime) {
        public Dpop {
            algorithms = List.copyOf(algorithms);
        }
    }

    /**
     * Client ID metadata documents (draft-ietf-oauth-client-id-metadata-document).
     *
     * @param allowedAddresses special-use address blocks fetches may still reach
     * @param trustedCertificates a PEM file of CA certificates trusted besides the JDK's, or null
     * @param scopes the scopes such clients may have
     * @param resources the resources (RFC 8707) such clients may ask for
     */
    public record ClientIdMetadata(ClientIdMetadataPolicy policy, List<Cidr> allowedAddresses, Path trustedCertificates, Duration fetchTimeout,
            int maxBytes, Duration minCacheLifetime, Duration maxCacheLifetime, Duration failureCacheLifetime, Set<String> scopes,
            List<String> resources) {
        public ClientIdMetadata {
            allowedAddresses = List.copyOf(allowedAddresses);
            scopes = Set.copyOf(scopes);
            resources = List.copyOf(resources);
        }
    }

    /**
     * OpenID Connect Back-Channel Logout 1.0: logout tokens posted to relying parties through a queue in the database.
     *
     * @param tokenLifetime lifetime of one logout token
     * @param timeout the most one delivery may take
     * @param maxAttempts attempts before a delivery is recorded as failed
     * @param initialBackoff wait before the second attempt; doubled for each further one
     * @param maxBackoff longest wait between attempts
     * @param lease how long a node holds a delivery it took
     * @param pollInterval how often each node looks for due deliveries
     * @param retention how long finished deliveries stay listed
     */
    public record BackchannelLogout(boolean enabled, Duration tokenLifetime, Duration timeout, int maxAttempts, Duration initialBackoff,
            Duration maxBackoff, Duration lease, Duration pollInterval, Duration retention) {}

    /**
     * The device authorization grant (RFC 8628).
     *
     * @param codeLifetime how long device and user codes stay valid ({@code expires_in})
     * @param interval the least time between polls at first ({@code interval})
     * @param maxOpenPerClient open requests one client may have
     * @param maxFailuresPerAddress wrong user codes one address may enter per login failure window
     * @param maxFailuresPerCode times one wrong user code may be entered per login failure window
     */
    public record Device(boolean enabled, Duration codeLifetime, Duration interval, int maxOpenPerClient, int maxFailuresPerAddress,
            int maxFailuresPerCode) {}

    /** The audit trail kept in the database. */
    public record Audit(Duration retention) {}

    /** The background deletion of expired rows. */
    public record Housekeeping(Duration interval, int batchSize) {}

    /** The HTTP listener; {@code tls} is null for plain HTTP; {@code cors} whether its public JSON endpoints answer cross-origin requests. */
    public record Server(String host, int port, int maxRequestBytes, int maxHeaderBytes, Duration idleTimeout, List<Cidr> trustedProxies,
            Tls tls, boolean cors) {
        public Server {
            trustedProxies = List.copyOf(trustedProxies);
        }
    }

    /** In-process TLS (RFC 8446, RFC 5246): PEM certificate chain and private key, checked for changes every {@code reloadInterval}. */
    public record Tls(Path certificate, Path privateKey, Duration reloadInterval) {}

    /**
     * The management listener for {@code /metrics} and {@code /health/*}.
     *
     * @param port its port, or null for none
     * @param publicEndpoints whether the public listener serves them too
     */
    public record Management(String host, Integer port, boolean publicEndpoints) {}

    /** The JDBC database. */
    public record Database(String url, String username, String password, int poolSize) {
        @Override
        public String toString() {
            return "Database[url=" + url + ", username=" + username + ", password=***, poolSize=" + poolSize + "]";
        }
    }

    /** Token lifetimes and formats. */
    public record Tokens(
            Duration accessTokenLifetime,
            String accessTokenSigningAlg,
            String idTokenSigningAlg,
            Duration authorizationCodeLifetime,
            Duration idTokenLifetime,
            Duration refreshTokenIdleLifetime,
            Duration refreshTokenAbsoluteLifetime) {

        /** The longest lifetime of anything Cell signs (access and ID tokens): how long a retired key stays published (OIDC Core section 10.1). */
        public Duration longestSignedLifetime() {
            return accessTokenLifetime.compareTo(idTokenLifetime) > 0 ? accessTokenLifetime : idTokenLifetime;
        }
    }

    /** Signing keys and the master key that seals them. */
    public record Keys(String masterKey, String masterKeyFile, List<String> algorithms, int rsaKeySize, Duration refreshInterval) {
        public Keys {
            algorithms = List.copyOf(algorithms);
        }

        @Override
        public String toString() {
            return "Keys[masterKey=" + (masterKey == null ? "unset" : "***") + ", masterKeyFile=" + masterKeyFile
                    + ", algorithms=" + algorithms + ", rsaKeySize=" + rsaKeySize + ", refreshInterval=" + refreshInterval + "]";
        }
    }

    /** Optional features, each switched on or off; discovery reads the same switches. */
    public record Features(boolean clientCredentials, boolean authorizationCode, boolean refreshToken, boolean pkcePlain,
            boolean password, boolean implicit, boolean introspection, boolean revocation, boolean checkToken, boolean par,
            boolean requestObject, boolean tokenExchange) {}

    /** Log output. */
    /** @param accessLog one line per HTTP request on the logger {@code cell.access} */
    public record Logging(String level, String format, String auditFile, boolean accessLog) {}

    /** Limits on login attempts, counted per account and per IP address in fixed windows, and on password hashes at once. */
    public record Login(int maxFailuresPerAccount, int maxFailuresPerIp, Duration failureWindow, Duration knownBrowserLifetime,
            int concurrentPasswordHashes) {}

    /**
     * Bounds on authorization requests kept between pages (RFC 6749 §4.1.1): the longest values kept, and open requests per
     * browser, per client address and in all; pushed authorization requests (RFC 9126) and request objects (RFC 9101).
     *
     * @param requirePushed every client must push its authorization requests (RFC 9126 §5 {@code require_pushed_authorization_requests})
     * @param pushedRequestLifetime how long a {@code request_uri} stays valid (RFC 9126 §2.2 {@code expires_in})
     * @param maxPushedPerClient pushed requests one client may have open
     * @param requireSigned every client must send signed request objects (RFC 9101 §10.5 {@code require_signed_request_object})
     */
    public record Authorization(int maxStateLength, int maxParameterLength, int maxPendingPerBrowser, int maxPendingPerAddress,
            int maxPending, boolean requirePushed, Duration pushedRequestLifetime, int maxPushedPerClient, boolean requireSigned) {}

    /** Browser login sessions. */
    public record Session(Duration lifetime) {}

    /** JWT assertions (RFC 7523): client authentication with {@code private_key_jwt} or {@code client_secret_jwt}, and the JWT bearer grant. */
    public record Assertions(Duration maxLifetime, Duration clockSkew, Duration jwksFetchTimeout, int jwksMaxBytes,
            Duration jwksCacheLifetime, Duration jwksMinRefetchInterval) {}

    /** The JWT bearer grant (RFC 7523 §2.1): on exactly when the trust file lists at least one issuer. */
    public record JwtBearer(List<TrustedIssuer> issuers) {
        public JwtBearer {
            issuers = List.copyOf(issuers);
        }
    }

    /**
     * An issuer whose JWTs the JWT bearer grant accepts.
     *
     * @param jwks its JWK set as JSON, or null when {@code jwksUri} is given
     * @param subjects the {@code sub} values it may assert; {@code *} allows any
     * @param scopes the most a token for its assertions may carry
     * @param localUsers true when its subjects are Cell users (by id or username), whose id becomes the token's {@code sub}
     */
    public record TrustedIssuer(String issuer, String jwks, String jwksUri, Set<String> subjects, Set<String> scopes, boolean localUsers) {
        public TrustedIssuer {
            subjects = Set.copyOf(subjects);
            scopes = Set.copyOf(scopes);
        }

        public boolean allowsSubject(String subject) {
            return subjects.contains("*") || subjects.contains(subject);
        }
    }

    /** The URL of an endpoint path under the issuer, e.g. {@code /oauth/token}. */
    public String endpoint(String path) {
        String base = issuer.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
