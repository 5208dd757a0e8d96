package dev.cell.server.cli;

/** A running server's admin API (docs/admin-api.md), reached with the connection's credentials. */
final class RemoteBackend implements Backend {
    private final AdminClient api;

    RemoteBackend(AdminConnection connection) {
        this.api = new AdminClient(connection, new Http());
    }

    @Override
    public Users users() {
        return new RemoteUsers(api);
    }

    @Override
    public Keys keys(boolean demoMasterKey) {
        if (demoMasterKey) {
            throw CommandFailure.badInput("--demo works on the database only: a server seals new keys with its own master key");
        }
        return new RemoteKeys(api);
    }

    @Override
    public AuditTrail audit() {
        return new RemoteAuditTrail(api);
    }

    @Override
    public Clients clients(boolean demoMasterKey) {
        if (demoMasterKey) {
            throw CommandFailure.badInput("--demo works on the database only: a server seals client_secret_jwt secrets with its own master key");
        }
        return new RemoteClients(api);
    }

    @Override
    public RegistrationTokens registrationTokens() {
        return new RemoteRegistrationTokens(api);
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public void close() {
        // nothing held between requests
    }
}
