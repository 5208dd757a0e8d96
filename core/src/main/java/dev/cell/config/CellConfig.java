package dev.cell.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** The whole, validated, immutable configuration of one Cell node. */
public record CellConfig(
        URI issuer, Server server, Database database, Tokens tokens, Keys keys, Features features, Logging logging, Login login,
        Session session) {

    /** The HTTP listener. */
    public record Server(String host, int port, int maxRequestBytes, int maxHeaderBytes, Duration idleTimeout) {}

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
            Duration refreshTokenAbsoluteLifetime) {}

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
    public record Features(boolean clientCredentials, boolean authorizationCode, boolean refreshToken, boolean pkcePlain) {}

    /** Log output. */
    public record Logging(String level, String format) {}

    /** Limits on failed logins, counted per account and per IP address in fixed windows. */
    public record Login(int maxFailuresPerAccount, int maxFailuresPerIp, Duration failureWindow) {}

    /** Browser login sessions. */
    public record Session(Duration lifetime) {}

    /** The URL of an endpoint path under the issuer, e.g. {@code /oauth/token}. */
    public String endpoint(String path) {
        String base = issuer.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
