package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What protects the person at the browser (RFC 9700 §4.2.4, §4.13, §4.16): CSRF tokens on every form, no framing, no
 * referrer, no caching of anything that carries a token, a new session at each login, brute-force limits that a spoofed
 * {@code X-Forwarded-For} does not reset.
 */
class BrowserProtectionTest {
    static final String REDIRECT = "https://app.example/callback";
    static final Pattern FORM = Pattern.compile("<form[^>]*>(.*?)</form>", Pattern.DOTALL);
    static TestServer server;
    static ClientAdmin.Created web;
    static ClientAdmin.Created rs;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        web = server.clients.create("web", ClientMetadata.builder().clientName("Web")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of("authorization_code", "refresh_token")).redirectUris(List.of(REDIRECT))
                .postLogoutRedirectUris(List.of("https://app.example/bye"))
                .scopes(Set.of("openid", "offline_access", "notes.read")).build());
        rs = server.confidentialClient("rs", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "none");
        server.users.create("vic", "vic-password-1", Map.of(), Set.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String authorize(String extra) throws Exception {
        return AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid notes.read", extra);
    }

    private static Browser signedIn() throws Exception {
        Browser b = new Browser(server.url(""));
        AuthorizationCodeFlowTest.codeFor(b, authorize(""), "vic", "vic-password-1");
        return b;
    }

    private static String sessionCookie(Browser b) {
        return b.cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("cell_session")).findFirst()
                .map(HttpCookie::getValue).orElseThrow();
    }

    private static boolean silentlyAuthorized(Browser b) throws Exception {
        return Browser.location(b.get(authorize("&prompt=none"))).startsWith(REDIRECT + "?code=");
    }

    /** Every page a browser can reach, as the status and headers a person's browser would get. */
    private static List<HttpResponse<String>> everyPage() throws Exception {
        Browser b = new Browser(server.url(""));
        String login = Browser.location(b.get(authorize("&prompt=consent")));
        HttpResponse<String> loginPage = b.get(login);
        Map<String, String> wrong = new HashMap<>(Browser.hiddenFields(loginPage.body()));
        wrong.put("username", "vic");
        wrong.put("password", "wrong-password");
        HttpResponse<String> failedLogin = b.post("/oauth/login", wrong);
        HttpResponse<String> consentPage = b.get(Browser.location(AuthorizationCodeFlowTest.login(b, login, "vic", "vic-password-1")));
        HttpResponse<String> logoutConfirm = b.get("/oauth/logout");
        HttpResponse<String> loggedOut = new Browser(server.url("")).get("/oauth/logout");
        HttpResponse<String> authorizeError = b.get(AuthorizationCodeFlowTest.authorizeUrl("nobody", REDIRECT, "openid", ""));
        HttpResponse<String> errorPage = b.get("/oauth/error?error=access_denied");
        return List.of(loginPage, failedLogin, consentPage, logoutConfirm, loggedOut, authorizeError, errorPage);
    }

    @Test
    void everyPageForbidsFramingReferrersCachingAndForeignContent() throws Exception {
        List<HttpResponse<String>> pages = everyPage();
        assertThat(pages).hasSize(7);
        for (HttpResponse<String> page : pages) {
            String what = page.uri() + " " + page.statusCode();
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).as(what).startsWith("text/html");
            assertThat(page.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).as(what).contains("frame-ancestors 'none'").contains("default-src 'none'").doesNotContain("unsafe-inline")
                    .doesNotContain("script-src");
            assertThat(page.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
            assertThat(page.headers().firstValue("Cache-Control")).as(what).hasValue("no-store");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(page.body()).as(what).doesNotContain("<script").doesNotContainPattern("(src|href)=\"(https?:)?//");
        }
    }

    @Test
    void everyFormCarriesTheBrowsersCsrfToken() throws Exception {
        int forms = 0;
        for (HttpResponse<String> page : everyPage()) {
            Matcher m = FORM.matcher(page.body());
            while (m.find()) {
                forms++;
                assertThat(m.group(1)).as(page.uri().toString()).containsPattern("name=\"csrf\" value=\"[A-Za-z0-9_-]{43}\"");
            }
        }
        assertThat(forms).as("login, failed login, consent and logout forms").isEqualTo(4);
    }

    @Test
    void theLoginFormRefusesAnotherBrowsersCsrfToken() throws Exception {
        Browser attacker = new Browser(server.url(""));
        String attackersToken = Browser.hiddenFields(attacker.get(Browser.location(attacker.get(authorize("")))).body()).get("csrf");
        Browser victim = new Browser(server.url(""));
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(victim.get(Browser.location(victim.get(authorize("")))).body()));
        form.put("csrf", attackersToken);
        form.put("username", "vic");
        form.put("password", "vic-password-1");
        HttpResponse<String> r = victim.post("/oauth/login", form);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("CSRF");
        assertThat(String.join(" ", r.headers().allValues("Set-Cookie"))).doesNotContain("cell_session=");
    }

    @Test
    void theConsentFormRefusesAForgedCsrfTokenAndRemembersNothing() throws Exception {
        server.users.create("walt", "walt-password-1", Map.of(), Set.of());
        Browser b = new Browser(server.url(""));
        String consent = Browser.location(AuthorizationCodeFlowTest.login(b, Browser.location(b.get(authorize(""))), "walt", "walt-password-1"));
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(b.get(consent).body()));
        form.put("decision", "allow");
        form.put("csrf", "A".repeat(43));
        HttpResponse<String> r = b.post("/oauth/confirm_access", form);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("CSRF");
        assertThat(r.headers().firstValue("Location")).isEmpty();
        assertThat(Browser.query(Browser.location(b.get(authorize("&prompt=none"))))).containsEntry("error", "consent_required");
    }

    @Test
    void theLogoutConfirmationRefusesAForgedCsrfTokenAndKeepsTheSession() throws Exception {
        Browser b = signedIn();
        HttpResponse<String> confirm = b.get("/oauth/logout");
        assertThat(confirm.statusCode()).isEqualTo(200);
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(confirm.body()));
        form.put("confirm", "yes");
        form.put("csrf", "A".repeat(43));
        HttpResponse<String> forged = b.post("/oauth/logout", form);
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("CSRF");
        assertThat(silentlyAuthorized(b)).as("still signed in").isTrue();
        HttpResponse<String> unconfirmed = b.post("/oauth/logout", Map.of());
        assertThat(unconfirmed.body()).as("a cross-site POST without confirm only gets the question").contains("name=\"confirm\"");
        assertThat(silentlyAuthorized(b)).isTrue();
        form.put("csrf", Browser.hiddenFields(confirm.body()).get("csrf"));
        assertThat(b.post("/oauth/logout", form).statusCode()).isEqualTo(200);
        assertThat(silentlyAuthorized(b)).as("signed out").isFalse();
    }

    @Test
    void loginStartsANewSessionAndEndsTheOneBefore() throws Exception {
        Browser b = signedIn();
        String before = sessionCookie(b);
        Browser thief = new Browser(server.url(""));
        HttpCookie copied = new HttpCookie("cell_session", before);
        copied.setPath("/");
        copied.setVersion(0);
        thief.cookies.getCookieStore().add(URI.create(server.url("")), copied);
        assertThat(silentlyAuthorized(thief)).as("a copied cookie is a session until login replaces it").isTrue();
        AuthorizationCodeFlowTest.login(b, Browser.location(b.get(authorize("&prompt=login"))), "vic", "vic-password-1");
        assertThat(sessionCookie(b)).isNotEqualTo(before);
        assertThat(silentlyAuthorized(b)).isTrue();
        assertThat(silentlyAuthorized(thief)).as("the session from before the login is gone").isFalse();
    }

    @Test
    void theSessionCookieIsHttpOnlyLaxAndHostOnly() throws Exception {
        Browser b = new Browser(server.url(""));
        HttpResponse<String> r = AuthorizationCodeFlowTest.login(b, Browser.location(b.get(authorize(""))), "vic", "vic-password-1");
        String session = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("cell_session=")).findFirst().orElseThrow();
        assertThat(session).contains("; HttpOnly").contains("; SameSite=Lax").contains("; Path=/").doesNotContainIgnoringCase("domain=");
        HttpResponse<String> out = b.post("/oauth/logout", Map.of("confirm", "yes", "csrf", Browser.hiddenFields(b.get("/oauth/logout").body())
                .get("csrf")));
        assertThat(out.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("cell_session=;").contains("Max-Age=0"));
    }

    @Test
    void failedLoginsPerAddressAreLimitedAndForwardedForHeadersDoNotResetTheCount() throws Exception {
        try (TestServer s = TestServer.start(Map.of("login.max-failures-per-ip", "3"))) {
            s.clients.create("web", ClientMetadata.builder().clientName("Web")
                    .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                    .redirectUris(List.of(REDIRECT)).scopes(Set.of("openid")).build());
            s.users.create("xena", "xena-password-1", Map.of(), Set.of());
            Browser b = new Browser(s.url(""));
            String login = Browser.location(b.get(AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid", "")));
            List<Integer> statuses = new java.util.ArrayList<>();
            for (String user : List.of("u1", "u2", "u3")) {
                b.headers.put("X-Forwarded-For", "203.0.113." + user.charAt(1));
                b.headers.put("X-Real-IP", "203.0.113." + user.charAt(1));
                statuses.add(AuthorizationCodeFlowTest.login(b, login, user, "guess-password").statusCode());
            }
            assertThat(statuses).as("three accounts, one address").containsExactly(401, 401, 429);
            b.headers.put("X-Forwarded-For", "198.51.100.7");
            HttpResponse<String> blocked = AuthorizationCodeFlowTest.login(b, login, "xena", "xena-password-1");
            assertThat(blocked.statusCode()).as("the address is blocked, whatever the account").isEqualTo(429);
        }
    }

    @Test
    void everyResponseThatCarriesATokenOrCodeIsNeverCached() throws Exception {
        Browser b = new Browser(server.url(""));
        HttpResponse<String> login = AuthorizationCodeFlowTest.login(b, Browser.location(b.get(authorize("&prompt=consent"))), "vic",
                "vic-password-1");
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(b.get(Browser.location(login)).body()));
        form.put("decision", "allow");
        HttpResponse<String> withCode = b.post("/oauth/confirm_access", form);
        HttpResponse<String> silentCode = b.get(authorize("&prompt=none"));
        String code = Browser.query(Browser.location(withCode)).get("code");
        HttpResponse<String> token = server.post("/oauth/token", "grant_type=authorization_code&code=" + code + "&redirect_uri="
                + AuthorizationCodeFlowTest.enc(REDIRECT) + "&code_verifier=" + AuthorizationCodeFlowTest.VERIFIER, "Authorization",
                TestServer.basic("web", web.secret()));
        JsonNode tokens = Json.MAPPER.readTree(token.body());
        String at = tokens.get("access_token").asText();
        HttpResponse<String> introspection = server.post("/oauth/introspect", "token=" + at, "Authorization", TestServer.basic("rs", rs.secret()));
        HttpResponse<String> checkToken = server.post("/oauth/check_token", "token=" + at, "Authorization", TestServer.basic("rs", rs.secret()));
        HttpResponse<String> userinfo = server.send(HttpRequest.newBuilder(URI.create(server.url("/userinfo"))).header("Authorization",
                "Bearer " + at).GET().build());
        HttpResponse<String> tokenError = server.post("/oauth/token", "grant_type=authorization_code&code=" + code, "Authorization",
                TestServer.basic("web", web.secret()));
        HttpResponse<String> revocation = server.post("/oauth/revoke", "token=" + at, "Authorization", TestServer.basic("web", web.secret()));
        for (HttpResponse<String> r : List.of(withCode, silentCode, token, tokenError, introspection, checkToken, userinfo, revocation)) {
            String what = r.uri() + " " + r.statusCode();
            assertThat(r.statusCode()).as(what).isIn(200, 303, 400);
            assertThat(r.headers().firstValue("Cache-Control")).as(what).hasValue("no-store");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
        }
        assertThat(Browser.location(withCode)).contains("code=");
        assertThat(Browser.location(silentCode)).contains("code=");
        assertThat(token.statusCode()).isEqualTo(200);
    }
}
