package dev.cell.server.cli;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --server} and its credentials: with them a command manages a running server through its admin API instead of
 * opening the database. Each option falls back to an environment variable ({@code CELL_SERVER}, {@code CELL_TOKEN},
 * {@code CELL_CLIENT_ID}, {@code CELL_CLIENT_SECRET}), so secrets need not appear on a command line.
 */
final class ServerOptions {
    @Option(names = "--server", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Manage the server at URL through its admin API (its issuer URL, or the admin listener's when admin.port is set) "
                    + "instead of opening the database. Default: $CELL_SERVER.")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
            description = "An access token with scope cell:admin (or cell:admin.read to read). Default: $CELL_TOKEN.")
    String token;

    @Option(names = "--client-id", paramLabel = "ID", scope = ScopeType.INHERIT,
            description = "A client allowed cell:admin: the command gets a token by client credentials. Default: $CELL_CLIENT_ID.")
    String clientId;

    @Option(names = "--client-secret", paramLabel = "SECRET", scope = ScopeType.INHERIT,
            description = "That client's secret (prefer $CELL_CLIENT_SECRET: a command line is visible to other users).")
    String clientSecret;

    @Option(names = "--token-endpoint", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The token endpoint (default: the token_endpoint of the server's discovery document).")
    String tokenEndpoint;

    /** Where and how to reach the admin API, or empty to work on the database; the environment fills what the options leave out. */
    Optional<AdminConnection> connection(Map<String, String> env) {
        String url = or(server, env.get("CELL_SERVER"));
        if (url == null) {
            if (token != null || clientId != null || clientSecret != null || tokenEndpoint != null) {
                throw CommandFailure.badInput("--token, --client-id, --client-secret and --token-endpoint need --server (or CELL_SERVER)");
            }
            return Optional.empty();
        }
        URI base = AdminConnection.url("--server", url);
        URI endpoint = tokenEndpoint == null ? null : AdminConnection.url("--token-endpoint", tokenEndpoint);
        if (token != null) {
            return Optional.of(AdminConnection.withToken(base, token));
        }
        String id = or(clientId, env.get("CELL_CLIENT_ID"));
        String secret = or(clientSecret, env.get("CELL_CLIENT_SECRET"));
        if (clientId == null && env.get("CELL_TOKEN") != null && !env.get("CELL_TOKEN").isBlank()) {
            return Optional.of(AdminConnection.withToken(base, env.get("CELL_TOKEN")));
        }
        if (id == null || secret == null) {
            throw CommandFailure.badInput("--server needs credentials: --token (or CELL_TOKEN), or --client-id and --client-secret "
                    + "(or CELL_CLIENT_ID and CELL_CLIENT_SECRET) of a client allowed the scope cell:admin");
        }
        return Optional.of(AdminConnection.withClient(base, id, secret, endpoint));
    }

    private static String or(String given, String fallback) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        return fallback == null || fallback.isBlank() ? null : fallback;
    }
}
