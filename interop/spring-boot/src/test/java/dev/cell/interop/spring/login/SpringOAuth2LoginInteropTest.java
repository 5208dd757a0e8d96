package dev.cell.interop.spring.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.interop.spring.SpringLoginApp;
import dev.cell.server.Browser;
import dev.cell.server.TestServer;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Spring Security's OAuth2 login ({@code spring-boot-starter-security-oauth2-client}) with Cell as the provider, known only
 * by its issuer URL: discovery, the code flow with PKCE, ID token validation, and a signed-in Spring session.
 */
class SpringOAuth2LoginInteropTest {
    @Test
    void springSignsAUserInWithCell() throws Exception {
        try (TestServer cell = TestServer.start()) {
            try (SpringLoginApp spring = SpringLoginApp.start(cell, CellLoginApp.class)) {
                String app = spring.url();
                Browser b = new Browser(cell.url(""));
                String toSpringLogin = Browser.location(b.get(app + "/"));
                String authorize = Browser.location(b.get(toSpringLogin.startsWith("http") ? toSpringLogin : app + toSpringLogin));
                assertThat(authorize).startsWith(cell.url("/oauth/authorize")).contains("code_challenge=").contains("nonce=");
                String login = Browser.location(b.get(authorize));
                Map<String, String> form = new HashMap<>(Browser.hiddenFields(b.get(login).body()));
                form.put("username", SpringLoginApp.USERNAME);
                form.put("password", SpringLoginApp.PASSWORD);
                String consent = Browser.location(b.post("/oauth/login", form));
                Map<String, String> allow = new HashMap<>(Browser.hiddenFields(b.get(consent).body()));
                allow.put("decision", "allow");
                String callback = Browser.location(b.post("/oauth/confirm_access", allow));
                assertThat(callback).startsWith(app + "/login/oauth2/code/cell?code=");
                String afterLogin = Browser.location(b.get(callback));
                HttpResponse<String> home = b.get(afterLogin.startsWith("http") ? afterLogin : app + afterLogin);
                assertThat(home.statusCode()).isEqualTo(200);
                assertThat(home.body()).startsWith("signed in as alice@example.com");
            }
        }
    }
}
