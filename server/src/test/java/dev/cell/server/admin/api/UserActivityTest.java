package dev.cell.server.admin.api;

import static dev.cell.server.admin.api.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.consent.Consent;
import dev.cell.server.TestServer;
import dev.cell.session.LoginSession;
import dev.cell.store.Stores;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.StoredToken;
import dev.cell.token.TokenKind;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A user's sessions, grants and consents: listed, and revoked only as that user's. */
class UserActivityTest {
    static TestServer server;
    static AdminHttp api;
    static String admin;
    static Stores stores;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("admin.enabled", "true"));
        api = new AdminHttp(server);
        admin = AdminHttp.token(server, "activity-admin", AccessTokenFormat.JWT, List.of(), "cell:admin");
        stores = server.database.stores();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String user(String name) {
        return json(api.send("POST", "/users", admin, "{\"username\":\"" + name + "\",\"password\":\"correct horse\"}")).get("id").asText();
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static StoredToken refresh(String hash, String grant, String userId) {
        return new StoredToken(hash, TokenKind.REFRESH, grant, "web", userId, Set.of("openid", "offline_access"), List.of("web"), Map.of(),
                now(), now().plusSeconds(3600), now().plusSeconds(7200), null, null);
    }

    @Test
    void revokingASessionEndsItAndOnlyTheUsersOwn() {
        String alice = user("s-alice");
        String bob = user("s-bob");
        stores.loginSessions().save(new LoginSession("hash-a1", alice, now(), List.of("pwd"), now(), now(), now().plusSeconds(600)));
        stores.loginSessions().save(new LoginSession("hash-b1", bob, now(), List.of("pwd"), now(), now(), now().plusSeconds(600)));

        JsonNode sessions = json(api.get("/users/" + alice + "/sessions", admin));
        assertThat(sessions.get("items")).hasSize(1);
        assertThat(sessions.get("items").get(0).get("id").asText()).isEqualTo("hash-a1");
        assertThat(sessions.get("items").get(0).get("amr").get(0).asText()).isEqualTo("pwd");

        assertThat(api.send("DELETE", "/users/" + alice + "/sessions/hash-b1", admin, null).statusCode()).as("bob's session").isEqualTo(404);
        assertThat(stores.loginSessions().find("hash-b1", now())).isPresent();
        assertThat(api.send("DELETE", "/users/" + alice + "/sessions/hash-a1", admin, null).statusCode()).isEqualTo(204);
        assertThat(stores.loginSessions().find("hash-a1", now())).isEmpty();
        assertThat(json(api.get("/users/" + alice + "/sessions", admin)).get("items")).isEmpty();
    }

    @Test
    void revokingAGrantRevokesItsStoredTokensAndDenyListsItsJwts() {
        String carol = user("g-carol");
        String dave = user("g-dave");
        stores.tokens().save(refresh("rt-c1", "grant-c", carol));
        stores.tokens().save(refresh("rt-d1", "grant-d", dave));

        JsonNode grants = json(api.get("/users/" + carol + "/grants", admin));
        assertThat(grants.get("items")).hasSize(1);
        JsonNode g = grants.get("items").get(0);
        assertThat(g.get("id").asText()).isEqualTo("grant-c");
        assertThat(g.get("client_id").asText()).isEqualTo("web");

        assertThat(api.send("DELETE", "/users/" + carol + "/grants/grant-d", admin, null).statusCode()).as("dave's grant").isEqualTo(404);
        assertThat(stores.tokens().find("rt-d1").orElseThrow().revokedAt()).isNull();
        assertThat(api.send("DELETE", "/users/" + carol + "/grants/grant-c", admin, null).statusCode()).isEqualTo(204);
        assertThat(stores.tokens().find("rt-c1").orElseThrow().revokedAt()).isNotNull();
        assertThat(stores.revokedTokens().anyRevoked(List.of("grant-c"))).as("its JWT access tokens").isTrue();
        assertThat(json(api.get("/users/" + carol + "/grants", admin)).get("items")).isEmpty();
    }

    @Test
    void consentsAreListedAndRevoked() {
        String erin = user("c-erin");
        stores.consents().save(new Consent(erin, "web", Set.of("openid", "profile"), now()));
        JsonNode consents = json(api.get("/users/" + erin + "/consents", admin));
        assertThat(consents.get("items").get(0).get("client_id").asText()).isEqualTo("web");
        assertThat(api.send("DELETE", "/users/" + erin + "/consents/other", admin, null).statusCode()).isEqualTo(404);
        assertThat(api.send("DELETE", "/users/" + erin + "/consents/web", admin, null).statusCode()).isEqualTo(204);
        assertThat(stores.consents().find(erin, "web")).isEmpty();
    }

    @Test
    void deletingAUserEndsItsSessionsGrantsAndConsents() {
        String frank = user("d-frank");
        stores.loginSessions().save(new LoginSession("hash-f1", frank, now(), List.of("pwd"), now(), now(), now().plusSeconds(600)));
        stores.tokens().save(refresh("rt-f1", "grant-f", frank));
        stores.consents().save(new Consent(frank, "web", Set.of("openid"), now()));
        assertThat(api.send("DELETE", "/users/" + frank, admin, null).statusCode()).isEqualTo(204);
        assertThat(stores.loginSessions().find("hash-f1", now())).isEmpty();
        assertThat(stores.tokens().find("rt-f1").orElseThrow().revokedAt()).isNotNull();
        assertThat(stores.consents().find(frank, "web")).isEmpty();
    }

    @Test
    void sessionPagesCarryACursorBoundToTheUser() {
        String gina = user("p-gina");
        String hank = user("p-hank");
        for (int i = 0; i < 3; i++) {
            stores.loginSessions().save(new LoginSession("hash-g" + i, gina, now(), List.of("pwd"), now(), now(), now().plusSeconds(600)));
        }
        HttpResponse<String> first = api.get("/users/" + gina + "/sessions?limit=2", admin);
        String cursor = json(first).get("next_cursor").asText();
        assertThat(json(api.get("/users/" + gina + "/sessions?limit=2&cursor=" + cursor, admin)).get("items")).hasSize(1);
        assertThat(api.get("/users/" + hank + "/sessions?limit=2&cursor=" + cursor, admin).statusCode()).as("another user's cursor").isEqualTo(400);
    }
}
