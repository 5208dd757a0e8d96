package dev.cell.server.admin.api;

import static dev.cell.server.admin.api.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.event.AuditRecord;
import dev.cell.server.TestServer;
import dev.cell.store.Housekeeping;
import dev.cell.token.AccessTokenFormat;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signing keys (public parts only, rotation) and the audit trail kept in the database. */
class KeysAndAuditTest {
    static TestServer server;
    static AdminHttp api;
    static String admin;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("admin.enabled", "true"));
        api = new AdminHttp(server);
        admin = AdminHttp.token(server, "trail-admin", AccessTokenFormat.JWT, List.of(), "cell:admin");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void keysAreListedWithoutPrivatePartsAndRotatedIntoTheJwks() {
        JsonNode keys = json(api.get("/keys", admin));
        assertThat(keys.get("items").size()).isGreaterThanOrEqualTo(2);
        keys.get("items").forEach(k -> {
            assertThat(k.get("jwk").has("d")).isFalse();
            assertThat(k.get("jwk").has("kid")).isTrue();
            assertThat(k.has("private_key_encrypted")).isFalse();
        });
        assertThat(api.get("/keys", admin).body()).doesNotContain("\"d\"").doesNotContain("sealed");

        HttpResponse<String> rotated = api.send("POST", "/keys/rotate", admin, null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        List<String> kids = new ArrayList<>();
        json(rotated).get("created").forEach(k -> kids.add(k.get("kid").asText()));
        assertThat(kids).isNotEmpty();
        String jwks = server.get("/oauth/jwks").body();
        kids.forEach(kid -> assertThat(jwks).contains(kid));
        JsonNode after = json(api.get("/keys", admin));
        assertThat(after.get("items").size()).isEqualTo(keys.get("items").size() + kids.size());
        assertThat(json(api.get("/audit-events?event=keys.rotated", admin)).get("items").get(0).get("actor").asText())
                .isEqualTo("client:trail-admin");
    }

    @Test
    void changesThroughTheApiAreQueryableByEventUserClientAndTime() {
        Instant start = Instant.now().minusSeconds(1);
        String id = json(api.send("POST", "/users", admin, "{\"username\":\"audited\",\"password\":\"correct horse\"}")).get("id").asText();
        api.send("POST", "/users/" + id + "/disable", admin, null);

        JsonNode byUser = json(api.get("/audit-events?user_id=" + id, admin));
        List<String> events = new ArrayList<>();
        byUser.get("items").forEach(e -> events.add(e.get("event").asText()));
        assertThat(events).containsExactly("user.disabled", "user.created");
        JsonNode created = byUser.get("items").get(1);
        assertThat(created.get("actor").asText()).isEqualTo("client:trail-admin");
        assertThat(created.get("details").get("username").asText()).isEqualTo("audited");

        JsonNode issued = json(api.get("/audit-events?event=token.issued&client_id=trail-admin", admin));
        assertThat(issued.get("items").get(0).get("details").get("grant_type").asText()).isEqualTo("client_credentials");
        assertThat(issued.toString()).doesNotContain("eyJ");

        assertThat(json(api.get("/audit-events?user_id=" + id + "&from=" + Instant.now().plusSeconds(60), admin)).get("items")).isEmpty();
        assertThat(json(api.get("/audit-events?user_id=" + id + "&from=" + start + "&to=" + Instant.now().plusSeconds(60), admin))
                .get("items")).hasSize(2);

        HttpResponse<String> page = api.get("/audit-events?user_id=" + id + "&limit=1", admin);
        String cursor = json(page).get("next_cursor").asText();
        JsonNode second = json(api.get("/audit-events?user_id=" + id + "&limit=1&cursor=" + cursor, admin));
        assertThat(second.get("items").get(0).get("event").asText()).isEqualTo("user.created");
        assertThat(api.get("/audit-events?user_id=someone-else&limit=1&cursor=" + cursor, admin).statusCode()).isEqualTo(400);
    }

    @Test
    void housekeepingDeletesAuditEventsPastTheirRetention() {
        Instant old = Instant.now().minus(Duration.ofDays(100)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        server.database.stores().audit().append(List.of(new AuditRecord("000old", old, "login", "success", "u", "web", "u", null, Map.of())));
        assertThat(json(api.get("/audit-events?to=" + old.plusSeconds(1), admin)).get("items")).hasSize(1);
        Map<String, Integer> deleted = new Housekeeping(Housekeeping.storeTasks(server.database.stores(), Duration.ofMinutes(15),
                server.config.audit().retention()), 100, Clock.systemUTC()).runOnce();
        assertThat(deleted.get("audit_events")).isEqualTo(1);
        assertThat(json(api.get("/audit-events?to=" + old.plusSeconds(1), admin)).get("items")).isEmpty();
    }
}
