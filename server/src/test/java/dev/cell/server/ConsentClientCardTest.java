package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.client.Client;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The consent page shows the client's name, its https logo (allowed by the page's CSP) and its links, all escaped (RFC 7591 §2). */
class ConsentClientCardTest {
    private static final String REDIRECT = "https://brand.example/cb";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.clients.create("branded", web("<b>Brand & Co</b>").logoUri("https://cdn.brand.example:8443/logo.png?a=1&b=2")
                .clientUri("https://brand.example/").policyUri("https://brand.example/privacy").tosUri("https://brand.example/tos?x='1'")
                .build());
        server.clients.create("plain", web("Plain").build());
        Instant t = Instant.now();
        server.database.stores().clients().create(Client.builder().clientId("stored").metadata(web("Stored")
                .logoUri("http://cdn.brand.example/logo.png").clientUri("javascript:alert(1)").build()).createdAt(t).build());
        server.users.create("alice", "alice-password-1", Map.of(), Set.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ClientMetadata.Builder web(String name) {
        return ClientMetadata.builder().clientName(name).tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of("authorization_code")).redirectUris(List.of(REDIRECT)).scopes(Set.of("openid"));
    }

    private static HttpResponse<String> consentPage(String clientId) throws Exception {
        Browser b = new Browser(server.url(""));
        String login = Browser.location(b.get(AuthorizationCodeFlowTest.authorizeUrl(clientId, REDIRECT, "openid", "")));
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(b.get(login).body()));
        form.put("username", "alice");
        form.put("password", "alice-password-1");
        String consent = Browser.location(b.post("/oauth/login", form));
        assertThat(consent).startsWith("/oauth/confirm_access?");
        return b.get(consent);
    }

    @Test
    void nameLogoAndLinksAreShownEscaped() throws Exception {
        HttpResponse<String> page = consentPage("branded");
        assertThat(page.body()).contains("&lt;b&gt;Brand &amp; Co&lt;/b&gt;").doesNotContain("<b>Brand");
        assertThat(page.body()).contains("<img class=\"client-logo\" src=\"https://cdn.brand.example:8443/logo.png?a=1&amp;b=2\"");
        assertThat(page.body()).contains("href=\"https://brand.example/\"").contains("href=\"https://brand.example/privacy\"")
                .contains("href=\"https://brand.example/tos?x=&#39;1&#39;\"").contains("Privacy policy").contains("Terms of service");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("img-src 'self' https://cdn.brand.example:8443;").contains("default-src 'none'");
    }

    @Test
    void withoutMetadataThePageHasNoLogoNoLinksAndTheStrictPolicy() throws Exception {
        HttpResponse<String> page = consentPage("plain");
        assertThat(page.body()).contains("Plain").doesNotContain("<img").doesNotContain("client-links");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("img-src 'self';");
    }

    @Test
    void aLogoOverHttpOrALinkToScriptIsNeverShownEvenIfStored() throws Exception {
        HttpResponse<String> page = consentPage("stored");
        assertThat(page.body()).doesNotContain("<img").doesNotContain("javascript:").doesNotContain("http://cdn.brand.example");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("img-src 'self';");
    }
}
