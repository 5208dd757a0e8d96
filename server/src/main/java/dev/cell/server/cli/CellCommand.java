package dev.cell.server.cli;

import dev.cell.config.CellConfig;
import dev.cell.config.ConfigException;
import dev.cell.config.ConfigLoader;
import dev.cell.store.DuplicateException;
import dev.cell.store.StoreUnavailableException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code cell} command line: run the server and manage clients, users and keys. */
@Command(name = "cell", mixinStandardHelpOptions = true, version = "Cell 0.1.0",
        description = "Cell: an OAuth 2.1 / OpenID Connect authorization server.",
        subcommands = {StartCommand.class, ClientCommand.class, UserCommand.class, KeysCommand.class})
public final class CellCommand implements Runnable {
    @Option(names = {"-c", "--config"}, description = "YAML configuration file (default: $CELL_CONFIG, else built-in defaults).")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Loads the configuration from the file, the environment and the given command-line overrides. */
    CellConfig loadConfig(Map<String, String> overrides) {
        Path file = config;
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
        CommandLine cli = new CommandLine(new CellCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException || e instanceof IllegalArgumentException || e instanceof DuplicateException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 2;
            }
            if (e instanceof StoreUnavailableException) {
                commandLine.getErr().println("error: " + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
                return 1;
            }
            if (e instanceof IllegalStateException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
