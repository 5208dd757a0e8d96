package dev.cell.jdbc;

import dev.cell.store.ServerSecretStore;
import dev.cell.store.Stores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** The whole store contract, run by one subclass per engine on a database of its own, emptied before each test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContractTest implements ClientStoreContract, UserStoreContract, SigningKeyStoreContract,
        AuthorizationCodeStoreContract, TokenStoreContract, RevokedTokenStoreContract, ConsentStoreContract,
        LoginSessionStoreContract, PendingAuthorizationStoreContract, PushedAuthorizationStoreContract, LoginFailureStoreContract, KnownBrowserStoreContract,
        UsedJtiStoreContract, ServerSecretStoreContract, AdminQueriesContract, InitialAccessTokenStoreContract,
        ClientRegistrationStoreContract, GrantStoreContract, LogoutDeliveryStoreContract, DeviceAuthorizationStoreContract {
    private static final List<String> TABLES = List.of("clients", "users", "signing_keys", "authorization_codes",
            "tokens", "revoked_tokens", "consents", "login_sessions", "pending_authorizations", "pushed_authorizations", "login_failures", "known_browsers",
            "used_jtis", "server_secrets", "audit_events", "initial_access_tokens", "grants", "backchannel_logout_deliveries", "device_authorizations");
    /** Connections per test database: the most statements in flight at once. */
    static final int POOL_SIZE = 10;

    private String url;
    private Database database;

    /** Creates an empty database and returns its JDBC URL. */
    protected abstract String createDatabase();

    /** Removes the database {@link #createDatabase} made, if it made one. */
    protected abstract void dropDatabase();

    @BeforeAll
    void openDatabase() {
        url = createDatabase();
        database = new Database(url, null, null, POOL_SIZE);
    }

    @AfterAll
    void closeDatabase() {
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            dropDatabase();
        }
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    @Override
    public Stores stores() {
        return database.stores();
    }

    @Override
    public Database database() {
        return database;
    }

    @Override
    public ServerSecretStore serverSecrets() {
        return database.serverSecrets();
    }
}
