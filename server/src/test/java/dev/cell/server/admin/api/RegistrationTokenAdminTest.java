package dev.cell.server.admin.api;

import static dev.cell.server.admin.api.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.registration.InitialAccessToken;
import dev.cell.server.TestServer;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.TokenHasher;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /registration-tokens}: initial access tokens for client registration (RFC 7591 section 3) issued, listed and revoked. */
class RegistrationTokenAdminTest {
    static TestServer server;
    static AdminHttp api;
    static String admin;
    static String reader;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("admin.enabled", "true", "registration.initial-access-token.lifetime", "2h"));
        api = new AdminHttp(server);
        admin = AdminHttp.token(server, "iat-admin", AccessTokenFormat.JWT, List.of(), "cell:admin");
        reader = AdminHttp.token(server, "iat-reader", AccessTokenFormat.JWT, List.of(), "cell:admin.read");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static InitialAccessToken stored(String value) {
        return server.database.stores().initialAccessTokens().findUsable(TokenHasher.hash(value), Instant.now()).orElseThrow();
    }

    @Test
    void aTokenIsIssuedOnceShownAndStoredOnlyAsItsHash() {
        HttpResponse<String> r = api.send("POST", "/registration-tokens", admin, "{\"expires_in\":600,\"uses\":3,\"scope\":\"notes.read openid\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = json(r);
        String value = body.get("token").asText();
        assertThat(value).hasSizeGreaterThanOrEqualTo(43);
        assertThat(body.get("scope").asText()).isEqualTo("notes.read openid");
        assertThat(body.get("uses_left").asInt()).isEqualTo(3);
        assertThat(body.get("multiple_use").asBoolean()).isFalse();
        assertThat(body.get("created_by").asText()).isEqualTo("client:iat-admin");
        InitialAccessToken t = stored(value);
        assertThat(t.id()).isEqualTo(body.get("id").asText());
        assertThat(Duration.between(t.createdAt(), t.expiresAt())).isEqualTo(Duration.ofSeconds(600));
        JsonNode list = json(api.get("/registration-tokens", reader));
        assertThat(list.toString()).contains(t.id()).doesNotContain(value).doesNotContain(TokenHasher.hash(value));
        assertThat(json(api.get("/audit-events?event=registration_token.created", admin)).get("items").toString()).contains(t.id())
                .doesNotContain(value);
    }

    @Test
    void defaultsAreOneUseAndTheConfiguredLifetimeAndMultipleUseHasNoCount() {
        InitialAccessToken single = stored(json(api.send("POST", "/registration-tokens", admin, "{}")).get("token").asText());
        assertThat(single.usesLeft()).isEqualTo(1);
        assertThat(single.scopes()).isEmpty();
        assertThat(Duration.between(single.createdAt(), single.expiresAt())).isEqualTo(Duration.ofHours(2));

        JsonNode multiple = json(api.send("POST", "/registration-tokens", admin, "{\"multiple_use\":true}"));
        assertThat(multiple.get("multiple_use").asBoolean()).isTrue();
        assertThat(multiple.get("uses_left").isNull()).isTrue();
        assertThat(stored(multiple.get("token").asText()).multipleUse()).isTrue();
    }

    @Test
    void aRevokedTokenIsGoneAtOnce() {
        JsonNode issued = json(api.send("POST", "/registration-tokens", admin, "{}"));
        String id = issued.get("id").asText();

        assertThat(api.send("DELETE", "/registration-tokens/" + id, reader, null).statusCode()).as("read-only").isEqualTo(403);
        assertThat(api.send("DELETE", "/registration-tokens/" + id, admin, null).statusCode()).isEqualTo(204);
        assertThat(api.send("DELETE", "/registration-tokens/" + id, admin, null).statusCode()).isEqualTo(404);
        assertThat(server.database.stores().initialAccessTokens().findUsable(TokenHasher.hash(issued.get("token").asText()), Instant.now()))
                .isEmpty();
        assertThat(json(api.get("/registration-tokens", admin)).toString()).doesNotContain(id);
    }

    @Test
    void badRequestsAreRefusedAndIssueNothing() {
        int before = json(api.get("/registration-tokens", admin)).get("items").size();
        for (String body : List.of("{\"uses\":0}", "{\"uses\":2,\"multiple_use\":true}", "{\"expires_in\":-1}", "{\"expires_in\":99999999999}",
                "{\"expires_in\":\"600\"}", "{\"scope\":\"a\\\"b\"}", "{\"scope\":\"" + "s".repeat(20_000) + "\"}", "{\"colour\":\"blue\"}",
                "{\"uses\":1,\"uses\":2}", "[]", "{")) {
            HttpResponse<String> r = api.send("POST", "/registration-tokens", admin, body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        assertThat(api.send("POST", "/registration-tokens", reader, "{}").statusCode()).isEqualTo(403);
        assertThat(api.send("POST", "/registration-tokens", null, "{}").statusCode()).isEqualTo(401);
        assertThat(json(api.get("/registration-tokens", admin)).get("items").size()).isEqualTo(before);
    }
}
