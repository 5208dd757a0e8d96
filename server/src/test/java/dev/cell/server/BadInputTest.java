package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.client.ClientAuthMethod;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad requests to the token endpoint each get the right OAuth error and status, never a 500 or a stack trace. */
class BadInputTest {
    static TestServer server;
    static String auth;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("features.password.enabled", "true"));
        ClientAdmin.Created c = server.confidentialClient("svc", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
        auth = TestServer.basic("svc", c.secret());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertError(HttpResponse<String> r, int status, String error) throws Exception {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).isEqualTo(error);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("dev.cell");
    }

    @Test
    void wrongHttpMethodIs405InvalidRequestWithAllow() throws Exception {
        HttpResponse<String> get = server.get("/oauth/token");
        assertError(get, 405, "invalid_request");
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        HttpResponse<String> put = server.send(HttpRequest.newBuilder(URI.create(server.url("/oauth/token")))
                .PUT(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
        assertError(put, 405, "invalid_request");
        assertThat(put.headers().firstValue("Connection")).as("its body unread, the connection is not reused").hasValue("close");
        // OPTIONS at the token endpoint is a CORS preflight (CorsTest); at introspection, which browsers never call, it is refused
        for (String call : List.of("TRACE /oauth/token", "DELETE /oauth/token", "OPTIONS /oauth/introspect")) {
            String[] methodAndPath = call.split(" ");
            HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url(methodAndPath[1])))
                    .method(methodAndPath[0], HttpRequest.BodyPublishers.noBody()).build());
            assertError(r, 405, "invalid_request");
            assertThat(r.headers().firstValue("Allow")).as(call).hasValue("POST");
        }
    }

    @Test
    void headIsGetWithoutContentWhereGetIsAllowedAnd405ElsewhereWithAllow() throws Exception {
        for (String path : List.of("/.well-known/openid-configuration", "/oauth/jwks", "/health/live")) {
            HttpResponse<String> get = server.get(path);
            HttpResponse<String> head = server.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(head.statusCode()).as(path).isEqualTo(200);
            assertThat(head.body()).as(path).isEmpty();
            for (String field : List.of("Content-Type", "Content-Length", "X-Content-Type-Options", "Content-Security-Policy")) {
                assertThat(head.headers().firstValue(field)).as(path + " " + field).isPresent().isEqualTo(get.headers().firstValue(field));
            }
        }
        HttpResponse<String> head = server.send(HttpRequest.newBuilder(URI.create(server.url("/oauth/token")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(405);
        assertThat(head.headers().firstValue("Allow")).hasValue("POST");
        assertThat(server.get("/oauth/jwks").statusCode()).isEqualTo(200);
        HttpResponse<String> post = server.post("/oauth/jwks", "x=1");
        assertError(post, 405, "invalid_request");
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void wrongContentTypeIsInvalidRequest() throws Exception {
        assertError(server.post("/oauth/token", "{\"grant_type\":\"client_credentials\"}", "Content-Type", "application/json",
                "Authorization", auth), 400, "invalid_request");
        assertError(server.post("/oauth/token", "grant_type=client_credentials", "Content-Type",
                "application/x-www-form-urlencoded; charset=ISO-8859-1", "Authorization", auth), 400, "invalid_request");
    }

    @Test
    void aParameterGivenTwiceIsInvalidRequest() throws Exception {
        HttpResponse<String> r = server.post("/oauth/token", "grant_type=client_credentials&scope=read&scope=read", "Authorization", auth);
        assertError(r, 400, "invalid_request");
        assertThat(r.body()).contains("scope").contains("more than once");
    }

    /**
     * The body is declared, not sent: the server refuses on the header alone, and a client still writing a body the server
     * will never read races the close of the connection (a broken pipe instead of the answer).
     */
    @Test
    void anOversizedBodyIs413InvalidRequest() throws Exception {
        String head = "POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nAuthorization: "
                + auth + "\r\nContent-Length: 70000\r\nConnection: close\r\n\r\n";
        String response = RawHttp.exchange(server.assembly.port(), head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(RawHttp.status(response)).isEqualTo(413);
        assertThat(response).contains("\"error\":\"invalid_request\"").doesNotContain("Exception");
    }

    @Test
    void anUnknownClientIsInvalidClient() throws Exception {
        HttpResponse<String> r = server.post("/oauth/token", "grant_type=client_credentials", "Authorization",
                TestServer.basic("nobody", "secret"));
        assertError(r, 401, "invalid_client");
        assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
        assertError(server.post("/oauth/token", "grant_type=client_credentials&client_id=nobody&client_secret=x"), 401, "invalid_client");
    }

    @Test
    void noClientAuthenticationAtAllIsInvalidClient() throws Exception {
        assertError(server.post("/oauth/token", "grant_type=client_credentials"), 401, "invalid_client");
    }

    @Test
    void aMalformedBasicHeaderIsInvalidClient() throws Exception {
        assertError(server.post("/oauth/token", "grant_type=client_credentials", "Authorization", "Basic !!!not-base64"),
                401, "invalid_client");
        assertError(server.post("/oauth/token", "grant_type=client_credentials", "Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString("no-colon".getBytes())), 401, "invalid_client");
        assertError(server.post("/oauth/token", "grant_type=client_credentials", "Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) 0xC3, 0x28, ':', 'x'})), 401, "invalid_client");
        assertError(server.post("/oauth/token", "grant_type=client_credentials", "Authorization", "Bearer abc"), 401, "invalid_client");
    }

    @Test
    void nonUtf8BytesAreInvalidRequest() throws Exception {
        assertError(server.post("/oauth/token", "grant_type=client_credentials&scope=%FF%FE", "Authorization", auth),
                400, "invalid_request");
        assertError(server.post("/oauth/token", "grant_type=client_credentials&scope=\u00ff", "Authorization", auth),
                400, "invalid_request");
    }

    @Test
    void malformedPercentEncodingIsInvalidRequest() throws Exception {
        assertError(server.post("/oauth/token", "grant_type=client_credentials&scope=%G1", "Authorization", auth), 400, "invalid_request");
        assertError(server.post("/oauth/token", "grant_type=client_credentials&scope=%2", "Authorization", auth), 400, "invalid_request");
    }

    @Test
    void aScopeWithForbiddenCharactersIsInvalidScope() throws Exception {
        assertError(server.post("/oauth/token", "grant_type=client_credentials&scope=%22read%22", "Authorization", auth),
                400, "invalid_scope");
    }

    /** Values longer than any column they could reach are refused as bad input (4xx), never a database error (500). */
    @Test
    void overlongValuesAreRefusedNeverA500() throws Exception {
        String huge = "x".repeat(300);
        List<String> bodies = List.of(
                "grant_type=password&username=" + huge + "&password=p",
                "grant_type=client_credentials&scope=" + "read ".repeat(60) + huge,
                "grant_type=refresh_token&refresh_token=" + "r".repeat(5000),
                "grant_type=authorization_code&code=" + "c".repeat(5000) + "&code_verifier=" + "v".repeat(128),
                "grant_type=client_credentials&client_id=" + huge,
                "grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
                        + "&client_assertion=" + AssertionKit.signRs256(AssertionKit.rsa("k"), new com.nimbusds.jwt.JWTClaimsSet.Builder()
                                .issuer(huge).subject(huge).jwtID(huge).audience(server.url("/oauth/token"))
                                .expirationTime(new java.util.Date(System.currentTimeMillis() + 60_000)).build()));
        for (String body : bodies) {
            boolean selfIdentified = body.contains("client_id=") || body.contains("client_assertion=");
            HttpResponse<String> r = selfIdentified ? server.post("/oauth/token", body) : server.post("/oauth/token", body, "Authorization", auth);
            assertThat(r.statusCode()).as(body.substring(0, 40) + ": " + r.body()).isBetween(400, 499);
        }
        HttpResponse<String> basicHuge = server.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic(huge, "s"));
        assertThat(basicHuge.statusCode()).as(basicHuge.body()).isBetween(400, 499);
    }

    @Test
    void anUnknownPathIsAJson404() throws Exception {
        assertError(server.get("/oauth/nothing-here"), 404, "invalid_request");
    }
}
