package dev.cell.server.admin.api;

import static dev.cell.server.admin.api.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.jdbc.PostgresTestDatabase;
import dev.cell.keys.MasterKey;
import dev.cell.server.TestServer;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Two nodes on one PostgreSQL database: a change through the admin API of one node holds on the other at once. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+",
        disabledReason = "CELL_TEST_DB_URL not set: the two-node admin API tests need PostgreSQL and are skipped")
class AdminTwoNodesTest {
    static PostgresTestDatabase pg;
    static TestServer a;
    static TestServer b;
    static AdminHttp apiA;
    static AdminHttp apiB;
    static String admin;
    static String appSecret;

    @BeforeAll
    static void start() {
        pg = new PostgresTestDatabase();
        Map<String, String> config = Map.of("issuer", "http://localhost:9000", "database.url", pg.create(),
                "keys.master-key", MasterKey.generate(new SecureRandom()), "admin.enabled", "true", "features.password.enabled", "true");
        a = TestServer.start(config);
        b = TestServer.start(config);
        apiA = new AdminHttp(a);
        apiB = new AdminHttp(b);
        ClientAdmin.Created ops = a.clients.create("ops", ClientMetadata.builder().clientName("ops")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("client_credentials"))
                .scopes(Set.of("cell:admin")).accessTokenFormat(AccessTokenFormat.OPAQUE).build());
        admin = json(token(a, "ops", ops.secret(), "grant_type=client_credentials")).get("access_token").asText();
        appSecret = a.clients.create("app", ClientMetadata.builder().clientName("app")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("password"))
                .scopes(Set.of("read")).firstParty(true).build()).secret();
    }

    @AfterAll
    static void stop() {
        try {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
        } finally {
            pg.drop();
        }
    }

    static HttpResponse<String> token(TestServer node, String clientId, String secret, String form) {
        return node.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.assembly.port() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", TestServer.basic(clientId, secret))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    static int login(TestServer node, String username, String password) {
        return token(node, "app", appSecret, "grant_type=password&username=" + username + "&password=" + password.replace(" ", "+")).statusCode();
    }

    @Test
    void disablingAndAPasswordChangeOnOneNodeHoldOnTheOtherAtOnce() {
        String id = json(apiA.send("POST", "/users", admin, "{\"username\":\"nodes\",\"password\":\"first passphrase\"}")).get("id").asText();
        assertThat(login(b, "nodes", "first passphrase")).isEqualTo(200);

        HttpResponse<String> disabled = apiA.send("POST", "/users/" + id + "/disable", admin, null);
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(login(b, "nodes", "first passphrase")).as("disabled on A, refused on B").isEqualTo(400);
        HttpResponse<String> onB = apiB.get("/users/" + id, admin);
        assertThat(json(onB).get("disabled").asBoolean()).isTrue();
        assertThat(onB.headers().firstValue("ETag")).isEqualTo(disabled.headers().firstValue("ETag"));

        assertThat(apiA.send("POST", "/users/" + id + "/enable", admin, null).statusCode()).isEqualTo(200);
        assertThat(apiA.send("PUT", "/users/" + id + "/password", admin, "{\"password\":\"second passphrase\"}").statusCode()).isEqualTo(204);
        assertThat(login(b, "nodes", "first passphrase")).as("the old password on B").isEqualTo(400);
        assertThat(login(b, "nodes", "second passphrase")).isEqualTo(200);
    }

    @Test
    void ofTwoUpdatesWithOneEtagOnTwoNodesExactlyOneWins() throws Exception {
        String id = json(apiA.send("POST", "/users", admin, "{\"username\":\"contended\",\"password\":\"first passphrase\"}")).get("id").asText();
        for (int round = 0; round < 5; round++) {
            String etag = apiA.get("/users/" + id, admin).headers().firstValue("ETag").orElseThrow();
            CountDownLatch go = new CountDownLatch(1);
            String body = "{\"claims\":{\"nickname\":\"round-" + round + "\"}}";
            CompletableFuture<Integer> onA = CompletableFuture.supplyAsync(() -> await(go, () -> apiA.send("PATCH", "/users/" + id, admin, body,
                    "If-Match", etag).statusCode()));
            CompletableFuture<Integer> onB = CompletableFuture.supplyAsync(() -> await(go, () -> apiB.send("PATCH", "/users/" + id, admin, body,
                    "If-Match", etag).statusCode()));
            go.countDown();
            assertThat(List.of(onA.get(), onB.get())).containsExactlyInAnyOrder(200, 412);
        }
    }

    private static int await(CountDownLatch go, java.util.function.IntSupplier call) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return call.getAsInt();
    }
}
