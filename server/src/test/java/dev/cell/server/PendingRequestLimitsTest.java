package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.token.AccessTokenFormat;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Authorization requests cannot grow the database without bound: every stored value has a length limit, open requests are
 * capped per client address and in all (not only per browser cookie, which an attacker simply drops), and an over-long
 * state is refused before a code is issued rather than overflowing the redirect.
 */
class PendingRequestLimitsTest {
    private static final String REDIRECT = "https://app.example/cb";
    /** What one open request may cost at most with every kept value at its limit (checked against the worst case below). */
    private static final int MAX_ROW_BYTES = 8 * 1024;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("authorization.max-pending-per-address", "30"));
        server.clients.create("web", ClientMetadata.builder().clientName("Web").tokenEndpointAuthMethod(ClientAuthMethod.NONE)
                .grantTypes(Set.of("authorization_code")).redirectUris(List.of(REDIRECT)).scopes(Set.of("openid"))
                .firstParty(true).build());
        server.users.create("alice", "alice-password-1", Map.of(), Set.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        sql("DELETE FROM pending_authorizations");
    }

    private static Map<String, String> request(String state) throws Exception {
        Map<String, String> p = new HashMap<>(Browser.query(AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid", "")));
        p.put("state", state);
        return p;
    }

    @Test
    void cookielessPostsWithHugeValuesStoreNothing() throws Exception {
        Browser noCookies = new Browser(server.url(""));
        for (int i = 0; i < 300; i++) {
            HttpResponse<String> r = noCookies.post("/oauth/authorize", request("s".repeat(60_000)));
            assertThat(r.statusCode()).isEqualTo(303);
            Map<String, String> answer = Browser.query(Browser.location(r));
            assertThat(answer).containsEntry("error", "invalid_request").containsEntry("error_description", "state is longer than 2048 bytes")
                    .doesNotContainKey("state");
        }
        assertThat(count()).isZero();
        assertThat(noCookies.cookies.getCookieStore().getCookies()).as("a refused request never gets a browser cookie").isEmpty();
    }

    @Test
    void anOverlongStateIsRefusedBeforeACodeIsIssuedAndTheLongestAllowedFitsTheRedirect() throws Exception {
        Browser b = new Browser(server.url(""));
        String login = Browser.location(b.post("/oauth/authorize", request("st")));
        AuthorizationCodeFlowTest.login(b, login, "alice", "alice-password-1");
        HttpResponse<String> tooLong = b.post("/oauth/authorize", request("\u00e9".repeat(5_000)));
        assertThat(tooLong.statusCode()).as("no 500: refused up front").isEqualTo(303);
        assertThat(Browser.query(Browser.location(tooLong))).containsEntry("error", "invalid_request").doesNotContainKey("code");
        String longest = "\u00e9".repeat(1024);
        HttpResponse<String> issued = b.post("/oauth/authorize", request(longest));
        assertThat(issued.statusCode()).isEqualTo(303);
        Map<String, String> answer = Browser.query(Browser.location(issued));
        assertThat(answer).containsKey("code").containsEntry("state", longest);
        System.out.printf("redirect with a code and the longest state (1024 x e-acute): Location of %d characters%n",
                Browser.location(issued).length());
        assertThat(Browser.location(issued).length()).as("the percent-encoded worst case still fits Jetty's 8 KB of response headers")
                .isLessThan(7_000);
    }

    @Test
    void openRequestsAreCappedPerAddressEvenWithoutCookies() throws Exception {
        for (int i = 0; i < 30; i++) {
            assertThat(Browser.location(new Browser(server.url("")).post("/oauth/authorize", request("s" + i)))).startsWith("/oauth/login");
        }
        HttpResponse<String> refused = new Browser(server.url("")).post("/oauth/authorize", request("s"));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("60");
        assertThat(refused.body()).contains("temporarily_unavailable").contains("too many sign-in requests are open");
        assertThat(count()).isEqualTo(30);
    }

    @Test
    void oneOpenRequestCostsAtMostEightKilobytes() throws Exception {
        Map<String, String> worst = request("\"".repeat(2048));
        for (String name : List.of("nonce", "login_hint", "ui_locales")) {
            worst.put(name, "\\".repeat(512));
        }
        assertThat(Browser.location(new Browser(server.url("")).post("/oauth/authorize", worst))).startsWith("/oauth/login");
        long bytes = scalar("SELECT OCTET_LENGTH(id) + OCTET_LENGTH(client_id) + OCTET_LENGTH(browser_id) + OCTET_LENGTH(client_address)"
                + " + OCTET_LENGTH(parameters) + 16 FROM pending_authorizations");
        System.out.printf("one open authorization request with every kept value at its limit: %d bytes of columns%n", bytes);
        assertThat(bytes).isLessThan(MAX_ROW_BYTES);
        Map<String, String> control = request("tab\tin state");
        assertThat(Browser.query(Browser.location(new Browser(server.url("")).post("/oauth/authorize", control))))
                .as("control characters, which JSON would inflate sixfold, are refused").containsEntry("error", "invalid_request");
    }

    private static long count() throws SQLException {
        return scalar("SELECT COUNT(*) FROM pending_authorizations");
    }

    private static long scalar(String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.config.database().url()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sql(String update) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.config.database().url()); Statement s = c.createStatement()) {
            s.executeUpdate(update);
        }
    }
}
