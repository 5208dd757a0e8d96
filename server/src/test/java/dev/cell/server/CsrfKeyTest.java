package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.keys.MasterKey;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.TokenHasher;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * CSRF tokens are keyed by a server secret (OWASP CSRF Prevention, HMAC-based tokens): whoever can plant a {@code cell_browser}
 * cookie (a sibling subdomain, another port) cannot compute the token offline; every node shares the key through the database.
 */
class CsrfKeyTest {
    static final String REDIRECT = AuthorizationCodeFlowTest.REDIRECT;

    private static void seed(TestServer s) {
        s.clients.create("web", ClientMetadata.builder().clientName("Web")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of(REDIRECT)).scopes(Set.of("openid")).firstParty(true).build());
        s.users.create("cy", "cy-password-12", Map.of(), Set.of());
    }

    private static String loginPage(Browser b) throws Exception {
        return Browser.location(b.get(AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid", "")));
    }

    private static Map<String, String> loginForm(Browser b, String page) {
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(b.get(page).body()));
        form.put("username", "cy");
        form.put("password", "cy-password-12");
        return form;
    }

    @Test
    void aPlantedBrowserCookieDoesNotLetAnAttackerComputeTheToken() throws Exception {
        try (TestServer s = TestServer.start()) {
            seed(s);
            String planted = "planted-by-a-sibling-subdomain-0123456789";
            Browser victim = new Browser(s.url(""));
            HttpCookie cookie = new HttpCookie("cell_browser", planted);
            cookie.setPath("/");
            cookie.setVersion(0);
            victim.cookies.getCookieStore().add(URI.create(s.url("")), cookie);
            Map<String, String> form = loginForm(victim, loginPage(victim));
            String unkeyed = TokenHasher.hash("csrf:" + planted);
            assertThat(form.get("csrf")).isNotEqualTo(unkeyed);

            form.put("csrf", unkeyed);
            HttpResponse<String> forged = victim.post("/oauth/login", form);
            assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
            assertThat(forged.body()).contains("CSRF");
        }
    }

    @Test
    void twoNodesAcceptEachOthersTokensAndTheKeyIsStoredSealed() throws Exception {
        String db = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        String master = MasterKey.generate(new SecureRandom());
        Map<String, String> config = Map.of("database.url", db, "keys.master-key", master);
        try (TestServer a = TestServer.start(config); TestServer b = TestServer.start(config)) {
            seed(a);
            Browser browser = new Browser(a.url(""));
            Map<String, String> form = loginForm(browser, loginPage(browser));
            HttpResponse<String> onB = browser.post(b.url("/oauth/login"), form);
            assertThat(onB.statusCode()).as(onB.body()).isEqualTo(303);
            assertThat(Browser.location(onB)).startsWith(REDIRECT + "?code=");

            String sealed = a.database.serverSecrets().findOrCreate("csrf", "unused", "unused", Instant.now());
            assertThat(sealed).isNotEqualTo("unused");
            assertThat(a.masterKey.open(sealed)).hasSize(43);
        }
    }
}
