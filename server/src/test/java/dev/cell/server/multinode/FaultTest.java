package dev.cell.server.multinode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.jdbc.PostgresTestDatabase;
import dev.cell.server.Browser;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Faults under load: a node killed with SIGKILL loses nothing it answered; a database outage answers 503 and heals by itself. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+",
        disabledReason = "CELL_TEST_DB_URL not set: the fault tests need PostgreSQL and are skipped")
class FaultTest {
    static final String CODE = "code:";
    /** Longest answer accepted while the database is away: Hikari's 3 s connection timeout plus slack. */
    static final Duration PROMPT = Duration.ofSeconds(5);
    static Cluster cluster;
    static Fixture f;
    static CellNode b;

    @BeforeAll
    static void start() {
        cluster = new Cluster();
        f = cluster.fixture;
        b = cluster.start("b");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aNodeKilledUnderLoadLosesNoTokenItAnsweredAndRedeemsNoCodeTwice() {
        CellNode a = cluster.start("a");
        Browser browser = new Browser(b.url(""));
        Queue<String> codes = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < 24; i++) {
            codes.add(Fixture.code(browser, "web-opaque"));
        }
        IntFunction<Load.Request> work = n -> {
            String code = n % 3 == 2 ? codes.poll() : null;
            if (code != null) {
                return new Load.Request(CODE + code, () -> f.redeem(a.url(""), "web-opaque", code));
            }
            String client = n % 3 == 0 ? "svc" : "svc-opaque";
            return new Load.Request(client, () -> f.clientCredentials(a.url(""), client));
        };
        List<Load.Outcome> outcomes;
        try (Load load = Load.start(4, work)) {
            await(load, "30 tokens, 8 of them from codes", done -> count(done, Load.Outcome::ok) >= 30
                    && count(done, o -> o.ok() && o.label().startsWith(CODE)) >= 8);
            a.kill();
            outcomes = load.stop();
        }
        CellNode restarted = cluster.restart(a);

        assertThat(outcomes).filteredOn(o -> o.response() != null).as("every answer before the kill")
                .allSatisfy(o -> assertThat(o.ok()).as(o.response().body()).isTrue());
        List<String> tokens = new ArrayList<>();
        for (Load.Outcome o : outcomes) {
            if (o.ok()) {
                JsonNode body = Http.json(o.response());
                tokens.add(body.get("access_token").asText());
                if (body.has("refresh_token")) {
                    tokens.add(body.get("refresh_token").asText());
                }
            }
        }
        assertThat(tokens).as("every token the killed node answered with").allSatisfy(t -> {
            assertThat(f.active(b.url(""), t)).as("active on the other node").isTrue();
            assertThat(f.active(restarted.url(""), t)).as("active on the restarted node").isTrue();
        });

        for (Load.Outcome o : outcomes) {
            if (!o.label().startsWith(CODE)) {
                continue;
            }
            String code = o.label().substring(CODE.length());
            HttpResponse<String> again = f.redeem(b.url(""), "web-opaque", code);
            if (o.ok()) {
                assertThat(again.statusCode()).as("a code redeemed before the kill is refused after it").isEqualTo(400);
                assertThat(Http.json(again).get("error").asText()).isEqualTo("invalid_grant");
            } else {
                assertThat(again.statusCode()).as("a code in flight at the kill: redeemed then, or now").isIn(200, 400);
                assertThat(f.redeem(restarted.url(""), "web-opaque", code).statusCode()).as("but never twice").isEqualTo(400);
            }
        }
    }

    @Test
    void whileTheDatabaseIsAwayTheNodeAnswers503AndRecoversByItselfWhenItReturns() throws Exception {
        try (DatabaseProxy proxy = cluster.proxy();
                CellNode c = cluster.start("c", Map.of("database.url", cluster.databaseUrlVia(proxy)))) {
            assertThat(Http.get(c.url("/health/ready")).statusCode()).isEqualTo(200);
            try (Load load = Load.start(3, n -> {
                String client = n % 2 == 0 ? "svc" : "svc-opaque";
                return new Load.Request(client, () -> f.clientCredentials(c.url(""), client));
            })) {
                outageUnderLoad(proxy, c, load);
            }
        }
    }

