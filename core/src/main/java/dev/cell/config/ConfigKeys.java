package dev.cell.config;

import static dev.cell.config.ConfigKey.Type.BOOLEAN;
import static dev.cell.config.ConfigKey.Type.DURATION;
import static dev.cell.config.ConfigKey.Type.ENUM;
import static dev.cell.config.ConfigKey.Type.INT;
import static dev.cell.config.ConfigKey.Type.LIST;
import static dev.cell.config.ConfigKey.Type.SECRET;
import static dev.cell.config.ConfigKey.Type.STRING;
import static dev.cell.config.ConfigKey.Type.URL;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every configuration key Cell accepts; {@code docs/configuration.md} documents each one (a test checks). */
public final class ConfigKeys {
    public static final List<ConfigKey> ALL = List.of(
            key("issuer", URL, "http://localhost:9000",
                    "Issuer identifier (RFC 8414 §2); every endpoint URL is derived from it. Must be https unless the host is loopback."),
            key("server.host", STRING, "0.0.0.0", "Address the HTTP listener binds to."),
            key("server.port", INT, "9000", "TCP port of the HTTP listener."),
            key("server.max-request-bytes", INT, "65536", "Largest request body accepted; larger bodies get 413 invalid_request."),
            key("server.max-header-bytes", INT, "8192", "Largest request line plus headers accepted; larger get 431."),
            key("server.idle-timeout", DURATION, "30s", "Idle time after which a slow or silent connection is closed."),
            key("database.url", STRING, "jdbc:h2:file:./data/cell;AUTO_SERVER=TRUE",
                    "JDBC URL: an H2 file database (embedded, one node) or jdbc:postgresql://host:5432/db (many nodes)."),
            key("database.username", STRING, "", "Database user; empty means the URL or driver default."),
            key("database.password", SECRET, "", "Database password; prefer the CELL_DATABASE_PASSWORD environment variable."),
            key("database.pool-size", INT, "16", "Maximum connections in the pool of each node."),
            key("tokens.access-token-lifetime", DURATION, "5m", "Lifetime of access tokens (expires_in)."),
            keyEnum("tokens.access-token-signing-alg", "RS256", List.of("RS256", "ES256"),
                    "JWS algorithm of JWT access tokens (RFC 9068 §2.1); a key of it must be in keys.algorithms."),
            keyEnum("tokens.id-token-signing-alg", "RS256", List.of("RS256", "ES256"),
                    "JWS algorithm of ID tokens (OIDC Core §2); a key of it must be in keys.algorithms."),
            key("keys.master-key", SECRET, null,
                    "Base64 of 32 random bytes: the AES-256-GCM key that seals private keys at rest. Required unless keys.master-key-file is set or the server runs with --demo."),
            key("keys.master-key-file", STRING, null, "File holding the master key (base64), as an alternative to keys.master-key."),
            key("keys.algorithms", LIST, "RS256,ES256", "Signing algorithms to keep a key for (RS256, ES256), comma-separated."),
            key("keys.rsa-key-size", INT, "2048", "Size in bits of generated RSA keys (2048 or more)."),
            key("keys.refresh-interval", DURATION, "60s",
                    "How often a node reloads signing keys from the database, so a key rotated on one node is used by all within this time."),
            key("features.client-credentials.enabled", BOOLEAN, "true", "The client_credentials grant (RFC 6749 §4.4)."),
            keyEnum("logging.level", "info", List.of("error", "warn", "info", "debug"), "Log level of Cell's own loggers."),
            keyEnum("logging.format", "json", List.of("json", "text"), "json: one JSON object per line; text: for people reading a console."));

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
