package dev.cell.server.admin.api;

import static dev.cell.server.admin.api.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.server.TestServer;
import dev.cell.token.AccessTokenFormat;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad bodies get a clear 400 (413, 415) problem naming the member at fault, change nothing, and never a 500. */
class AdminBadInputTest {
    static TestServer server;
    static AdminHttp api;
    static String admin;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("admin.enabled", "true"));
        api = new AdminHttp(server);
        admin = AdminHttp.token(server, "bad-admin", AccessTokenFormat.JWT, List.of(), "cell:admin");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A body, the status it gets, and the member the problem names (null: none). */
    record Case(String body, int status, String member) {}

    @Test
    void badCreationsAreRefusedAndCreateNoUser() {
        String pw = "\"password\":\"correct horse\"";
        List<Case> cases = List.of(
                new Case("{", 400, null),
                new Case("[]", 400, null),
                new Case("\"user\"", 400, null),
                new Case("", 400, null),
                new Case("{\"username\":\"a1\"," + pw + "} {}", 400, null),
                new Case("{\"username\":\"a2\",\"username\":\"a3\"," + pw + "}", 400, null),
                new Case("{\"username\":5," + pw + "}", 400, "username"),
                new Case("{\"username\":null," + pw + "}", 400, "username"),
                new Case("{" + pw + "}", 400, "username"),
                new Case("{\"username\":\"a4\"}", 400, "password"),
                new Case("{\"username\":\"a5\",\"password\":\"short\"}", 400, "password"),
                new Case("{\"username\":\"a6\",\"password\":\"" + "p".repeat(1025) + "\"}", 400, "password"),
                new Case("{\"username\":\"" + "u".repeat(129) + "\"," + pw + "}", 400, "username"),
                new Case("{\"username\":\"has space\"," + pw + "}", 400, "username"),
                new Case("{\"username\":\"ctl\\u0000x\"," + pw + "}", 400, "username"),
                new Case("{\"username\":\"a7\"," + pw + ",\"role\":\"admin\"}", 400, "role"),
                new Case("{\"username\":\"a8\"," + pw + ",\"claims\":{\"email\":5}}", 400, "claims.email"),
                new Case("{\"username\":\"a9\"," + pw + ",\"claims\":{\"email_verified\":\"yes\"}}", 400, "claims.email_verified"),
                new Case("{\"username\":\"b1\"," + pw + ",\"claims\":{\"role\":\"admin\"}}", 400, "claims.role"),
                new Case("{\"username\":\"b2\"," + pw + ",\"claims\":{\"email\":\"not an email\"}}", 400, "claims.email"),
                new Case("{\"username\":\"b3\"," + pw + ",\"claims\":{\"name\":\"" + "n".repeat(5000) + "\"}}", 400, "claims.name"),
                new Case("{\"username\":\"b4\"," + pw + ",\"claims\":{\"address\":{\"planet\":\"Mars\"}}}", 400, "claims.address.planet"),
                new Case("{\"username\":\"b5\"," + pw + ",\"claims\":[]}", 400, "claims"),
                new Case("{\"username\":\"b6\"," + pw + ",\"authorities\":\"ROLE_ADMIN\"}", 400, "authorities"),
                new Case("{\"username\":\"b7\"," + pw + ",\"authorities\":[1]}", 400, "authorities"),
                new Case("{\"username\":\"b8\"," + pw + ",\"authorities\":[\"" + "r".repeat(129) + "\"]}", 400, "authorities"),
                new Case("{\"username\":\"b9\"," + pw + ",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}", 413, null));
        for (Case c : cases) {
            HttpResponse<String> r = api.send("POST", "/users", admin, c.body());
            String shown = c.body().length() > 80 ? c.body().substring(0, 80) : c.body();
            assertThat(r.statusCode()).as(shown + " -> " + r.body()).isEqualTo(c.status());
            assertThat(r.headers().firstValue("Content-Type")).as(shown).hasValue("application/problem+json");
            if (c.member() != null) {
                assertThat(json(r).get("member").asText()).as(shown).isEqualTo(c.member());
            }
            assertThat(json(r).get("detail").asText()).as(shown).isNotBlank();
        }
        assertThat(server.database.stores().users().list()).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupported() {
        HttpResponse<String> r = api.send("POST", "/users", admin, "username=a&password=b", "Content-Type", "application/x-www-form-urlencoded");
        assertThat(r.statusCode()).isEqualTo(415);
    }

    @Test
    void badChangesLeaveTheUserAndItsEtagAsTheyWere() {
        String id = json(api.send("POST", "/users", admin, "{\"username\":\"steady\",\"password\":\"correct horse\",\"claims\":{\"name\":\"S\"}}"))
                .get("id").asText();
        HttpResponse<String> read = api.get("/users/" + id, admin);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        for (String body : List.of("{", "{\"disabled\":\"yes\"}", "{\"claims\":{\"name\":null,\"nickname\":7}}", "{\"username\":\"renamed\"}",
                "{\"authorities\":[\"ROLE_A\",null]}", "{\"claims\":{\"zoneinfo\":\"Mars/Olympus\"}}", "{\"disabled\":true,\"disabled\":false}")) {
            HttpResponse<String> r = api.send("PATCH", "/users/" + id, admin, body, "If-Match", etag);
            assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
        }
        HttpResponse<String> after = api.get("/users/" + id, admin);
        assertThat(after.headers().firstValue("ETag")).hasValue(etag);
        assertThat(after.body()).isEqualTo(read.body());
        for (String body : List.of("{}", "{\"password\":7}", "{\"password\":\"correct horse\",\"old\":\"x\"}")) {
            assertThat(api.send("PUT", "/users/" + id + "/password", admin, body).statusCode()).as(body).isEqualTo(400);
        }
    }

    @Test
    void badQueryParametersAreRefusedByName() {
        assertThat(json(api.get("/audit-events?from=yesterday", admin)).get("member").asText()).isEqualTo("from");
        assertThat(json(api.get("/audit-events?user=x", admin)).get("member").asText()).isEqualTo("user");
        assertThat(json(api.get("/users?disabled=maybe", admin)).get("member").asText()).isEqualTo("disabled");
        assertThat(api.get("/users?q=" + "q".repeat(600), admin).statusCode()).isEqualTo(400);
    }
}
