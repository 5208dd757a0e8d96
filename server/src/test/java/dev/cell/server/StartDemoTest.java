package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, {@code cell start --demo}, as its own process in an empty directory: it listens on the
 * port {@code --port} names, keeps its state under {@code ./data}, prints the demo credentials, and those credentials
 * get a token, and the demo API's scopes are described on the consent page; a second start in the same directory finds
 * the same client and prints the same secret. The embedded database
 * opens no port (even for an old {@code AUTO_SERVER=TRUE} URL) and only its owner reads it (issue 16.5); a management command
 * run meanwhile says the server holds it, and one run from elsewhere finds it through {@code CELL_HOME} (issue 17.8).
 */
class StartDemoTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void startDemoPrintsCredentialsThatGetATokenAndKeepsThemAcrossStarts() throws Exception {
        int port = freePort();
        String first = untilStarted(port);
        String secret = field(first, "confidential client: demo-client / secret");
        assertThat(first).contains("listening on port " + port).contains("public client:       demo-spa");
        assertThat(field(first, "issuer:")).isEqualTo("http://localhost:" + port);
        assertThat(field(first, "token:")).isEqualTo("http://localhost:" + port + "/oauth/token");
        assertThat(dir.resolve("data/demo-credentials.properties")).isRegularFile();

        String second = untilStarted(port);
        assertThat(field(second, "confidential client: demo-client / secret")).isEqualTo(secret);

        ProcessBuilder elsewhere = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"), "dev.cell.server.cli.CellCommand",
                "client", "list").directory(Files.createDirectories(dir.resolve("elsewhere")).toFile()).redirectErrorStream(true);
        elsewhere.environment().keySet().removeIf(k -> k.startsWith("CELL_"));
        elsewhere.environment().put("CELL_HOME", dir.toString());
        Process list = elsewhere.start();
        String listed = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor()).as(listed).isZero();
        assertThat(listed).contains("demo-client").contains("demo-spa");
        assertThat(dir.resolve("elsewhere/data")).doesNotExist();
    }

    /**
     * While the server runs: it listens on its HTTP port and nothing else, its data directory is 0700, every file in it 0600,
     * no AUTO_SERVER lock file; commands say it is in use.
     */
    private void checkWhileRunning(long pid, int port) throws Exception {
        assertThat(listeningPorts(pid)).as("TCP ports the server process listens on").containsExactly(port);
        Path data = dir.resolve("data");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(data)) {
            List<Path> all = files.toList();
            assertThat(all).extracting(f -> f.getFileName().toString()).contains("cell.mv.db", "master.key", "demo-credentials.properties")
                    .doesNotContain("cell.lock.db");
            for (Path f : all) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
            }
        }
        Path config = Files.writeString(dir.resolve("cli.yaml"), "database:\n  url: \"jdbc:h2:file:" + data.resolve("cell") + "\"\nlogging:\n"
                + "  audit-file: \"" + dir.resolve("audit.log") + "\"\n");
        CliRunner.Run busy = CliRunner.run(config, "", "user", "passwd", "demo", "--password", "a-new-demo-password");
        assertThat(busy.code()).isEqualTo(1);
        assertThat(busy.err().lines().toList()).singleElement().asString()
                .startsWith("error: the database " + data.resolve("cell.mv.db") + " is in use by a running Cell server: stop it");
    }

    /** The TCP ports a process listens on: its socket inodes (/proc/PID/fd) that /proc/net/tcp and tcp6 list in state LISTEN (0A). */
    private static Set<Integer> listeningPorts(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listed is no listener
                }
            }
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> rows = Files.readAllLines(Path.of(table));
            for (String line : rows.subList(1, rows.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts {@code cell start --demo --port PORT}, gets a token with the printed secret, stops it; returns what it printed. */
    private String untilStarted(int port) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"), "dev.cell.server.cli.CellCommand", "start", "--demo", "--port",
                String.valueOf(port)));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectError(dir.resolve("err.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("CELL_"));
        pb.environment().put("CELL_SERVER_HOST", "127.0.0.1");                    // tests listen on loopback only
        pb.environment().put("CELL_DATABASE_URL", "jdbc:h2:file:./data/cell;AUTO_SERVER=TRUE");    // as an old config file had it
        Process p = pb.start();
        try {
            StringBuilder out = new StringBuilder();
            CompletableFuture<Void> banner = CompletableFuture.runAsync(() -> readBanner(p, out));
            banner.get(90, TimeUnit.SECONDS);
            String printed = out.toString();
            String secret = field(printed, "confidential client: demo-client / secret");
            HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth/token"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("demo-client:" + secret).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=notes.read"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            assertThat(token.body()).contains("\"access_token\"").contains("notes.read");
            assertThat(consentPage(port, field(printed, "demo / password"))).contains("<span>Read your notes.</span>")
                    .contains("<span>Create, change and delete your notes.</span>");
            checkWhileRunning(p.pid(), port);
            return printed;
        } finally {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** The consent page the demo user sees for the demo API's scopes, which the demo describes. */
    private static String consentPage(int port, String password) throws Exception {
        Browser b = new Browser("http://127.0.0.1:" + port);
        String login = Browser.location(b.get(AuthorizationCodeFlowTest.authorizeUrl("demo-client", "http://localhost:8080/callback",
                "openid notes.read notes.write", "")));
        return b.get(Browser.location(AuthorizationCodeFlowTest.login(b, login, "demo", password))).body();
    }

    /** Reads standard output up to the demo user's line, the last line of the banner that has credentials. */
    private static void readBanner(Process p, StringBuilder out) {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                if (line.startsWith("  user:")) {
                    return;
                }
            }
            throw new AssertionError("cell start --demo ended before its banner: " + out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String field(String out, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s+(\\S+)").matcher(out);
        assertThat(m.find()).as(label + " in: " + out).isTrue();
        return m.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
