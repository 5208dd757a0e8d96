package dev.cell.config;

import static dev.cell.config.ConfigKey.Type.BOOLEAN;
import static dev.cell.config.ConfigKey.Type.DURATION;
import static dev.cell.config.ConfigKey.Type.ENUM;
import static dev.cell.config.ConfigKey.Type.INT;
import static dev.cell.config.ConfigKey.Type.LIST;
import static dev.cell.config.ConfigKey.Type.SECRET;
import static dev.cell.config.ConfigKey.Type.STRING;
import static dev.cell.config.ConfigKey.Type.URL;

import dev.cell.client.ClientIdMetadataPolicy;
import dev.cell.registration.RegistrationPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every configuration key Cell accepts; {@code docs/configuration.md} documents each one (a test checks). */
public final class ConfigKeys {
    public static final List<ConfigKey> ALL = List.of(
            key("issuer", URL, "http://localhost:9000",
                    "Issuer identifier (RFC 8414 §2); every endpoint URL is derived from it. Must be https unless the host is loopback. "
                            + "Unset, it is http://localhost on server.port (https://localhost with server.tls)."),
            key("server.host", STRING, "0.0.0.0", "Address the HTTP listener binds to."),
            key("server.port", INT, "9000", "TCP port of the HTTP listener."),
            key("server.max-request-bytes", INT, "65536", "Largest request body accepted; larger bodies get 413 invalid_request."),
            key("server.max-header-bytes", INT, "8192", "Largest request line plus headers accepted; larger get 431."),
            key("server.idle-timeout", DURATION, "30s", "Idle time after which a slow or silent connection is closed."),
            key("server.trusted-proxies", LIST, "",
                    "Reverse proxies (IP addresses or CIDR blocks, comma-separated) whose Forwarded, X-Forwarded-For and X-Forwarded-Proto headers give the "
                            + "client address and scheme; those headers from any other peer are ignored. Empty: none."),
            key("server.tls.certificate", STRING, null,
                    "PEM file with the server's certificate followed by any intermediate certificates. With server.tls.private-key, the listener "
                            + "speaks HTTPS only: TLS 1.2 and 1.3 with forward-secret AEAD ciphers, HTTP/2 (h2 by ALPN) and HTTP/1.1. Unset: plain HTTP."),
            key("server.tls.private-key", STRING, null,
                    "PEM file with the certificate's private key (RSA, EC or Ed25519), unencrypted PKCS#8 (BEGIN PRIVATE KEY); "
                            + "convert others with openssl pkcs8 -topk8 -nocrypt."),
            key("server.tls.reload-interval", DURATION, "60s",
                    "How often the certificate and key files are checked for changes: a renewed, matching pair is served to new connections "
                            + "without a restart; a broken or mismatched pair is logged and the old one kept."),
            key("server.cors.enabled", BOOLEAN, "true",
                    "Whether the public, cookie-free JSON endpoints (discovery, JWKS, token, revocation, registration, device authorization, "
                            + "UserInfo) answer cross-origin requests from browser clients: Access-Control-Allow-Origin: * and preflights, never credentials. "
                            + "The authorization, login, consent, logout, account and device pages, the admin API and introspection never do."),
            key("management.port", INT, null,
                    "TCP port of a separate listener for /metrics and /health/* (plain HTTP). Unset: no such listener, and the public port serves them."),
            key("management.host", STRING, "127.0.0.1", "Address the management listener binds to."),
            key("management.public-endpoints", BOOLEAN, null,
                    "Whether server.port also serves /metrics and /health/*. Default: true without management.port, false with it."),
            key("database.url", STRING, "jdbc:h2:file:./data/cell",
                    "JDBC URL: an H2 file database (embedded, one node; a relative path is relative to the Cell home, and no TCP port is ever opened: "
                            + "AUTO_SERVER is dropped) or jdbc:postgresql://host:5432/db (many nodes)."),
            key("database.username", STRING, "", "Database user; empty means the URL or driver default."),
            key("database.password", SECRET, "", "Database password; prefer the CELL_DATABASE_PASSWORD environment variable."),
            key("database.pool-size", INT, "16", "Maximum connections in the pool of each node."),
            key("tokens.access-token-lifetime", DURATION, "5m", "Lifetime of access tokens (expires_in)."),
            keyEnum("tokens.access-token-signing-alg", "RS256", List.of("RS256", "ES256"),
                    "JWS algorithm of JWT access tokens (RFC 9068 §2.1); a key of it must be in keys.algorithms."),
            keyEnum("tokens.id-token-signing-alg", "RS256", List.of("RS256", "ES256"),
                    "JWS algorithm of ID tokens (OIDC Core §2); a key of it must be in keys.algorithms."),
            key("tokens.authorization-code-lifetime", DURATION, "60s",
                    "Lifetime of authorization codes (RFC 6749 §4.1.2 recommends at most 10 minutes; 10m is the maximum accepted)."),
            key("tokens.id-token-lifetime", DURATION, "1h", "Lifetime of ID tokens (OIDC Core §2, exp)."),
            key("tokens.refresh-token-idle-lifetime", DURATION, "14d",
                    "A refresh token unused this long expires; each rotation starts a new idle period (RFC 9700 §4.14.2)."),
            key("tokens.refresh-token-absolute-lifetime", DURATION, "90d",
                    "Rotated refresh tokens never outlive this, counted from the authorization (RFC 9700 §4.14.2); at least the idle lifetime."),
            key("keys.master-key", SECRET, null,
                    "Base64 of 32 random bytes: the AES-256-GCM key that seals private keys at rest. Required unless keys.master-key-file is set or the server runs with --demo."),
            key("keys.master-key-file", STRING, null, "File holding the master key (base64), as an alternative to keys.master-key."),
            key("keys.algorithms", LIST, "RS256,ES256", "Signing algorithms to keep a key for (RS256, ES256), comma-separated."),
            key("keys.rsa-key-size", INT, "2048", "Size in bits of generated RSA keys (2048 or more)."),
            key("keys.refresh-interval", DURATION, "60s",
                    "How often a node reloads signing keys from the database. A rotated key is published by every node within this time and signs after it."),
            key("features.client-credentials.enabled", BOOLEAN, "true", "The client_credentials grant (RFC 6749 §4.4)."),
            key("features.authorization-code.enabled", BOOLEAN, "true",
                    "The authorization_code grant with the authorization endpoint (RFC 6749 §4.1), PKCE required, and OpenID Connect."),
            key("features.refresh-token.enabled", BOOLEAN, "true", "Refresh tokens, rotated on every use (RFC 6749 §6, RFC 9700 §4.14.2)."),
            key("features.pkce-plain.enabled", BOOLEAN, "false",
                    "Also accept the PKCE method plain (RFC 7636 §4.2); off means S256 only, as RFC 9700 §2.1.1 advises."),
            key("features.password.enabled", BOOLEAN, "false",
                    "The legacy password grant (RFC 6749 §4.3), removed by OAuth 2.1; even when on, only clients registered for it may use it."),
            key("features.implicit.enabled", BOOLEAN, "false",
                    "The legacy implicit grant (RFC 6749 §4.2; OIDC response types id_token and id_token token), removed by OAuth 2.1; even when on, only clients registered for it may use it."),
            key("features.introspection.enabled", BOOLEAN, "true", "Token introspection at /oauth/introspect (RFC 7662)."),
            key("features.revocation.enabled", BOOLEAN, "true", "Token revocation at /oauth/revoke (RFC 7009)."),
            key("features.check-token.enabled", BOOLEAN, "true",
                    "Spring Security OAuth's /oauth/check_token for resource servers written against that retired project."),
            key("features.request-object.enabled", BOOLEAN, "true",
                    "Signed request objects (RFC 9101) in the request parameter at /oauth/authorize and /oauth/par, verified with the client's registered keys (jwks or jwks_uri)."),
            key("features.par.enabled", BOOLEAN, "true",
                    "Pushed authorization requests at /oauth/par (RFC 9126): clients send the request over an authenticated back channel and the browser carries only a request_uri."),
            key("features.token-exchange.enabled", BOOLEAN, "false",
                    "Token exchange (RFC 8693) at /oauth/token for clients registered with its grant type: a service trades a token it received for one meant for another API, on the subject's behalf."),
            key("features.device-authorization.enabled", BOOLEAN, "false",
                    "The device authorization grant (RFC 8628) for TVs, command-line tools and other devices without a browser: "
                            + "/oauth/device_authorization and the verification page /device, for clients registered with its grant type. "
                            + "Needs features.authorization-code.enabled (the page signs people in as the authorization endpoint does)."),
            key("device.code-lifetime", DURATION, "10m",
                    "How long a device code and its user code stay valid (RFC 8628 section 3.2 expires_in), from 1m to 30m."),
            key("device.polling-interval", DURATION, "5s",
                    "The least time a device waits between polls of the token endpoint (RFC 8628 section 3.2 interval), from 1s to 60s; "
                            + "a device polling faster gets slow_down and 5 seconds more."),
            key("device.max-open-per-client", INT, "1000",
                    "Device authorization requests one client may have open (undecided or unredeemed, unexpired); more get 429."),
            key("device.max-failures-per-address", INT, "20",
                    "Wrong user codes one client address may enter on the verification page per login.failure-window (RFC 8628 section 5.1)."),
            key("device.max-failures-per-code", INT, "5",
                    "Times one wrong user code may be entered, from any address, per login.failure-window."),
            key("features.dpop.enabled", BOOLEAN, "true",
                    "DPoP (RFC 9449): a token request with a DPoP proof gets tokens bound to its key; UserInfo checks the proofs. "
                            + "Off: the DPoP header is ignored and discovery does not advertise it."),
            key("dpop.signing-algs", LIST, "ES256,PS256,RS256",
                    "Algorithms accepted for DPoP proofs (asymmetric only), comma-separated; advertised as dpop_signing_alg_values_supported."),
            key("dpop.proof-max-age", DURATION, "60s", "How old a DPoP proof's iat may be (RFC 9449 section 11.1); each jti is remembered this long."),
            key("dpop.clock-skew", DURATION, "10s", "How far a DPoP proof's iat may be in the future, for clients whose clocks run fast."),
            key("dpop.nonce.required", BOOLEAN, "false",
                    "Whether every DPoP proof must carry a server nonce (RFC 9449 section 8): without it the answer is use_dpop_nonce with a DPoP-Nonce header."),
            key("dpop.nonce.lifetime", DURATION, "5m",
                    "How long one server nonce is handed out; a nonce of the previous period is still accepted. Every node derives the same nonces."),
            key("login.max-failures-per-account", INT, "5",
                    "Login attempts checked for one account within login.failure-window, from browsers that have not signed in to it before and from the password grant; "
                            + "a browser that has signed in to the account before has this many of its own. Each attempt is counted before its password is checked; "
                            + "a correct password takes its attempt back. Further attempts are refused with 429 until the window ends."),
            key("login.max-failures-per-ip", INT, "50",
                    "Login attempts checked from one client address within login.failure-window, except from browsers that have signed in to the account before; "
                            + "counted like login.max-failures-per-account."),
            key("login.failure-window", DURATION, "15m", "The fixed window in which login attempts are counted."),
            key("login.known-browser-lifetime", DURATION, "30d",
                    "How long a browser that signed in to an account stays known to it (renewed at each sign-in), keeping a login budget of its own for that account."),
            key("login.concurrent-password-hashes", INT, "1",
                    "Argon2id password hashes computed at once per node (each needs 7 MiB of heap while it runs); further logins wait their turn."),
            key("session.lifetime", DURATION, "12h", "Lifetime of a browser login session; after it the user logs in again."),
            key("logout.backchannel.enabled", BOOLEAN, "true",
                    "OpenID Connect Back-Channel Logout 1.0: when a login session ends (sign-out, account page, admin or CLI, password change, "
                            + "disabled user), a logout token is posted to the backchannel_logout_uri of each client the session signed in to. "
                            + "Off: nothing is queued and discovery does not advertise backchannel_logout_supported."),
            key("logout.backchannel.token-lifetime", DURATION, "2m",
                    "Lifetime of a logout token (its exp); each delivery attempt signs a fresh one. From 10s to 10m."),
            key("logout.backchannel.timeout", DURATION, "5s",
                    "The most one delivery may take, connecting included, before it counts as failed (redirects are never followed). From 100ms to 60s."),
            key("logout.backchannel.max-attempts", INT, "8",
                    "Attempts per delivery (1 to 100) before it is recorded as failed (status failed with its last error, an audit event, "
                            + "GET /admin/api/v1/backchannel-logout/deliveries)."),
            key("logout.backchannel.initial-backoff", DURATION, "10s",
                    "Wait before the second attempt; each further wait doubles, up to logout.backchannel.max-backoff."),
            key("logout.backchannel.max-backoff", DURATION, "1h", "Longest wait between two attempts of one delivery."),
            key("logout.backchannel.lease", DURATION, "1m",
                    "How long a node holds a delivery it took from the queue (in the database); if the node dies, another takes the delivery "
                            + "over after this. At least twice logout.backchannel.timeout."),
            key("logout.backchannel.poll-interval", DURATION, "5s",
                    "How often each node looks for due deliveries (retries and those of other nodes); a node delivers what it queued at once."),
            key("logout.backchannel.retention", DURATION, "7d",
                    "How long delivered and failed deliveries stay listed before housekeeping deletes them."),
            key("authorization.max-state-length", INT, "2048",
                    "Longest state accepted at the authorization endpoint, in bytes of UTF-8 (16 to 2048, so the redirect back fits); longer gets invalid_request."),
            key("authorization.max-parameter-length", INT, "512",
                    "Longest nonce, login_hint and ui_locales accepted at the authorization endpoint, in characters (16 to 2048); longer gets invalid_request."),
            key("authorization.max-pending-per-browser", INT, "20",
                    "Authorization requests one browser may have open (waiting for login or consent); more get an error page until some finish or expire (10 minutes)."),
            key("authorization.max-pending-per-address", INT, "1000",
                    "Authorization requests one client IP address (as server.trusted-proxies establishes it) may have open; more get 429 temporarily_unavailable until some finish or expire."),
            key("authorization.max-pending", INT, "50000",
                    "Authorization requests the whole deployment may have open; more get 429 temporarily_unavailable. Each takes at most about 8 KB of database."),
            key("authorization.require-pushed-authorization-requests", BOOLEAN, "false",
                    "Every client must push its authorization requests to /oauth/par first (RFC 9126 §5); needs features.par.enabled."),
            key("authorization.require-signed-request-object", BOOLEAN, "false",
                    "Every client must send its authorization requests as signed request objects (RFC 9101 §10.5), by value or pushed; needs features.request-object.enabled."),
            key("authorization.pushed-request-lifetime", DURATION, "60s",
                    "How long a request_uri from /oauth/par stays valid (RFC 9126 §2.2 expires_in), from 5s to 10m; it is used once."),
            key("authorization.max-pushed-requests-per-client", INT, "1000",
                    "Pushed authorization requests one client may have open (unused and unexpired); more get 429 until some are used or expire."),
            key("assertions.max-lifetime", DURATION, "5m",
                    "Longest accepted lifetime of a JWT assertion (client assertions and the JWT bearer grant): exp minus iat, or minus now without iat; at most 1h."),
            key("assertions.clock-skew", DURATION, "30s",
                    "Tolerance for the clocks of assertion issuers when checking exp, nbf and iat; at most 5m."),
            key("assertions.jwks-fetch-timeout", DURATION, "2s",
                    "The most a fetch of a jwks_uri may take, connecting included; a slower one fails the request with invalid_client. At most 30s."),
            key("assertions.jwks-max-bytes", INT, "65536", "Largest JWK set document read from a jwks_uri (1024 to 1048576 bytes)."),
            key("assertions.jwks-cache-lifetime", DURATION, "5m", "How long keys fetched from a jwks_uri are used before they are fetched again."),
            key("assertions.jwks-min-refetch-interval", DURATION, "30s",
                    "Least time between two fetches of one jwks_uri: an unknown kid fetches again at most this often, and a failed fetch is remembered this long."),
            key("jwt-bearer.trust-file", STRING, null,
                    "YAML file of issuers trusted for the JWT bearer grant (RFC 7523 §2.1); unset means the grant is off (see docs/client-authentication.md)."),
            key("scopes.descriptions-file", STRING, null,
                    "YAML file describing scopes on the consent page, in English and Chinese: notes.read: {en: Read your notes, zh-CN: 读取你的笔记}."),
            key("admin.enabled", BOOLEAN, "false",
                    "The admin REST API under /admin/api/v1 (docs/admin-api.md), for tokens with scope cell:admin or cell:admin.read; off, its routes answer 404."),
            key("admin.host", STRING, "127.0.0.1", "Address the admin API's own listener binds to when admin.port is set (loopback by default)."),
            key("admin.port", INT, null,
                    "TCP port of a listener of its own for the admin API, on admin.host; unset, the admin API is served on server.port."),
            keyEnum("registration.policy", "off", RegistrationPolicy.NAMES,
                    "Dynamic client registration at /oauth/register (RFC 7591, RFC 7592; docs/client-registration.md): off; initial-access-token, "
                            + "for callers with a token from the admin API or cell client registration-token create; or open, anonymous and "
                            + "limited to public authorization code clients with PKCE and native or loopback redirect URIs."),
            key("registration.initial-access-token.lifetime", DURATION, "24h",
                    "Lifetime of an initial access token for client registration whose issuer names none (at most 366d)."),
            key("registration.open.max-per-address", INT, "10",
                    "Registrations one client address (as server.trusted-proxies establishes it) may attempt per registration.open.window "
                            + "under the open policy; more get 429."),
            key("registration.open.window", DURATION, "1h", "The fixed window in which open registrations per address are counted."),
            key("registration.open.scopes", LIST, "openid,profile,email,offline_access",
                    "The scopes a client registered under the open policy may have (its default when it asks for none)."),
            key("registration.open.resources", LIST, "",
                    "Resources (RFC 8707 resource indicators, e.g. an MCP server's URL) a client registered under the open policy may ask "
                            + "tokens for, comma-separated; a registration's resource member narrows them. Empty: none."),
            keyEnum("client-id-metadata.policy", "off", ClientIdMetadataPolicy.NAMES,
                    "Client ID metadata documents (draft-ietf-oauth-client-id-metadata-document; docs/client-registration.md): a client_id that is "
                            + "an https URL is resolved by fetching its JSON document. off; any, for any host; listed, only for client-id-metadata.domains."),
            key("client-id-metadata.domains", LIST, "",
                    "Under the listed policy, the domains whose client ID metadata documents are resolved, comma-separated; each covers its subdomains."),
            key("client-id-metadata.allowed-addresses", LIST, "",
                    "Loopback, private or other special-use addresses (IP addresses or CIDR blocks, comma-separated) that document and jwks_uri fetches "
                            + "may still reach, e.g. 127.0.0.1 for tests. Empty: public addresses only."),
            key("client-id-metadata.trusted-certificates", STRING, null,
                    "PEM file of CA certificates trusted for document and jwks_uri fetches besides the JDK's (an internal CA, or a test's "
                            + "self-signed certificate)."),
            key("client-id-metadata.fetch-timeout", DURATION, "3s",
                    "The most a fetch of a client ID metadata document or its jwks_uri may take, resolving and connecting included; at most 30s."),
            key("client-id-metadata.max-bytes", INT, "5120",
                    "Largest client ID metadata document read (1024 to 65536 bytes; the draft recommends 5 KB); a larger one is refused."),
            key("client-id-metadata.min-cache-lifetime", DURATION, "5m",
                    "Least time a fetched document is used before it is fetched again, whatever its Cache-Control or Expires say; also the time "
                            + "used when they say nothing."),
            key("client-id-metadata.max-cache-lifetime", DURATION, "24h",
                    "Most time a fetched document is used before it is fetched again, whatever its Cache-Control or Expires say."),
            key("client-id-metadata.failure-cache-lifetime", DURATION, "10s",
                    "How long a failed fetch or a refused document is remembered before the URL is fetched again."),
            key("client-id-metadata.scopes", LIST, "openid,profile,email,offline_access",
                    "The scopes a client known by its metadata document may have: the document's scope is narrowed to these, and is these "
                            + "when it names none."),
            key("client-id-metadata.resources", LIST, "",
                    "Resources (RFC 8707 resource indicators, e.g. an MCP server's URL) a client known by its metadata document may ask tokens "
                            + "for, comma-separated. Empty: none."),
            key("audit.retention", DURATION, "90d",
                    "How long audit events are kept in the database for the admin API's audit queries; housekeeping deletes older ones."),
            key("housekeeping.interval", DURATION, "5m",
                    "How often each node deletes expired codes, tokens, sessions and deny-list entries (safe on every node at once)."),
            key("housekeeping.batch-size", INT, "1000", "Rows deleted per statement by housekeeping, so no run holds the database long."),
            key("tracing.otlp-endpoint", URL, null,
                    "OTLP/HTTP (protobuf) URL that OpenTelemetry traces are sent to, e.g. http://otel-collector:4318/v1/traces: a span per request "
                            + "and one per SQL statement it ran. Unset: no tracing."),
            key("tracing.sample-percent", INT, "100",
                    "Percentage of requests traced (0 to 100) among those that arrive without a traceparent header; a request whose "
                            + "W3C traceparent says sampled or not is traced or not as it says."),
            keyEnum("logging.level", "info", List.of("error", "warn", "info", "debug"), "Log level of Cell's own loggers."),
            keyEnum("logging.format", "auto", List.of("auto", "json", "text"),
                    "json: one JSON object per line; text: for people reading a console; auto: text when started from a terminal (System.console() is present), "
                            + "else json (systemd, containers, a pipe)."),
            key("logging.access-log", BOOLEAN, "false",
                    "One line per HTTP request on the logger cell.access: method, path (never the query string), status, duration, client address "
                            + "(as server.trusted-proxies establishes it), response bytes. JSON or text as logging.format."),
            key("logging.audit-file", STRING, "data/audit.log",
                    "File the management commands (cell client, user, keys) append their audit lines to, owner-only; relative to the Cell home. "
                            + "The server writes its audit lines to standard error with its logs."));

    private static final Map<String, ConfigKey> BY_PATH = new LinkedHashMap<>();
    private static final Map<String, ConfigKey> BY_ENV = new LinkedHashMap<>();

    static {
        for (ConfigKey k : ALL) {
            BY_PATH.put(k.path(), k);
            BY_ENV.put(k.envName(), k);
        }
    }

    private ConfigKeys() {}

    public static Optional<ConfigKey> byPath(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    public static Optional<ConfigKey> byEnv(String envName) {
        return Optional.ofNullable(BY_ENV.get(envName));
    }

    private static ConfigKey key(String path, ConfigKey.Type type, String def, String description) {
        return new ConfigKey(path, type, def, List.of(), description);
    }

    private static ConfigKey keyEnum(String path, String def, List<String> allowed, String description) {
        return new ConfigKey(path, ENUM, def, allowed, description);
    }
}
