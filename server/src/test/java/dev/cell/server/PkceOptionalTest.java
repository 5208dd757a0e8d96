package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.error.OAuthException;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A confidential client registered with PKCE optional may leave out {@code code_challenge} (OAuth 2.1 section 7.5.1, RFC 9700
 * section 2.1.1), as OpenID Connect relying parties protecting the code with {@code nonce} do; PKCE stays required by default.
 */
class PkceOptionalTest {
    static final String REDIRECT = "https://rp.example/cb";
    static final String VERIFIER = AuthorizationCodeFlowTest.VERIFIER;
    static TestServer server;
    static ClientAdmin.Created rp;
    static ClientAdmin.Created strict;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        rp = server.clients.create("rp", ClientMetadata.builder().clientName("Relying Party")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of(REDIRECT)).scopes(Set.of("openid", "profile")).firstParty(true).pkceRequired(false)
                .build());
        strict = server.clients.create("strict", ClientMetadata.builder().clientName("Strict")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of(REDIRECT)).scopes(Set.of("openid")).firstParty(true).build());
        server.users.create("olga", "olga-password-1", Map.of(), Set.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String authorize(String clientId, String extra) {
        return "/oauth/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + AuthorizationCodeFlowTest.enc(REDIRECT)
                + "&scope=openid&state=s1" + extra;
    }

    private static String code(Browser b, String url) {
        String callback = AuthorizationCodeFlowTest.codeFor(b, url, "olga", "olga-password-1");
        assertThat(callback).startsWith(REDIRECT + "?code=");
        return Browser.query(callback).get("code");
    }

    private static HttpResponse<String> redeem(String clientId, ClientAdmin.Created c, String code, String verifier) {
        String body = "grant_type=authorization_code&code=" + AuthorizationCodeFlowTest.enc(code) + "&redirect_uri="
                + AuthorizationCodeFlowTest.enc(REDIRECT) + (verifier == null ? "" : "&code_verifier=" + verifier);
        return server.post("/oauth/token", body, "Authorization", TestServer.basic(clientId, c.secret()));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void withoutAChallengeTheNonceProtectsTheCode() throws Exception {
        Browser b = new Browser(server.url(""));
        HttpResponse<String> r = redeem("rp", rp, code(b, authorize("rp", "&nonce=n-42")), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String idToken = json(r).get("id_token").asText();
        assertThat(SignedJWT.parse(idToken).getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n-42");
    }

    @Test
    void withoutAChallengeAndWithoutANonceTheFlowStillSucceeds() throws Exception {
        Browser b = new Browser(server.url(""));
        HttpResponse<String> r = redeem("rp", rp, code(b, authorize("rp", "")), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("access_token").asText()).isNotEmpty();
    }

    @Test
    void aVerifierForARequestWithoutAChallengeIsADowngrade() throws Exception {
        Browser b = new Browser(server.url(""));
        HttpResponse<String> r = redeem("rp", rp, code(b, authorize("rp", "&nonce=n-1")), VERIFIER);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(json(r).get("error_description").asText()).contains("RFC 9700 section 2.1.1").matches("[ -~&&[^\"\\\\]]+");
    }

    @Test
    void whenAChallengeWasSentTheVerifierStaysMandatory() throws Exception {
        Browser b = new Browser(server.url(""));
        String withChallenge = authorize("rp", "&code_challenge=" + AuthorizationCodeFlowTest.challenge(VERIFIER) + "&code_challenge_method=S256");
        assertThat(json(redeem("rp", rp, code(b, withChallenge), null)).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(json(redeem("rp", rp, code(b, withChallenge), "x".repeat(43))).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(redeem("rp", rp, code(b, withChallenge), VERIFIER).statusCode()).isEqualTo(200);
    }

    @Test
    void aMethodWithoutAChallengeIsRefused() {
        Browser b = new Browser(server.url(""));
        Map<String, String> q = Browser.query(Browser.location(b.get(authorize("rp", "&code_challenge_method=S256"))));
        assertThat(q).containsEntry("error", "invalid_request").containsEntry("state", "s1");
    }

    @Test
    void pkceStaysRequiredByDefault() {
        Browser b = new Browser(server.url(""));
        Map<String, String> q = Browser.query(Browser.location(b.get(authorize("strict", "&nonce=n-1"))));
        assertThat(q).containsEntry("error", "invalid_request").containsEntry("error_description", "code_challenge is required (PKCE, RFC 7636)");
        assertThat(server.clients.find("strict").orElseThrow().pkceRequired()).isTrue();
    }

    @Test
    void aPublicClientCannotLeavePkceOut() {
        assertThatThrownBy(() -> server.clients.create("spa", ClientMetadata.builder().clientName("SPA")
                .tokenEndpointAuthMethod(ClientAuthMethod.NONE).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of(REDIRECT)).scopes(Set.of("openid")).pkceRequired(false).build()))
                .isInstanceOf(OAuthException.class).hasMessageContaining("public client");
        assertThat(server.clients.find("spa")).isEmpty();
        server.clients.create("spa2", ClientMetadata.builder().clientName("SPA").tokenEndpointAuthMethod(ClientAuthMethod.NONE)
                .grantTypes(Set.of("authorization_code")).redirectUris(List.of(REDIRECT)).scopes(Set.of("openid")).build());
        assertThatThrownBy(() -> server.clients.setPkceRequired("spa2", false)).isInstanceOf(OAuthException.class)
                .hasMessageContaining("public client");
        assertThat(server.clients.find("spa2").orElseThrow().pkceRequired()).isTrue();
    }

    @Test
    void aCodeIssuedWithoutPkceIsRefusedOncePkceIsRequiredAgain() throws Exception {
        ClientAdmin.Created c = server.clients.create("switch", ClientMetadata.builder().clientName("Switch")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of(REDIRECT)).scopes(Set.of("openid")).firstParty(true).pkceRequired(false).build());
        Browser b = new Browser(server.url(""));
        String code = code(b, authorize("switch", ""));
        server.clients.setPkceRequired("switch", true);
        assertThat(json(redeem("switch", c, code, null)).get("error").asText()).isEqualTo("invalid_grant");
        server.clients.setPkceRequired("switch", false);
        assertThat(redeem("switch", c, code(b, authorize("switch", "")), null).statusCode()).isEqualTo(200);
    }
}
