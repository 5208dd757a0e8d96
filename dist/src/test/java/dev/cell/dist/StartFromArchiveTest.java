package dev.cell.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.jdbc.PostgresTestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive as an operator uses it: unpacked, configured for PostgreSQL, a client created with {@code bin/cell client create},
 * {@code bin/cell start} run as a real process on a free loopback port (and its management port), a token fetched, and the server
 * stopped with SIGTERM.
 */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+",
        disabledReason = "CELL_TEST_DB_URL not set: the archive's start on PostgreSQL is skipped")
class StartFromArchiveTest {
    @TempDir
    Path dir;
    final PostgresTestDatabase pg = new PostgresTestDatabase();
    Process server;

    @AfterEach
    void stop() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        pg.drop();
    }

    @Test
    void startsOnPostgresqlIssuesATokenAndStopsCleanly() throws Exception {
        Path cell = Archive.unpack(dir);
        int port = freePort();
        int management = freePort();
        Path masterKey = dir.resolve("master.key");
        Files.writeString(masterKey, Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(32)));
        Path config = dir.resolve("cell.yaml");
        Files.writeString(config, String.join("\n",
                "issuer: http://127.0.0.1:" + port,
                "server.host: 127.0.0.1",
                "server.port: " + port,
                "management.port: " + management,
                "database.url: '" + pg.create() + "'",
                "keys.master-key-file: " + masterKey,
                "logging.format: text", ""));
        Map<String, String> env = Map.of("CELL_CONFIG", config.toString(), "CELL_HOME", dir.resolve("home").toString(),
                "JAVA_HOME", System.getProperty("java.home"));

        assertThat(run(cell, env, "init")).contains("the database is ready");
        String created = run(cell, env, "client", "create", "--name", "Archive test", "--id", "archive-test", "--scope", "read");
        Matcher secret = Pattern.compile("client_secret: +(\\S+)").matcher(created);
        assertThat(secret.find()).as(created).isTrue();

        server = process(cell, env, "start").start();
        CompletableFuture<String> banner = CompletableFuture.supplyAsync(() -> readUntil(server, "  management:"));
        assertThat(banner.get(120, TimeUnit.SECONDS)).contains("listening on port " + port)
                .contains("  management: http://127.0.0.1:" + management + " (/metrics, /health/live, /health/ready)");
        HttpClient http = HttpClient.newHttpClient();
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("archive-test:" + secret.group(1)).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=read")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(token.body()).contains("\"access_token\"").contains("\"token_type\":\"Bearer\"");

        server.destroy();    // SIGTERM, as systemd and docker stop send
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isEqualTo(143);
    }

    private static ProcessBuilder process(Path cell, Map<String, String> env, String... args) {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add(cell.resolve("bin/cell").toString());
        pb.command().addAll(List.of(args));
        pb.environment().keySet().removeIf(k -> k.startsWith("CELL_"));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        return pb;
    }

    private static String run(Path cell, Map<String, String> env, String... args) throws Exception {
        Process p = process(cell, env, args).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args) + ": " + out).isZero();
        return out;
    }

    /** The process's output up to the first line containing {@code text}; the rest is drained in the background. */
    private static String readUntil(Process p, String text) {
        StringBuilder seen = new StringBuilder();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (line.contains(text)) {
                    Thread.ofVirtual().start(() -> in.lines().forEach(l -> { }));
                    return seen.toString();
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("the server ended before printing '" + text + "':\n" + seen);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
