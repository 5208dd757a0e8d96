package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Introspection (RFC 7662) and revocation (RFC 7009) of JWT and opaque access tokens and refresh tokens. */
class IntrospectionRevocationTest {
    static MutableClock clock = new MutableClock();
    static TestServer server;
    static ClientAdmin.Created rs;
    static ClientAdmin.Created app;
    static ClientAdmin.Created opaqueApp;
    static ClientAdmin.Created other;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("features.password.enabled", "true"), clock);
        rs = server.confidentialClient("notes-api", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "none");
        app = server.clients.create("app", ClientMetadata.builder().clientName("App")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of("client_credentials", "password", "refresh_token")).scopes(Set.of("read", "write"))
                .audiences(List.of("notes-api")).build());
        opaqueApp = server.clients.create("opaque-app", ClientMetadata.builder().clientName("Opaque")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of("client_credentials", "password", "refresh_token")).scopes(Set.of("read"))
                .audiences(List.of("notes-api")).accessTokenFormat(AccessTokenFormat.OPAQUE).build());
        other = server.confidentialClient("other", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
        server.users.create("ivy", "ivy-password-1", Map.of(), Set.of("ROLE_USER"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode tokens(String clientId, ClientAdmin.Created c, String body) throws Exception {
        return Json.MAPPER.readTree(server.post("/oauth/token", body, "Authorization", TestServer.basic(clientId, c.secret())).body());
    }

    static JsonNode introspect(String token) throws Exception {
        HttpResponse<String> r = server.post("/oauth/introspect", "token=" + token, "Authorization", TestServer.basic("notes-api", rs.secret()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        return Json.MAPPER.readTree(r.body());
    }

    static int revoke(String clientId, ClientAdmin.Created c, String token) {
        return server.post("/oauth/revoke", "token=" + token, "Authorization", TestServer.basic(clientId, c.secret())).statusCode();
    }

    @Test
    void activeJwtAccessTokenShowsItsClaims() throws Exception {
        String at = tokens("app", app, "grant_type=password&username=ivy&password=ivy-password-1&scope=read").get("access_token").asText();
        JsonNode i = introspect(at);
        assertThat(i.get("active").asBoolean()).isTrue();
        assertThat(i.get("scope").asText()).isEqualTo("read");
        assertThat(i.get("client_id").asText()).isEqualTo("app");
        assertThat(i.get("username").asText()).isEqualTo("ivy");
        assertThat(i.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(i.get("aud")).extracting(JsonNode::asText).containsExactly("notes-api");
        assertThat(i.get("iss").asText()).isEqualTo(server.config.issuer().toString());
        assertThat(i.has("sub") && i.has("exp") && i.has("iat")).isTrue();
    }

    @Test
    void opaqueAndRefreshTokensIntrospectToo() throws Exception {
        JsonNode t = tokens("opaque-app", opaqueApp, "grant_type=password&username=ivy&password=ivy-password-1");
        JsonNode access = introspect(t.get("access_token").asText());
        assertThat(access.get("active").asBoolean()).isTrue();
        assertThat(access.get("username").asText()).isEqualTo("ivy");
        assertThat(access.get("aud")).extracting(JsonNode::asText).containsExactly("notes-api");
        JsonNode refresh = introspect(t.get("refresh_token").asText());
        assertThat(refresh.get("active").asBoolean()).isTrue();
        assertThat(refresh.get("token_type").asText()).isEqualTo("refresh_token");
    }

    @Test
    void unknownMalformedAndExpiredTokensAreInactiveAndNothingElse() throws Exception {
        for (String bad : new String[] {"nope", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."}) {
            JsonNode i = introspect(bad);
            assertThat(i.size()).isEqualTo(1);
            assertThat(i.get("active").asBoolean()).isFalse();
        }
        try (TestServer s = TestServer.start(Map.of("tokens.access-token-lifetime", "1m"), clock)) {
            ClientAdmin.Created c = s.confidentialClient("c", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
            ClientAdmin.Created r = s.confidentialClient("r", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
            String at = Json.MAPPER.readTree(s.post("/oauth/token", "grant_type=client_credentials", "Authorization",
                    TestServer.basic("c", c.secret())).body()).get("access_token").asText();
            clock.advance(Duration.ofMinutes(2));
            JsonNode i = Json.MAPPER.readTree(s.post("/oauth/introspect", "token=" + at, "Authorization", TestServer.basic("r", r.secret())).body());
            assertThat(i.toString()).isEqualTo("{\"active\":false}");
        }
    }

    @Test
    void introspectionNeedsAnAuthenticatedConfidentialClient() throws Exception {
        HttpResponse<String> anonymous = server.post("/oauth/introspect", "token=x");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = server.post("/oauth/introspect", "token=x", "Authorization", TestServer.basic("notes-api", "wrong"));
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void revokingAJwtAccessTokenDeniesItUntilItExpires() throws Exception {
        String at = tokens("app", app, "grant_type=client_credentials").get("access_token").asText();
        assertThat(introspect(at).get("active").asBoolean()).isTrue();
        assertThat(revoke("app", app, at)).isEqualTo(200);
        assertThat(introspect(at).toString()).isEqualTo("{\"active\":false}");
    }

    @Test
    void revokingARefreshTokenRevokesItsFamilyAndItsAccessTokens() throws Exception {
        JsonNode t = tokens("app", app, "grant_type=password&username=ivy&password=ivy-password-1");
        String refresh = t.get("refresh_token").asText();
        JsonNode rotated = tokens("app", app, "grant_type=refresh_token&refresh_token=" + refresh);
        assertThat(revoke("app", app, rotated.get("refresh_token").asText())).isEqualTo(200);
        assertThat(introspect(rotated.get("refresh_token").asText()).get("active").asBoolean()).isFalse();
        assertThat(introspect(t.get("access_token").asText()).get("active").asBoolean()).as("first access token").isFalse();
        assertThat(introspect(rotated.get("access_token").asText()).get("active").asBoolean()).as("rotated access token").isFalse();
    }

    @Test
    void revokingAnOpaqueAccessToken() throws Exception {
        String at = tokens("opaque-app", opaqueApp, "grant_type=client_credentials").get("access_token").asText();
        assertThat(revoke("opaque-app", opaqueApp, at)).isEqualTo(200);
        assertThat(introspect(at).get("active").asBoolean()).isFalse();
    }

    @Test
    void anUnknownTokenStillGets200() {
        assertThat(revoke("app", app, "never-issued")).isEqualTo(200);
    }

    @Test
    void aClientCanRevokeOnlyItsOwnTokens() throws Exception {
        String at = tokens("app", app, "grant_type=client_credentials").get("access_token").asText();
        HttpResponse<String> r = server.post("/oauth/revoke", "token=" + at, "Authorization", TestServer.basic("other", other.secret()));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).isEqualTo("unauthorized_client");
        assertThat(introspect(at).get("active").asBoolean()).isTrue();
    }

    @Test
    void discoveryAdvertisesBothEndpoints() throws Exception {
        JsonNode d = Json.MAPPER.readTree(server.get("/.well-known/oauth-authorization-server").body());
        assertThat(d.get("introspection_endpoint").asText()).isEqualTo(server.url("/oauth/introspect"));
        assertThat(d.get("revocation_endpoint").asText()).isEqualTo(server.url("/oauth/revoke"));
    }
}
