package dev.cell.interop.spring.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.Browser;
import dev.cell.server.TestServer;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring Security's OAuth2 login ({@code spring-boot-starter-security-oauth2-client}) with Cell as the provider, known only
 * by its issuer URL: discovery, the code flow with PKCE, ID token validation, and a signed-in Spring session.
 */
class SpringOAuth2LoginInteropTest {
    @Test
    void springSignsAUserInWithCell() throws Exception {
        try (TestServer cell = TestServer.start()) {
            cell.users.create("alice", "alice-password-1", Map.of("email", "alice@example.com", "email_verified", true), Set.of());
            ClientAdmin.Created client = cell.clients.create("spring-app", ClientMetadata.builder().clientName("Spring app")
                    .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                    .redirectUris(List.of("http://127.0.0.1/login/oauth2/code/cell"))
                    .scopes(Set.of("openid", "profile", "email")).build());
            try (ConfigurableApplicationContext spring = new SpringApplicationBuilder(CellLoginApp.class).properties(
                    "server.address=127.0.0.1", "server.port=0", "spring.main.banner-mode=off",
                    "spring.security.oauth2.client.provider.cell.issuer-uri=" + cell.config.issuer(),
                    "spring.security.oauth2.client.registration.cell.client-id=spring-app",
                    "spring.security.oauth2.client.registration.cell.client-secret=" + client.secret(),
                    "spring.security.oauth2.client.registration.cell.scope=openid,profile,email").run()) {
                String app = "http://127.0.0.1:" + ((WebServerApplicationContext) spring).getWebServer().getPort();
                Browser b = new Browser(cell.url(""));
                String toSpringLogin = Browser.location(b.get(app + "/"));
                String authorize = Browser.location(b.get(toSpringLogin.startsWith("http") ? toSpringLogin : app + toSpringLogin));
                assertThat(authorize).startsWith(cell.url("/oauth/authorize")).contains("code_challenge=").contains("nonce=");
                String login = Browser.location(b.get(authorize));
                Map<String, String> form = new HashMap<>(Browser.hiddenFields(b.get(login).body()));
                form.put("username", "alice");
                form.put("password", "alice-password-1");
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
