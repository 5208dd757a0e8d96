package dev.cell.server.admin.api;

import static dev.cell.server.admin.api.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.client.ClientMetadataJson;
import dev.cell.server.JsonMutations;
import dev.cell.server.TestServer;
import dev.cell.token.AccessTokenFormat;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad client bodies at the admin API (seeded mutations, wrong types, over-long values, oversized and malformed bodies): every
 * answer is a success or a 4xx problem, never a 500, and a refused request changes nothing that is stored.
 */
class AdminClientsFuzzTest {
    private static final long SEED = 0xc11e_47adL;
    private static final String VALID = "{\"client_name\":\"Fuzz\",\"redirect_uris\":[\"https://fuzz.example/cb\"],"
            + "\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"scope\":\"openid profile\",\"logo_uri\":\"https://fuzz.example/l.png\","
            + "\"contacts\":[\"ops@fuzz.example\"],\"access_token_lifetime\":300,\"pkce_required\":true,\"audience\":[\"https://api.example\"]}";
    private static final List<String> MEMBERS = List.copyOf(ClientMetadataJson.ALL_MEMBERS);
    private static final String JUNK = "{}[]\",:\\ntrue0-1e999#* \u0000\u00e9\ud83d\ude00null";
    private static final List<String> WRONG_VALUES = List.of("1", "-1", "1e400", "99999999999999999999999", "true", "\"text\"", "[]", "[1]",
            "[null]", "{}", "{\"a\":1}", "\"" + "x".repeat(5000) + "\"", "[\"" + "y".repeat(3000) + "\"]");

    static TestServer server;
    static AdminHttp api;
    static String admin;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("admin.enabled", "true"));
        api = new AdminHttp(server);
        admin = AdminHttp.token(server, "fuzz-admin", AccessTokenFormat.OPAQUE, List.of(), "cell:admin");
        assertThat(api.send("POST", "/clients", admin, VALID.replace("{", "{\"client_id\":\"fuzzed\",")).statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Sends {@code body} to create a client and to patch "fuzzed"; checks each answer and that a refusal stored nothing. */
    private static void probe(String body, String... headers) {
        int before = server.database.stores().clients().list().size();
        HttpResponse<String> created = api.send("POST", "/clients", admin, body, headers);
        assertThat(created.statusCode()).as(body + " -> " + created.body()).isIn(201, 400, 413, 415);
        if (created.statusCode() != 201) {
            assertThat(created.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
            assertThat(server.database.stores().clients().list()).as(body).hasSize(before);
        }
        HttpResponse<String> read = api.get("/clients/fuzzed", admin);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        List<String> patchHeaders = new ArrayList<>(List.of(headers));
        patchHeaders.addAll(List.of("If-Match", etag));
        HttpResponse<String> patched = api.send("PATCH", "/clients/fuzzed", admin, body, patchHeaders.toArray(String[]::new));
        assertThat(patched.statusCode()).as(body + " -> " + patched.body()).isIn(200, 400, 413, 415);
        if (patched.statusCode() != 200) {
            assertThat(patched.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
            HttpResponse<String> after = api.get("/clients/fuzzed", admin);
            assertThat(after.body()).as(body).isEqualTo(read.body());
            assertThat(after.headers().firstValue("ETag")).as(body).hasValue(etag);
        }
    }

    @Test
    void mutatedBodiesNeverFailTheServerNorChangeAnythingWhenRefused() {
        Random random = new Random(SEED);
        for (int i = 0; i < 150; i++) {
            probe(JsonMutations.mutate(VALID, random, JUNK, MEMBERS));
        }
    }

    @Test
    void everyMemberWithAWrongTypeOrAnOverlongValueIsRefused() {
        for (String member : MEMBERS) {
            for (String value : WRONG_VALUES) {
                String body = "{\"" + member + "\":" + value + "}";
                probe(body);
            }
        }
    }

    @Test
    void malformedOversizedAndDeepBodiesAreProblems() {
        probe("");
        probe("{");
        probe("[]");
        probe("null");
        probe("{\"client_name\":\"a\",\"client_name\":\"b\"}");
        probe("{\"client_name\":\"a\"} trailing");
        probe("{\"client_name\":\"" + "z".repeat(70_000) + "\"}");
        probe("{\"jwks\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
        probe("{\"redirect_uris\":[" + String.join(",", java.util.Collections.nCopies(2000, "\"https://a.example/cb\"")) + "]}");
        probe("client_name=x", "Content-Type", "application/x-www-form-urlencoded");
        probe(VALID, "Content-Type", "text/plain");
        HttpResponse<String> big = api.send("POST", "/clients", admin, "{\"client_name\":\"" + "z".repeat(70_000) + "\"}");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.headers().firstValue("Connection")).as("its body unread, the connection is not reused").hasValue("close");
        assertThat(json(big).get("status").asInt()).isEqualTo(413);
    }
}
