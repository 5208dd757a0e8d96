package dev.cell.server.multinode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.client.ClientMetadataValidator;
import dev.cell.grant.ServerGrants;
import dev.cell.jdbc.PostgresTestDatabase;
import dev.cell.server.Browser;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.RandomValues;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The device grant (RFC 8628) on two Cell processes sharing one PostgreSQL database: a device starts on one node, the person
 * approves on the other, polls alternate between them; slow_down holds across nodes, and of simultaneous polls on both nodes
 * exactly one gets the tokens.
 */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+",
        disabledReason = "CELL_TEST_DB_URL not set: the two-node tests need PostgreSQL and are skipped")
class DeviceTwoNodesTest {
    static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    static Cluster cluster;
    static CellNode a;
    static CellNode b;

    @BeforeAll
    static void start() {
        cluster = new Cluster();
        new ClientAdmin(cluster.database.stores().clients(), new ClientMetadataValidator(new ServerGrants(Set.of(GRANT))),
                new RandomValues(new SecureRandom()), Clock.systemUTC()).create("tv", ClientMetadata.builder().clientName("TV")
                .tokenEndpointAuthMethod(ClientAuthMethod.NONE).grantTypes(Set.of(GRANT)).scopes(Set.of("openid", "profile")).build());
        Map<String, String> config = Map.of("features.device-authorization.enabled", "true");
        a = cluster.start("a", config);
        b = cluster.start("b", config);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static JsonNode startOn(CellNode node) {
        HttpResponse<String> r = Http.post(node.url("/oauth/device_authorization"), "client_id=tv&scope=openid%20profile", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r);
    }

    static HttpResponse<String> poll(CellNode node, JsonNode started) {
        return Http.post(node.url("/oauth/token"), "grant_type=" + GRANT + "&client_id=tv&device_code=" + started.get("device_code").asText(), null);
    }

    static String error(HttpResponse<String> r) {
        return Http.json(r).get("error").asText();
    }

    /** Signs in on {@code node}'s verification page and allows the code. */
    static void approveOn(CellNode node, JsonNode started) {
        Browser browser = new Browser(node.url(""));
        HttpResponse<String> login = browser.get("/device?user_code=" + started.get("user_code").asText());
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(login.body()));
        form.put("username", Fixture.USER);
        form.put("password", Fixture.PASSWORD);
        HttpResponse<String> signedIn = browser.post("/device/login", form);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        HttpResponse<String> confirm = browser.get(Browser.location(signedIn));
        assertThat(confirm.statusCode()).as(confirm.body()).isEqualTo(200);
        Map<String, String> decision = new HashMap<>(Browser.hiddenFields(confirm.body()));
        decision.put("decision", "allow");
        HttpResponse<String> done = browser.post("/device", decision);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    }

    @Test
    void startedOnAApprovedOnBPolledOnBothTheIntervalHoldsAcrossNodes() {
        JsonNode started = startOn(a);

        assertThat(error(poll(b, started))).isEqualTo("authorization_pending");
        assertThat(error(poll(a, started))).as("too soon after B's poll").isEqualTo("slow_down");
        approveOn(b, started);

        HttpResponse<String> tokens = poll(a, started);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(Http.json(tokens).get("id_token").asText()).isNotEmpty();
        assertThat(error(poll(b, started))).as("spent on A, so spent on B").isEqualTo("invalid_grant");
    }

    @Test
    void ofSimultaneousPollsOnBothNodesExactlyOneGetsTheTokens() throws Exception {
        JsonNode started = startOn(b);
        approveOn(a, started);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<HttpResponse<String>>> polls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                CellNode node = i % 2 == 0 ? a : b;
                polls.add(pool.submit(() -> poll(node, started)));
            }
            List<HttpResponse<String>> results = new ArrayList<>();
            for (Future<HttpResponse<String>> f : polls) {
                results.add(f.get());
            }
            assertThat(results).filteredOn(r -> r.statusCode() == 200).hasSize(1);
            assertThat(results).filteredOn(r -> r.statusCode() != 200).allSatisfy(r -> assertThat(error(r)).isEqualTo("invalid_grant"));
        } finally {
            pool.shutdownNow();
        }
    }
}
