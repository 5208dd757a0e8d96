package dev.cell.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.pool.HikariPool;
import dev.cell.store.StoreUnavailableException;
import dev.cell.store.SealedSecretStore;
import dev.cell.store.ServerSecretStore;
import dev.cell.store.Stores;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The SQL database behind every store: a HikariCP pool, the Flyway-migrated schema and the Jdbi stores.
 * The same schema and statements run on H2 (e.g. {@code jdbc:h2:file:./data/cell}) and PostgreSQL; an
 * in-memory H2 URL needs {@code ;DB_CLOSE_DELAY=-1}, or the database vanishes whenever the pool has no connection.
 */
public final class Database implements AutoCloseable {
    /** How long a caller waits for a pooled connection: short, so a down database fails fast. */
    private static final long CONNECTION_TIMEOUT_MILLIS = 3_000;
    private static final long VALIDATION_TIMEOUT_MILLIS = 1_000;
    private static final int PING_TIMEOUT_SECONDS = 2;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Sql sql;
    private final Stores stores;
    private final SealedSecretStore sealedSecrets;
    private final ServerSecretStore serverSecrets;

    /**
     * Opens a pool of at most {@code poolSize} connections and migrates the schema to the latest version (Flyway runs
     * only when the schema is not already there).
     *
     * @param username the user, or null when the URL carries it
     * @param password the password, or null when the URL carries it or none is needed
     * @throws StoreUnavailableException if the database cannot be reached
     */
    public Database(String url, String username, String password, int poolSize) {
        this.dataSource = open(url, username, password, poolSize);
        try {
            if (!SchemaVersion.isCurrent(dataSource)) {
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        this.jdbi = Jdbi.create(dataSource);
        this.sql = new Sql(jdbi, dataSource);
        this.stores = new Stores(
                new JdbcClientStore(sql),
                new JdbcUserStore(sql),
                new JdbcSigningKeyStore(sql),
                new JdbcAuthorizationCodeStore(sql),
                new JdbcTokenStore(sql),
                new JdbcGrantStore(sql),
                new JdbcRevokedTokenStore(sql),
                new JdbcConsentStore(sql),
                new JdbcLoginSessionStore(sql),
                new JdbcPendingAuthorizationStore(sql),
                new JdbcLoginFailureStore(sql),
                new JdbcKnownBrowserStore(sql),
                new JdbcUsedJtiStore(sql),
                new JdbcAuditStore(sql),
                new JdbcInitialAccessTokenStore(sql),
                new JdbcClientRegistrationStore(sql),
                new JdbcLogoutDeliveryStore(sql));
        this.sealedSecrets = new JdbcSealedSecretStore(sql);
        this.serverSecrets = new JdbcServerSecretStore(sql);
    }

    public Stores stores() {
        return stores;
    }

    /** The statements runner an optional feature's store is built on ({@code new JdbcXStore(database)}). */
    Sql sql() {
        return sql;
    }

    /** Every value sealed under the master key, for master key rotation; no running node needs it. */
    public SealedSecretStore sealedSecrets() {
        return sealedSecrets;
    }

    /** Secrets the server makes for itself, shared by every node. */
    public ServerSecretStore serverSecrets() {
        return serverSecrets;
    }

    /** Tells {@code observer} of every statement the stores run from now on (for traces). */
    public void observeStatements(StatementObserver observer) {
        sql.observe(observer);
    }

    /** Reports the pool's connections (active, idle, pending, acquire time) to {@code metrics}; once per database. */
    public void trackPool(MetricsTrackerFactory metrics) {
        dataSource.setMetricsTrackerFactory(metrics);
    }

    /** True if the database answers {@code SELECT 1} within a couple of seconds (for readiness checks). */
    public boolean isReachable() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1")
                    .setQueryTimeout(PING_TIMEOUT_SECONDS)
                    .mapTo(Integer.class)
                    .one()) == 1;
        } catch (JdbiException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static HikariDataSource open(String url, String username, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("cell");
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(VALIDATION_TIMEOUT_MILLIS);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreUnavailableException("cannot connect to the database: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
