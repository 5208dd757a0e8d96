package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.event.AuditSink;
import dev.cell.registration.InitialAccessTokens;
import dev.cell.token.Json;
import dev.cell.token.RandomValues;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Mutated registration and update bodies (RFC 7591 section 3.1, RFC 7592 section 2.2; seeded, so a failure replays): every
 * answer is a success or a 4xx error object, never a 500; a refused registration stores nothing, and a refused update
 * leaves the client and its registration access token as they were.
 */
class RegistrationFuzzTest {
    private static final long SEED = 0x7591_7592L;
    private static final String VALID = "{\"client_name\":\"Fuzz\",\"grant_types\":[\"authorization_code\",\"refresh_token\"],"
            + "\"redirect_uris\":[\"https://fuzz.example/cb\",\"com.example.fuzz:/cb\"],\"application_type\":\"native\","
            + "\"token_endpoint_auth_method\":\"client_secret_post\",\"scope\":\"openid notes.read\",\"contacts\":[\"ops@fuzz.example\"],"
            + "\"logo_uri\":\"https://fuzz.example/logo.png\",\"jwks\":null,\"software_id\":\"fuzz\"}";
    private static final List<String> KEYS = List.of("redirect_uris", "grant_types", "response_types", "token_endpoint_auth_method",
            "scope", "jwks", "jwks_uri", "client_id", "client_secret", "software_statement", "application_type");
    private static final String JUNK = "{}[]\",:\\ntrue0-1e999\u0000\u00e9\ud83d\ude00 null#*";

    @Test
    void mutatedBodiesNeverFailTheServerNorChangeAnythingWhenRefused() throws Exception {
        try (TestServer server = TestServer.start(Map.of("registration.policy", "initial-access-token"))) {
            String token = new InitialAccessTokens(server.database.stores().initialAccessTokens(), new RandomValues(new SecureRandom()),
                    Clock.systemUTC(), AuditSink.NONE).issue(Set.of(), Duration.ofHours(1), null, "test").value();
            URI endpoint = URI.create(server.url("/oauth/register"));
            JsonNode registered = Json.MAPPER.readTree(send(server, "POST", endpoint, token, VALID).body());
            URI clientUri = URI.create(registered.get("registration_client_uri").asText());
            String clientId = registered.get("client_id").asText();
            String registrationToken = registered.get("registration_access_token").asText();
            Random random = new Random(SEED);
            for (int i = 0; i < 100; i++) {
                int clients = server.database.stores().clients().list().size();
                String body = JsonMutations.mutate(VALID, random, JUNK, KEYS);
                HttpResponse<String> r = send(server, "POST", endpoint, token, body);
                assertThat(r.statusCode()).as(i + ": " + body + " -> " + r.body()).isIn(201, 400, 413);
                if (r.statusCode() != 201) {
                    assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).as(body).isNotBlank();
                    assertThat(server.database.stores().clients().list()).as(body).hasSize(clients);
                }

                String before = send(server, "GET", clientUri, registrationToken, null).body();
                String update = JsonMutations.mutate(VALID.replace("{", "{\"client_id\":\"" + clientId + "\","), random, JUNK, KEYS);
                HttpResponse<String> u = send(server, "PUT", clientUri, registrationToken, update);
                assertThat(u.statusCode()).as(i + ": " + update + " -> " + u.body()).isIn(200, 400, 413);
                if (u.statusCode() == 200) {
                    registrationToken = Json.MAPPER.readTree(u.body()).get("registration_access_token").asText();
                } else {
                    assertThat(send(server, "GET", clientUri, registrationToken, null).body()).as(update).isEqualTo(before);
                }
            }
        }
    }

    private static HttpResponse<String> send(TestServer server, String method, URI uri, String token, String body) {
        return server.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    }
}
