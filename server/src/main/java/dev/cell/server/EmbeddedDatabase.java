package dev.cell.server;

import dev.cell.config.CellConfig;
import dev.cell.jdbc.Database;
import dev.cell.store.StoreUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An H2 file database ({@code jdbc:h2:file:PATH;SETTINGS}) opened safely: its path resolved against the {@link CellHome}, H2's
 * {@code AUTO_SERVER} dropped (it opens a TCP listener on every interface and keeps its key in a lock file), its files 0600 and
 * its directory 0700 (created so; an existing one tightened only when it is the home's {@code data/}, else a warning). Without a port one process at a time opens it, so management commands need the server stopped.
 */
public final class EmbeddedDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** H2's "Database may be already in use": another process holds the file lock. */
    private static final int ALREADY_OPEN = 90020;

    private final Path path;
    private final List<String> settings;
    private final Path homeData;

    private EmbeddedDatabase(Path path, List<String> settings, Path homeData) {
        this.path = path;
        this.settings = settings;
        this.homeData = homeData;
    }

    /** The embedded database {@code url} names, or empty for any other (PostgreSQL, in-memory or remote H2). */
    public static Optional<EmbeddedDatabase> of(String url, Path home) {
        if (!url.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else if (rest.matches("(?s)[A-Za-z]{2,}:.*")) {
            return Optional.empty();
        }
        String[] parts = rest.split(";");
        List<String> settings = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String name = parts[i].split("=", 2)[0].trim().toUpperCase(Locale.ROOT);
            if (name.equals("AUTO_SERVER") || name.equals("AUTO_SERVER_PORT")) {
                LOG.warn("database.url: ignoring {}: Cell never opens a TCP port to its embedded database", parts[i]);
            } else if (!parts[i].isBlank()) {
                settings.add(parts[i]);
            }
        }
        return Optional.of(new EmbeddedDatabase(CellHome.resolve(home, parts[0]), List.copyOf(settings), home.resolve("data")));
    }

    /** Opens the configured database for the server or {@code cell init}, creating an embedded one that is missing. */
    public static Database openOrCreate(CellConfig.Database db, Path home, int poolSize) {
        Optional<EmbeddedDatabase> embedded = of(db.url(), home);
        return embedded.isPresent() ? embedded.get().open(db, poolSize, true) : new Database(db.url(), db.username(), db.password(), poolSize);
    }

    /** Opens the configured database for a management command, which never creates one: a missing one is an error. */
    public static Database openExisting(CellConfig.Database db, Path home, int poolSize) {
        Optional<EmbeddedDatabase> embedded = of(db.url(), home);
        return embedded.isPresent() ? embedded.get().open(db, poolSize, false) : new Database(db.url(), db.username(), db.password(), poolSize);
    }

    /** The JDBC URL H2 opens: the absolute path and the settings kept. */
    public String url() {
        return "jdbc:h2:file:" + path + settings.stream().map(s -> ";" + s).reduce("", String::concat);
    }

    /** The database file H2 keeps. */
    public Path file() {
        return Path.of(path + ".mv.db");
    }

    private Database open(CellConfig.Database db, int poolSize, boolean create) {
        if (!create && !Files.exists(file())) {
            throw new IllegalStateException("no database at " + file() + ": create it with `cell init` (or start the server once), "
                    + "or point database.url (or CELL_HOME) at the existing one");
        }
        try {
            ownerOnlyDirectory();
            Database opened = openLocked(db, poolSize, create);
            restrictFiles();
            return opened;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + path.getParent() + " owner-only", e);
        }
    }

    private Database openLocked(CellConfig.Database db, int poolSize, boolean create) {
        String url = create ? url() : url() + ";IFEXISTS=TRUE";
        try {
            return new Database(url, db.username(), db.password(), poolSize);
        } catch (StoreUnavailableException e) {
            if (errorCode(e) == ALREADY_OPEN) {
                throw new IllegalStateException("the database " + file() + " is in use by a running Cell server: stop it, then run this again "
                        + "(the embedded database opens no port, so one process at a time uses it)");
            }
            throw e;
        }
    }

    private void ownerOnlyDirectory() throws IOException {
        Path dir = path.getParent();
        OwnerOnly.directory(dir);
        if (dir.equals(homeData)) {
            OwnerOnly.tighten(dir);
        } else if (OwnerOnly.openToOthers(dir)) {
            LOG.warn("the embedded database's directory {} is open to other users; make it owner-only (chmod 700)", dir);
        }
    }

    /** Makes every file of this database (data, lock, trace) 0600. */
    private void restrictFiles() throws IOException {
        String prefix = path.getFileName() + ".";
        try (Stream<Path> files = Files.list(path.getParent())) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix) && Files.isRegularFile(f)).toList()) {
                OwnerOnly.restrict(f);
            }
        }
    }

    private static int errorCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s.getErrorCode();
            }
        }
        return 0;
    }
}
