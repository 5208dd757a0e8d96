package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.token.AccessTokenFormat;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every request resource is bounded (RFC 9700 §4.13 is silent on DoS; these are the usual server limits): body, header
 * and parameter sizes, open authorization requests per browser, and the time a slow or silent client may hold a connection.
 */
class ResourceLimitsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("server.max-request-bytes", "2048", "server.max-header-bytes", "2048", "server.idle-timeout", "1s"));
        server.clients.create("web", ClientMetadata.builder().clientName("Web").tokenEndpointAuthMethod(ClientAuthMethod.NONE)
                .grantTypes(Set.of("authorization_code")).redirectUris(List.of("https://app.example/cb"))
                .scopes(Set.of("openid")).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBodyOverTheConfiguredSizeIs413() throws Exception {
        HttpResponse<String> small = server.post("/oauth/token", "grant_type=client_credentials&pad=" + "a".repeat(1900));
        assertThat(small.statusCode()).as("under the limit it is read, then refused for its content").isEqualTo(401);
        String declared = "POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 2100\r\nConnection: close\r\n\r\n";
        String big = RawHttp.exchange(server.assembly.port(), declared.getBytes(StandardCharsets.US_ASCII));
        assertThat(RawHttp.status(big)).as("refused on the declared length, before a byte of it is read").isEqualTo(413);
        assertThat(big).contains("\"error\":\"invalid_request\"");
    }

    @Test
    void headersOverTheConfiguredSizeAre431() {
        String request = "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + "a".repeat(2100) + "\r\nConnection: close\r\n\r\n";
        String refused = RawHttp.exchange(server.assembly.port(), request.getBytes(StandardCharsets.US_ASCII));
        assertThat(RawHttp.status(refused)).isEqualTo(431);
        assertThat(refused).containsIgnoringCase("Content-Type: application/json").contains("\"error\":\"invalid_request\"")
                .containsIgnoringCase("X-Content-Type-Options: nosniff").doesNotContain("<html");
        String small = "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + "a".repeat(1500) + "\r\nConnection: close\r\n\r\n";
        assertThat(RawHttp.status(RawHttp.exchange(server.assembly.port(), small.getBytes(StandardCharsets.US_ASCII)))).isEqualTo(200);
    }

    @Test
    void requestsJettyRefusesBeforeRoutingGetTheJsonErrorAndSecurityHeaders() {
        for (String target : List.of("/static/%2e%2e/%2e%2e/data/cell.mv.db", "/health/live%00")) {
            String request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
            String response = RawHttp.exchange(server.assembly.port(), request.getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.status(response)).as(target).isEqualTo(400);
            assertThat(response).as(target).containsIgnoringCase("Content-Type: application/json")
                    .contains("\"error\":\"invalid_request\"").containsIgnoringCase("X-Frame-Options: DENY").doesNotContain("<html");
        }
    }

    @Test
    void moreThan64ParametersAreRefused() throws Exception {
        StringBuilder body = new StringBuilder("grant_type=client_credentials");
        for (int i = 0; i < 64; i++) {
            body.append("&p").append(i).append("=x");
        }
        HttpResponse<String> r = server.post("/oauth/token", body.toString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("too many parameters");
        HttpResponse<String> query = server.get("/oauth/authorize?" + body.toString().replace("grant_type=client_credentials", "client_id=web"));
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(query.body()).contains("too many parameters");
    }

    @Test
    void aBrowserMayHoldOnlyTwentyOpenAuthorizationRequests() throws Exception {
        Browser b = new Browser(server.url(""));
        String url = AuthorizationCodeFlowTest.authorizeUrl("web", "https://app.example/cb", "openid", "");
        for (int i = 0; i < 20; i++) {
            assertThat(Browser.location(b.get(url))).as("request " + (i + 1)).startsWith("/oauth/login?request=");
        }
        HttpResponse<String> refused = b.get(url);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("too many sign-in requests");
        assertThat(Browser.location(new Browser(server.url("")).get(url))).as("another browser is not affected").startsWith("/oauth/login");
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.assembly.port())) {
            s.setSoTimeout(10_000);
            long start = System.nanoTime();
            String answer = RawHttp.readUntilClosed(s.getInputStream());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(answer).isEmpty();
            assertThat(millis).as("closed after about the 1 s idle timeout").isBetween(500L, 9_000L);
        }
    }

    @Test
    void anUnfinishedRequestIsDroppedAfterTheIdleTimeout() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.assembly.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            long start = System.nanoTime();
            String answer = readOrReset(s);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(RawHttp.status(answer)).as(answer).isIn(-1, 408, 400);
            assertThat(millis).as("dropped after about the 1 s idle timeout").isBetween(500L, 9_000L);
        }
    }

    @Test
    void aBodyThatStopsHalfwayIsDroppedAfterTheIdleTimeout() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.assembly.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 1000\r\n\r\ngrant_type=client_credentials").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            long start = System.nanoTime();
            String answer = readOrReset(s);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(RawHttp.status(answer)).as(answer).isEqualTo(408);
            assertThat(millis).as("dropped after about the 1 s idle timeout").isBetween(500L, 9_000L);
        }
    }

    /** What the server sends before closing; a reset counts as closing. */
    private static String readOrReset(Socket s) throws IOException {
        try {
            return RawHttp.readUntilClosed(s.getInputStream());
        } catch (java.net.SocketException e) {
            return "";
        }
    }
}
