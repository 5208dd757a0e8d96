package dev.cell.server.admin.api;

import static dev.cell.server.admin.api.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.server.TestServer;
import dev.cell.token.AccessTokenFormat;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API's users: create, read, list and search with cursors, change under If-Match, disable, password, delete. */
class AdminApiTest {
    static TestServer server;
    static AdminHttp api;
    static String admin;
    static String reader;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("admin.enabled", "true"));
        api = new AdminHttp(server);
        admin = AdminHttp.token(server, "admin", AccessTokenFormat.JWT, List.of(), "cell:admin");
        reader = AdminHttp.token(server, "reader", AccessTokenFormat.OPAQUE, List.of(), "cell:admin.read");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode create(String username) {
        HttpResponse<String> r = api.send("POST", "/users", admin, "{\"username\":\"" + username + "\",\"password\":\"correct horse\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r);
    }

    @Test
    void aUserIsCreatedReadAndChangedOnlyAtItsCurrentEtag() {
        HttpResponse<String> created = api.send("POST", "/users", admin, """
                {"username":"ada","password":"correct horse","claims":{"email":"ada@example.com","email_verified":true,
                 "address":{"locality":"London"}},"authorities":["ROLE_USER"]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode ada = json(created);
        String id = ada.get("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue(AdminApi.BASE + "/users/" + id);
        assertThat(created.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(ada.get("claims").get("email_verified").asBoolean()).isTrue();
        assertThat(ada.get("claims").get("address").get("locality").asText()).isEqualTo("London");
        assertThat(ada.has("password")).isFalse();
        assertThat(created.body()).doesNotContain("argon2");

        HttpResponse<String> read = api.get("/users/" + id, reader);
        assertThat(read.statusCode()).isEqualTo(200);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo(created.headers().firstValue("ETag").orElseThrow());

        String patch = "{\"claims\":{\"email\":\"ada@lovelace.example\",\"given_name\":\"Ada\",\"address\":{\"locality\":null}}}";
        HttpResponse<String> noIfMatch = api.send("PATCH", "/users/" + id, admin, patch);
        assertThat(noIfMatch.statusCode()).isEqualTo(428);
        assertThat(noIfMatch.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(api.send("PATCH", "/users/" + id, admin, patch, "If-Match", "\"999\"").statusCode()).isEqualTo(412);

        HttpResponse<String> patched = api.send("PATCH", "/users/" + id, admin, patch, "If-Match", etag);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        JsonNode claims = json(patched).get("claims");
        assertThat(claims.get("email").asText()).isEqualTo("ada@lovelace.example");
        assertThat(claims.get("email_verified").asBoolean()).as("a new email is unverified").isFalse();
        assertThat(claims.get("given_name").asText()).isEqualTo("Ada");
        assertThat(claims.has("address")).isFalse();
        String newTag = patched.headers().firstValue("ETag").orElseThrow();
        assertThat(newTag).isNotEqualTo(etag);
        assertThat(api.send("PATCH", "/users/" + id, admin, "{\"disabled\":true}", "If-Match", etag).statusCode())
                .as("the old ETag is stale").isEqualTo(412);
        assertThat(api.get("/users/" + id, admin).headers().firstValue("ETag")).hasValue(newTag);
    }

    @Test
    void twoConcurrentUpdatesWithOneEtagHaveExactlyOneWinner() throws Exception {
        String id = create("race").get("id").asText();
        String etag = api.get("/users/" + id, admin).headers().firstValue("ETag").orElseThrow();
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String body = "{\"claims\":{\"nickname\":\"writer-" + i + "\"}}";
                results.add(pool.submit(() -> {
                    go.await();
                    return api.send("PATCH", "/users/" + id, admin, body, "If-Match", etag).statusCode();
                }));
            }
            go.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : results) {
                codes.add(f.get());
            }
            assertThat(codes).containsOnly(200, 412);
            assertThat(codes.stream().filter(c -> c == 200).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReadOnlyTokenReadsButChangesNothing() {
        String id = create("readonly-target").get("id").asText();
        String etag = api.get("/users/" + id, reader).headers().firstValue("ETag").orElseThrow();
        for (HttpResponse<String> r : List.of(
                api.send("POST", "/users", reader, "{\"username\":\"mallory\",\"password\":\"correct horse\"}"),
                api.send("PATCH", "/users/" + id, reader, "{\"disabled\":true}", "If-Match", etag),
                api.send("POST", "/users/" + id + "/disable", reader, null),
                api.send("PUT", "/users/" + id + "/password", reader, "{\"password\":\"another one\"}"),
                api.send("DELETE", "/users/" + id, reader, null),
                api.send("POST", "/keys/rotate", reader, null))) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
            assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"insufficient_scope\"").contains("scope=\"cell:admin\"");
        }
        assertThat(api.get("/users/" + id, admin).headers().firstValue("ETag")).hasValue(etag);
        assertThat(server.database.stores().users().findByUsername("mallory")).isEmpty();
    }

    @Test
    void listsPageWithCursorsThatCannotBeForgedOrReusedWithOtherFilters() {
        for (String name : List.of("page-a", "page-b", "page-c", "page-d", "page-e")) {
            create(name);
        }
        HttpResponse<String> first = api.get("/users?q=PAGE-&limit=2", reader);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(usernames(json(first))).containsExactly("page-a", "page-b");
        String cursor = json(first).get("next_cursor").asText();
        JsonNode second = json(api.get("/users?q=PAGE-&limit=2&cursor=" + cursor, reader));
        assertThat(usernames(second)).containsExactly("page-c", "page-d");
        JsonNode last = json(api.get("/users?q=PAGE-&limit=2&cursor=" + second.get("next_cursor").asText(), reader));
        assertThat(usernames(last)).containsExactly("page-e");
        assertThat(last.has("next_cursor")).isFalse();

        String tampered = (cursor.charAt(0) == 'A' ? "B" : "A") + cursor.substring(1);
        for (String bad : List.of(tampered, "not-a-cursor", cursor + "x", "." , "%00")) {
            HttpResponse<String> r = api.get("/users?q=PAGE-&limit=2&cursor=" + bad, reader);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(r).get("member").asText()).isEqualTo("cursor");
        }
        assertThat(api.get("/users?q=other&limit=2&cursor=" + cursor, reader).statusCode()).as("other filters").isEqualTo(400);
        assertThat(api.get("/users/x/sessions?cursor=" + cursor, reader).statusCode()).as("unknown user first").isEqualTo(404);
        assertThat(api.get("/users?limit=0", reader).statusCode()).isEqualTo(400);
        assertThat(api.get("/users?limit=201", reader).statusCode()).isEqualTo(400);
        assertThat(api.get("/users?limit=abc", reader).statusCode()).isEqualTo(400);
        assertThat(json(api.get("/users?sort=name", reader)).get("member").asText()).isEqualTo("sort");
        assertThat(api.get("/users?q=a&q=b", reader).statusCode()).isEqualTo(400);
        assertThat(usernames(json(api.get("/users?q=%25", reader)))).as("% matches literally").isEmpty();
    }

    private static List<String> usernames(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(u -> out.add(u.get("username").asText()));
        return out;
    }

    @Test
    void disableEnableAndPasswordChangeTheUserAndItsEtag() {
        JsonNode u = create("switch");
        String id = u.get("id").asText();
        String before = server.database.stores().users().findById(id).orElseThrow().passwordHash();
        HttpResponse<String> disabled = api.send("POST", "/users/" + id + "/disable", admin, null);
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(json(disabled).get("disabled").asBoolean()).isTrue();
        assertThat(json(api.send("POST", "/users/" + id + "/enable", admin, null)).get("disabled").asBoolean()).isFalse();

        assertThat(api.send("PUT", "/users/" + id + "/password", admin, "{\"password\":\"short\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> set = api.send("PUT", "/users/" + id + "/password", admin, "{\"password\":\"a new passphrase\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(204);
        String after = server.database.stores().users().findById(id).orElseThrow().passwordHash();
        assertThat(after).startsWith("$argon2id$").isNotEqualTo(before);
    }

    @Test
    void unknownUsersAreNotFoundForEveryOperation() {
        String ghost = "no-such-user";
        for (HttpResponse<String> r : List.of(
                api.get("/users/" + ghost, admin),
                api.send("PATCH", "/users/" + ghost, admin, "{\"disabled\":true}", "If-Match", "*"),
                api.send("POST", "/users/" + ghost + "/disable", admin, null),
                api.send("PUT", "/users/" + ghost + "/password", admin, "{\"password\":\"correct horse\"}"),
                api.send("DELETE", "/users/" + ghost, admin, null),
                api.get("/users/" + ghost + "/sessions", admin),
                api.get("/users/" + ghost + "/grants", admin),
                api.get("/users/" + ghost + "/consents", admin))) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(r).get("status").asInt()).isEqualTo(404);
        }
    }

    @Test
    void aTakenUsernameIsAConflictAndDeleteRemovesTheUser() {
        String id = create("twice").get("id").asText();
        HttpResponse<String> again = api.send("POST", "/users", admin, "{\"username\":\"twice\",\"password\":\"correct horse\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(api.send("DELETE", "/users/" + id, admin, null).statusCode()).isEqualTo(204);
        assertThat(api.get("/users/" + id, admin).statusCode()).isEqualTo(404);
        assertThat(api.send("DELETE", "/users/" + id, admin, null).statusCode()).isEqualTo(404);
    }
}
