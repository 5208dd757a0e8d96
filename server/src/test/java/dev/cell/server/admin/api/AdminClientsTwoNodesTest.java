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
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Two nodes on one PostgreSQL database: a client's secret rotation and deletion through one node hold on the other at once. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+",
        disabledReason = "CELL_TEST_DB_URL not set: the two-node admin API tests need PostgreSQL and are skipped")
class AdminClientsTwoNodesTest {
    static PostgresTestDatabase pg;
    static TestServer a;
    static TestServer b;
    static AdminHttp apiA;
    static AdminHttp apiB;
    static String admin;

    @BeforeAll
    static void start() {
        pg = new PostgresTestDatabase();
        Map<String, String> config = Map.of("issuer", "http://localhost:9000", "database.url", pg.create(),
                "keys.master-key", MasterKey.generate(new SecureRandom()), "admin.enabled", "true");
        a = TestServer.start(config);
        b = TestServer.start(config);
        apiA = new AdminHttp(a);
        apiB = new AdminHttp(b);
        ClientAdmin.Created ops = a.clients.create("ops", ClientMetadata.builder().clientName("ops")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("client_credentials"))
                .scopes(Set.of("cell:admin")).accessTokenFormat(AccessTokenFormat.OPAQUE).build());
        admin = json(token(a, "ops", ops.secret())).get("access_token").asText();
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

    static HttpResponse<String> token(TestServer node, String clientId, String secret) {
        return node.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.assembly.port() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", TestServer.basic(clientId, secret))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
    }

    static String created(String clientId) {
        HttpResponse<String> r = apiA.send("POST", "/clients", admin, "{\"client_id\":\"" + clientId + "\",\"grant_types\":[\"client_credentials\"]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("client_secret").asText();
    }

    @Test
    void aSecretRotatedOnOneNodeIsRefusedOnTheOtherAtOnce() {
        String old = created("rotated");
        assertThat(token(b, "rotated", old).statusCode()).as("B has the client cached now").isEqualTo(200);
        HttpResponse<String> rotated = apiA.send("POST", "/clients/rotated/secret", admin, null);
        String fresh = json(rotated).get("client_secret").asText();
        assertThat(token(b, "rotated", old).statusCode()).as("the old secret on B").isEqualTo(401);
        assertThat(token(b, "rotated", fresh).statusCode()).isEqualTo(200);

        HttpResponse<String> graced = apiB.send("POST", "/clients/rotated/secret", admin, "{\"grace_period\":3600}");
        String newest = json(graced).get("client_secret").asText();
        assertThat(token(a, "rotated", fresh).statusCode()).as("the replaced secret on A, within its grace period").isEqualTo(200);
        assertThat(token(a, "rotated", newest).statusCode()).isEqualTo(200);
        assertThat(apiA.get("/clients/rotated", admin).headers().firstValue("ETag")).isEqualTo(graced.headers().firstValue("ETag"));
    }

    @Test
    void aClientDeletedOnOneNodeIsGoneOnTheOtherAtOnce() {
        String secret = created("deleted");
        assertThat(token(b, "deleted", secret).statusCode()).isEqualTo(200);
        assertThat(apiA.send("DELETE", "/clients/deleted", admin, null).statusCode()).isEqualTo(204);
        assertThat(token(b, "deleted", secret).statusCode()).isEqualTo(401);
        assertThat(apiB.get("/clients/deleted", admin).statusCode()).isEqualTo(404);
    }

    @Test
    void ofTwoClientUpdatesWithOneEtagOnTwoNodesExactlyOneWins() throws Exception {
        created("contended");
        for (int round = 0; round < 5; round++) {
            String etag = apiA.get("/clients/contended", admin).headers().firstValue("ETag").orElseThrow();
            CountDownLatch go = new CountDownLatch(1);
            String fromA = "{\"client_name\":\"A " + round + "\"}";
            String fromB = "{\"client_name\":\"B " + round + "\"}";
            CompletableFuture<Integer> onA = CompletableFuture.supplyAsync(() -> await(go,
                    () -> apiA.send("PATCH", "/clients/contended", admin, fromA, "If-Match", etag).statusCode()));
            CompletableFuture<Integer> onB = CompletableFuture.supplyAsync(() -> await(go,
                    () -> apiB.send("PATCH", "/clients/contended", admin, fromB, "If-Match", etag).statusCode()));
            go.countDown();
            List<Integer> codes = List.of(onA.get(), onB.get());
            assertThat(codes).containsExactlyInAnyOrder(200, 412);
            String name = json(apiB.get("/clients/contended", admin)).get("client_name").asText();
            assertThat(name).as("the winner's change is the one stored").isEqualTo(codes.get(0) == 200 ? "A " + round : "B " + round);
        }
    }

    private static int await(CountDownLatch go, IntSupplier call) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return call.getAsInt();
    }
}
