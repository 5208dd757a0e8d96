package dev.cell.server.admin.api;

import static dev.cell.server.admin.api.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.TestServer;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call the admin API (RFC 6750 §3): only a client's own Cell token with an admin scope, for this API. */
class AdminAuthTest {
    static TestServer server;
    static AdminHttp api;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("admin.enabled", "true", "features.password.enabled", "true"));
        api = new AdminHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void withoutATokenTheAnswerIs401WithABareBearerChallenge() {
        for (HttpResponse<String> r : List.of(api.get("/users", null), api.send("POST", "/keys/rotate", null, null),
                api.send("GET", "/users", null, null, "Authorization", "Basic YWRtaW46c2VjcmV0"))) {
            assertThat(r.statusCode()).isEqualTo(401);
            String challenge = r.headers().firstValue("WWW-Authenticate").orElseThrow();
            assertThat(challenge).startsWith("Bearer ").doesNotContain("error=");
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    @Test
    void aForgedOrUnknownTokenIsInvalid() {
        String valid = AdminHttp.token(server, "auth-admin", AccessTokenFormat.JWT, List.of(), "cell:admin");
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA";
        for (String bad : List.of("not-a-token", forged, "a".repeat(6_000))) {
            HttpResponse<String> r = api.get("/users", bad);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
        }
        String opaque = AdminHttp.token(server, "auth-opaque", AccessTokenFormat.OPAQUE, List.of(), "cell:admin");
        assertThat(api.get("/users", opaque).statusCode()).isEqualTo(200);
    }

    @Test
    void aDpopBoundTokenIsNotABearerToken() throws Exception {
        ClientAdmin.Created c = server.clients.create("auth-dpop", ClientMetadata.builder().clientName("DPoP admin")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("client_credentials"))
                .scopes(Set.of("cell:admin")).build());
        String proof = new com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory(new com.nimbusds.jose.jwk.gen.ECKeyGenerator(
                com.nimbusds.jose.jwk.Curve.P_256).generate(), com.nimbusds.jose.JWSAlgorithm.ES256)
                .createDPoPJWT("POST", URI.create(server.url("/oauth/token"))).serialize();
        HttpResponse<String> t = server.post("/oauth/token", "grant_type=client_credentials", "Authorization",
                TestServer.basic("auth-dpop", c.secret()), "DPoP", proof);
        String bound = json(t).get("access_token").asText();
        HttpResponse<String> r = api.get("/users", bound);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
    }

    @Test
    void aTokenWithoutAnAdminScopeIsForbidden() {
        String other = AdminHttp.token(server, "auth-other", AccessTokenFormat.JWT, List.of(), "read");
        HttpResponse<String> r = api.get("/users", other);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"insufficient_scope\"");
        assertThat(json(r).get("status").asInt()).isEqualTo(403);
    }

    @Test
    void aTokenForAnotherAudienceIsInvalidAndOneForThisApiIsAccepted() {
        String elsewhere = AdminHttp.token(server, "auth-aud", AccessTokenFormat.JWT, List.of("https://api.example"), "cell:admin");
        HttpResponse<String> r = api.get("/users", elsewhere);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
        String opaqueElsewhere = AdminHttp.token(server, "auth-aud-opaque", AccessTokenFormat.OPAQUE, List.of("https://api.example"), "cell:admin");
        assertThat(api.get("/users", opaqueElsewhere).statusCode()).isEqualTo(401);

        String here = AdminHttp.token(server, "auth-aud-here", AccessTokenFormat.JWT, List.of(server.url(AdminApi.BASE)), "cell:admin");
        assertThat(api.get("/users", here).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenIssuedForAUserNeverPassesWhateverItsScope() {
        ClientAdmin.Created c = server.clients.create("auth-pw", ClientMetadata.builder().clientName("pw")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("password"))
                .scopes(Set.of("cell:admin")).firstParty(true).build());
        server.users.create("eve", "correct horse", Map.of(), Set.of());
        HttpResponse<String> t = server.post("/oauth/token", "grant_type=password&username=eve&password=correct+horse&scope=cell%3Aadmin",
                "Authorization", TestServer.basic("auth-pw", c.secret()));
        assertThat(t.statusCode()).as(t.body()).isEqualTo(200);
        HttpResponse<String> r = api.get("/users", json(t).get("access_token").asText());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
    }

    @Test
    void aClientNotRegisteredForTheAdminScopeCannotObtainIt() {
        ClientAdmin.Created c = server.confidentialClient("auth-plain", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
        HttpResponse<String> t = server.post("/oauth/token", "grant_type=client_credentials&scope=cell%3Aadmin",
                "Authorization", TestServer.basic("auth-plain", c.secret()));
        assertThat(t.statusCode()).isEqualTo(400);
        assertThat(json(t).get("error").asText()).isEqualTo("invalid_scope");
    }

    @Test
    void theOpenApiDocumentIsPublic() {
        HttpResponse<String> r = api.get("/openapi.json", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    void offByDefaultTheRoutesDoNotExist() {
        try (TestServer plain = TestServer.start()) {
            AdminHttp off = new AdminHttp(plain);
            assertThat(off.get("/users", "x").statusCode()).isEqualTo(404);
            assertThat(off.get("/openapi.json", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void onItsOwnPortTheApiIsAbsentFromTheMainPortAndBoundToLoopback() {
        try (TestServer separate = TestServer.start(Map.of("admin.enabled", "true", "admin.port", "0"))) {
            int adminPort = separate.assembly.adminPort();
            assertThat(adminPort).isNotEqualTo(separate.assembly.port());
            String token = AdminHttp.token(separate, "own-port", AccessTokenFormat.JWT, List.of(), "cell:admin.read");
            assertThat(new AdminHttp(separate, adminPort).get("/users", token).statusCode()).isEqualTo(200);
            assertThat(new AdminHttp(separate, separate.assembly.port()).get("/users", token).statusCode()).isEqualTo(404);
            assertThat(separate.config.admin().host()).isEqualTo("127.0.0.1");
        }
    }
}
