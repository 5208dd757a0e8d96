package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's and the docs' examples, run as written (bash, curl, openssl) against a real server with the demo's
 * clients, so they cannot rot: only the demo address, the placeholders (SECRET, CODE, tokens) and the ./cell commands
 * that register clients are replaced.
 */
class DocExamplesTest {
    static final String DEMO = "http://localhost:9000";

    @BeforeAll
    static void tools() {
        assumeTrue(sh("command -v curl && command -v openssl", Map.of()).exit == 0,
                "curl and openssl are needed to run the documentation's examples (apt-get install curl openssl; .ci/run installs them)");
    }

    @Test
    void theReadmesTokenRefreshIntrospectionRevocationAndLogoutExamplesWork() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        try (TestServer server = TestServer.start()) {
            String base = server.url("");
            ClientAdmin.Created demo = server.clients.create("demo-client", ClientMetadata.builder()
                    .clientName("Cell demo web app").tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                    .grantTypes(Set.of("client_credentials", "authorization_code", "refresh_token"))
                    .redirectUris(List.of("http://localhost:8080/callback"))
                    .postLogoutRedirectUris(List.of("http://localhost:8080/"))
                    .scopes(Set.of("openid", "profile", "email", "offline_access", "notes.read", "notes.write")).build());
            server.users.create("demo", "demo-password-1", Map.of("email", "demo@example.com"), Set.of());
            Browser browser = new Browser(base);
            String callback = AuthorizationCodeFlowTest.codeFor(browser, line(readme, DEMO + "/oauth/authorize?").replace(DEMO, base),
                    "demo", "demo-password-1");
            assertThat(callback).startsWith("http://localhost:8080/callback?code=");
            Map<String, String> values = new LinkedHashMap<>();
            values.put(DEMO, base);
            values.put("SECRET", demo.secret());
            values.put("CODE", Browser.query(callback).get("code"));
            List<String> ran = new ArrayList<>();
            for (String command : commands(readme)) {
                if (!command.startsWith("curl ") || !command.contains(DEMO)) {
                    continue;
                }
                Result r = sh(fill(command, values), Map.of());
                assertThat(r.exit).as(command).isZero();
                assertThat(r.out).as(command).doesNotContain("\"error\"");
                if (r.out.startsWith("{")) {
                    JsonNode json = Json.MAPPER.readTree(r.out);
                    for (String token : List.of("access_token", "refresh_token", "id_token")) {
                        if (json.has(token)) {
                            values.put(token.toUpperCase(), json.get(token).asText());
                        }
                    }
                    if (command.contains("/oauth/introspect")) {
                        assertThat(json.get("active").asBoolean()).as(command).isTrue();
                    }
                }
                ran.add(command);
            }
            assertThat(String.join("\n", ran)).contains("grant_type=refresh_token", "/oauth/introspect", "/oauth/revoke", "/userinfo");
            JsonNode afterRevocation = Json.MAPPER.readTree(server.post("/oauth/introspect", "token=" + values.get("ACCESS_TOKEN"),
                    "Authorization", TestServer.basic("demo-client", demo.secret())).body());
            assertThat(afterRevocation.get("active").asBoolean()).as("introspection sees the revocation at once").isFalse();

            String logout = fill(line(readme, DEMO + "/oauth/logout?"), values);
            assertThat(Browser.location(browser.get(logout))).isEqualTo("http://localhost:8080/?state=bye");
        }
    }

    @Test
    void theClientSecretJwtExampleWorks() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "client-authentication.md"));
        String block = blocks(doc).stream().filter(b -> b.contains("-hmac")).findFirst().orElseThrow();
        StringBuilder script = new StringBuilder();
        for (String l : block.lines().toList()) {
            if (!l.startsWith("./cell ") && !l.startsWith("ISSUER=") && !l.startsWith("SECRET=")) {
                script.append(l).append('\n');
            }
        }
        assertThat(block).contains("--demo");
        try (TestServer server = TestServer.start()) {
            ClientAdmin.Created agent = server.clients.create("agent", ClientMetadata.builder().clientName("Legacy agent")
                    .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_JWT).grantTypes(Set.of("client_credentials"))
                    .scopes(Set.of("reports.read")).build());
            Result r = sh(script.toString(), Map.of("ISSUER", server.config.issuer().toString(), "SECRET", agent.secret()));
            assertThat(r.exit).as(r.out).isZero();
            JsonNode json = Json.MAPPER.readTree(r.out);
            assertThat(json.has("access_token")).as(r.out).isTrue();
            assertThat(json.get("scope").asText()).isEqualTo("reports.read");
        }
    }

    /** The fenced sh blocks of a Markdown text. */
    static List<String> blocks(String markdown) {
        List<String> out = new ArrayList<>();
        StringBuilder block = null;
        for (String l : markdown.lines().toList()) {
            if (block == null && l.equals("```sh")) {
                block = new StringBuilder();
            } else if (block != null && l.equals("```")) {
                out.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(l).append('\n');
            }
        }
        return out;
    }

    /** The commands of every sh block, continuation lines joined, in order. */
    static List<String> commands(String markdown) {
        List<String> out = new ArrayList<>();
        for (String block : blocks(markdown)) {
            out.addAll(List.of(block.replace("\\\n", " ").split("\n")));
        }
        return out.stream().map(String::strip).toList();
    }

    static String line(String markdown, String prefix) {
        return markdown.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no line " + prefix));
    }

    static String fill(String text, Map<String, String> values) {
        String out = text;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    record Result(int exit, String out) {}

    static Result sh(String script, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + script).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + script);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
