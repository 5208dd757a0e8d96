package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Login limits (RFC 9700 section 4.13; OWASP Authentication Cheat Sheet): every attempt is reserved before its password is
 * checked, so a burst never gets more guesses than the limit, on the login page and the password grant alike; and a
 * browser that signed in to the account before keeps a budget of its own, so guesses elsewhere never lock its owner out.
 */
class LoginLimitTest {
    static final int PER_ACCOUNT = 5;
    static final int BURST = 50;
    static final String REDIRECT = "https://app.example/callback";
    static TestServer server;
    static ClientAdmin.Created legacy;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("features.password.enabled", "true", "login.concurrent-password-hashes", "2"));
        legacy = server.clients.create("legacy", ClientMetadata.builder().clientName("Legacy")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(java.util.Set.of("password"))
                .scopes(java.util.Set.of("read")).build());
        server.clients.create("web", ClientMetadata.builder().clientName("Web")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(java.util.Set.of("authorization_code")).redirectUris(List.of(REDIRECT))
                .scopes(java.util.Set.of("openid")).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBurstOfPasswordGrantGuessesGetsNoMoreThanTheLimitAndTheRightPasswordIsThenRefused() throws Exception {
        server.users.create("kim", "kim-password-1", Map.of(), java.util.Set.of());

        List<HttpResponse<String>> burst = race(BURST, i -> LegacyGrantsTest.password(server, "legacy", legacy, "kim", "wrong-" + i));

        assertThat(statuses(burst, 400)).as("guesses whose password was checked").isLessThanOrEqualTo(PER_ACCOUNT);
        assertThat(statuses(burst, 429)).isGreaterThanOrEqualTo(BURST - PER_ACCOUNT);
        assertThat(statuses(burst, 500)).isZero();
        assertThat(attempts("user:kim")).isEqualTo(PER_ACCOUNT);
        assertThat(LegacyGrantsTest.password(server, "legacy", legacy, "kim", "kim-password-1").statusCode()).isEqualTo(429);
    }

    @Test
    void aBurstOfLoginFormPostsGetsNoMoreThanTheLimitAndTheRightPasswordIsThenRefused() throws Exception {
        server.users.create("lee", "lee-password-1", Map.of(), java.util.Set.of());
        List<Browser> browsers = new ArrayList<>();
        List<Map<String, String>> forms = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            Browser b = new Browser(server.url(""));
            Map<String, String> form = new HashMap<>(Browser.hiddenFields(b.get(loginPage(b)).body()));
            form.put("username", "lee");
            form.put("password", "wrong-" + i);
            browsers.add(b);
            forms.add(form);
        }

        List<HttpResponse<String>> burst = race(BURST, i -> browsers.get(i).post("/oauth/login", forms.get(i)));

        assertThat(statuses(burst, 401)).as("failures before the limit").isLessThanOrEqualTo(PER_ACCOUNT - 1);
        assertThat(statuses(burst, 429)).isGreaterThanOrEqualTo(BURST - PER_ACCOUNT + 1);
        assertThat(attempts("user:lee")).as("passwords checked").isEqualTo(PER_ACCOUNT);
        Browser other = new Browser(server.url(""));
        assertThat(AuthorizationCodeFlowTest.login(other, loginPage(other), "lee", "lee-password-1").statusCode()).isEqualTo(429);
    }

    @Test
    void aBrowserThatSignedInBeforeIsNotLockedOutByGuessesFromElsewhere() throws Exception {
        server.users.create("mia", "mia-password-1", Map.of(), java.util.Set.of());
        Browser owner = new Browser(server.url(""));
        assertThat(AuthorizationCodeFlowTest.login(owner, loginPage(owner), "mia", "mia-password-1").statusCode()).isEqualTo(303);
        Browser attacker = new Browser(server.url(""));
        for (int i = 0; i < PER_ACCOUNT; i++) {
            AuthorizationCodeFlowTest.login(attacker, loginPage(attacker), "mia", "guess-" + i);
        }
        assertThat(AuthorizationCodeFlowTest.login(attacker, loginPage(attacker), "mia", "mia-password-1").statusCode())
                .as("the account is closed to browsers it does not know").isEqualTo(429);

        assertThat(AuthorizationCodeFlowTest.login(owner, loginPage(owner), "mia", "mia-password-1").statusCode())
                .as("the owner's browser still signs in").isEqualTo(303);
    }

    @Test
    void aKnownBrowserHasALimitOfItsOwn() throws Exception {
        server.users.create("ned", "ned-password-1", Map.of(), java.util.Set.of());
        Browser b = new Browser(server.url(""));
        assertThat(AuthorizationCodeFlowTest.login(b, loginPage(b), "ned", "ned-password-1").statusCode()).isEqualTo(303);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < PER_ACCOUNT + 1; i++) {
            statuses.add(AuthorizationCodeFlowTest.login(b, loginPage(b), "ned", "guess-" + i).statusCode());
        }
        assertThat(statuses).containsExactly(401, 401, 401, 401, 429, 429);
        assertThat(AuthorizationCodeFlowTest.login(b, loginPage(b), "ned", "ned-password-1").statusCode()).isEqualTo(429);
        Browser fresh = new Browser(server.url(""));
        assertThat(AuthorizationCodeFlowTest.login(fresh, loginPage(fresh), "ned", "ned-password-1").statusCode())
                .as("the known browser's guesses do not close the account to others").isEqualTo(303);
    }

    @Test
    void aTrustedProxyNamesTheAddressThatLimitsAndTheAuditLogRecord() throws Exception {
        try (TestServer untrusted = TestServer.start(Map.of("server.trusted-proxies", "192.0.2.0/24"));
                TestServer trusted = TestServer.start(Map.of("server.trusted-proxies", "10.0.0.0/8, 127.0.0.1"))) {
            assertThat(spoofedLogin(untrusted)).as("from an untrusted peer the header changes nothing").isEqualTo("127.0.0.1");
            assertThat(spoofedLogin(trusted)).as("from a trusted proxy it names the client").isEqualTo("203.0.113.7");
        }
    }

    /** A failed login sent with {@code X-Forwarded-For}: the address the audit log and the login limit recorded. */
    private static String spoofedLogin(TestServer s) throws Exception {
        s.clients.create("web", ClientMetadata.builder().clientName("Web")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(java.util.Set.of("authorization_code")).redirectUris(List.of(REDIRECT))
                .scopes(java.util.Set.of("openid")).build());
        Browser b = new Browser(s.url(""));
        b.headers.put("X-Forwarded-For", "198.51.100.1, 203.0.113.7");
        String page = Browser.location(b.get(AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid", "")));
        AuditLogTest.Capture capture = new AuditLogTest.Capture();
        try (capture) {
            assertThat(AuthorizationCodeFlowTest.login(b, page, "nobody", "guess").statusCode()).isEqualTo(401);
        }
        List<String> addresses = capture.auditLines().stream().filter(l -> l.get("event").asText().equals("login"))
                .map(l -> l.get("ip").asText()).toList();
        assertThat(addresses).hasSize(1);
        assertThat(attempts(s, "ip:" + addresses.get(0))).as("the limit counts the same address").isEqualTo(1);
        return addresses.get(0);
    }

    private static String loginPage(Browser b) throws Exception {
        return Browser.location(b.get(AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid", "&prompt=login")));
    }

    private static long statuses(List<HttpResponse<String>> responses, int status) {
        return responses.stream().filter(r -> r.statusCode() == status).count();
    }

    /** The attempts counted for {@code key} in the database. */
    private static int attempts(String key) throws Exception {
        return attempts(server, key);
    }

    private static int attempts(TestServer on, String key) throws Exception {
        try (Connection c = DriverManager.getConnection(on.config.database().url());
                PreparedStatement s = c.prepareStatement("SELECT failures FROM login_failures WHERE failure_key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Sends {@code n} requests from {@code n} threads released at one instant. */
    static List<HttpResponse<String>> race(int n, IntFunction<HttpResponse<String>> request) throws Exception {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return request.apply(index);
                }));
            }
            ready.await();
            go.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                responses.add(f.get());
            }
            return responses;
        }
    }
}
