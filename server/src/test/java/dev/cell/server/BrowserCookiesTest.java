package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.token.AccessTokenFormat;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Cookies are Secure exactly when the issuer is https (RFC 9700 §4.1; RFC 6265 §4.1.2.5). */
class BrowserCookiesTest {

    private static List<String> cookiesAfterAuthorize(TestServer server) {
        server.clients.create("c", ClientMetadata.builder().clientName("C")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of("https://c.example/cb")).scopes(Set.of("openid")).build());
        Browser b = new Browser("http://127.0.0.1:" + server.assembly.port());
        HttpResponse<String> r = b.get("/oauth/authorize?response_type=code&client_id=c&redirect_uri=https%3A%2F%2Fc.example%2Fcb&scope=openid"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
        return r.headers().allValues("Set-Cookie");
    }

    @Test
    void httpsIssuerMakesCookiesSecure() {
        try (TestServer server = TestServer.start(Map.of("issuer", "https://auth.example.com"))) {
            List<String> cookies = cookiesAfterAuthorize(server);
            assertThat(cookies).isNotEmpty().allSatisfy(c -> assertThat(c).contains("; Secure").contains("HttpOnly").contains("SameSite=Lax"));
        }
    }

    @Test
    void loopbackHttpIssuerLeavesThemWithoutSecure() {
        try (TestServer server = TestServer.start()) {
            List<String> cookies = cookiesAfterAuthorize(server);
            assertThat(cookies).isNotEmpty().allSatisfy(c -> assertThat(c).doesNotContain("Secure").contains("HttpOnly"));
        }
    }
}
