package dev.cell.server.cli;

import dev.cell.account.PasswordHasher;
import dev.cell.client.ClientMetadataValidator;
import dev.cell.config.CellConfig;
import dev.cell.server.feature.Features;
import dev.cell.jdbc.Database;
import dev.cell.keys.MasterKey;
import dev.cell.server.Assembly;
import dev.cell.server.CellHome;
import dev.cell.server.CryptoProviders;
import dev.cell.server.DemoData;
import dev.cell.server.EmbeddedDatabase;
import dev.cell.server.LoggingSetup;
import dev.cell.server.MasterKeys;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.server.admin.UserAdmin;
import dev.cell.server.http.PemCredentials;
import dev.cell.server.http.RequestThreads;
import dev.cell.token.RandomValues;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What {@code cell start} does: starts the server, prints where it listens, and runs until the process is stopped. */
final class ServerStart {
    private static final Logger LOG = LoggerFactory.getLogger(ServerStart.class);

    private ServerStart() {}

    static void run(StartOptions options) {
        long started = System.nanoTime();
        String carriers = RequestThreads.configure();
        Map<String, String> overrides = new HashMap<>();
        if (options.port() != null) {
            overrides.put("server.port", options.port().toString());
        }
        CellConfig loaded = CellCommand.loadConfig(options.config(), overrides);
        CellConfig config = options.demo() ? loaded.withScopeDescriptions(DemoData.SCOPE_DESCRIPTIONS) : loaded;
        LoggingSetup.apply(config.logging());
        LOG.info("requests run on virtual threads over {} carrier threads", carriers);
        // Opening H2 or connecting to PostgreSQL overlaps loading the crypto provider and the master key (0.06 s of a start).
        MasterKeys.requireSource(config.keys(), options.demo());    // a start bound to fail leaves no database files behind
        if (config.server().tls() != null) {
            PemCredentials.read(config.server().tls().certificate(), config.server().tls().privateKey());    // nor does a bad certificate
        }
        CellConfig.Database db = config.database();
        Path home = CellHome.get();
        BackgroundOpening<Database> opening = BackgroundOpening.start("cell-database-open", () -> EmbeddedDatabase.openOrCreate(db, home, db.poolSize()));
        String provider;
        SecureRandom random;
        MasterKey masterKey;
        try {
            provider = CryptoProviders.install();
            random = new SecureRandom();
            masterKey = MasterKeys.resolve(config.keys(), options.demo(), random);
        } catch (RuntimeException | Error e) {
            opening.abandon();
            throw e;
        }
        Database database = opening.join();
        DemoData.Credentials credentials = null;
        if (options.demo()) {
            RandomValues values = new RandomValues(random);
            credentials = DemoData.ensure(new ClientAdmin(database.stores().clients(), new ClientMetadataValidator(Features.grants(config)), values,
                    Clock.systemUTC()),
                    new UserAdmin(database.stores().users(), new PasswordHasher(), values, Clock.systemUTC()), values);
        }
        Assembly assembly = new Assembly(config, database, masterKey, provider, Clock.systemUTC(), random);
        try {
            assembly.start();
        } catch (RuntimeException e) {
            assembly.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            assembly.close();
            stopped.countDown();
        }, "cell-shutdown"));
        banner(System.out, config, assembly, credentials, (System.nanoTime() - started) / 1_000_000);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void banner(PrintStream out, CellConfig config, Assembly assembly, DemoData.Credentials demo, long millis) {
        out.println("Cell is running (started in " + millis + " ms), listening on port " + assembly.port()
                + (config.server().tls() != null ? " (HTTPS, HTTP/2)" : ""));
        out.println("  issuer:     " + config.issuer());
        out.println("  discovery:  " + config.endpoint("/.well-known/openid-configuration"));
        out.println("  token:      " + config.endpoint("/oauth/token"));
        assembly.managementPort().ifPresent(port -> out.println("  management: http://" + (config.management().host().contains(":") ? "[" + config.management().host() + "]" : config.management().host()) + ":" + port
                + " (/metrics, /health/live, /health/ready)"));
        if (demo != null) {
            out.println();
            out.println("Demo credentials (demo mode only; kept in data/demo-credentials.properties):");
            out.println("  confidential client: " + demo.clientId() + " / secret " + orRotate(demo.clientSecret(), demo.clientId()));
            out.println("  public client:       " + demo.publicClientId() + " (PKCE, no secret)");
            out.println("  user:                " + demo.username() + " / password " + (demo.password() == null
                    ? "(unknown: set one with `./cell user passwd demo`)" : demo.password()));
            if (demo.clientSecret() != null) {
                out.println();
                out.println("Try it:");
                out.println("  curl -s -u " + demo.clientId() + ":" + demo.clientSecret() + " -d grant_type=client_credentials -d scope=notes.read "
                        + config.endpoint("/oauth/token"));
            }
        }
        out.flush();
    }

    private static String orRotate(String secret, String clientId) {
        return secret != null ? secret : "(unknown: make a new one with `./cell client rotate-secret " + clientId + "`)";
    }
}
