package dev.cell.server.admin.api;

import static dev.cell.server.admin.api.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.server.JsonMutations;
import dev.cell.server.TestServer;
import dev.cell.token.AccessTokenFormat;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated user bodies (seeded, so a failure replays): every answer is a success or a 4xx problem, never a 500, and a
 * refused change leaves the user exactly as it was.
 */
class AdminFuzzTest {
    private static final long SEED = 0x5eed_ad31L;
    private static final String VALID = "{\"claims\":{\"email\":\"fuzz@example.com\",\"email_verified\":true,\"address\":{\"locality\":\"Oslo\"},"
            + "\"zoneinfo\":\"Europe/Oslo\",\"birthdate\":\"1990-01-02\"},\"authorities\":[\"ROLE_USER\"],\"disabled\":false}";
    private static final List<String> KEYS = List.of("name", "email", "sub", "address", "disabled", "password");
    private static final String JUNK = "{}[]\",:\\ntrue0-1e999\u0000\u00e9\ud83d\ude00 null";

    @Test
    void mutatedPatchesNeverFailTheServerNorChangeTheUserWhenRefused() {
        try (TestServer server = TestServer.start(Map.of("admin.enabled", "true"))) {
            AdminHttp api = new AdminHttp(server);
            String admin = AdminHttp.token(server, "fuzz-admin", AccessTokenFormat.OPAQUE, List.of(), "cell:admin");
            String id = json(api.send("POST", "/users", admin, "{\"username\":\"fuzz\",\"password\":\"correct horse\"}")).get("id").asText();
            Random random = new Random(SEED);
            for (int i = 0; i < 200; i++) {
                HttpResponse<String> before = api.get("/users/" + id, admin);
                String etag = before.headers().firstValue("ETag").orElseThrow();
                String body = JsonMutations.mutate(VALID, random, JUNK, KEYS);
                HttpResponse<String> r = api.send("PATCH", "/users/" + id, admin, body, "If-Match", etag);
                assertThat(r.statusCode()).as(i + ": " + body + " -> " + r.body()).isIn(200, 400, 413);
                if (r.statusCode() != 200) {
                    assertThat(r.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
                    HttpResponse<String> after = api.get("/users/" + id, admin);
                    assertThat(after.body()).as(body).isEqualTo(before.body());
                    assertThat(after.headers().firstValue("ETag")).as(body).hasValue(etag);
                }
            }
        }
    }
}
