package dev.cell.jdbc;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throwaway PostgreSQL database on the server named by {@code CELL_TEST_DB_URL}
 * (e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}): {@link #create} makes a fresh
 * {@code cell_test_<random>} database and returns its URL, {@link #drop} removes it.
 */
public final class PostgresTestDatabase {
    public static final String URL_VARIABLE = "CELL_TEST_DB_URL";

    /** {@code jdbc:postgresql://host[:port]} then an optional {@code /database} and optional {@code ?query}. */
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]*)(?:/[^?]*)?(\\?.*)?");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String adminUrl;
    private final String server;
    private final String query;
    private String name;

    /** Uses the server that {@code CELL_TEST_DB_URL} names; check {@link #isConfigured} first. */
    public PostgresTestDatabase() {
        this(System.getenv(URL_VARIABLE));
    }

    /** Uses the server at {@code adminUrl}, a URL of any database there that may create databases. */
    public PostgresTestDatabase(String adminUrl) {
        if (adminUrl == null || adminUrl.isBlank()) {
            throw new IllegalStateException(URL_VARIABLE + " is not set");
        }
        Matcher m = URL.matcher(adminUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "expected a URL like jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres, got " + adminUrl);
        }
        this.adminUrl = adminUrl;
        this.server = m.group(1);
        this.query = m.group(2) == null ? "" : m.group(2);
    }

    /** True if {@code CELL_TEST_DB_URL} is set, so PostgreSQL tests can run. */
    public static boolean isConfigured() {
        String url = System.getenv(URL_VARIABLE);
        return url != null && !url.isBlank();
    }

    /** Creates a fresh, empty database and returns its JDBC URL (with the admin URL's query parameters). */
    public String create() {
        if (name != null) {
            throw new IllegalStateException("already created " + name);
        }
        String candidate = "cell_test_" + HexFormat.of().formatHex(randomBytes());
        execute("CREATE DATABASE " + candidate);
        name = candidate;
        return server + "/" + candidate + query;
    }

    /** Drops the database {@link #create} made, closing any connections still open to it; no-op if none. */
    public void drop() {
        if (name != null) {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            name = null;
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminUrl);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + adminUrl + ": " + e.getMessage(), e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
