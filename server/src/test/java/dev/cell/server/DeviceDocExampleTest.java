package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.token.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/device-flow.md's curl walk-through, run as written against a real server, so it cannot rot. */
class DeviceDocExampleTest {
    @Test
    void theCurlWalkThroughGetsCodesPendingAndThenTokens() throws Exception {
        assumeTrue(DocExamplesTest.sh("command -v curl", Map.of()).exit() == 0, "curl is needed to run the documentation's examples");
        String doc = Files.readString(Path.of("..", "docs", "device-flow.md"));
        List<String> curls = DocExamplesTest.commands(doc).stream().filter(c -> c.startsWith("curl ")).toList();
        assertThat(curls).hasSize(2);
        String create = DocExamplesTest.commands(doc).stream().filter(c -> c.startsWith("./cell client create")).findFirst().orElseThrow();
        assertThat(create).contains("--id living-room-tv", "--auth-method none", "--grant urn:ietf:params:oauth:grant-type:device_code");
        try (TestServer server = TestServer.start(Map.of("features.device-authorization.enabled", "true"))) {
            server.clients.create("living-room-tv", ClientMetadata.builder().clientName("Living room TV").tokenEndpointAuthMethod(ClientAuthMethod.NONE)
                    .grantTypes(Set.of(DeviceFlowTest.GRANT, "refresh_token")).scopes(Set.of("openid", "profile", "offline_access")).build());
            server.users.create(DeviceFlowTest.USER, DeviceFlowTest.PASSWORD, Map.of(), Set.of());
            Map<String, String> demo = Map.of(DocExamplesTest.DEMO, server.url(""));

            DocExamplesTest.Result started = DocExamplesTest.sh(DocExamplesTest.fill(curls.get(0), demo), Map.of());
            assertThat(started.exit()).as(started.out()).isZero();
            JsonNode codes = Json.MAPPER.readTree(started.out());
            assertThat(codes.get("user_code").asText()).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
            assertThat(codes.get("expires_in").asInt()).isEqualTo(600);
            assertThat(codes.get("interval").asInt()).isEqualTo(5);
            String poll = DocExamplesTest.fill(curls.get(1), Map.of(DocExamplesTest.DEMO, server.url(""), "DEVICE_CODE", codes.get("device_code").asText()));

            DocExamplesTest.Result pending = DocExamplesTest.sh(poll, Map.of());
            assertThat(Json.MAPPER.readTree(pending.out()).get("error").asText()).isEqualTo("authorization_pending");
            assertThat(doc).contains(pending.out());

            DeviceFlowTest.decide(server, new Browser(server.url("")), codes.get("verification_uri_complete").asText(), "allow");
            JsonNode tokens = Json.MAPPER.readTree(DocExamplesTest.sh(poll, Map.of()).out());
            assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
            assertThat(tokens.get("scope").asText()).isEqualTo("offline_access openid profile");
            assertThat(tokens.get("expires_in").asInt()).isEqualTo(300);
            assertThat(tokens.has("refresh_token")).isTrue();
            assertThat(tokens.has("id_token")).isTrue();
        }
    }
}
