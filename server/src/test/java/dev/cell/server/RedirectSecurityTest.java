package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.client.ApplicationType;
import dev.cell.client.Client;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.error.OAuthException;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** No open redirector anywhere (RFC 9700 §4.11): exact redirect URIs, an error page and a logout that never follow a stranger's URL. */
class RedirectSecurityTest {
    static final String REDIRECT = "https://app.example/callback";
    static TestServer server;
    static ClientAdmin.Created web;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        web = server.clients.create("web", ClientMetadata.builder().clientName("Web")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of(REDIRECT)).postLogoutRedirectUris(List.of("https://app.example/bye"))
                .scopes(Set.of("openid")).build());
        server.clients.create("other", ClientMetadata.builder().clientName("Other")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of("https://other.example/cb")).postLogoutRedirectUris(List.of("https://other.example/bye"))
                .scopes(Set.of("openid")).build());
        server.users.create("rita", "rita-password-1", Map.of(), Set.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertErrorPageWithoutRedirect(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(400);
        assertThat(r.headers().firstValue("Location")).as(r.uri().toString()).isEmpty();
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    }

    @Test
    void onlyTheExactRegisteredRedirectUriIsFollowed() throws Exception {
        Browser b = new Browser(server.url(""));
        for (String lookAlike : List.of(REDIRECT + "/", REDIRECT + "x", REDIRECT + "/../evil", REDIRECT + "?next=https://evil.example",
                REDIRECT + "#frag", "https://APP.example/callback", "https://app.example/Callback", "https://app.example:443/callback",
                "https://evil.app.example/callback", "https://app.example.evil.example/callback", "https://app.example@evil.example/callback",
                "https://evil.example/?https://app.example/callback", "http://app.example/callback", "https://app.example/callback%2F..%2Fx",
                "https://app.example/call", "https://app.example")) {
            assertErrorPageWithoutRedirect(b.get(AuthorizationCodeFlowTest.authorizeUrl("web", lookAlike, "openid", "")));
        }
        assertThat(Browser.location(b.get(AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid", "")))).startsWith("/oauth/login");
    }

    @Test
    void anInvalidClientOrRedirectUriIsNeverRedirectedToEvenWithErrorsThatWouldBe() throws Exception {
        Browser b = new Browser(server.url(""));
        assertErrorPageWithoutRedirect(b.get(AuthorizationCodeFlowTest.authorizeUrl("nobody", REDIRECT, "openid", "&prompt=none")));
        assertErrorPageWithoutRedirect(b.get("/oauth/authorize?client_id=web&redirect_uri=" + AuthorizationCodeFlowTest.enc("https://evil.example/")
                + "&response_type=nonsense&scope=admin"));
        assertErrorPageWithoutRedirect(b.get(AuthorizationCodeFlowTest.authorizeUrl("web", "https://other.example/cb", "openid", "")));
    }

    @Test
    void theErrorPageNeverRedirects() {
        Browser b = new Browser(server.url(""));
        for (String query : List.of("redirect_uri=https%3A%2F%2Fevil.example%2F", "error=access_denied&redirect_uri=https%3A%2F%2Fevil.example",
                "error=x&error_uri=https%3A%2F%2Fevil.example&post_logout_redirect_uri=https%3A%2F%2Fevil.example", "next=%2F%2Fevil.example",
                "error=%3Cscript%3E&error_description=%3Ca+href%3D%22https%3A%2F%2Fevil.example%22%3Ex%3C%2Fa%3E")) {
            HttpResponse<String> r = b.get("/oauth/error?" + query);
            assertErrorPageWithoutRedirect(r);
            assertThat(r.body()).doesNotContain("<script>").doesNotContain("<a href=\"https://evil.example\"").doesNotContain("http-equiv");
        }
    }

    @Test
    void logoutRedirectsOnlyToAUriRegisteredForTheNamedClient() {
        Browser b = new Browser(server.url(""));
        for (String query : List.of("post_logout_redirect_uri=" + AuthorizationCodeFlowTest.enc("https://evil.example/"),
                "client_id=web&post_logout_redirect_uri=" + AuthorizationCodeFlowTest.enc("https://evil.example/"),
                "client_id=web&post_logout_redirect_uri=" + AuthorizationCodeFlowTest.enc("https://other.example/bye"),
                "client_id=web&post_logout_redirect_uri=" + AuthorizationCodeFlowTest.enc("https://app.example/bye/x"),
                "post_logout_redirect_uri=" + AuthorizationCodeFlowTest.enc("https://app.example/bye"),
                "client_id=nobody&post_logout_redirect_uri=" + AuthorizationCodeFlowTest.enc("https://app.example/bye"))) {
            assertErrorPageWithoutRedirect(b.get("/oauth/logout?" + query));
        }
        HttpResponse<String> ok = b.get("/oauth/logout?client_id=web&state=s1&post_logout_redirect_uri="
                + AuthorizationCodeFlowTest.enc("https://app.example/bye"));
        assertThat(Browser.location(ok)).isEqualTo("https://app.example/bye?state=s1");
    }

    @Test
    void logoutWithAForgedIdTokenHintIsRefused() throws Exception {
        Browser b = new Browser(server.url(""));
        String forged = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2V2aWwuZXhhbXBsZSIsImF1ZCI6ImV2aWwifQ.";
        assertErrorPageWithoutRedirect(b.get("/oauth/logout?id_token_hint=" + forged + "&post_logout_redirect_uri="
                + AuthorizationCodeFlowTest.enc("https://evil.example/")));
    }

    @Test
    void aClientStoredBeforeTheRedirectUriRulesIsNeverRedirectedToABadUri() throws Exception {
        for (String bad : List.of("javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "https://*.example/cb", "myapp:/cb")) {
            String id = "stored-" + Integer.toHexString(bad.hashCode());
            Instant now = Instant.now();
            server.database.stores().clients().create(Client.builder().clientId(id).metadata(ClientMetadata.builder()
                    .clientName("Stored").tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                    .grantTypes(Set.of("authorization_code")).redirectUris(List.of(bad)).postLogoutRedirectUris(List.of(bad))
                    .scopes(Set.of("openid")).build()).createdAt(now).updatedAt(now).version(1).build());
            Browser b = new Browser(server.url(""));
            assertErrorPageWithoutRedirect(b.get(AuthorizationCodeFlowTest.authorizeUrl(id, bad, "openid", "")));
            assertErrorPageWithoutRedirect(b.get("/oauth/authorize?response_type=code&client_id=" + id + "&scope=read"));
            assertErrorPageWithoutRedirect(b.get("/oauth/logout?client_id=" + id + "&post_logout_redirect_uri="
                    + AuthorizationCodeFlowTest.enc(bad)));
        }
    }

    @Test
    void plainHttpRedirectUrisAreRegisteredOnlyForLoopback() {
        for (String uri : List.of("http://app.example/cb", "http://10.0.0.1/cb", "HTTP://app.example/cb")) {
            assertThatThrownBy(() -> server.clients.create(null, ClientMetadata.builder().clientName("Insecure")
                    .tokenEndpointAuthMethod(ClientAuthMethod.NONE).grantTypes(Set.of("authorization_code"))
                    .redirectUris(List.of(uri)).scopes(Set.of("openid")).build()))
                    .as(uri).isInstanceOf(OAuthException.class).hasMessageContaining("RFC 9700 section 2.6");
        }
        for (String uri : List.of("http://127.0.0.1/cb", "http://[::1]:8080/cb", "http://localhost:8080/cb", "com.example.app:/cb",
                "https://app.example/cb")) {
            assertThat(server.clients.create(null, ClientMetadata.builder().clientName("Native")
                    .applicationType(uri.startsWith("com.") ? ApplicationType.NATIVE : ApplicationType.WEB)
                    .tokenEndpointAuthMethod(ClientAuthMethod.NONE).grantTypes(Set.of("authorization_code"))
                    .redirectUris(List.of(uri)).scopes(Set.of("openid")).build()).client().redirectUris())
                    .as(uri).containsExactly(uri);
        }
    }
}
