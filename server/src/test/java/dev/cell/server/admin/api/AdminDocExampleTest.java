package dev.cell.server.admin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.TestServer;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.session.LoginSession;
import dev.cell.token.AccessTokenFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The worked example of docs/admin-api.md, run as written (bash, curl, jq) against a real server, so it cannot rot. */
class AdminDocExampleTest {
    private static final String DEMO = "http://localhost:9000";

    @Test
    void theWorkedExampleRuns() throws Exception {
        assumeTrue(run("command -v curl && command -v jq", Map.of()).exit() == 0, "curl and jq are needed to run the admin API example");
        String doc = Files.readString(Path.of("..", "docs", "admin-api.md"));
        List<String> blocks = blocks(doc.substring(doc.indexOf("## A worked example")));
        try (TestServer server = TestServer.start(Map.of("admin.enabled", "true"))) {
            ClientAdmin.Created ops = server.clients.create("ops", ClientMetadata.builder().clientName("Operations")
                    .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("client_credentials"))
                    .scopes(Set.of("cell:admin")).build());
            assertThat(blocks.get(0)).startsWith("./cell client create").contains("--id ops").contains("--scope cell:admin");
            String base = server.url("");

            Result first = run(fill(String.join("\n", blocks.subList(1, 4)), base, ops.secret()) + "\necho; echo \"TOKEN=$TOKEN\"",
                    Map.of());
            assertThat(first.exit()).as(first.out()).isZero();
            assertThat(first.out()).contains("\"nickname\":\"Al\"").doesNotContain("\"status\":4");
            String token = first.out().lines().filter(l -> l.startsWith("TOKEN=")).findFirst().orElseThrow().substring(6);
            String user = server.database.stores().users().findByUsername("alice").orElseThrow().id();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            server.database.stores().loginSessions().save(new LoginSession("session-hash-1", user, now, List.of("pwd"), now, now,
                    now.plusSeconds(600)));

            Result rest = run(fill(String.join("\n", blocks.subList(4, blocks.size())), base, ops.secret()),
                    Map.of("TOKEN", token, "USER_ID", user));
            assertThat(rest.exit()).as(rest.out()).isZero();
            assertThat(rest.out()).contains("session-hash-1").contains("user.updated").contains("token.issued").contains("\"created\"")
                    .contains("\"previous_secret_expires_at\": \"20").doesNotContain("\"status\":4");
            assertThat(rest.out().lines().filter(l -> l.equals("invalid_client")).count()).as("only the leaked secret is refused").isEqualTo(1);
            assertThat(rest.out().split("\"token_type\": \"Bearer\"", -1)).as("the client's old and new secret both get tokens").hasSize(4);
            assertThat(server.database.stores().loginSessions().find("session-hash-1", Instant.now())).as("the session ended").isEmpty();
        }
    }

    private static String fill(String script, String base, String secret) {
        return script.replace(DEMO, base).replace("SECRET", secret);
    }

    /** The bash blocks of the markdown, in order. */
    private static List<String> blocks(String markdown) {
        List<String> out = new ArrayList<>();
        StringBuilder block = null;
        for (String l : markdown.lines().toList()) {
            if (l.equals("```bash")) {
                block = new StringBuilder();
            } else if (l.equals("```") && block != null) {
                out.add(block.toString().strip());
                block = null;
            } else if (block != null) {
                block.append(l).append('\n');
            }
        }
        return out;
    }

    record Result(int exit, String out) {}

    private static Result run(String script, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + script).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + script);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
