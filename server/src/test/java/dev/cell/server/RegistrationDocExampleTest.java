package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.client.ClientAuthMethod;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/client-registration.md's curl examples, run as written against a real server: issue a token, register, read, update, delete. */
class RegistrationDocExampleTest {
    @Test
    void theExamplesWork() throws Exception {
        assumeTrue(DocExamplesTest.sh("command -v curl", Map.of()).exit() == 0, "curl is needed to run the documentation's examples");
        String doc = Files.readString(Path.of("..", "docs", "client-registration.md"));
        try (TestServer server = TestServer.start(Map.of("admin.enabled", "true", "registration.policy", "open"))) {
            var ops = server.confidentialClient("ops", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "cell:admin");
            String adminToken = Json.MAPPER.readTree(server.post("/oauth/token", "grant_type=client_credentials", "Authorization",
                    TestServer.basic("ops", ops.secret())).body()).get("access_token").asText();
            Map<String, String> env = new HashMap<>(Map.of("ADMIN_TOKEN", adminToken));
            Map<String, String> address = Map.of(DocExamplesTest.DEMO, server.url(""));
            List<String> ran = new ArrayList<>();
            for (String command : DocExamplesTest.commands(doc)) {
                if (!command.startsWith("curl ") || !command.contains(DocExamplesTest.DEMO)) {
                    continue;
                }
                DocExamplesTest.Result r = DocExamplesTest.sh(DocExamplesTest.fill(command, address), env);
                assertThat(r.exit()).as(command).isZero();
                assertThat(r.out()).as(command).doesNotContain("\"error\"");
                if (r.out().startsWith("{")) {
                    JsonNode json = Json.MAPPER.readTree(r.out());
                    if (command.contains("/admin/api/v1/registration-tokens")) {
                        env.put("INITIAL_ACCESS_TOKEN", json.get("token").asText());
                    }
                    if (command.contains("$INITIAL_ACCESS_TOKEN") || command.contains("-X PUT")) {
                        env.put("CLIENT_ID", json.get("client_id").asText());
                        env.put("REGISTRATION_ACCESS_TOKEN", json.get("registration_access_token").asText());
                    }
                }
                ran.add(command);
            }
            assertThat(String.join("\n", ran)).contains("registration-tokens", "$INITIAL_ACCESS_TOKEN", "-X PUT", "-X DELETE");
            assertThat(ran).hasSize(6);
            assertThat(server.database.stores().clients().find(env.get("CLIENT_ID"))).as("deleted by the last example").isEmpty();
        }
    }
}
