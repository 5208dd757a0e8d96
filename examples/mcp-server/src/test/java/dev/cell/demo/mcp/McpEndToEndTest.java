package dev.cell.demo.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.server.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MCP authorization specification end to end with the official SDKs: Cell, the example MCP server (official MCP Java SDK
 * plus cell-resource-server) and the official MCP TypeScript SDK's client with its OAuth provider (src/test/node/client.mjs),
 * the user signing in and consenting in real headless Chromium. The client starts with nothing but the MCP server's URL and
 * gets its client_id once by RFC 7591 registration (the open policy), once as the URL of its client ID metadata document.
 */
class McpEndToEndTest {
    static final String USER = "alice";
    static final String PASSWORD = "alice-password-1";
    static TestServer cell;
    static String subject;
    static DemoMcpServer server;
    static DemoMcpServer other;
    static String serverUrl;
    static String otherUrl;
    static SignInBrowser browser;
    static MetadataDocumentServer documents;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(SignInBrowser.available(),
                "Debian chromium and chromium-driver are not installed (apt-get install chromium chromium-driver); .ci/run installs them");
        NodeMcpClient.install();
        int port = DemoMcpServerTest.freePort();
        int otherPort = DemoMcpServerTest.freePort();
        serverUrl = "http://127.0.0.1:" + port + "/mcp";
        otherUrl = "http://127.0.0.1:" + otherPort + "/mcp";
        documents = new MetadataDocumentServer(Path.of("target", "mcp-node"));
        String scopes = "openid,offline_access," + DemoMcpServer.SCOPE;
        String resources = serverUrl + "," + otherUrl;
        cell = TestServer.start(Map.of("registration.policy", "open", "registration.open.scopes", scopes, "registration.open.resources", resources,
                "client-id-metadata.policy", "any", "client-id-metadata.allowed-addresses", "127.0.0.1",
                "client-id-metadata.trusted-certificates", documents.certificatePem().toAbsolutePath().toString(),
                "client-id-metadata.scopes", scopes, "client-id-metadata.resources", resources));
        subject = cell.users.create(USER, PASSWORD, Map.of("name", "Alice"), Set.of()).id();
        String issuer = cell.config.issuer().toString();
        server = new DemoMcpServer(issuer, serverUrl, "127.0.0.1", port).start();
        other = new DemoMcpServer(issuer, otherUrl, "127.0.0.1", otherPort).start();
        browser = new SignInBrowser();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {browser, other, server, cell, documents}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep stopping the rest
            }
        }
    }

    /** Runs the SDK client; each authorization URL it hands over is followed in Chromium, where the user signs in and consents. */
    static JsonNode runClient(String name, int callbackPort, String clientMetadataUrl, List<String> consentPages) throws Exception {
        List<String> args = new ArrayList<>(List.of(serverUrl, otherUrl, Integer.toString(callbackPort)));
        if (clientMetadataUrl != null) {
            args.add(clientMetadataUrl);
        }
        JsonNode result = NodeMcpClient.run(name, args, url -> consentPages.add(
                browser.authorize(url, USER, PASSWORD, "http://127.0.0.1:" + callbackPort + "/callback", name)));
        assertThat(result.path("error").asText(null)).as("the MCP client's error (stderr in target/mcp-node/" + name + ".log)").isNull();
        return result;
    }

    @Test
    void anSdkClientRegistersAuthorizesWithPkceAndResourceCallsTheToolRefreshesAndIsRefusedElsewhere() throws Exception {
        int callbackPort = DemoMcpServerTest.freePort();
        List<String> consentPages = new ArrayList<>();
        JsonNode r = runClient("registration", callbackPort, null, consentPages);

        // Discovery from the first 401 alone: RFC 9728 metadata, then Cell's RFC 8414 metadata, then RFC 7591 registration.
        assertThat(steps(r).subList(0, 4)).containsExactly("POST /mcp 401", "GET /.well-known/oauth-protected-resource/mcp 200",
                "GET /.well-known/oauth-authorization-server 200", "POST /oauth/register 201");
        String clientId = r.path("clientId").asText();
        assertThat(cell.clients.find(clientId)).isPresent();
        assertThat(consentPages.get(0)).contains("Cell MCP end-to-end test");
        assertAuthorizedCalledRefreshedAndRefusedElsewhere(r, clientId);
    }

    @Test
    void anSdkClientKnownByItsClientIdMetadataDocumentDoesTheSameWithoutRegistering() throws Exception {
        int callbackPort = DemoMcpServerTest.freePort();
        documents.serve("""
                {"client_id": "%s", "client_name": "Cell MCP end-to-end test (metadata document)",
                 "redirect_uris": ["http://127.0.0.1:%d/callback"], "grant_types": ["authorization_code", "refresh_token"],
                 "response_types": ["code"], "token_endpoint_auth_method": "none"}""".formatted(documents.url(), callbackPort));
        List<String> consentPages = new ArrayList<>();
        JsonNode r = runClient("metadata-document", callbackPort, documents.url(), consentPages);

        // Cell's metadata says it resolves client ID metadata documents, so the SDK uses the document's URL as client_id.
        assertThat(steps(r).subList(0, 3)).containsExactly("POST /mcp 401", "GET /.well-known/oauth-protected-resource/mcp 200",
                "GET /.well-known/oauth-authorization-server 200");
        assertThat(steps(r)).noneMatch(s -> s.contains("/oauth/register"));
        assertThat(r.path("clientId").asText()).isEqualTo(documents.url());
        assertThat(documents.fetches()).as("Cell fetched the document").isPositive();
        assertThat(consentPages.get(0)).as("the name is the document's, marked unverified, and the redirect host is shown")
                .contains("Cell MCP end-to-end test (metadata document)").contains("Unverified").contains("127.0.0.1");
        assertAuthorizedCalledRefreshedAndRefusedElsewhere(r, documents.url());
    }

    /** What both ways of getting a client_id lead to: the code flow, the tool, the refresh, and the refusal of another server's token. */
    static void assertAuthorizedCalledRefreshedAndRefusedElsewhere(JsonNode r, String clientId) {
        List<String> steps = steps(r);
        assertThat(steps).contains("POST /oauth/token 200");

        // The authorization request: PKCE S256, the MCP server's URL as resource, the scope from the resource metadata.
        Map<String, String> query = query(r.path("authorizationUrl").asText());
        assertThat(query).containsEntry("code_challenge_method", "S256").containsKey("code_challenge").containsEntry("resource", serverUrl)
                .containsEntry("scope", DemoMcpServer.SCOPE).containsEntry("client_id", clientId);
        assertThat(r.path("iss").asText()).as("RFC 9207 iss on the redirect").isEqualTo(cell.config.issuer().toString());

        // The tool, called with a token whose aud is the MCP server's URL.
        assertThat(r.path("tools").toString()).isEqualTo("[\"whoami\"]");
        JsonNode me = r.path("whoami");
        assertThat(me.path("sub").asText()).isEqualTo(subject);
        assertThat(me.path("client_id").asText()).isEqualTo(clientId);
        assertThat(me.path("scope").asText()).isEqualTo(DemoMcpServer.SCOPE);
        assertThat(me.path("aud").toString()).contains(serverUrl).doesNotContain(otherUrl);

        // Refresh: the server refused the token once, the SDK refreshed (the refresh token rotated) and the call went through.
        assertThat(r.path("refreshed").asBoolean()).isTrue();
        assertThat(r.path("refreshTokenRotated").asBoolean()).isTrue();
        assertThat(r.path("whoamiAfterRefresh").path("sub").asText()).isEqualTo(subject);
        assertThat(steps.stream().filter(s -> s.equals("POST /oauth/token 200")).count()).as("code exchanges and the refresh")
                .isEqualTo(3);

        // Tokens for another resource are refused by this one (and the other way round); its own token still works.
        assertThat(r.path("otherWhoami").path("aud").toString()).contains(otherUrl).doesNotContain(serverUrl);
        assertThat(r.path("otherTokenAtServer").path("status").asInt()).isEqualTo(401);
        assertThat(r.path("otherTokenAtServer").path("wwwAuthenticate").asText()).contains("error=\"invalid_token\"")
                .contains("resource_metadata=\"" + serverUrl.replace("/mcp", "/.well-known/oauth-protected-resource/mcp") + "\"");
        assertThat(r.path("tokenAtOtherServer").path("status").asInt()).isEqualTo(401);
        assertThat(r.path("tokenAtServer").path("status").asInt()).isEqualTo(200);
    }

    /** The client's HTTP exchanges in order, as "METHOD /path STATUS". */
    static List<String> steps(JsonNode r) {
        List<String> steps = new ArrayList<>();
        r.path("trace").forEach(t -> steps.add(t.path("method").asText() + " " + URI.create(t.path("url").asText()).getPath() + " "
                + t.path("status").asInt()));
        return steps;
    }

    static Map<String, String> query(String url) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }
}
