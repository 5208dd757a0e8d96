package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Only an ID token Cell issued is an {@code id_token_hint} (OIDC RP-Initiated Logout 1.0 section 2; RFC 8725 section 3.11): an
 * access token, which every resource server sees, must not sign its user out without the confirmation page.
 */
class LogoutHintTest {
    static final String REDIRECT = AuthorizationCodeFlowTest.REDIRECT;
    static final String BYE = "https://app.example/bye";
    static final MutableClock CLOCK = new MutableClock();
    static TestServer server;
    static ClientAdmin.Created web;
    static ClientAdmin.Created legacy;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("tokens.id-token-lifetime", "5m"), CLOCK);
        web = server.clients.create("web", ClientMetadata.builder().clientName("Web")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of(REDIRECT)).postLogoutRedirectUris(List.of(BYE)).scopes(Set.of("openid")).firstParty(true)
                .build());
        legacy = server.clients.create("legacy", ClientMetadata.builder().clientName("Legacy")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of(REDIRECT)).postLogoutRedirectUris(List.of(BYE)).scopes(Set.of("openid")).firstParty(true)
                .build());
        server.clients.setLegacyTokenClaims("legacy", true);
        server.users.create("lou", "lou-password-1", Map.of(), Set.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Signs {@code b} in through the code flow of {@code client}; returns the token response. */
    private static JsonNode signIn(Browser b, ClientAdmin.Created client) throws Exception {
        String id = client.client().clientId();
        String code = Browser.query(AuthorizationCodeFlowTest.codeFor(b, AuthorizationCodeFlowTest.authorizeUrl(id, REDIRECT, "openid", ""),
                "lou", "lou-password-1")).get("code");
        return Json.MAPPER.readTree(server.post("/oauth/token", "grant_type=authorization_code&code=" + code + "&redirect_uri="
                + AuthorizationCodeFlowTest.enc(REDIRECT) + "&code_verifier=" + AuthorizationCodeFlowTest.VERIFIER, "Authorization",
                TestServer.basic(id, client.secret())).body());
    }

    private static boolean signedIn(Browser b, String clientId) throws Exception {
        return Browser.location(b.get(AuthorizationCodeFlowTest.authorizeUrl(clientId, REDIRECT, "openid", "&prompt=none")))
                .startsWith(REDIRECT + "?code=");
    }

    private static HttpResponse<String> logout(Browser b, String hint) {
        return b.get("/oauth/logout?id_token_hint=" + hint + "&post_logout_redirect_uri=" + AuthorizationCodeFlowTest.enc(BYE));
    }

    @Test
    void anAccessTokenIsNotAnIdTokenHint() throws Exception {
        for (ClientAdmin.Created client : List.of(web, legacy)) {
            Browser b = new Browser(server.url(""));
            String accessToken = signIn(b, client).get("access_token").asText();
            HttpResponse<String> out = b.get("/oauth/logout?id_token_hint=" + accessToken);
            assertThat(out.statusCode()).as(client.client().clientId() + ": " + out.body()).isEqualTo(400);
            assertThat(out.body()).contains("id_token_hint");
            assertThat(signedIn(b, client.client().clientId())).as("still signed in").isTrue();
        }
    }

    @Test
    void anIdTokenSignsItsUserOutAtOnceEvenWhenExpired() throws Exception {
        for (ClientAdmin.Created client : List.of(web, legacy)) {
            Browser b = new Browser(server.url(""));
            String idToken = signIn(b, client).get("id_token").asText();
            CLOCK.advance(Duration.ofMinutes(10));
            HttpResponse<String> out = logout(b, idToken);
            assertThat(Browser.location(out)).as(client.client().clientId() + ": " + out.body()).isEqualTo(BYE);
            assertThat(signedIn(b, client.client().clientId())).as("signed out").isFalse();
        }
    }
}
