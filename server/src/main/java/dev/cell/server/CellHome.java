package dev.cell.server;

import java.nio.file.Path;
import java.util.Map;

/**
 * The directory relative embedded paths resolve against ({@code data/cell}, {@code data/master.key}): {@code $CELL_HOME}, which
 * the {@code ./cell} launcher sets to its own directory, else the working directory. So a command run from elsewhere opens the
 * installation's database, never a new empty one where it happens to stand.
 */
public final class CellHome {
    private CellHome() {}

    /** The home of this process. */
    public static Path get() {
        return of(System.getenv());
    }

    /** The home named by {@code CELL_HOME} in {@code env}, else the working directory; absolute. */
    static Path of(Map<String, String> env) {
        String home = env.get("CELL_HOME");
        return Path.of(home == null || home.isBlank() ? "" : home).toAbsolutePath().normalize();
    }

    /** {@code path} resolved against the home when relative; {@code ~/} is the user's home directory, as H2 reads it. */
    public static Path resolve(Path home, String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + path.substring(1)).normalize();
        }
        return home.resolve(path).normalize();
    }

    /** {@code data/NAME} under the home of this process: the demo master key and credentials, the CLI's audit file. */
    public static Path data(String name) {
        return get().resolve("data").resolve(name);
    }
}
