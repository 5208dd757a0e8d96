package dev.cell.demo.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.TestServer;
import dev.cell.server.admin.ClientAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example MCP server with real Cell tokens over plain HTTP (JSON-RPC on the Streamable HTTP transport): the 401 that
 * names the RFC 9728 metadata, the metadata itself, the {@code whoami} tool, and the refusals for a missing scope and for a
 * token meant for another resource.
 */
class DemoMcpServerTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer cell;
    static DemoMcpServer server;
    static String resource;
    static ClientAdmin.Created agent;
    static ClientAdmin.Created elsewhere;

    @BeforeAll
    static void start() throws Exception {
        cell = TestServer.start();
        int port = freePort();
        resource = "http://127.0.0.1:" + port + "/mcp";
        agent = client("agent", resource);
        elsewhere = client("elsewhere", "http://127.0.0.1:1/mcp");
        server = new DemoMcpServer(cell.config.issuer().toString(), resource, "127.0.0.1", port).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        cell.close();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ClientAdmin.Created client(String id, String audience) {
        return cell.clients.create(id, ClientMetadata.builder().clientName(id).tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of("client_credentials")).scopes(Set.of(DemoMcpServer.SCOPE, "other")).audiences(List.of(audience)).build());
    }

    static String token(ClientAdmin.Created c, String scope) throws Exception {
        HttpResponse<String> r = cell.post("/oauth/token", "grant_type=client_credentials&scope=" + scope,
                "Authorization", TestServer.basic(c.client().clientId(), c.secret()));
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    static HttpResponse<String> rpc(String token, String session, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(resource)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON-RPC message of an answer, sent as JSON or as one server-sent event. */
    static JsonNode message(HttpResponse<String> r) throws Exception {
        String body = r.body();
        if (r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            body = body.lines().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).trim()).findFirst().orElseThrow();
        }
        return JSON.readTree(body);
    }

    static String initialize(String token) throws Exception {
        HttpResponse<String> r = rpc(token, null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},
                "clientInfo":{"name":"test","version":"1"}}}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(message(r).path("result").path("serverInfo").path("name").asText()).isEqualTo("cell-demo-mcp-server");
        String session = r.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(rpc(token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode()).isEqualTo(202);
        return session;
    }

    @Test
    void withoutATokenThe401NamesTheResourceMetadataWhichNamesCell() throws Exception {
        HttpResponse<String> r = rpc(null, null, "{}");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().allValues("WWW-Authenticate")).anySatisfy(c -> assertThat(c).startsWith("Bearer ")
                .contains("resource_metadata=\"" + resource.replace("/mcp", "/.well-known/oauth-protected-resource/mcp") + "\""));

        HttpResponse<String> doc = HTTP.send(HttpRequest.newBuilder(URI.create(resource.replace("/mcp", "/.well-known/oauth-protected-resource/mcp")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(doc.statusCode()).isEqualTo(200);
        JsonNode m = JSON.readTree(doc.body());
        assertThat(m.path("resource").asText()).isEqualTo(resource);
        assertThat(m.path("authorization_servers").toString()).isEqualTo("[\"" + cell.config.issuer() + "\"]");
        assertThat(m.path("scopes_supported").toString()).isEqualTo("[\"" + DemoMcpServer.SCOPE + "\"]");
    }

    @Test
    void whoamiTellsWhoTheTokenBelongsTo() throws Exception {
        String token = token(agent, DemoMcpServer.SCOPE);
        String session = initialize(token);
        JsonNode tools = message(rpc(token, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"));
        assertThat(tools.path("result").path("tools").get(0).path("name").asText()).isEqualTo("whoami");
        JsonNode call = message(rpc(token, session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\",\"arguments\":{}}}"));
        JsonNode me = call.path("result").path("structuredContent");
        assertThat(me.path("client_id").asText()).isEqualTo("agent");
        assertThat(me.path("scope").asText()).isEqualTo(DemoMcpServer.SCOPE);
        assertThat(me.path("aud").toString()).contains(resource);
        assertThat(call.path("result").path("content").get(0).path("text").asText()).contains("calling through client agent");
    }

    @Test
    void aTokenWithoutTheScopeIsRefusedWith403AndTheScopeNamed() throws Exception {
        HttpResponse<String> r = rpc(token(agent, "other"), null, "{}");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"insufficient_scope\"")
                .contains("scope=\"" + DemoMcpServer.SCOPE + "\"");
    }

    @Test
    void aTokenForAnotherResourceIsRefused() throws Exception {
        HttpResponse<String> r = rpc(token(elsewhere, DemoMcpServer.SCOPE), null, "{}");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
    }
}
