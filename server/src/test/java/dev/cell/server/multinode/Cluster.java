package dev.cell.server.multinode;

import dev.cell.account.PasswordHasher;
import dev.cell.client.ClientMetadataValidator;
import dev.cell.config.ConfigLoader;
import dev.cell.server.feature.Features;
import dev.cell.jdbc.Database;
import dev.cell.jdbc.PostgresTestDatabase;
import dev.cell.keys.MasterKey;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.server.admin.UserAdmin;
import dev.cell.token.RandomValues;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cell nodes in their own JVMs sharing one fresh PostgreSQL database and one master key, as behind a load balancer;
 * the test administers the database directly, as the CLI does. Closing stops every node and drops the database.
 */
final class Cluster implements AutoCloseable {
    /** The public address all nodes share, as behind a load balancer; tokens carry it as {@code iss}. */
    static final String ISSUER = "http://localhost:9000";
    static final Duration KEY_REFRESH_INTERVAL = Duration.ofSeconds(2);
    /** {@code jdbc:postgresql://host[:port]/database[?query]}. */
    private static final Pattern SERVER = Pattern.compile("jdbc:postgresql://([^/:]+)(?::(\\d+))?(/.*)");

    final String databaseUrl;
    final Database database;
    final ClientAdmin clients;
    final UserAdmin users;
    final Fixture fixture;
    private final PostgresTestDatabase pg = new PostgresTestDatabase();
    private final String masterKey;
    private final Path dir = Path.of("target", "multinode");
    private final List<CellNode> nodes = new ArrayList<>();

    Cluster() {
        SecureRandom random = new SecureRandom();
        this.masterKey = MasterKey.generate(random);
        this.databaseUrl = pg.create();
        try {
            this.database = new Database(databaseUrl, null, null, 4);
        } catch (RuntimeException e) {
            pg.drop();
            throw e;
        }
        RandomValues values = new RandomValues(random);
        this.clients = new ClientAdmin(database.stores().clients(),
                new ClientMetadataValidator(Features.grants(new ConfigLoader().load(null, Map.of(), Map.of("issuer", ISSUER)))), values,
                Clock.systemUTC());
        this.users = new UserAdmin(database.stores().users(), new PasswordHasher(), values, Clock.systemUTC());
        try {
            this.fixture = Fixture.register(clients, users);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts a node on the shared database; {@code overrides} replace or add configuration keys. */
    CellNode start(String name, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(Map.of(
                "issuer", ISSUER,
                "database.url", databaseUrl,
                "database.pool-size", "8",
                "keys.master-key", masterKey,
                "keys.refresh-interval", KEY_REFRESH_INTERVAL.toSeconds() + "s",
                "logging.format", "text"));
        config.putAll(overrides);
        return track(CellNode.start(name, config, dir));
    }

    CellNode start(String name) {
        return start(name, Map.of());
    }

    /** Starts a killed node again, on its port and with its configuration. */
    CellNode restart(CellNode node) {
        return track(node.restart());
    }

    /** A proxy in front of the shared database; give a node {@link #databaseUrlVia} to make it connect through it. */
    DatabaseProxy proxy() {
        Matcher m = server();
        return new DatabaseProxy(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
    }

    String databaseUrlVia(DatabaseProxy proxy) {
        return "jdbc:postgresql://127.0.0.1:" + proxy.port() + server().group(3);
    }

    private Matcher server() {
        Matcher m = SERVER.matcher(databaseUrl);
        if (!m.matches()) {
            throw new IllegalStateException("unexpected database URL " + databaseUrl);
        }
        return m;
    }

    private CellNode track(CellNode node) {
        nodes.add(node);
        return node;
    }

    @Override
    public void close() {
        try {
            nodes.forEach(CellNode::close);
            database.close();
        } finally {
            pg.drop();
        }
    }
}
