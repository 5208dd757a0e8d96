package dev.cell.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the generator for a fraction of a second against a stub token endpoint: framing and error counting. */
class LoadGeneratorTest {
    private HttpServer server;
    private final AtomicReference<String> lastAuth = new AtomicReference<>();
    private final AtomicReference<String> lastBody = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/oauth/token", ex -> answer(ex, 200, "{\"access_token\":\"abc\",\"token_type\":\"Bearer\"}", false));
        server.createContext("/chunked", ex -> answer(ex, 200, "{\"access_token\":\"abc\"}", true));
        server.createContext("/denied", ex -> answer(ex, 401, "{\"error\":\"invalid_client\"}", false));
        server.createContext("/nobody", ex -> answer(ex, 200, "{\"error\":\"nope\"}", false));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange ex, int status, String body, boolean chunked) throws IOException {
        lastAuth.set(ex.getRequestHeaders().getFirst("Authorization"));
        lastBody.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, chunked ? 0 : b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private LoadGenerator.Result run(String path) throws Exception {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        LoadGenerator.Options o = LoadGenerator.Options.parse(
                new String[] {url, "bench", "s3cret", "4", "0.1", "0.3", "--timeout-ms=5000"});
        return LoadGenerator.run(o);
    }

    @Test
    void countsGoodResponsesWithContentLength() throws Exception {
        LoadGenerator.Result r = run("/oauth/token");
        assertThat(r.ok).isPositive();
        assertThat(r.failed()).isZero();
        assertThat(r.warmupOk).isPositive();
        assertThat(r.allGood()).isTrue();
        assertThat(r.histogram.valueAt(50)).isPositive();
        assertThat(lastAuth.get()).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("bench:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(lastBody.get()).isEqualTo("grant_type=client_credentials&scope=read");
        assertThat(r.report(LoadGenerator.Options.parse(new String[] {"http://x:1/", "a", "b"})))
                .contains("RESULT scenario=client_credentials rps=").contains("non200=0");
    }

    @Test
    void readsChunkedBodies() throws Exception {
        LoadGenerator.Result r = run("/chunked");
        assertThat(r.ok).isPositive();
        assertThat(r.failed()).isZero();
    }

    @Test
    void countsNon200AndBodiesWithoutToken() throws Exception {
        LoadGenerator.Result denied = run("/denied");
        assertThat(denied.ok).isZero();
        assertThat(denied.non200).isPositive();
        assertThat(denied.firstFailure).contains("401").contains("invalid_client");
        assertThat(denied.allGood()).isFalse();

        LoadGenerator.Result nobody = run("/nobody");
        assertThat(nobody.ok).isZero();
        assertThat(nobody.badBody).isPositive();
        assertThat(nobody.allGood()).isFalse();
    }

    @Test
    void countsSocketErrorsWhenNothingListens() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);
        LoadGenerator.Result r = LoadGenerator.run(LoadGenerator.Options.parse(
                new String[] {"http://127.0.0.1:" + port + "/oauth/token", "a", "b", "2", "0", "0.2", "--timeout-ms=1000"}));
        assertThat(r.ok).isZero();
        assertThat(r.socketErrors).isPositive();
    }

    @Test
    void readsStringMembersOfTokenResponses() {
        String json = "{\"access_token\":\"a.b.c\", \"refresh_token\" : \"r-1_x\",\"expires_in\":300}";
        assertThat(JsonField.string(json, "refresh_token")).isEqualTo("r-1_x");
        assertThat(JsonField.string(json, "access_token")).isEqualTo("a.b.c");
        assertThat(JsonField.string(json, "expires_in")).isNull();
        assertThat(JsonField.string(json, "id_token")).isNull();
    }

    @Test
    void scenarioOptionsAreChecked() {
        String[] base = {"http://127.0.0.1:1/oauth/token", "a", "b"};
        assertThat(LoadGenerator.Options.parse(base).scenario).isEqualTo("client_credentials");
        assertThatThrownBy(() -> LoadGenerator.Options.parse(concat(base, "--scenario=password")))
                .hasMessageContaining("--scenario is");
        assertThatThrownBy(() -> LoadGenerator.Options.parse(concat(base, "--scenario=code")))
                .hasMessageContaining("needs --user");
        assertThat(LoadGenerator.Options.parse(concat(base, "--scenario=refresh", "--user=u", "--password=p")).scenario)
                .isEqualTo("refresh");
    }

    @Test
    void findsTheOtherEndpointsNextToTheTokenEndpoint() {
        SetupClient c = new SetupClient(java.net.URI.create("http://127.0.0.1:9000/oauth/token"), "web", "s",
                "http://127.0.0.1:9/cb", "openid offline_access", "u", "p", 1000);
        assertThat(c.authorizationRequest().toString()).startsWith("http://127.0.0.1:9000/oauth/authorize?response_type=code")
                .contains("client_id=web").contains("code_challenge=" + SetupClient.CODE_CHALLENGE)
                .contains("scope=openid+offline_access").contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb");
        assertThat(c.codeExchangeBody("x y")).isEqualTo("grant_type=authorization_code&code=x+y"
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&code_verifier=" + SetupClient.CODE_VERIFIER);
        assertThat(SetupClient.queryParameter("code=a%2Fb&state=bench", "code")).isEqualTo("a/b");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
