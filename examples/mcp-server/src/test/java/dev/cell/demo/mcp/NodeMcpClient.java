package dev.cell.demo.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs {@code src/test/node/client.mjs}, the official MCP TypeScript SDK's client (npm {@code @modelcontextprotocol/sdk}, the
 * version pinned by the committed package-lock.json), installed by {@code npm ci} into {@code target/mcp-node}.
 */
final class NodeMcpClient {
    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path HOME = Path.of("target", "mcp-node");
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeMcpClient() {}

    /** Installs the npm packages once per build (again when the lock file changes); fails with what to do when it cannot. */
    static synchronized void install() throws IOException, InterruptedException {
        Files.createDirectories(HOME);
        for (String file : List.of("package.json", "package-lock.json", "client.mjs")) {
            Files.copy(SOURCE.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path installed = HOME.resolve("node_modules").resolve(".package-lock.json");
        if (Files.exists(installed) && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(SOURCE.resolve("package-lock.json"))) > 0) {
            return;
        }
        version("node");
        version("npm");
        Path log = HOME.resolve("npm-ci.log");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error").directory(HOME.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!npm.waitFor(180, TimeUnit.SECONDS)) {
            npm.destroyForcibly();
            throw new AssertionError("npm ci did not finish within 180 s in " + HOME.toAbsolutePath() + "; its output: " + Files.readString(log));
        }
        if (npm.exitValue() != 0) {
            throw new AssertionError("npm ci failed (exit " + npm.exitValue() + ") installing @modelcontextprotocol/sdk into " + HOME.toAbsolutePath()
                    + " (the npm registry must be reachable, or its cache filled); its output:\n" + Files.readString(log));
        }
    }

    private static void version(String tool) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() == 0) {
                return;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new AssertionError(tool + " is missing: the MCP end-to-end test runs the official MCP TypeScript SDK on Node.js 18 or later "
                + "(Debian: apt-get install nodejs npm; .ci/run installs them)");
    }

    /**
     * Runs the script with these arguments; every {@code AUTHORIZE <url>} line goes to {@code authorize} (which must bring the
     * browser to the script's callback), and the {@code RESULT} line is returned. Its stderr is kept in {@code target/mcp-node/<name>.log}.
     */
    static JsonNode run(String name, List<String> args, Consumer<String> authorize) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "client.mjs"));
        command.addAll(args);
        Path log = HOME.resolve(name + ".log");
        Process node = new ProcessBuilder(command).directory(HOME.toFile()).redirectError(log.toFile()).start();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                if (!node.waitFor(90, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
            } catch (InterruptedException e) {
                node.destroyForcibly();
            }
        });
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("AUTHORIZE ")) {
                    authorize.accept(line.substring("AUTHORIZE ".length()));
                } else if (line.startsWith("RESULT ")) {
                    return JSON.readTree(line.substring("RESULT ".length()));
                }
            }
        } finally {
            node.destroy();
            watchdog.interrupt();
        }
        throw new AssertionError("the MCP client script ended (exit " + node.waitFor() + ") without a result; its stderr:\n" + Files.readString(log));
    }
}
