package dev.cell.server.cli;

import dev.cell.config.CellConfig;
import dev.cell.jdbc.Database;
import dev.cell.keys.MasterKey;
import dev.cell.account.PasswordHasher;
import dev.cell.server.Assembly;
import dev.cell.server.CryptoProviders;
import dev.cell.server.DemoData;
import dev.cell.server.LoggingSetup;
import dev.cell.server.MasterKeys;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.server.admin.UserAdmin;
import dev.cell.server.http.RequestThreads;
import dev.cell.token.RandomValues;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code cell start}: runs the server until stopped (built without annotations, see {@link CellCommand}). */
final class StartCommand implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(StartCommand.class);
    private final CellCommand root;
    private final CommandSpec spec = HelpOptions.addTo(CommandSpec.wrapWithoutInspection(this))
            .name("start")
            .version(CellCommand.VERSION)
            .addOption(OptionSpec.builder("--demo").type(boolean.class).initialValue(false)
                    .description("Create and print a demo confidential client, public client and user; keep a generated master key in ./data.").build())
            .addOption(OptionSpec.builder("--port").type(Integer.class).paramLabel("<port>")
                    .description("Listen on this port (overrides server.port).").build());

    StartCommand(CellCommand root) {
        this.root = root;
        spec.usageMessage().description(
                "Start the authorization server. With --demo: embedded database and master key under ./data, plus a demo client and user.");
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        String carriers = RequestThreads.configure();
        boolean demo = spec.findOption("--demo").getValue();
        Integer port = spec.findOption("--port").getValue();
        Map<String, String> overrides = new HashMap<>();
        if (port != null) {
            overrides.put("server.port", port.toString());
        }
        CellConfig config = root.loadConfig(overrides);
        LoggingSetup.apply(config.logging());
        LOG.info("requests run on virtual threads over {} carrier threads", carriers);
        String provider = CryptoProviders.install();
        SecureRandom random = new SecureRandom();
        MasterKey masterKey = MasterKeys.resolve(config.keys(), demo, random);
        Database database = new Database(config.database().url(), config.database().username(), config.database().password(),
                config.database().poolSize());
        DemoData.Credentials credentials = null;
        if (demo) {
            RandomValues values = new RandomValues(random);
            credentials = DemoData.ensure(new ClientAdmin(database.stores().clients(), values, Clock.systemUTC()),
                    new UserAdmin(database.stores().users(), new PasswordHasher(), values, Clock.systemUTC()), values);
        }
        Assembly assembly = new Assembly(config, database, masterKey, provider, Clock.systemUTC(), random).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            assembly.close();
            stopped.countDown();
        }, "cell-shutdown"));
        banner(System.out, config, assembly.port(), credentials, (System.nanoTime() - started) / 1_000_000);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void banner(PrintStream out, CellConfig config, int port, DemoData.Credentials demo, long millis) {
        out.println("Cell is running (started in " + millis + " ms), listening on port " + port);
        out.println("  issuer:     " + config.issuer());
        out.println("  discovery:  " + config.endpoint("/.well-known/openid-configuration"));
        out.println("  token:      " + config.endpoint("/oauth/token"));
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
