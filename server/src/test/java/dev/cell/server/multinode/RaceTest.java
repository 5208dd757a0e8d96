package dev.cell.server.multinode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.jdbc.PostgresTestDatabase;
import dev.cell.server.Browser;
import dev.cell.server.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * 32 simultaneous redemptions of one code, and 32 simultaneous uses of one refresh token: exactly one wins, every other
 * is a replay that revokes the grant (RFC 6749 §4.1.2, RFC 9700 §4.14.2); on two PostgreSQL nodes and on H2.
 */
class RaceTest {
    static final int RACERS = 32;
    static final int PAIR_ROUNDS = 10;

    /** Where the racers go: requests are spread over the nodes in turn. */
    record Target(List<String> nodes, Fixture fixture) {
        String node(int i) {
            return nodes.get(i % nodes.size());
        }
    }

    static void oneCodeRedemptionWinsAndTheReplaysRevokeItsTokens(Target t) {
        String code = Fixture.code(new Browser(t.node(0)), "web");
        List<HttpResponse<String>> responses = Race.run(RACERS, i -> t.fixture().redeem(t.node(i), "web", code));
        JsonNode winner = theOnlyWinner(responses);
        for (String node : t.nodes()) {
            assertThat(t.fixture().active(node, winner.get("access_token").asText())).as("access token on " + node).isFalse();
            assertThat(t.fixture().active(node, winner.get("refresh_token").asText())).as("refresh token on " + node).isFalse();
        }
        HttpResponse<String> refresh = t.fixture().refresh(t.node(1), "web", winner.get("refresh_token").asText());
        assertThat(refresh.statusCode()).as("the winner's refresh token is revoked").isEqualTo(400);
    }

    /**
     * A replay that races the first redemption closely (the winner is still storing its refresh token when the loser revokes
     * the grant) must still take the winner's refresh token with it; two racers, a few rounds, since one round may miss the window.
     */
    static void aCloseReplayStillRevokesTheRefreshTokenBeingStored(Target t) {
        Browser browser = new Browser(t.node(0));
        for (int round = 0; round < PAIR_ROUNDS; round++) {
            String code = Fixture.code(browser, "web");
            JsonNode winner = theOnlyWinner(Race.run(2, i -> t.fixture().redeem(t.node(i), "web", code)));
            HttpResponse<String> refresh = t.fixture().refresh(t.node(round), "web", winner.get("refresh_token").asText());
            assertThat(refresh.statusCode()).as("round %d: the winner's refresh token is revoked", round).isEqualTo(400);
        }
    }

    static void oneRefreshWinsAndTheReuseRevokesTheFamily(Target t) {
        JsonNode first = Http.json(t.fixture().redeem(t.node(0), "web", Fixture.code(new Browser(t.node(0)), "web")));
        String refreshToken = first.get("refresh_token").asText();
        List<HttpResponse<String>> responses = Race.run(RACERS, i -> t.fixture().refresh(t.node(i), "web", refreshToken));
        JsonNode winner = theOnlyWinner(responses);
        assertThat(responses).filteredOn(r -> r.statusCode() == 400)
                .allSatisfy(r -> assertThat(Http.json(r).get("error_description").asText()).as("a loser is a reuse").contains("reuse"));
        for (String node : t.nodes()) {
            for (String token : List.of(first.get("access_token").asText(), winner.get("access_token").asText(),
                    winner.get("refresh_token").asText())) {
                assertThat(t.fixture().active(node, token)).as("every token of the family is revoked, on " + node).isFalse();
            }
        }
        HttpResponse<String> next = t.fixture().refresh(t.node(1), "web", winner.get("refresh_token").asText());
        assertThat(next.statusCode()).as("the winner's new refresh token is revoked").isEqualTo(400);
    }

    /** Exactly one 200; every other answer is invalid_grant. */
    private static JsonNode theOnlyWinner(List<HttpResponse<String>> responses) {
        assertThat(responses).as("one winner").filteredOn(r -> r.statusCode() == 200).hasSize(1);
        assertThat(responses).filteredOn(r -> r.statusCode() != 200)
                .hasSize(responses.size() - 1)
                .allSatisfy(r -> {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
                    assertThat(Http.json(r).get("error").asText()).isEqualTo("invalid_grant");
                });
        return Http.json(responses.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow());
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+",
            disabledReason = "CELL_TEST_DB_URL not set: the races on PostgreSQL are skipped")
    class OnTwoPostgresNodes {
        static Cluster cluster;
        static Target target;

        @BeforeAll
        static void start() {
            cluster = new Cluster();
            target = new Target(List.of(cluster.start("a").url(""), cluster.start("b").url("")), cluster.fixture);
        }

        @AfterAll
        static void stop() {
            if (cluster != null) {
                cluster.close();
            }
        }

        @Test
        void codeRedemption() {
            oneCodeRedemptionWinsAndTheReplaysRevokeItsTokens(target);
        }

        @Test
        void closeCodeReplay() {
            aCloseReplayStillRevokesTheRefreshTokenBeingStored(target);
        }

        @Test
        void refreshTokenRotation() {
            oneRefreshWinsAndTheReuseRevokesTheFamily(target);
        }
    }

    @Nested
    class OnH2 {
        static TestServer server;
        static Target target;

        @BeforeAll
        static void start() {
            server = TestServer.start();
            target = new Target(List.of(server.url("")), Fixture.register(server.clients, server.users));
        }

        @AfterAll
        static void stop() {
            server.close();
        }

        @Test
        void codeRedemption() {
            oneCodeRedemptionWinsAndTheReplaysRevokeItsTokens(target);
        }

        @Test
        void closeCodeReplay() {
            aCloseReplayStillRevokesTheRefreshTokenBeingStored(target);
        }

        @Test
        void refreshTokenRotation() {
            oneRefreshWinsAndTheReuseRevokesTheFamily(target);
        }
    }
}
