package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Attacks on the authorization code flow (RFC 9700 §2.1, §4.2–§4.5, §4.8, §4.12): each must fail at the endpoint. */
class CodeFlowAttackTest {
    static final String REDIRECT = "https://app.example/callback";
    static final String ATTACKER_REDIRECT = "https://attacker.example/cb";
    static final String VERIFIER = AuthorizationCodeFlowTest.VERIFIER;
    static TestServer server;
    static ClientAdmin.Created web;
    static ClientAdmin.Created attacker;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        web = server.clients.create("web", ClientMetadata.builder().clientName("Web")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of("authorization_code", "refresh_token")).redirectUris(List.of(REDIRECT))
                .scopes(Set.of("openid", "offline_access", "notes.read")).build());
        attacker = server.clients.create("attacker", ClientMetadata.builder().clientName("Attacker")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of(ATTACKER_REDIRECT)).scopes(Set.of("openid", "notes.read")).build());
        server.clients.create("spa", ClientMetadata.builder().clientName("SPA").tokenEndpointAuthMethod(ClientAuthMethod.NONE)
                .grantTypes(Set.of("authorization_code")).redirectUris(List.of("https://spa.example/cb"))
                .scopes(Set.of("openid", "notes.read")).build());
        server.users.create("una", "una-password-1", Map.of(), Set.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String code(Browser b, String clientId, String redirect) throws Exception {
        String callback = AuthorizationCodeFlowTest.codeFor(b, AuthorizationCodeFlowTest.authorizeUrl(clientId, redirect, "openid notes.read", ""),
                "una", "una-password-1");
        assertThat(callback).startsWith(redirect + "?code=");
        return Browser.query(callback).get("code");
    }

    private static HttpResponse<String> redeem(String clientId, ClientAdmin.Created c, String code, String redirect, String verifier) {
        String body = "grant_type=authorization_code&code=" + AuthorizationCodeFlowTest.enc(code) + "&redirect_uri="
                + AuthorizationCodeFlowTest.enc(redirect) + (verifier == null ? "" : "&code_verifier=" + verifier);
        return server.post("/oauth/token", body, "Authorization", TestServer.basic(clientId, c.secret()));
    }

    private static String error(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body()).path("error").asText();
    }

    @Test
    void pkceCannotBeDowngraded() throws Exception {
        Browser b = new Browser(server.url(""));
        String noChallenge = "/oauth/authorize?response_type=code&client_id=web&redirect_uri=" + AuthorizationCodeFlowTest.enc(REDIRECT)
                + "&scope=openid&state=s";
        assertThat(Browser.query(Browser.location(b.get(noChallenge)))).containsEntry("error", "invalid_request");
        String absentMethodMeansPlain = noChallenge + "&code_challenge=" + AuthorizationCodeFlowTest.challenge(VERIFIER);
        assertThat(Browser.query(Browser.location(b.get(absentMethodMeansPlain)))).containsEntry("error", "invalid_request");
        String plain = noChallenge + "&code_challenge=" + VERIFIER + "&code_challenge_method=plain";
        assertThat(Browser.query(Browser.location(b.get(plain)))).containsEntry("error", "invalid_request");

        String code = code(b, "web", REDIRECT);
        assertThat(error(redeem("web", web, code, REDIRECT, null))).as("no code_verifier").isEqualTo("invalid_grant");
        String code2 = code(b, "web", REDIRECT);
        assertThat(error(redeem("web", web, code2, REDIRECT, "x".repeat(43)))).as("another verifier").isEqualTo("invalid_grant");
        String code3 = code(b, "web", REDIRECT);
        assertThat(error(redeem("web", web, code3, REDIRECT, AuthorizationCodeFlowTest.challenge(VERIFIER))))
                .as("the challenge itself, as if the method were plain").isEqualTo("invalid_grant");
    }

    /** Each attempt presents the code's own redirect URI and verifier, so only the client binding can stop it. */
    @Test
    void aCodeStolenFromOneClientIsUselessToAnother() throws Exception {
        String stolen = code(new Browser(server.url("")), "web", REDIRECT);
        HttpResponse<String> theft = redeem("attacker", attacker, stolen, REDIRECT, VERIFIER);
        assertThat(error(theft)).isEqualTo("invalid_grant");
        String attackersOwn = code(new Browser(server.url("")), "attacker", ATTACKER_REDIRECT);
        HttpResponse<String> injection = redeem("web", web, attackersOwn, ATTACKER_REDIRECT, VERIFIER);
        assertThat(error(injection)).as("code injection into the victim client").isEqualTo("invalid_grant");
    }

    /** RFC 6749 section 4.1.3: only the client the code was issued to redeems it, so another client's attempt burns nothing. */
    @Test
    void anotherClientCanNeitherBurnAnUnusedCodeNorRevokeARedeemedOne() throws Exception {
        Browser b = new Browser(server.url(""));
        String code = AuthorizationCodeFlowTest.codeFor(b, AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT,
                "openid offline_access notes.read", ""), "una", "una-password-1");
        code = Browser.query(code).get("code");
        assertThat(error(redeem("attacker", attacker, code, REDIRECT, VERIFIER))).isEqualTo("invalid_grant");
        HttpResponse<String> byPublic = server.post("/oauth/token", "grant_type=authorization_code&client_id=spa&code="
                + AuthorizationCodeFlowTest.enc(code) + "&redirect_uri=" + AuthorizationCodeFlowTest.enc(REDIRECT) + "&code_verifier=" + VERIFIER);
        assertThat(error(byPublic)).as("a public client without a secret").isEqualTo("invalid_grant");

        HttpResponse<String> real = redeem("web", web, code, REDIRECT, VERIFIER);
        assertThat(real.statusCode()).as("the code is still unused: " + real.body()).isEqualTo(200);
        String refresh = Json.MAPPER.readTree(real.body()).get("refresh_token").asText();

        assertThat(error(redeem("attacker", attacker, code, REDIRECT, VERIFIER))).isEqualTo("invalid_grant");
        HttpResponse<String> refreshed = server.post("/oauth/token", "grant_type=refresh_token&refresh_token="
                + AuthorizationCodeFlowTest.enc(refresh), "Authorization", TestServer.basic("web", web.secret()));
        assertThat(refreshed.statusCode()).as("another client's replay revokes nothing: " + refreshed.body()).isEqualTo(200);
    }

    @Test
    void aCodeRedeemedTwiceFailsAndAReplayedRefreshTokenEndsTheFamily() throws Exception {
        Browser b = new Browser(server.url(""));
        String callback = AuthorizationCodeFlowTest.codeFor(b, AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT,
                "openid offline_access notes.read", ""), "una", "una-password-1");
        String code = Browser.query(callback).get("code");
        JsonNode tokens = Json.MAPPER.readTree(redeem("web", web, code, REDIRECT, VERIFIER).body());
        assertThat(error(redeem("web", web, code, REDIRECT, VERIFIER))).isEqualTo("invalid_grant");
        String refresh = tokens.get("refresh_token").asText();
        HttpResponse<String> afterReplay = server.post("/oauth/token", "grant_type=refresh_token&refresh_token="
                + AuthorizationCodeFlowTest.enc(refresh), "Authorization", TestServer.basic("web", web.secret()));
        assertThat(error(afterReplay)).as("the code replay revoked what the code bought").isEqualTo("invalid_grant");
    }

    @Test
    void everyAuthorizationResponseCarriesTheIssuer() throws Exception {
        String iss = server.config.issuer().toString();
        Browser b = new Browser(server.url(""));
        Map<String, String> success = Browser.query(AuthorizationCodeFlowTest.codeFor(b,
                AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid", ""), "una", "una-password-1"));
        assertThat(success).containsKey("code").containsEntry("iss", iss);
        Browser fresh = new Browser(server.url(""));
        for (String extra : List.of("&prompt=none", "&prompt=bogus", "&max_age=-1", "&request=x")) {
            assertThat(Browser.query(Browser.location(fresh.get(AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid", extra)))))
                    .as(extra).containsKey("error").containsEntry("iss", iss);
        }
        assertThat(Browser.query(Browser.location(fresh.get(AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid admin", "")))))
                .containsEntry("error", "invalid_scope").containsEntry("iss", iss);
        String consent = Browser.location(AuthorizationCodeFlowTest.login(fresh,
                Browser.location(fresh.get(AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid notes.read", "&prompt=consent"))),
                "una", "una-password-1"));
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(fresh.get(consent).body()));
        form.put("decision", "deny");
        assertThat(Browser.query(Browser.location(fresh.post("/oauth/confirm_access", form)))).containsEntry("error", "access_denied")
                .containsEntry("iss", iss);
        assertThat(Json.MAPPER.readTree(server.get("/.well-known/oauth-authorization-server").body())
                .get("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
    }

    @Test
    void responsesToCredentialPostsAre303NeverA307() throws Exception {
        Browser b = new Browser(server.url(""));
        HttpResponse<String> authorize = b.post("/oauth/authorize", Browser.query("http://x/" + AuthorizationCodeFlowTest.authorizeUrl("web",
                REDIRECT, "openid notes.read", "&prompt=consent").substring("/oauth/authorize".length())));
        assertThat(authorize.statusCode()).isEqualTo(303);
        HttpResponse<String> login = AuthorizationCodeFlowTest.login(b, Browser.location(authorize), "una", "una-password-1");
        assertThat(login.statusCode()).as("after the password POST").isEqualTo(303);
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(b.get(Browser.location(login)).body()));
        form.put("decision", "allow");
        HttpResponse<String> consent = b.post("/oauth/confirm_access", form);
        assertThat(consent.statusCode()).isEqualTo(303);
        assertThat(Browser.location(consent)).startsWith(REDIRECT + "?code=");
    }

    @Test
    void theUserSignsInBeforeAnyRedirectWithACodeAndPromptNoneNeverShowsAPage() throws Exception {
        Browser b = new Browser(server.url(""));
        assertThat(Browser.location(b.get(AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid", "")))).startsWith("/oauth/login?");
        Map<String, String> silent = Browser.query(Browser.location(b.get(AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid",
                "&prompt=none"))));
        assertThat(silent).containsEntry("error", "login_required").doesNotContainKey("code");
    }

    @Test
    void inBrowserResponseModesAreNotOffered() throws Exception {
        Browser b = new Browser(server.url(""));
        for (String mode : List.of("web_message", "query.jwt")) {
            assertThat(Browser.query(Browser.location(b.get(AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid",
                    "&response_mode=" + mode))))).as(mode).containsEntry("error", "invalid_request");
        }
        JsonNode metadata = Json.MAPPER.readTree(server.get("/.well-known/openid-configuration").body());
        assertThat(metadata.path("response_modes_supported").toString()).doesNotContain("web_message");
    }

    @Test
    void theAuthorizationEndpointAnswersNoCors() throws Exception {
        String url = server.url(AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid", ""));
        HttpResponse<String> get = server.send(HttpRequest.newBuilder(URI.create(url)).header("Origin", "https://evil.example").GET().build());
        HttpResponse<String> preflight = server.send(HttpRequest.newBuilder(URI.create(url)).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        for (HttpResponse<String> r : List.of(get, preflight)) {
            assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));
        }
    }
}
