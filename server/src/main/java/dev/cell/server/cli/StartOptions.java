package dev.cell.server.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The arguments of a plain {@code cell start}: {@code [-c|--config FILE] start [--demo] [--port N]}, each option at most
 * once. Read without picocli because picocli's Java 5 class files never enter the JDK's AOT cache: loading, verifying and
 * interpreting them took about 0.08 s of a start's main thread. Anything else (help, version, an unknown or repeated option, a
 * port that is not a number) is not read here, so picocli parses it and explains what is wrong.
 *
 * @param config the configuration file, or null for {@code $CELL_CONFIG} or the defaults
 * @param demo {@code --demo}: demo client and user, master key kept under {@code ./data}
 * @param port the port that overrides {@code server.port}, or null
 */
record StartOptions(Path config, boolean demo, Integer port) {

    /** The options of a plain start command line, or null when picocli must read it. */
    static StartOptions parse(String... args) {
        int i = 0;
        Path config = null;
        while (i < args.length && !args[i].equals("start")) {
            String value = valueOf(args, i, "-c", "--config");
            if (value == null || config != null || (config = path(value)) == null) {
                return null;
            }
            i += args[i].startsWith("--config=") ? 1 : 2;
        }
        if (i == args.length) {
            return null;
        }
        boolean demo = false;
        Integer port = null;
        for (i++; i < args.length; ) {
            if (args[i].equals("--demo") && !demo) {
                demo = true;
                i++;
                continue;
            }
            String value = valueOf(args, i, null, "--port");
            if (value == null || port != null || !value.matches("[0-9]{1,5}")) {
                return null;
            }
            port = Integer.valueOf(value);
            i += args[i].startsWith("--port=") ? 1 : 2;
        }
        return new StartOptions(config, demo, port);
    }

    /** The value of the option at {@code args[i]} given as {@code NAME VALUE} or {@code LONG=VALUE}, or null. */
    private static String valueOf(String[] args, int i, String shortName, String longName) {
        String a = args[i];
        if (a.startsWith(longName + "=")) {
            return a.substring(longName.length() + 1);
        }
        boolean named = a.equals(longName) || a.equals(shortName);
        return named && i + 1 < args.length && !args[i + 1].startsWith("-") ? args[i + 1] : null;
    }

    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