    private static void outageUnderLoad(DatabaseProxy proxy, CellNode c, Load load) throws Exception {
        await(load, "10 tokens", done -> count(done, Load.Outcome::ok) >= 10);
        proxy.cut();
        long cutAt = System.nanoTime();
        try (ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<HttpResponse<String>> token = probes.submit(() -> timed(() ->
                    Http.post(c.url("/oauth/token"), "grant_type=client_credentials", f.basic("svc"))));
            Future<HttpResponse<String>> introspect = probes.submit(() -> timed(() ->
                    Http.post(c.url("/oauth/introspect"), "token=x", f.basic("rs"))));
            Future<HttpResponse<String>> page = probes.submit(() -> timed(() -> Http.get(c.url(Fixture.authorizePath("web")))));
            Future<HttpResponse<String>> ready = probes.submit(() -> timed(() -> Http.get(c.url("/health/ready"))));
            Future<HttpResponse<String>> live = probes.submit(() -> timed(() -> Http.get(c.url("/health/live"))));
            assertUnavailable(token.get());
            assertUnavailable(introspect.get());
            assertThat(page.get().statusCode()).as("the pages say so too").isEqualTo(503);
            assertThat(ready.get().statusCode()).as("not ready").isEqualTo(503);
            assertThat(live.get().statusCode()).as("but alive").isEqualTo(200);
        }
        await(load, "an answer to a request sent during the outage", done -> count(done, o -> o.startNanos() > cutAt) > 0);

        proxy.restore();
        long restoredAt = System.nanoTime();
        long deadline = restoredAt + Duration.ofSeconds(15).toNanos();
        while (Http.get(c.url("/health/ready")).statusCode() != 200) {
            assertThat(System.nanoTime()).as("ready again within 15 s of the database's return").isLessThan(deadline);
            CellNode.sleep(100);
        }
        long recoveredAt = System.nanoTime();
        assertThat(f.clientCredentials(c.url(""), "svc").statusCode()).isEqualTo(200);
        CellNode.sleep(300);
        List<Load.Outcome> outcomes = load.stop();

        assertThat(outcomes).as("no hang, no transport failure, no 500").allSatisfy(o -> {
            assertThat(o.failure()).isNull();
            assertThat(o.elapsed()).isLessThan(PROMPT);
            assertThat(o.response().statusCode()).as(o.response().body()).isIn(200, 503);
        });
        assertThat(outcomes).filteredOn(o -> o.startNanos() > cutAt && o.endNanos() < restoredAt).as("during the outage")
                .isNotEmpty().allSatisfy(o -> assertUnavailable(o.response()));
        assertThat(outcomes).filteredOn(o -> o.startNanos() > recoveredAt).as("after the recovery").isNotEmpty()
                .allSatisfy(o -> assertThat(o.ok()).isTrue());
    }

    /** 503 with RFC 6749's temporarily_unavailable. */
    private static void assertUnavailable(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(Http.json(r).get("error").asText()).isEqualTo("temporarily_unavailable");
    }

    private static HttpResponse<String> timed(Supplier<HttpResponse<String>> call) {
        long start = System.nanoTime();
        HttpResponse<String> r = call.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(r.uri() + " answers promptly").isLessThan(PROMPT);
        return r;
    }

    /** Waits (at most 30 s) until the outcomes of the load so far satisfy {@code done}. */
    private static void await(Load load, String what, Predicate<List<Load.Outcome>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.test(load.outcomes())) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            CellNode.sleep(20);
        }
    }

    private static long count(List<Load.Outcome> outcomes, Predicate<Load.Outcome> which) {
        return outcomes.stream().filter(which).count();
    }
}
