package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /metrics: latency histograms, business counters moved by the audit trail, pool gauges and build info (docs/observability.md). */
class MetricsTest {
    static final String REDIRECT = "https://app.example/callback";
    static TestServer server;
    static ClientAdmin.Created web;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        web = server.clients.create("web", ClientMetadata.builder().clientName("Web")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of("authorization_code", "refresh_token")).redirectUris(List.of(REDIRECT))
                .scopes(Set.of("openid", "offline_access")).accessTokenFormat(AccessTokenFormat.OPAQUE).build());
        server.users.create("mia", "mia-password-1", Map.of(), Set.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The value of the one series named {@code series} (labels in Micrometer's alphabetical order), 0 when absent. */
    static double value(String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(server.get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void latencyIsAHistogramWithPrometheusBucketsPerRouteTemplate() {
        ClientAdmin.Created c = server.confidentialClient("hist", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
        server.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic("hist", c.secret()));
        server.get("/no/such/path/" + "x".repeat(40));
        String metrics = server.get("/metrics").body();
        String series = "cell_http_requests_seconds_bucket{endpoint=\"/oauth/token\",outcome=\"success\",status=\"200\",";
        for (String le : List.of("5.0E-4", "0.001", "0.005", "0.05", "0.5", "1.0", "10.0", "+Inf")) {
            assertThat(metrics).contains(series + "le=\"" + le + "\"}");
        }
        assertThat(metrics).contains("# TYPE cell_http_requests_seconds histogram");
        assertThat(metrics).as("a raw path never becomes a label").doesNotContain("/no/such/path");
    }

    @Test
    void tokensIssuedCountByGrantKindAndFormat() throws Exception {
        String jwt = "cell_tokens_issued_total{format=\"jwt\",grant_type=\"client_credentials\",token=\"access_token\"}";
        String opaque = "cell_tokens_issued_total{format=\"opaque\",grant_type=\"client_credentials\",token=\"access_token\"}";
        double jwtBefore = value(jwt);
        double opaqueBefore = value(opaque);
        ClientAdmin.Created j = server.confidentialClient("count-jwt", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
        ClientAdmin.Created o = server.confidentialClient("count-opaque", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.OPAQUE, "read");
        for (int i = 0; i < 2; i++) {
            assertThat(server.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic("count-jwt", j.secret()))
                    .statusCode()).isEqualTo(200);
        }
        server.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic("count-opaque", o.secret()));
        server.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic("count-jwt", "wrong"));
        assertThat(value(jwt)).isEqualTo(jwtBefore + 2);
        assertThat(value(opaque)).isEqualTo(opaqueBefore + 1);
        assertThat(value("cell_audit_events_total{event=\"token.issued\",outcome=\"failure\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void loginsCountByOutcome() {
        double failed = value("cell_logins_total{outcome=\"failure\"}");
        double succeeded = value("cell_logins_total{outcome=\"success\"}");
        Browser b = new Browser(server.url(""));
        String loginPage = Browser.location(b.get(authorizeUrl()));
        assertThat(AuthorizationCodeFlowTest.login(b, loginPage, "mia", "not-her-password").statusCode()).isEqualTo(401);
        assertThat(value("cell_logins_total{outcome=\"failure\"}")).isEqualTo(failed + 1);
        assertThat(AuthorizationCodeFlowTest.login(b, loginPage, "mia", "mia-password-1").statusCode()).isIn(302, 303);
        assertThat(value("cell_logins_total{outcome=\"success\"}")).isEqualTo(succeeded + 1);
    }

    @Test
    void throttledLoginsCount() {
        TestServer strict = TestServer.start(Map.of("login.max-failures-per-account", "1", "features.password.enabled", "true"));
        try {
            strict.users.create("lou", "lou-password-1", Map.of(), Set.of());
            strict.clients.create("web", ClientMetadata.builder().clientName("Web")
                    .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                    .redirectUris(List.of(REDIRECT)).scopes(Set.of("openid", "offline_access")).build());
            Browser b = new Browser(strict.url(""));
            String loginPage = Browser.location(b.get(authorizeUrl()));
            AuthorizationCodeFlowTest.login(b, loginPage, "lou", "wrong-1");
            assertThat(AuthorizationCodeFlowTest.login(b, loginPage, "lou", "wrong-2").statusCode()).isEqualTo(429);
            String metrics = strict.get("/metrics").body();
            assertThat(metrics).contains("cell_logins_throttled_total{channel=\"login_page\"} 1.0");
            assertThat(metrics).contains("cell_logins_total{outcome=\"rate_limited\"} 1.0");

            ClientAdmin.Created legacy = strict.clients.create("legacy", ClientMetadata.builder().clientName("Legacy")
                    .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("password")).scopes(Set.of("read")).build());
            assertThat(LegacyGrantsTest.password(strict, "legacy", legacy, "lou", "wrong-3").statusCode()).isEqualTo(429);
            assertThat(strict.get("/metrics").body()).contains("cell_logins_throttled_total{channel=\"password_grant\"} 1.0");
        } finally {
            strict.close();
        }
    }

    @Test
    void aReplayedCodeAndAReusedRefreshTokenCount() throws Exception {
        String replays = "cell_authorization_code_replays_total";
        String reuse = "cell_refresh_token_reuse_total";
        assertThat(server.get("/metrics").body()).as("present before anything happened").contains(replays + " ").contains(reuse + " ");
        double replaysBefore = value(replays);
        double reuseBefore = value(reuse);

        JsonNode first = Json.MAPPER.readTree(redeem(code()).body());
        String refresh = first.get("refresh_token").asText();
        assertThat(refreshWith(refresh).statusCode()).isEqualTo(200);
        assertThat(refreshWith(refresh).statusCode()).as("reuse").isEqualTo(400);
        assertThat(value(reuse)).isEqualTo(reuseBefore + 1);

        String code = code();
        assertThat(redeem(code).statusCode()).isEqualTo(200);
        assertThat(redeem(code).statusCode()).as("replay").isEqualTo(400);
        assertThat(value(replays)).isEqualTo(replaysBefore + 1);
        assertThat(value("cell_tokens_issued_total{format=\"opaque\",grant_type=\"refresh_token\",token=\"refresh_token\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value("cell_tokens_issued_total{format=\"jwt\",grant_type=\"authorization_code\",token=\"id_token\"}")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void poolGaugesAndBuildInfo() {
        String metrics = server.get("/metrics").body();
        assertThat(metrics).containsPattern("(?m)^hikaricp_connections_max\\{pool=\"cell\"} 4.0$");
        assertThat(metrics).contains("hikaricp_connections_active{pool=\"cell\"}").contains("hikaricp_connections_pending{pool=\"cell\"}")
                .contains("hikaricp_connections_acquire_seconds");
        assertThat(metrics).containsPattern("(?m)^cell_build_info\\{java_version=\"[^\"]+\",version=\"\\d+\\.\\d+\\.\\d+[^\"]*\"} 1$");
    }

    private static String authorizeUrl() {
        try {
            return AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid offline_access", "");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String code() {
        String callback = AuthorizationCodeFlowTest.codeFor(new Browser(server.url("")), authorizeUrl(), "mia", "mia-password-1");
        return Browser.query(callback).get("code");
    }

    private static HttpResponse<String> redeem(String code) {
        return server.post("/oauth/token", "grant_type=authorization_code&code=" + AuthorizationCodeFlowTest.enc(code) + "&redirect_uri="
                + AuthorizationCodeFlowTest.enc(REDIRECT) + "&code_verifier=" + AuthorizationCodeFlowTest.VERIFIER,
                "Authorization", TestServer.basic("web", web.secret()));
    }

    private static HttpResponse<String> refreshWith(String refresh) {
        return server.post("/oauth/token", "grant_type=refresh_token&refresh_token=" + AuthorizationCodeFlowTest.enc(refresh),
                "Authorization", TestServer.basic("web", web.secret()));
    }
}
