package dev.cell.server.cli;

/**
 * Where a management command works, chosen once per run: the database itself (opened with the configuration and, for keys,
 * the master key) or a running server's admin API ({@code --server}). Commands use only these resources.
 */
interface Backend extends AutoCloseable {
    Users users();

    /** @param demoMasterKey on the database: seal new keys with the demo master key in ./data (a server uses its own) */
    Keys keys(boolean demoMasterKey);

    AuditTrail audit();

    /** @param demoMasterKey on the database: seal client_secret_jwt secrets with the demo master key in ./data */
    Clients clients(boolean demoMasterKey);

    RegistrationTokens registrationTokens();

    /** True when commands go to a server rather than the database. */
    boolean remote();

    @Override
    void close();

    /** The server named by the options or the environment, else the configured database. */
    static Backend of(CellCommand root, ServerOptions options) {
        return options.connection(System.getenv()).<Backend>map(c -> {
            Cli.config(root);       // the console logging of a command
            return new RemoteBackend(c);
        }).orElseGet(() -> new LocalBackend(root));
    }
}
