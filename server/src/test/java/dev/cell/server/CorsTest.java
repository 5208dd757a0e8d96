package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cross-origin access (Fetch standard §3.2) on the public, cookie-free JSON endpoints, and on nothing else. */
class CorsTest {
    static final String ORIGIN = "https://spa.example";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("admin.enabled", "true", "registration.policy", "open", "registration.open.max-per-address", "1",
                "features.device-authorization.enabled", "true"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> preflight(TestServer s, String path, String method) {
        return s.send(HttpRequest.newBuilder(URI.create(s.url(path))).header("Origin", ORIGIN).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "content-type,dpop").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    }

    static HttpResponse<String> get(TestServer s, String path) {
        return s.send(HttpRequest.newBuilder(URI.create(s.url(path))).header("Origin", ORIGIN).GET().build());
    }

    static HttpResponse<String> post(TestServer s, String path, String body) {
        return s.post(path, body, "Origin", ORIGIN);
    }

    static void assertReadable(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(r.uri() + " " + r.statusCode()).hasValue("*");
        assertThat(r.headers().firstValue("Access-Control-Expose-Headers")).hasValue("WWW-Authenticate, DPoP-Nonce");
        assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    static void assertNoCors(HttpResponse<String> r) {
        assertThat(r.headers().map().keySet()).as(r.request().method() + " " + r.uri())
                .noneMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("access-control-"));
    }

    @Test
    void theTokenEndpointAnswersAPreflight() {
        HttpResponse<String> r = preflight(server, "/oauth/token", "POST");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Authorization, Content-Type, DPoP");
        assertThat(r.headers().firstValue("Access-Control-Max-Age")).hasValue("86400");
        assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void everyListedEndpointAnswersAPreflightWithItsMethods() {
        Map<String, String> methods = Map.of(
                "/.well-known/openid-configuration", "GET, HEAD",
                "/.well-known/oauth-authorization-server", "GET, HEAD",
                "/oauth/jwks", "GET, HEAD",
                "/oauth/token_key", "GET, HEAD",
                "/oauth/revoke", "POST",
                "/oauth/register", "POST",
                "/oauth/register/some-client", "GET, HEAD, PUT, DELETE",
                "/oauth/device_authorization", "POST",
                "/userinfo", "GET, HEAD, POST");
        methods.forEach((path, allowed) -> {
            HttpResponse<String> r = preflight(server, path, allowed.substring(0, allowed.indexOf(',') < 0 ? allowed.length() : allowed.indexOf(',')));
            assertThat(r.statusCode()).as(path).isEqualTo(204);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(path).hasValue("*");
            assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).as(path).hasValue(allowed);
        });
    }

    @Test
    void tokenErrorsAreReadableAcrossOrigins() {
        HttpResponse<String> unsupported = post(server, "/oauth/token", "grant_type=nonsense&client_id=nobody");
        HttpResponse<String> badClient = server.post("/oauth/token", "grant_type=client_credentials", "Origin", ORIGIN,
                "Authorization", TestServer.basic("nobody", "wrong"));
        HttpResponse<String> tooLarge = post(server, "/oauth/token", "grant_type=client_credentials&x=" + "a".repeat(70_000));
        HttpResponse<String> wrongMethod = get(server, "/oauth/token");
        assertThat(unsupported.statusCode()).isBetween(400, 401);
        assertThat(badClient.statusCode()).isEqualTo(401);
        assertThat(badClient.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        for (HttpResponse<String> r : List.of(unsupported, badClient, tooLarge, wrongMethod)) {
            assertReadable(r);
            assertThat(r.body()).contains("\"error\"");
        }
    }

    @Test
    void discoveryKeysUserInfoAndRegistrationAreReadableAcrossOrigins() {
        HttpResponse<String> discovery = get(server, "/.well-known/openid-configuration");
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertReadable(discovery);
        assertReadable(get(server, "/.well-known/oauth-authorization-server"));
        assertReadable(get(server, "/oauth/jwks"));
        HttpResponse<String> userinfo = get(server, "/userinfo");
        assertThat(userinfo.statusCode()).isEqualTo(401);
        assertReadable(userinfo);
        String metadata = "{\"token_endpoint_auth_method\":\"none\",\"redirect_uris\":[\"com.example.app:/cb\"],\"application_type\":\"native\"}";
        HttpResponse<String> first = server.post("/oauth/register", metadata, "Origin", ORIGIN, "Content-Type", "application/json");
        HttpResponse<String> limited = server.post("/oauth/register", metadata, "Origin", ORIGIN, "Content-Type", "application/json");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertReadable(first);
        assertReadable(limited);
    }

    @Test
    void pagesTheAdminApiAndIntrospectionNeverAnswerCrossOrigin() {
        for (String path : List.of("/oauth/authorize", "/oauth/login", "/oauth/confirm_access", "/oauth/logout", "/account", "/device",
                "/admin/api/v1/clients", "/oauth/introspect", "/oauth/check_token")) {
            HttpResponse<String> pre = preflight(server, path, "POST");
            assertThat(pre.statusCode()).as(path).isEqualTo(405);
            assertNoCors(pre);
            assertNoCors(get(server, path));
            assertNoCors(post(server, path, "token=x"));
        }
    }

    @Test
    void switchedOffNothingAnswersCrossOrigin() {
        try (TestServer off = TestServer.start(Map.of("server.cors.enabled", "false"))) {
            HttpResponse<String> pre = preflight(off, "/oauth/token", "POST");
            assertThat(pre.statusCode()).isEqualTo(405);
            assertNoCors(pre);
            assertNoCors(post(off, "/oauth/token", "grant_type=nonsense"));
            assertNoCors(get(off, "/.well-known/openid-configuration"));
            assertNoCors(get(off, "/oauth/jwks"));
            assertNoCors(get(off, "/userinfo"));
        }
    }
}
