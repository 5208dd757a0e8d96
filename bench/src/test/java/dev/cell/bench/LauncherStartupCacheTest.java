package dev.cell.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./cell start} on JDK 25+: the first start of a build records an AOT cache and writes it when the server stops;
 * the next start runs with it, and a start on another JDK records a new one. Every start loads the crypto provider's native library from the copy the launcher
 * unpacked once. Needs the packaged server jar (this module builds after the server).
 */
class LauncherStartupCacheTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CACHE = ROOT.resolve("server/target/cell-start.aot");
    private static final Path CACHE_JDK = ROOT.resolve("server/target/cell-start.aot.jdk");
    private static final Path NATIVE = ROOT.resolve("server/target/native/libamazonCorrettoCryptoProvider.so");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void theFirstStartRecordsACacheAndTheNextUsesIt() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25+");
        assumeTrue(Files.isRegularFile(ROOT.resolve("server/target/cell-server.jar")), "server jar not packaged");
        Files.deleteIfExists(CACHE);
        Files.deleteIfExists(NATIVE);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        Path config = Files.writeString(dir.resolve("cell.yaml"), "issuer: http://127.0.0.1:" + port + "\nserver:\n  host: 127.0.0.1\n  port: "
                + port + "\ndatabase:\n  url: jdbc:h2:file:" + dir.resolve("db/cell") + "\nkeys:\n  master-key: \""
                + Base64.getEncoder().encodeToString(key) + "\"\nlogging:\n  level: warn\n");

        Process first = start(config, "first");
        awaitLive(port, first);
        assertThat(Files.readString(dir.resolve("first.err"))).contains("recording a start-up cache");
        assertThat(first.info().arguments().map(List::of).orElse(List.of())).anyMatch(a -> a.startsWith("-XX:AOTCacheOutput="));
        stop(first);
        assertThat(CACHE).isRegularFile();
        assertThat(Files.size(CACHE)).isGreaterThan(1_000_000);

        Process second = start(config, "second");
        awaitLive(port, second);
        assertThat(Files.readString(dir.resolve("second.err"))).doesNotContain("recording a start-up cache").doesNotContain("[error]");
        assertThat(second.info().arguments().map(List::of).orElse(List.of())).contains("-XX:AOTCache=" + CACHE)
                .contains("-Dcom.amazon.corretto.crypto.provider.useExternalLib=true", "-Djava.library.path=" + NATIVE.getParent())
                .contains("-XX:CompileThresholdScaling=4")
                .contains("-XX:-AOTReplayTraining");    // JDK 25 accepts it; the launcher probed that when it recorded
        assertThat(Files.readAllLines(CACHE_JDK).get(0)).startsWith(System.getProperty("java.home") + " ");
        assertThat(NATIVE).isRegularFile();
        if (System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64")) {
            assertThat(get(port, "/metrics")).contains("cell_crypto_provider{provider=\"AmazonCorrettoCryptoProvider\"}");
        }
        stop(second);

        // a cache some other JDK recorded is not used: this start records a new one
        List<String> recordedBy = new java.util.ArrayList<>(Files.readAllLines(CACHE_JDK));
        recordedBy.set(0, "/opt/another-jdk \"26\"");
        Files.write(CACHE_JDK, recordedBy);
        Process third = start(config, "third");
        awaitLive(port, third);
        assertThat(Files.readString(dir.resolve("third.err"))).contains("recording a start-up cache");
        assertThat(third.info().arguments().map(List::of).orElse(List.of())).anyMatch(a -> a.startsWith("-XX:AOTCacheOutput="))
                .noneMatch(a -> a.startsWith("-XX:AOTCache="));
        stop(third);
        assertThat(Files.readAllLines(CACHE_JDK).get(0)).startsWith(System.getProperty("java.home") + " ");
    }

    private Process start(Path config, String name) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("cell").toString(), "--config", config.toString(), "start")
                .directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().keySet().removeIf(k -> k.startsWith("CELL_"));
        return pb.start();
    }

    private static String get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static void awaitLive(int port, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("Cell did not start (alive: " + p.isAlive() + ")");
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();        // SIGTERM to the JVM (the launcher execs it): the server stops and a recording JVM writes its cache
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Cell did not stop within 120 s");
        }
    }
}
