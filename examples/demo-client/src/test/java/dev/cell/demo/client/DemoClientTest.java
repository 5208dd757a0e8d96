package dev.cell.demo.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.server.Browser;
import dev.cell.server.MutableClock;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo client over HTTP: code flow with PKCE, ID token claims, the API called with the token, refresh, logout. */
class DemoClientTest {
    static DemoStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new DemoStack(Clock.systemUTC(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** Sign-in as a browser would do it: the app's /login, Cell's login page, consent the first time, the callback; returns the home page. */
    static HttpResponse<String> signIn(DemoStack stack, Browser b) {
        String authorize = Browser.location(b.get(stack.clientUrl + "/login"));
        assertThat(authorize).startsWith(stack.cell.url("/oauth/authorize")).contains("code_challenge_method=S256").contains("nonce=");
        String login = Browser.location(b.get(authorize));
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(b.get(login).body()));
        form.put("username", DemoStack.USER);
        form.put("password", DemoStack.PASSWORD);
        String callback = Browser.location(b.post("/oauth/login", form));
        if (callback.startsWith("/oauth/confirm_access")) {
            Map<String, String> allow = new HashMap<>(Browser.hiddenFields(b.get(callback).body()));
            allow.put("decision", "allow");
            callback = Browser.location(b.post("/oauth/confirm_access", allow));
        }
        assertThat(callback).startsWith(stack.clientUrl + "/callback?code=");
        assertThat(Browser.location(b.get(callback))).isEqualTo("/");
        return b.get(stack.clientUrl + "/");
    }

    @Test
    void signInShowsTheIdTokenClaimsAndDataFromTheApi() throws Exception {
        Browser b = new Browser(stack.cell.url(""));
        HttpResponse<String> home = signIn(stack, b);
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Signed in as <strong id=who>Demo User</strong>").contains("<th>nonce</th>")
                .contains("<table id=userinfo>").contains("<th>email</th><td>demo@example.com</td>")
                .contains("GET /api/me:").contains("client_id=demo-client").contains("refreshed 0 times");
        String csrf = Browser.hiddenFields(home.body()).get("csrf");
        assertThat(Browser.location(b.post(stack.clientUrl + "/notes", Map.of("csrf", csrf, "text", "<b>buy</b> milk")))).isEqualTo("/");
        assertThat(b.get(stack.clientUrl + "/").body()).contains("<li>&lt;b&gt;buy&lt;/b&gt; milk</li>");
        assertThat(b.post(stack.clientUrl + "/notes", Map.of("csrf", "forged", "text", "x")).statusCode()).isEqualTo(403);
    }

    @Test
    void anExpiredAccessTokenIsRefreshedBeforeTheApiCall() throws Exception {
        MutableClock clock = new MutableClock();
        try (DemoStack own = new DemoStack(clock, clock)) {
            Browser b = new Browser(own.cell.url(""));
            signIn(own, b);
            clock.advance(Duration.ofMinutes(6));
            String page = b.get(own.clientUrl + "/").body();
            assertThat(page).contains("GET /api/me:").contains("No notes yet.").contains("refreshed 1 time.");
        }
    }

    @Test
    void aTokenTheApiRejectsIsRefreshedAndTheCallRetried() throws Exception {
        MutableClock serverClock = new MutableClock();
        try (DemoStack own = new DemoStack(serverClock, Clock.systemUTC())) {
            Browser b = new Browser(own.cell.url(""));
            signIn(own, b);
            serverClock.advance(Duration.ofMinutes(6));
            String page = b.get(own.clientUrl + "/").body();
            assertThat(page).as("the app's clock still says the token is fresh").contains("GET /api/me:").contains("refreshed 1 time.");
        }
    }

    @Test
    void signingOutAtCellEndsTheAppSessionThroughBackChannelLogout() throws Exception {
        Browser b = new Browser(stack.cell.url(""));
        signIn(stack, b);
        Browser other = new Browser(stack.cell.url(""));
        signIn(stack, other);
        // the person signs out at Cell itself (not through the app): Cell asks, then posts a logout token to the app
        Map<String, String> confirm = new HashMap<>(Browser.hiddenFields(b.get("/oauth/logout").body()));
        confirm.put("confirm", "yes");
        assertThat(b.post("/oauth/logout", confirm).statusCode()).isEqualTo(200);

        String page = "";
        for (int i = 0; i < 100 && !page.contains("id=signin"); i++) {
            Thread.sleep(50);
            page = b.get(stack.clientUrl + "/").body();
        }
        assertThat(page).as("the app's session ended without the browser coming back through it").contains("id=signin");
        assertThat(other.get(stack.clientUrl + "/").body()).as("another Cell session stays signed in").contains("id=who");
    }

    @Test
    void aForgedLogoutTokenIsRefused() throws Exception {
        Browser b = new Browser(stack.cell.url(""));
        signIn(stack, b);
        String unsigned = "eyJhbGciOiJub25lIiwidHlwIjoibG9nb3V0K2p3dCJ9."
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"iss\":\"" + stack.cell.config.issuer()
                        + "\",\"aud\":\"demo-client\",\"sub\":\"x\",\"iat\":" + java.time.Instant.now().getEpochSecond()
                        + ",\"jti\":\"j\",\"events\":{\"http://schemas.openid.net/event/backchannel-logout\":{}}}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".";
        HttpResponse<String> r = b.post(stack.clientUrl + DemoClient.BACKCHANNEL_LOGOUT_PATH, Map.of("logout_token", unsigned));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("invalid_request");
        assertThat(b.post(stack.clientUrl + DemoClient.BACKCHANNEL_LOGOUT_PATH, Map.of()).statusCode()).isEqualTo(400);
        assertThat(b.get(stack.clientUrl + "/").body()).contains("id=who");
    }

    @Test
    void signOutEndsTheAppSessionAndCellsSession() throws Exception {
        Browser b = new Browser(stack.cell.url(""));
        String csrf = Browser.hiddenFields(signIn(stack, b).body()).get("csrf");
        String endSession = Browser.location(b.post(stack.clientUrl + "/logout", Map.of("csrf", csrf)));
        assertThat(endSession).startsWith(stack.cell.url("/oauth/logout")).contains("id_token_hint=")
                .contains("post_logout_redirect_uri=");
        assertThat(Browser.location(b.get(endSession))).isEqualTo(stack.clientUrl + "/");
        assertThat(b.get(stack.clientUrl + "/").body()).contains("id=signin");
        String authorize = Browser.location(b.get(stack.clientUrl + "/login"));
        assertThat(Browser.location(b.get(authorize))).as("Cell asks for the password again").startsWith("/oauth/login");
    }

    @Test
    void denyingAccessAtCellShowsWhyAndStaysSignedOut() throws Exception {
        stack.cell.users.create("dora", "dora-password-1", Map.of("name", "Dora"), Set.of());
        Browser b = new Browser(stack.cell.url(""));
        String login = Browser.location(b.get(Browser.location(b.get(stack.clientUrl + "/login"))));
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(b.get(login).body()));
        form.put("username", "dora");
        form.put("password", "dora-password-1");
        String consent = Browser.location(b.post("/oauth/login", form));
        Map<String, String> deny = new HashMap<>(Browser.hiddenFields(b.get(consent).body()));
        deny.put("decision", "deny");
        HttpResponse<String> back = b.get(Browser.location(b.post("/oauth/confirm_access", deny)));
        assertThat(back.body()).contains("Sign-in ended: access_denied").contains("id=signin");
    }

    @Test
    void anAnswerNotFromCellIsRefused() throws Exception {
        Browser b = new Browser(stack.cell.url(""));
        String state = Browser.query(Browser.location(b.get(stack.clientUrl + "/login"))).get("state");
        HttpResponse<String> mixUp = b.get(stack.clientUrl + "/callback?code=x&state=" + state + "&iss=https%3A%2F%2Fevil.example");
        assertThat(mixUp.statusCode()).isEqualTo(400);
        assertThat(mixUp.body()).contains("iss mismatch");
    }

    @Test
    void aCallbackThatThisAppDidNotStartIsRefused() throws Exception {
        Browser b = new Browser(stack.cell.url(""));
        HttpResponse<String> forged = b.get(stack.clientUrl + "/callback?code=stolen&state=guess");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("state mismatch");
        b.get(stack.clientUrl + "/login");
        HttpResponse<String> wrongState = b.get(stack.clientUrl + "/callback?code=stolen&state=guess");
        assertThat(wrongState.statusCode()).isEqualTo(400);
    }
}
