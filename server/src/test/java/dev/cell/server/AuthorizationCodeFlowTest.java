package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The authorization code flow end to end over HTTP: authorize, login, consent, code, tokens, UserInfo, refresh. */
class AuthorizationCodeFlowTest {
    static final String REDIRECT = "https://app.example/callback";
    static TestServer server;
    static ClientAdmin.Created web;
    static ClientAdmin.Created spa;
    static ClientAdmin.Created firstParty;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        web = server.clients.create("web", ClientMetadata.builder().clientName("Notes Web")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of("authorization_code", "refresh_token"))
                .redirectUris(List.of(REDIRECT, "http://127.0.0.1/cb"))
                .postLogoutRedirectUris(List.of("https://app.example/bye"))
                .scopes(Set.of("openid", "profile", "email", "offline_access", "notes.read")).build());
        spa = server.clients.create("spa", ClientMetadata.builder().clientName("Notes SPA")
                .tokenEndpointAuthMethod(ClientAuthMethod.NONE).grantTypes(Set.of("authorization_code", "refresh_token"))
                .redirectUris(List.of("https://spa.example/cb")).scopes(Set.of("openid", "notes.read")).build());
        firstParty = server.clients.create("console", ClientMetadata.builder().clientName("Console")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of("https://console.example/cb")).scopes(Set.of("openid")).firstParty(true).build());
        server.users.create("alice", "alice-password-1", Map.of("name", "Alice Liddell", "email", "alice@example.com", "email_verified", true),
                Set.of("ROLE_USER"));
        server.users.create("bob", "bob-password-12", Map.of(), Set.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String challenge(String verifier) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    }

    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    static String authorizeUrl(String clientId, String redirect, String scope, String extra) throws Exception {
        return "/oauth/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + enc(redirect) + "&scope=" + enc(scope)
                + "&state=st%20123&nonce=n-1&code_challenge=" + challenge(VERIFIER) + "&code_challenge_method=S256" + extra;
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Logs in on the page the browser was sent to; returns the response to the login POST. */
    static HttpResponse<String> login(Browser b, String loginLocation, String user, String password) {
        HttpResponse<String> page = b.get(loginLocation);
        assertThat(page.statusCode()).isEqualTo(200);
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(page.body()));
        form.put("username", user);
        form.put("password", password);
        return b.post("/oauth/login", form);
    }

    /** Runs authorize → login → consent(allow) and returns the callback URL. */
    static String codeFor(Browser b, String url, String user, String password) {
        HttpResponse<String> r = b.get(url);
        String loc = Browser.location(r);
        if (loc.startsWith("/oauth/login")) {
            r = login(b, loc, user, password);
            loc = Browser.location(r);
        }
        if (loc.startsWith("/oauth/confirm_access")) {
            HttpResponse<String> consent = b.get(loc);
            Map<String, String> form = new HashMap<>(Browser.hiddenFields(consent.body()));
            form.put("decision", "allow");
            loc = Browser.location(b.post("/oauth/confirm_access", form));
        }
        return loc;
    }

    static JsonNode exchange(String code, String clientId, String secret, String redirect, String verifier) throws Exception {
        String body = "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(redirect) + "&code_verifier=" + verifier;
        HttpResponse<String> r = secret == null ? server.post("/oauth/token", body + "&client_id=" + clientId)
                : server.post("/oauth/token", body, "Authorization", TestServer.basic(clientId, secret));
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void fullFlowIssuesTokensUserInfoAndRotatingRefreshTokens() throws Exception {
        Browser b = new Browser(server.url(""));
        HttpResponse<String> start = b.get(authorizeUrl("web", REDIRECT, "openid profile email offline_access notes.read", ""));
        assertThat(start.statusCode()).isEqualTo(303);
        String loginLocation = Browser.location(start);
        assertThat(loginLocation).startsWith("/oauth/login?request=");

        HttpResponse<String> loginPage = b.get(loginLocation);
        assertThat(loginPage.body()).contains("Notes Web").contains("name=\"csrf\"").doesNotContain("st 123");
        assertThat(loginPage.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
        assertThat(loginPage.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(loginPage.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        Map<String, String> form = new HashMap<>(Browser.hiddenFields(loginPage.body()));
        form.put("username", "alice");
        form.put("password", "alice-password-1");
        HttpResponse<String> afterLogin = b.post("/oauth/login", form);
        String setCookie = String.join("\n", afterLogin.headers().allValues("Set-Cookie"));
        assertThat(setCookie).contains("cell_session=").contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        String consentLocation = Browser.location(afterLogin);
        assertThat(consentLocation).startsWith("/oauth/confirm_access?request=");

        HttpResponse<String> consent = b.get(consentLocation);
        assertThat(consent.body()).contains("Notes Web").contains("Your email address").contains("notes.read");
        Map<String, String> allow = new HashMap<>(Browser.hiddenFields(consent.body()));
        allow.put("decision", "allow");
        String callback = Browser.location(b.post("/oauth/confirm_access", allow));
        assertThat(callback).startsWith(REDIRECT + "?code=");
        Map<String, String> q = Browser.query(callback);
        assertThat(q.get("state")).isEqualTo("st 123");
        assertThat(q.get("iss")).isEqualTo(server.config.issuer().toString());

        JsonNode tokens = exchange(q.get("code"), "web", web.secret(), REDIRECT, VERIFIER);
        assertThat(tokens.has("access_token")).as(tokens.toString()).isTrue();
        assertThat(tokens.get("refresh_token").asText()).isNotEmpty();
        SignedJWT idToken = SignedJWT.parse(tokens.get("id_token").asText());
        JWKSet jwks = JWKSet.parse(server.get("/oauth/jwks").body());
        assertThat(idToken.verify(new RSASSAVerifier(jwks.getKeyByKeyId(idToken.getHeader().getKeyID()).toRSAKey()))).isTrue();
        assertThat(idToken.getJWTClaimsSet().getAudience()).containsExactly("web");
        assertThat(idToken.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n-1");
        assertThat(idToken.getJWTClaimsSet().getClaim("auth_time")).isNotNull();
        assertThat(idToken.getJWTClaimsSet().getStringClaim("at_hash")).isNotEmpty();

        String at = tokens.get("access_token").asText();
        HttpResponse<String> userinfo = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/userinfo")))
                .header("Authorization", "Bearer " + at).GET().build());
        assertThat(userinfo.statusCode()).isEqualTo(200);
        JsonNode claims = Json.MAPPER.readTree(userinfo.body());
        assertThat(claims.get("sub").asText()).isEqualTo(idToken.getJWTClaimsSet().getSubject());
        assertThat(claims.get("email").asText()).isEqualTo("alice@example.com");
        assertThat(claims.get("name").asText()).isEqualTo("Alice Liddell");

        String refresh = tokens.get("refresh_token").asText();
        HttpResponse<String> refreshed = server.post("/oauth/token", "grant_type=refresh_token&scope=notes.read&refresh_token=" + enc(refresh),
                "Authorization", TestServer.basic("web", web.secret()));
        JsonNode r2 = Json.MAPPER.readTree(refreshed.body());
        assertThat(r2.get("scope").asText()).isEqualTo("notes.read");
        assertThat(r2.get("refresh_token").asText()).isNotEqualTo(refresh);

        HttpResponse<String> widen = server.post("/oauth/token", "grant_type=refresh_token&scope=notes.write&refresh_token="
                + enc(r2.get("refresh_token").asText()), "Authorization", TestServer.basic("web", web.secret()));
        assertThat(Json.MAPPER.readTree(widen.body()).get("error").asText()).isEqualTo("invalid_scope");

        HttpResponse<String> reuse = server.post("/oauth/token", "grant_type=refresh_token&refresh_token=" + enc(refresh),
                "Authorization", TestServer.basic("web", web.secret()));
        assertThat(Json.MAPPER.readTree(reuse.body()).get("error").asText()).isEqualTo("invalid_grant");
        HttpResponse<String> afterReuse = server.post("/oauth/token", "grant_type=refresh_token&refresh_token="
                + enc(r2.get("refresh_token").asText()), "Authorization", TestServer.basic("web", web.secret()));
        assertThat(Json.MAPPER.readTree(afterReuse.body()).get("error").asText()).as("the family is revoked").isEqualTo("invalid_grant");
        HttpResponse<String> revokedUserinfo = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/userinfo")))
                .header("Authorization", "Bearer " + at).GET().build());
        assertThat(revokedUserinfo.statusCode()).as("access tokens of the family die too").isEqualTo(401);
        assertThat(revokedUserinfo.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
    }

    @Test
    void consentIsRememberedAndARepeatRequestSkipsThePages() throws Exception {
        Browser b = new Browser(server.url(""));
        String first = codeFor(b, authorizeUrl("web", REDIRECT, "openid notes.read", ""), "bob", "bob-password-12");
        assertThat(first).startsWith(REDIRECT + "?code=");
        HttpResponse<String> again = b.get(authorizeUrl("web", REDIRECT, "openid notes.read", ""));
        assertThat(Browser.location(again)).startsWith(REDIRECT + "?code=");
        HttpResponse<String> more = b.get(authorizeUrl("web", REDIRECT, "openid notes.read email", ""));
        assertThat(Browser.location(more)).as("a wider request asks again").startsWith("/oauth/confirm_access");
        HttpResponse<String> forced = b.get(authorizeUrl("web", REDIRECT, "openid notes.read", "&prompt=consent"));
        assertThat(Browser.location(forced)).startsWith("/oauth/confirm_access");
    }

    @Test
    void firstPartyClientsSkipConsent() throws Exception {
        Browser b = new Browser(server.url(""));
        String loc = codeFor(b, authorizeUrl("console", "https://console.example/cb", "openid", ""), "alice", "alice-password-1");
        assertThat(loc).startsWith("https://console.example/cb?code=");
    }

    @Test
    void denyReturnsAccessDeniedWithStateAndIss() throws Exception {
        Browser b = new Browser(server.url(""));
        String loc = Browser.location(login(b, Browser.location(b.get(authorizeUrl("web", REDIRECT, "openid email", ""))), "bob", "bob-password-12"));
        HttpResponse<String> consent = b.get(loc);
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(consent.body()));
        form.put("decision", "deny");
        Map<String, String> q = Browser.query(Browser.location(b.post("/oauth/confirm_access", form)));
        assertThat(q).containsEntry("error", "access_denied").containsEntry("state", "st 123").containsEntry("iss", server.config.issuer().toString());
    }

    @Test
    void unknownClientOrUnregisteredRedirectShowsTheErrorPageAndNeverRedirects() throws Exception {
        Browser b = new Browser(server.url(""));
        for (String url : new String[] {authorizeUrl("nobody", REDIRECT, "openid", ""), authorizeUrl("web", "https://evil.example/callback", "openid", ""),
            authorizeUrl("web", REDIRECT + "/../x", "openid", ""), authorizeUrl("web", REDIRECT + "?x=1", "openid", ""),
            authorizeUrl("web", "https://app.example.evil.com/callback", "openid", "")}) {
            HttpResponse<String> r = b.get(url);
            assertThat(r.statusCode()).as(url).isEqualTo(400);
            assertThat(r.headers().firstValue("Location")).isEmpty();
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(r.body()).contains("invalid_request");
        }
    }

    @Test
    void laterErrorsGoToTheRedirectUriWithStateAndIss() throws Exception {
        Browser b = new Browser(server.url(""));
        String noPkce = "/oauth/authorize?response_type=code&client_id=web&redirect_uri=" + enc(REDIRECT) + "&scope=openid&state=s1";
        assertThat(Browser.query(Browser.location(b.get(noPkce)))).containsEntry("error", "invalid_request").containsEntry("state", "s1")
                .containsKey("iss");
        String plain = noPkce + "&code_challenge=" + VERIFIER + "&code_challenge_method=plain";
        assertThat(Browser.query(Browser.location(b.get(plain)))).containsEntry("error", "invalid_request");
        String token = authorizeUrl("web", REDIRECT, "openid", "").replace("response_type=code", "response_type=token");
        String implicitLocation = Browser.location(b.get(token));
        assertThat(implicitLocation).as("answered in the fragment, where a token request expects it")
                .startsWith(REDIRECT + "#error=unsupported_response_type");
        String scope = authorizeUrl("web", REDIRECT, "openid admin", "");
        assertThat(Browser.query(Browser.location(b.get(scope)))).containsEntry("error", "invalid_scope");
    }

    @Test
    void promptNoneAnswersLoginRequiredOrConsentRequired() throws Exception {
        Browser b = new Browser(server.url(""));
        assertThat(Browser.query(Browser.location(b.get(authorizeUrl("web", REDIRECT, "openid", "&prompt=none")))))
                .containsEntry("error", "login_required").containsEntry("state", "st 123");
        server.users.create("dave", "dave-password-1", Map.of(), Set.of());
        login(b, Browser.location(b.get(authorizeUrl("web", REDIRECT, "openid", ""))), "dave", "dave-password-1");
        assertThat(Browser.query(Browser.location(b.get(authorizeUrl("web", REDIRECT, "openid email", "&prompt=none")))))
                .containsEntry("error", "consent_required");
    }

    @Test
    void promptLoginAndMaxAgeZeroForceANewLogin() throws Exception {
        Browser b = new Browser(server.url(""));
        codeFor(b, authorizeUrl("console", "https://console.example/cb", "openid", ""), "alice", "alice-password-1");
        assertThat(Browser.location(b.get(authorizeUrl("console", "https://console.example/cb", "openid", ""))))
                .startsWith("https://console.example/cb?code=");
        assertThat(Browser.location(b.get(authorizeUrl("console", "https://console.example/cb", "openid", "&prompt=login"))))
                .startsWith("/oauth/login");
        assertThat(Browser.location(b.get(authorizeUrl("console", "https://console.example/cb", "openid", "&max_age=0"))))
                .startsWith("/oauth/login");
        String after = Browser.location(login(b, Browser.location(b.get(authorizeUrl("console", "https://console.example/cb", "openid",
                "&prompt=login"))), "alice", "alice-password-1"));
        assertThat(after).as("a fresh login satisfies prompt=login").startsWith("https://console.example/cb?code=");
    }

    @Test
    void aNewSessionIdIsIssuedAtLogin() throws Exception {
        Browser b = new Browser(server.url(""));
        b.cookies.getCookieStore().add(java.net.URI.create(server.url("")), new java.net.HttpCookie("cell_session", "planted-by-attacker"));
        HttpResponse<String> r = login(b, Browser.location(b.get(authorizeUrl("console", "https://console.example/cb", "openid", ""))),
                "alice", "alice-password-1");
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("cell_session=")).findFirst().orElseThrow();
        assertThat(cookie).doesNotContain("planted-by-attacker");
    }

    @Test
    void aPublicClientUsesPkceWithoutASecret() throws Exception {
        Browser b = new Browser(server.url(""));
        String loc = codeFor(b, authorizeUrl("spa", "https://spa.example/cb", "openid notes.read", ""), "alice", "alice-password-1");
        String code = Browser.query(loc).get("code");
        JsonNode wrong = exchange(code, "spa", null, "https://spa.example/cb", "wrong-verifier-wrong-verifier-wrong-verifier-00");
        assertThat(wrong.get("error").asText()).isEqualTo("invalid_grant");
        String loc2 = codeFor(b, authorizeUrl("spa", "https://spa.example/cb", "openid notes.read", ""), "alice", "alice-password-1");
        JsonNode ok = exchange(Browser.query(loc2).get("code"), "spa", null, "https://spa.example/cb", VERIFIER);
        assertThat(ok.get("access_token").asText()).as(ok.toString()).isNotEmpty();
    }

    @Test
    void aReplayedCodeFailsAndRevokesWhatTheFirstRedemptionIssued() throws Exception {
        Browser b = new Browser(server.url(""));
        String code = Browser.query(codeFor(b, authorizeUrl("web", REDIRECT, "openid offline_access notes.read", ""), "bob", "bob-password-12"))
                .get("code");
        JsonNode first = exchange(code, "web", web.secret(), REDIRECT, VERIFIER);
        JsonNode second = exchange(code, "web", web.secret(), REDIRECT, VERIFIER);
        assertThat(second.get("error").asText()).isEqualTo("invalid_grant");
        HttpResponse<String> refresh = server.post("/oauth/token", "grant_type=refresh_token&refresh_token=" + enc(first.get("refresh_token").asText()),
                "Authorization", TestServer.basic("web", web.secret()));
        assertThat(Json.MAPPER.readTree(refresh.body()).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void loopbackRedirectUrisMayVaryOnlyThePort() throws Exception {
        Browser b = new Browser(server.url(""));
        String ok = codeFor(b, authorizeUrl("web", "http://127.0.0.1:53124/cb", "openid", ""), "alice", "alice-password-1");
        assertThat(ok).startsWith("http://127.0.0.1:53124/cb?code=");
        assertThat(b.get(authorizeUrl("web", "http://127.0.0.1:53124/other", "openid", "")).statusCode()).isEqualTo(400);
    }

    @Test
    void failedLoginsAreLimitedWithAVisibleMessageAnd429() throws Exception {
        server.users.create("carol", "carol-password-1", Map.of(), Set.of());
        Browser b = new Browser(server.url(""));
        String loc = Browser.location(b.get(authorizeUrl("web", REDIRECT, "openid", "")));
        HttpResponse<String> last = null;
        for (int i = 0; i < 5; i++) {
            last = login(b, loc, "carol", "wrong-password");
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.body()).contains("Too many failed sign-ins");
        HttpResponse<String> evenRight = login(b, loc, "carol", "carol-password-1");
        assertThat(evenRight.statusCode()).isEqualTo(429);
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefused() throws Exception {
        Browser b = new Browser(server.url(""));
        String loc = Browser.location(b.get(authorizeUrl("web", REDIRECT, "openid", "")));
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(b.get(loc).body()));
        form.put("csrf", "forged");
        form.put("username", "alice");
        form.put("password", "alice-password-1");
        HttpResponse<String> r = b.post("/oauth/login", form);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("CSRF");
    }

    @Test
    void pagesSpeakSimplifiedChinese() throws Exception {
        Browser b = new Browser(server.url(""));
        String loc = Browser.location(b.get(authorizeUrl("web", REDIRECT, "openid", "&ui_locales=zh-CN")));
        assertThat(b.get(loc).body()).contains("登录").contains("lang=\"zh-CN\"");
        b.acceptLanguage = "zh-CN,zh;q=0.9";
        String loc2 = Browser.location(b.get(authorizeUrl("web", REDIRECT, "openid", "")));
        assertThat(b.get(loc2).body()).contains("用户名");
    }

    @Test
    void logoutEndsTheSessionAndReturnsToARegisteredUri() throws Exception {
        Browser b = new Browser(server.url(""));
        String code = Browser.query(codeFor(b, authorizeUrl("web", REDIRECT, "openid", ""), "alice", "alice-password-1")).get("code");
        String idToken = exchange(code, "web", web.secret(), REDIRECT, VERIFIER).get("id_token").asText();
        HttpResponse<String> evil = b.get("/oauth/logout?id_token_hint=" + idToken + "&post_logout_redirect_uri=" + enc("https://evil.example/"));
        assertThat(evil.statusCode()).isEqualTo(400);
        assertThat(evil.headers().firstValue("Location")).isEmpty();
        HttpResponse<String> out = b.get("/oauth/logout?id_token_hint=" + idToken + "&post_logout_redirect_uri=" + enc("https://app.example/bye")
                + "&state=bye1");
        assertThat(Browser.location(out)).isEqualTo("https://app.example/bye?state=bye1");
        assertThat(Browser.query(Browser.location(b.get(authorizeUrl("web", REDIRECT, "openid", "&prompt=none")))))
                .containsEntry("error", "login_required");
    }

    @Test
    void authorizeAcceptsPostAndUserInfoAcceptsAFormToken() throws Exception {
        Browser b = new Browser(server.url(""));
        String query = authorizeUrl("console", "https://console.example/cb", "openid", "").substring("/oauth/authorize?".length());
        HttpResponse<String> posted = b.post("/oauth/authorize", Browser.query("http://x/?" + query));
        assertThat(Browser.location(posted)).startsWith("/oauth/login?request=");
        String loc = Browser.location(login(b, Browser.location(posted), "alice", "alice-password-1"));
        JsonNode tokens = exchange(Browser.query(loc).get("code"), "console", firstParty.secret(), "https://console.example/cb", VERIFIER);
        HttpResponse<String> info = server.post("/userinfo", "access_token=" + tokens.get("access_token").asText());
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(info.body()).get("sub").asText()).isNotEmpty();
    }

    @Test
    void theLoginHintPrefillsTheUsername() throws Exception {
        Browser b = new Browser(server.url(""));
        String loc = Browser.location(b.get(authorizeUrl("web", REDIRECT, "openid", "&login_hint=alice")));
        assertThat(b.get(loc).body()).contains("value=\"alice\"");
    }

    @Test
    void userinfoWithoutOrWithABadTokenAnswersPerRfc6750() {
        HttpResponse<String> none = server.get("/userinfo");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer realm=");
        HttpResponse<String> bad = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/userinfo")))
                .header("Authorization", "Bearer not.a.token").GET().build());
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
    }
}
