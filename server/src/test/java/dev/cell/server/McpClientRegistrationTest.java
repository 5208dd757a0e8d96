package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.token.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Open registration (RFC 7591) as MCP clients use it: the body the official TypeScript SDK posts registers as it is, and the
 * client then runs the code flow with PKCE and an RFC 8707 resource (on any loopback port, RFC 8252 §7.3) and refreshes; what
 * the open policy must refuse gets the RFC 7591 §3.2.2 codes.
 */
class McpClientRegistrationTest {
    static final String MCP = "http://127.0.0.1:3000/mcp";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("registration.policy", "open", "registration.open.max-per-address", "1000",
                "registration.open.scopes", "openid,offline_access,mcp.tools", "registration.open.resources", MCP + ",https://other.example/mcp"));
        server.users.create("alice", "alice-password-1", Map.of(), Set.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> register(String body) {
        return server.send(HttpRequest.newBuilder(URI.create(server.url("/oauth/register"))).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Accept", "application/json").build());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    static String refusal(String body) throws Exception {
        HttpResponse<String> r = register(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        return json(r).get("error").asText();
    }

    static String enc(String s) {
        return AuthorizationCodeFlowTest.enc(s);
    }

    @Test
    void theTypeScriptSdksRegistrationRunsTheCodeFlowWithPkceAndAResourceThenRefreshes() throws Exception {
        // exactly what @modelcontextprotocol/sdk's registerClient posts: JSON.stringify(provider.clientMetadata)
        HttpResponse<String> registered = register("{\"redirect_uris\":[\"http://127.0.0.1:33418/callback\"],\"client_name\":\"MCP test client\","
                + "\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"response_types\":[\"code\"],"
                + "\"token_endpoint_auth_method\":\"none\",\"scope\":\"mcp.tools offline_access\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        JsonNode client = json(registered);
        String clientId = client.get("client_id").asText();
        assertThat(client.has("client_secret")).isFalse();
        assertThat(client.get("token_endpoint_auth_method").asText()).isEqualTo("none");
        assertThat(server.database.stores().clients().find(clientId).orElseThrow().audiences())
                .containsExactly(MCP, "https://other.example/mcp");

        // the SDK's callback server listens on whatever port it got: any loopback port matches (RFC 8252 section 7.3)
        String redirect = "http://127.0.0.1:50123/callback";
        String authorize = "/oauth/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + enc(redirect)
                + "&scope=" + enc("mcp.tools offline_access") + "&state=s&code_challenge="
                + AuthorizationCodeFlowTest.challenge(AuthorizationCodeFlowTest.VERIFIER) + "&code_challenge_method=S256&resource=" + enc(MCP);
        Browser b = new Browser(server.url(""));
        String loc = Browser.location(AuthorizationCodeFlowTest.login(b, Browser.location(b.get(authorize)), "alice", "alice-password-1"));
        HttpResponse<String> consent = b.get(loc);
        assertThat(consent.body()).contains("MCP test client").contains("<strong>127.0.0.1</strong> (an app on this computer)")
                .doesNotContain("id=\"unverified\"");
        Map<String, String> form = new java.util.HashMap<>(Browser.hiddenFields(consent.body()));
        form.put("decision", "allow");
        String callback = Browser.location(b.post("/oauth/confirm_access", form));
        assertThat(callback).startsWith(redirect + "?");
        Map<String, String> answer = Browser.query(callback);
        assertThat(answer.get("iss")).isEqualTo(server.config.issuer().toString());

        HttpResponse<String> token = server.post("/oauth/token", "grant_type=authorization_code&code=" + enc(answer.get("code"))
                + "&redirect_uri=" + enc(redirect) + "&client_id=" + clientId + "&code_verifier=" + AuthorizationCodeFlowTest.VERIFIER
                + "&resource=" + enc(MCP));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JsonNode tokens = json(token);
        assertThat(tokens.get("scope").asText().split(" ")).containsExactlyInAnyOrder("mcp.tools", "offline_access");
        JsonNode claims = Json.MAPPER.readTree(SignedJWT.parse(tokens.get("access_token").asText()).getPayload().toString());
        assertThat(claims.get("aud").isArray() ? claims.get("aud").get(0).asText() : claims.get("aud").asText()).isEqualTo(MCP);

        HttpResponse<String> refreshed = server.post("/oauth/token", "grant_type=refresh_token&client_id=" + clientId + "&refresh_token="
                + enc(tokens.get("refresh_token").asText()) + "&resource=" + enc(MCP));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        HttpResponse<String> wider = server.post("/oauth/token", "grant_type=refresh_token&client_id=" + clientId + "&refresh_token="
                + enc(json(refreshed).get("refresh_token").asText()) + "&resource=" + enc("https://other.example/mcp"));
        assertThat(json(wider).get("error").asText()).as("a refresh cannot widen the granted resources").isEqualTo("invalid_target");
    }

    @Test
    void whatOtherMcpClientsSendRegistersToo() throws Exception {
        // MCP Inspector style: localhost with a port, client_uri, members Cell does not know
        HttpResponse<String> inspector = register("{\"redirect_uris\":[\"http://localhost:6274/oauth/callback\"],"
                + "\"token_endpoint_auth_method\":\"none\",\"grant_types\":[\"authorization_code\",\"refresh_token\"],"
                + "\"response_types\":[\"code\"],\"client_name\":\"MCP Inspector\",\"client_uri\":\"https://github.com/modelcontextprotocol/inspector\","
                + "\"logo_uri\":\"https://inspector.example/logo.png\",\"software_id\":\"inspector\",\"software_version\":\"0.17.0\","
                + "\"application_type\":\"web\",\"x_vendor_extension\":{\"a\":1}}");
        assertThat(inspector.statusCode()).as(inspector.body()).isEqualTo(201);
        assertThat(json(inspector).has("x_vendor_extension")).isFalse();
        assertThat(json(inspector).get("scope").asText().split(" ")).containsExactlyInAnyOrder("openid", "offline_access", "mcp.tools");

        // a native app with the resource member it wants: its audiences narrow to it; values the operator did not list are dropped
        HttpResponse<String> nativeApp = register("{\"redirect_uris\":[\"http://[::1]:8080/cb\",\"com.example.mcp:/cb\"],"
                + "\"application_type\":\"native\",\"token_endpoint_auth_method\":\"none\",\"resource\":[\"" + MCP + "\",\"https://evil.example/\"]}");
        assertThat(nativeApp.statusCode()).as(nativeApp.body()).isEqualTo(201);
        String id = json(nativeApp).get("client_id").asText();
        assertThat(server.database.stores().clients().find(id).orElseThrow().audiences()).containsExactly(MCP);
        HttpResponse<String> single = register("{\"redirect_uris\":[\"http://127.0.0.1/cb\"],\"token_endpoint_auth_method\":\"none\","
                + "\"resource\":\"https://evil.example/\"}");
        assertThat(single.statusCode()).isEqualTo(201);
        assertThat(server.database.stores().clients().find(json(single).get("client_id").asText()).orElseThrow().audiences()).isEmpty();
        assertThat(refusal("{\"redirect_uris\":[\"http://127.0.0.1/cb\"],\"token_endpoint_auth_method\":\"none\",\"resource\":7}"))
                .isEqualTo("invalid_client_metadata");
    }

    @Test
    void anUpdateOfAnOpenRegistrationKeepsItsResources() throws Exception {
        JsonNode r = json(register("{\"redirect_uris\":[\"http://127.0.0.1/cb\"],\"token_endpoint_auth_method\":\"none\",\"resource\":\"" + MCP + "\"}"));
        String id = r.get("client_id").asText();
        HttpResponse<String> updated = server.send(HttpRequest.newBuilder(URI.create(r.get("registration_client_uri").asText()))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"client_id\":\"" + id + "\",\"redirect_uris\":[\"http://127.0.0.1/cb2\"],"
                        + "\"token_endpoint_auth_method\":\"none\",\"client_name\":\"renamed\"}"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + r.get("registration_access_token").asText()).build());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        var client = server.database.stores().clients().find(id).orElseThrow();
        assertThat(client.clientName()).isEqualTo("renamed");
        assertThat(client.audiences()).as("the update named no resource: the operator's list").containsExactly(MCP, "https://other.example/mcp");
    }

    @Test
    void whatTheOpenPolicyMustRefuseGetsRfc7591Codes() throws Exception {
        String loopback = "\"redirect_uris\":[\"http://127.0.0.1:33418/callback\"]";
        assertThat(refusal("{" + loopback + ",\"token_endpoint_auth_method\":\"client_secret_post\"}")).isEqualTo("invalid_client_metadata");
        assertThat(refusal("{" + loopback + ",\"token_endpoint_auth_method\":\"client_secret_basic\"}")).isEqualTo("invalid_client_metadata");
        assertThat(refusal("{" + loopback + "}")).as("RFC 7591's default method is client_secret_basic").isEqualTo("invalid_client_metadata");
        assertThat(refusal("{" + loopback + ",\"token_endpoint_auth_method\":\"none\",\"grant_types\":[\"implicit\"],\"response_types\":[\"token\"]}"))
                .isEqualTo("invalid_client_metadata");
        assertThat(refusal("{" + loopback + ",\"token_endpoint_auth_method\":\"none\",\"grant_types\":[\"authorization_code\",\"password\"]}"))
                .isEqualTo("invalid_client_metadata");
        assertThat(refusal("{\"redirect_uris\":[\"http://mcp-client.example:33418/callback\"],\"token_endpoint_auth_method\":\"none\"}"))
                .isEqualTo("invalid_redirect_uri");
        assertThat(refusal("{\"redirect_uris\":[\"http://127.0.0.1:33418/callback#frag\"],\"token_endpoint_auth_method\":\"none\"}"))
                .isEqualTo("invalid_redirect_uri");
        assertThat(refusal("{\"redirect_uris\":[\"http://127.0.0.1:33418/callback\"],\"token_endpoint_auth_method\":\"none\",\"scope\":\"cell:admin\"}"))
                .isEqualTo("invalid_client_metadata");
    }
}
