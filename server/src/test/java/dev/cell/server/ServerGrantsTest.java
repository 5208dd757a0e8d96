package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.server.feature.Features;
import dev.cell.token.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The grant types a client may be registered with are exactly those discovery advertises (RFC 8414 §2 grant_types_supported). */
class ServerGrantsTest {
    @Test
    void clientsMayHaveExactlyTheGrantsTheServerHas() throws Exception {
        for (Map<String, String> features : List.of(Map.<String, String>of(),
                Map.of("features.password.enabled", "true", "features.implicit.enabled", "true"),
                Map.of("features.refresh-token.enabled", "false", "features.client-credentials.enabled", "false"))) {
            try (TestServer server = TestServer.start(features)) {
                JsonNode discovery = Json.MAPPER.readTree(server.get("/.well-known/openid-configuration").body());
                Set<String> advertised = new HashSet<>();
                discovery.get("grant_types_supported").forEach(g -> advertised.add(g.asText()));
                assertThat(Features.grants(server.config).grantTypes()).as(features.toString()).isEqualTo(advertised);
            }
        }
    }
}
