package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.event.AuditSink;
import dev.cell.jdbc.PostgresTestDatabase;
import dev.cell.keys.MasterKey;
import dev.cell.registration.InitialAccessTokens;
import dev.cell.token.Json;
import dev.cell.token.RandomValues;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Client registration (RFC 7591, RFC 7592) on two nodes sharing one PostgreSQL database: a single-use initial access token
 * has one winner across nodes, a registration made on one node is managed on the other, and the open policy's limit per
 * address holds across nodes.
 */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+",
        disabledReason = "CELL_TEST_DB_URL not set: PostgreSQL server tests skipped")
class PostgresRegistrationTest {
    static final String BODY = "{\"client_name\":\"Native\",\"token_endpoint_auth_method\":\"none\",\"application_type\":\"native\","
            + "\"redirect_uris\":[\"com.example.app:/cb\"]}";
    static PostgresTestDatabase pg;
    static TestServer a;
    static TestServer b;
    static InitialAccessTokens tokens;

    @BeforeAll
    static void start() {
        pg = new PostgresTestDatabase();
        String url = pg.create();
        Map<String, String> config = Map.of("database.url", url, "keys.master-key", MasterKey.generate(new SecureRandom()),
                "registration.policy", "open", "registration.open.max-per-address", "4", "server.trusted-proxies", "127.0.0.1");
        a = TestServer.start(config);
        b = TestServer.start(config);
        tokens = new InitialAccessTokens(a.database.stores().initialAccessTokens(), new RandomValues(new SecureRandom()), Clock.systemUTC(),
                AuditSink.NONE);
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        pg.drop();
    }

    static HttpResponse<String> send(TestServer node, String method, String path, String token, String body, String address) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(node.url(path))).header("Content-Type", "application/json")
                .header("X-Forwarded-For", address)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return a.send(r.build());
    }

    static List<Integer> race(int racers, IntFunction<Integer> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    go.await();
                    return request.apply(n);
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSingleUseTokenHasOneWinnerAcrossNodes() throws Exception {
        String once = tokens.issue(Set.of(), Duration.ofHours(1), 1, "test").value();

        List<Integer> statuses = race(8, n -> send(n % 2 == 0 ? a : b, "POST", "/oauth/register", once, BODY, "192.0.2.1").statusCode());

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 401).hasSize(7);
    }

    @Test
    void aRegistrationMadeOnOneNodeIsManagedOnTheOther() throws Exception {
        String iat = tokens.issue(Set.of(), Duration.ofHours(1), 1, "test").value();
        JsonNode registered = Json.MAPPER.readTree(send(a, "POST", "/oauth/register", iat, BODY, "192.0.2.2").body());
        String path = "/oauth/register/" + registered.get("client_id").asText();
        String first = registered.get("registration_access_token").asText();

        assertThat(send(b, "GET", path, first, null, "192.0.2.2").statusCode()).isEqualTo(200);
        String update = BODY.replace("{", "{\"client_id\":\"" + registered.get("client_id").asText() + "\",").replace("Native", "Native 2");
        HttpResponse<String> updated = send(b, "PUT", path, first, update, "192.0.2.2");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        String second = Json.MAPPER.readTree(updated.body()).get("registration_access_token").asText();

        assertThat(send(a, "GET", path, first, null, "192.0.2.2").statusCode()).as("the old token, on the other node").isEqualTo(401);
        assertThat(Json.MAPPER.readTree(send(a, "GET", path, second, null, "192.0.2.2").body()).get("client_name").asText())
                .isEqualTo("Native 2");
        assertThat(send(a, "DELETE", path, second, null, "192.0.2.2").statusCode()).isEqualTo(204);
        assertThat(send(b, "GET", path, second, null, "192.0.2.2").statusCode()).isEqualTo(401);
    }

    @Test
    void theOpenPolicysLimitPerAddressHoldsAcrossNodes() throws Exception {
        List<Integer> statuses = race(8, n -> send(n % 2 == 0 ? a : b, "POST", "/oauth/register", null, BODY, "198.51.100.99").statusCode());

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(4);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(4);
    }
}
