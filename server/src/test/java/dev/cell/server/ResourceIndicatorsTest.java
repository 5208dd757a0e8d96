package dev.cell.server;

import static dev.cell.server.AuthorizationCodeFlowTest.challenge;
import static dev.cell.server.AuthorizationCodeFlowTest.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Resource indicators (RFC 8707) over HTTP, as an MCP client uses them: {@code resource} on every request. */
class ResourceIndicatorsTest {
    static final String MCP = "https://mcp.example.com/mcp";
    static final String API = "https://api.example.com/";
    static final String REDIRECT = "http://127.0.0.1:33418/callback";
    static final String VERIFIER = AuthorizationCodeFlowTest.VERIFIER;
    static TestServer server;
    static ClientAdmin.Created service;
    static ClientAdmin.Created resourceServer;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        client("mcp-client", ClientAuthMethod.NONE, Set.of("authorization_code", "refresh_token"), List.of(REDIRECT), List.of(MCP, API),
                AccessTokenFormat.JWT);
        service = client("svc", ClientAuthMethod.CLIENT_SECRET_BASIC, Set.of("client_credentials"), List.of(), List.of(API, MCP),
                AccessTokenFormat.OPAQUE);
        resourceServer = client("rs", ClientAuthMethod.CLIENT_SECRET_BASIC, Set.of("client_credentials"), List.of(), List.of(),
                AccessTokenFormat.JWT);
        server.users.create("alice", "alice-password-1", Map.of(), Set.of());
    }

    static ClientAdmin.Created client(String id, ClientAuthMethod method, Set<String> grants, List<String> redirects, List<String> audiences,
            AccessTokenFormat format) {
        return server.clients.create(id, ClientMetadata.builder().clientName(id).tokenEndpointAuthMethod(method)
                .grantTypes(grants).redirectUris(redirects).scopes(Set.of("openid", "offline_access", "read"))
                .audiences(audiences).accessTokenFormat(format).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String authorize(String resources) throws Exception {
        return "/oauth/authorize?response_type=code&client_id=mcp-client&redirect_uri=" + enc(REDIRECT) + "&scope=" + enc("read offline_access")
                + "&state=s1&code_challenge=" + challenge(VERIFIER) + "&code_challenge_method=S256" + resources;
    }

    static String resource(String... values) {
        StringBuilder b = new StringBuilder();
        for (String v : values) {
            b.append("&resource=").append(enc(v));
        }
        return b.toString();
    }

    /** Runs the browser part and returns the code. */
    static String code(String resources) throws Exception {
        Browser b = new Browser(server.url(""));
        String callback = AuthorizationCodeFlowTest.codeFor(b, authorize(resources), "alice", "alice-password-1");
        assertThat(callback).startsWith(REDIRECT + "?code=");
        return Browser.query(callback).get("code");
    }

    static HttpResponse<String> token(String body) {
        return server.post("/oauth/token", body + "&client_id=mcp-client");
    }

    static HttpResponse<String> exchange(String code, String resources) {
        return token("grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT) + "&code_verifier=" + VERIFIER
                + resources);
    }

    static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    static void invalidTarget(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).isEqualTo("invalid_target");
    }

    static List<String> aud(JsonNode tokens) throws Exception {
        return SignedJWT.parse(tokens.get("access_token").asText()).getJWTClaimsSet().getAudience();
    }

    @Test
    void theMcpPathSendsResourceOnEveryRequestAndEachTokenIsForItAlone() throws Exception {
        JsonNode first = ok(exchange(code(resource(MCP)), resource(MCP)));
        assertThat(aud(first)).containsExactly(MCP);
        JsonNode second = ok(token("grant_type=refresh_token&refresh_token=" + first.get("refresh_token").asText() + resource(MCP)));
        assertThat(aud(second)).containsExactly(MCP);
        invalidTarget(token("grant_type=refresh_token&refresh_token=" + second.get("refresh_token").asText() + resource(API)));
        assertThat(aud(ok(token("grant_type=refresh_token&refresh_token=" + second.get("refresh_token").asText())))).containsExactly(MCP);
    }

    @Test
    void severalResourcesMayBeRequestedAndLaterNarrowed() throws Exception {
        JsonNode first = ok(exchange(code(resource(MCP, API)), ""));
        assertThat(aud(first)).containsExactly(MCP, API);
        JsonNode narrowed = ok(token("grant_type=refresh_token&refresh_token=" + first.get("refresh_token").asText() + resource(API)));
        assertThat(aud(narrowed)).containsExactly(API);
    }

    @Test
    void theCodeExchangeCannotWidenTheAuthorizedResources() throws Exception {
        invalidTarget(exchange(code(resource(MCP)), resource(API)));
    }

    @Test
    void withoutResourceTheAudienceIsTheClientsRegisteredList() throws Exception {
        assertThat(aud(ok(exchange(code(""), "")))).containsExactly(MCP, API);
    }

    @Test
    void aBadOrForeignResourceAtTheAuthorizationEndpointGoesBackAsInvalidTarget() throws Exception {
        for (String bad : List.of("https://evil.example/", "/relative", MCP + "#frag", "not a uri")) {
            String location = Browser.location(new Browser(server.url("")).get(authorize(resource(bad))));
            assertThat(location).as(bad).startsWith(REDIRECT + "?");
            Map<String, String> q = Browser.query(location);
            assertThat(q.get("error")).as(bad).isEqualTo("invalid_target");
            assertThat(q.get("state")).isEqualTo("s1");
        }
    }

    @Test
    void aClientCredentialsTokenIsForTheResourceAndIntrospectionSaysSo() throws Exception {
        JsonNode t = ok(server.post("/oauth/token", "grant_type=client_credentials&scope=read" + resource(API), "Authorization",
                TestServer.basic("svc", service.secret())));
        HttpResponse<String> i = server.post("/oauth/introspect", "token=" + t.get("access_token").asText(), "Authorization",
                TestServer.basic("rs", resourceServer.secret()));
        JsonNode body = ok(i);
        assertThat(body.get("active").asBoolean()).isTrue();
        List<String> aud = new ArrayList<>();
        body.get("aud").forEach(a -> aud.add(a.asText()));
        assertThat(aud).containsExactly(API);
        invalidTarget(server.post("/oauth/token", "grant_type=client_credentials" + resource("https://evil.example/"), "Authorization",
                TestServer.basic("svc", service.secret())));
        invalidTarget(server.post("/oauth/token", "grant_type=client_credentials&resource=" + enc(API + "#x"), "Authorization",
                TestServer.basic("svc", service.secret())));
    }
}
