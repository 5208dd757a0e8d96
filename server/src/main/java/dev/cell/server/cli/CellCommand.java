package dev.cell.server.cli;

import dev.cell.config.CellConfig;
import dev.cell.config.ConfigException;
import dev.cell.config.ConfigLoader;
import dev.cell.error.OAuthException;
import dev.cell.store.DuplicateException;
import dev.cell.store.StoreUnavailableException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code cell} command line: run the server and manage clients, users and keys. The root and {@code start} are
 * built with picocli's programmatic API: reading their annotations would cost a cold {@code cell start} about 0.13 s
 * of CPU (annotation proxies generated at run time); the management commands keep their annotations. A plain
 * {@code cell start} line is read by {@link StartOptions} without picocli at all.
 */
public final class CellCommand implements Runnable {
    /** What {@code --version} prints. */
    static final String VERSION = "Cell 0.1.0";
    /** Positional parameters holding a random base64url id, which may begin with '-'. */
    private static final Set<String> RANDOM_IDS = Set.of("SESSION_ID", "GRANT_ID");

    /**
     * The subcommands by name. Picocli builds the model of every registered command up front (all six: about 0.3 s of a
     * cold start, one: 0.2 s), so a run registers only the one it names when it names a known one.
     */
    private static final Map<String, Function<CellCommand, Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("start", root -> new StartCommand(root).spec());
        SUBCOMMANDS.put("demo", root -> new DemoCommand().spec());
        SUBCOMMANDS.put("client", root -> new ClientCommand());
        SUBCOMMANDS.put("user", root -> new UserCommand());
        SUBCOMMANDS.put("keys", root -> new KeysCommand());
        SUBCOMMANDS.put("audit", root -> new AuditCommand());
        SUBCOMMANDS.put("init", root -> new InitCommand());
    }

    private final CommandSpec spec = HelpOptions.addTo(CommandSpec.wrapWithoutInspection(this))
            .name("cell")
            .version(VERSION)
            .addOption(OptionSpec.builder("-c", "--config").type(Path.class).paramLabel("<config>")
                    .description("YAML configuration file (default: $CELL_CONFIG, else built-in defaults).").build());

    private CellCommand() {
        spec.usageMessage().description("Cell: an OAuth 2.1 / OpenID Connect authorization server.");
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The {@code -c/--config} file, or null. */
    Path configFile() {
        return spec.findOption("--config").getValue();
    }

    /** Loads the configuration from the {@code -c/--config} file, the environment and the given command-line overrides. */
    CellConfig loadConfig(Map<String, String> overrides) {
        return loadConfig(configFile(), overrides);
    }

    /** Loads the configuration from the file (null: {@code $CELL_CONFIG}, else none), the environment and the overrides. */
    static CellConfig loadConfig(Path file, Map<String, String> overrides) {
        if (file == null && System.getenv("CELL_CONFIG") != null) {
            file = Path.of(System.getenv("CELL_CONFIG"));
        }
        return new ConfigLoader().load(file, System.getenv(), overrides);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; bad input prints one line, never a stack trace. */
    public static int run(String... args) {
        StartOptions start = StartOptions.parse(args);
        if (start != null) {
            try {
                ServerStart.run(start);
                return 0;
            } catch (RuntimeException e) {
                return failure(e, new PrintWriter(System.err, true));
            }
        }
        CellCommand root = new CellCommand();
        CommandLine cli = new CommandLine(root.spec);
        String named = subcommandName(args);
        SUBCOMMANDS.forEach((name, command) -> {
            if (!SUBCOMMANDS.containsKey(named) || name.equals(named)) {
                cli.addSubcommand(name, command.apply(root));
            }
        });
        takeIdsStartingWithADash(cli);
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? CommandFailure.BAD_INPUT : CommandLine.ExitCode.SOFTWARE);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof RuntimeException r) {
                return failure(r, commandLine.getErr());
            }
            throw e;
        });
        return cli.execute(args);
    }

    /**
     * The exit code of a command that failed, after one line on {@code err}: {@value CommandFailure#BAD_INPUT} for bad input or
     * configuration, {@value CommandFailure#REFUSED} for something absent or refused (a taken name), {@value
     * CommandFailure#UNREACHABLE} for a database or server out of reach or refusing the credentials.
     */
    private static int failure(RuntimeException e, PrintWriter err) {
        if (e instanceof CommandFailure f) {
            err.println("error: " + f.getMessage());
            return f.exitCode();
        }
        if (e instanceof ConfigException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            err.println("error: " + e.getMessage());
            return CommandFailure.BAD_INPUT;
        }
        if (e instanceof DuplicateException) {
            err.println("error: " + e.getMessage());
            return CommandFailure.REFUSED;
        }
        if (e instanceof NoSuchElementException || e instanceof ConcurrentModificationException) {
            err.println("error: " + e.getMessage());
            return CommandFailure.REFUSED;
        }
        if (e instanceof OAuthException o) {
            err.println("error: " + o.error().code() + ": " + o.description());
            return CommandFailure.BAD_INPUT;
        }
        if (e instanceof StoreUnavailableException) {
            err.println("error: " + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
            return CommandFailure.UNREACHABLE;
        }
        throw e;
    }

    /**
     * Session and grant ids are random base64url and may begin with '-': the commands taking one read an unknown "option"
     * as that id instead of refusing it.
     */
    private static void takeIdsStartingWithADash(CommandLine command) {
        if (command.getCommandSpec().positionalParameters().stream().anyMatch(p -> RANDOM_IDS.contains(p.paramLabel()))) {
            command.setUnmatchedOptionsArePositionalParams(true);
        }
        command.getSubcommands().values().forEach(CellCommand::takeIdsStartingWithADash);
    }

    /** The first argument that is neither a root option nor the value of {@code -c/--config}, or null. */
    static String subcommandName(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-c") || a.equals("--config")) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }
}
