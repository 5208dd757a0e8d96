package dev.cell.demo.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.resource.ResourceServer;
import dev.cell.server.TestServer;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo notes API with real Cell tokens: /api/me for any token, notes.read to list, notes.write to add, RFC 6750 refusals. */
class DemoResourceServerTest {
    static final String AUDIENCE = "https://notes.demo";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static TestServer cell;
    static DemoResourceServer api;
    static String base;
    static ClientAdmin.Created reader;
    static ClientAdmin.Created writer;
    static ClientAdmin.Created elsewhere;

    @BeforeAll
    static void start() throws Exception {
        cell = TestServer.start();
        reader = client("reader", AUDIENCE, "notes.read");
        writer = client("writer", AUDIENCE, "notes.read", "notes.write");
        elsewhere = client("elsewhere", "https://other.demo", "notes.read");
        api = new DemoResourceServer(ResourceServer.forIssuer(cell.config.issuer().toString()).audience(AUDIENCE)
                .advertiseResourceMetadata().build(), "127.0.0.1", 0).start();
        base = "http://127.0.0.1:" + api.port();
    }

    @AfterAll
    static void stop() {
        api.close();
        cell.close();
    }

    static ClientAdmin.Created client(String id, String audience, String... scopes) {
        return cell.clients.create(id, ClientMetadata.builder().clientName(id)
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("client_credentials"))
                .scopes(Set.of(scopes)).audiences(List.of(audience)).build());
    }

    static String token(ClientAdmin.Created c, String scope) throws Exception {
        HttpResponse<String> r = cell.post("/oauth/token", "grant_type=client_credentials&scope=" + scope.replace(" ", "%20"),
                "Authorization", TestServer.basic(c.client().clientId(), c.secret()));
        return (String) JSONObjectUtils.parse(r.body()).get("access_token");
    }

    static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void meDescribesTheCaller() throws Exception {
        HttpResponse<String> r = call("GET", "/api/me", token(reader, "notes.read"), null);
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, Object> me = JSONObjectUtils.parse(r.body());
        assertThat(me).containsEntry("client_id", "reader").containsEntry("scope", "notes.read").containsEntry("aud", AUDIENCE);
    }

    @Test
    void notesNeedNotesReadToListAndNotesWriteToAdd() throws Exception {
        String write = token(writer, "notes.read notes.write");
        HttpResponse<String> added = call("POST", "/api/notes", write, "{\"text\":\"buy milk\"}");
        assertThat(added.statusCode()).isEqualTo(201);
        HttpResponse<String> list = call("GET", "/api/notes", write, null);
        assertThat(JSONObjectUtils.parse(list.body()).get("notes")).isEqualTo(List.of("buy milk"));

        HttpResponse<String> denied = call("POST", "/api/notes", token(writer, "notes.read"), "{\"text\":\"nope\"}");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"insufficient_scope\"").contains("scope=\"notes.write\"");
        HttpResponse<String> readerList = call("GET", "/api/notes", token(reader, "notes.read"), null);
        assertThat(JSONObjectUtils.parse(readerList.body()).get("notes")).as("notes are per subject").isEqualTo(List.of());
    }

    @Test
    void badNotesAreRefused() throws Exception {
        String write = token(writer, "notes.write");
        assertThat(call("POST", "/api/notes", write, "not json").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/notes", write, "{\"text\":\"" + "x".repeat(501) + "\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void missingOrWrongTokensAreRefusedPerRfc6750() throws Exception {
        HttpResponse<String> none = call("GET", "/api/notes", null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"" + AUDIENCE + "\", resource_metadata=\""
                + AUDIENCE + "/.well-known/oauth-protected-resource\"");
        HttpResponse<String> foreign = call("GET", "/api/me", token(elsewhere, "notes.read"), null);
        assertThat(foreign.statusCode()).isEqualTo(401);
        assertThat(foreign.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
    }

    @Test
    void servesItsProtectedResourceMetadataAndNamesItInChallengesPerRfc9728() throws Exception {
        HttpResponse<String> r = call("GET", "/.well-known/oauth-protected-resource", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        Map<String, Object> doc = JSONObjectUtils.parse(r.body());
        assertThat(doc).containsEntry("resource", AUDIENCE)
                .containsEntry("authorization_servers", List.of(cell.config.issuer().toString()));
        for (String path : List.of("/api/me", "/api/notes")) {
            HttpResponse<String> refused = call("GET", path, "not-a-token", null);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().allValues("WWW-Authenticate")).allSatisfy(challenge -> assertThat(challenge)
                    .contains("resource_metadata=\"" + AUDIENCE + "/.well-known/oauth-protected-resource\""));
        }
    }
}
