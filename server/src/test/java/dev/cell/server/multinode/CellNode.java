package dev.cell.server.multinode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** A Cell server in its own JVM ({@code cell --config FILE start}), started from the test's class path and always stopped. */
final class CellNode implements AutoCloseable {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final long START_TIMEOUT_MILLIS = 90_000;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "cell-node-reaper"));
    }

    private final String name;
    private final Map<String, String> config;
    private final Path dir;
    private final int port;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private CellNode(String name, Map<String, String> config, Path dir, int port) {
        this.name = name;
        this.config = config;
        this.dir = dir;
        this.port = port;
        Map<String, String> all = new LinkedHashMap<>(config);
        all.put("server.host", "127.0.0.1");
        all.put("server.port", Integer.toString(port));
        all.putIfAbsent("logging.audit-file", dir.resolve(name + "-audit.log").toString());
        try {
            Files.createDirectories(dir);
            Path yaml = configFile();
            Files.writeString(yaml, yaml(all));
            long run = System.nanoTime();
            this.stdout = dir.resolve(name + "-" + run + ".out");
            this.stderr = dir.resolve(name + "-" + run + ".log");
            ProcessBuilder builder = new ProcessBuilder(command(yaml))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("CELL_"));
            this.process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RUNNING.add(process);
        awaitRunning();
    }

    /**
     * Starts a node on a free loopback port and waits until it serves.
     *
     * @param config dotted configuration keys (issuer, database.url, keys.master-key, ...), written to the node's YAML file
     */
    static CellNode start(String name, Map<String, String> config, Path dir) {
        return new CellNode(name, Map.copyOf(config), dir, freePort());
    }

    /** A new process with the same configuration and port, e.g. after {@link #kill()}. */
    CellNode restart() {
        return new CellNode(name, config, dir, port);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    String name() {
        return name;
    }

    /** The node's configuration file, for running {@code cell} commands as on this node. */
    Path configFile() {
        return dir.resolve(name + ".yaml");
    }

    /** SIGKILL: the process ends at once, with no shutdown hook and no connection closed politely. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM, then SIGKILL if the node has not stopped within ten seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        awaitExit();
    }

    private void awaitExit() {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(process);
    }

    private void awaitRunning() {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (!read(stdout).contains("Cell is running")) {
            if (!process.isAlive()) {
                awaitExit();
                throw new IllegalStateException("node " + name + " exited with " + process.exitValue() + "; its log:\n" + read(stderr));
            }
            if (System.currentTimeMillis() > deadline) {
                String threads = threadDump();
                close();
                throw new IllegalStateException("node " + name + " did not start within " + START_TIMEOUT_MILLIS / 1000 + " s; its log:\n"
                        + read(stderr) + "\nits threads:\n" + threads);
            }
            sleep(50);
        }
    }

    /** The node's threads, from {@code jcmd PID Thread.print}, to show where a start got stuck. */
    private String threadDump() {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    private static List<String> command(Path yaml) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath, "dev.cell.server.cli.CellCommand", "--config", yaml.toString(), "start");
    }

    private static String yaml(Map<String, String> config) {
        StringBuilder b = new StringBuilder();
        config.forEach((k, v) -> b.append(k).append(": \"").append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n"));
        return b.toString();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
