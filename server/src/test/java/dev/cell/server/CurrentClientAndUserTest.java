package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.account.User;
import dev.cell.client.Client;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens follow the client and user as they are now, not as they were at issue: a refresh narrows to the client's current
 * scopes (RFC 6749 section 6), and introspection and check_token call a token of a disabled or deleted user or of a deleted
 * client inactive (RFC 7662 section 2.2).
 */
class CurrentClientAndUserTest {
    static TestServer server;
    static ClientAdmin.Created rs;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("features.password.enabled", "true"));
        rs = server.confidentialClient("rs", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "none");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ClientAdmin.Created app(String id, AccessTokenFormat format) {
        return server.clients.create(id, ClientMetadata.builder().clientName(id)
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("password", "refresh_token"))
                .scopes(Set.of("read", "write")).accessTokenFormat(format).build());
    }

    static HttpResponse<String> token(String clientId, ClientAdmin.Created c, String body) {
        return server.post("/oauth/token", body, "Authorization", TestServer.basic(clientId, c.secret()));
    }

    static JsonNode passwordGrant(String clientId, ClientAdmin.Created c, String username) throws Exception {
        HttpResponse<String> r = token(clientId, c, "grant_type=password&username=" + username + "&password=" + username + "-password-1"
                + "&scope=read%20write");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    static HttpResponse<String> refresh(String clientId, ClientAdmin.Created c, String refreshToken, String extra) {
        return token(clientId, c, "grant_type=refresh_token&refresh_token=" + refreshToken + extra);
    }

    static JsonNode introspect(String token) throws Exception {
        return Json.MAPPER.readTree(server.post("/oauth/introspect", "token=" + token, "Authorization", TestServer.basic("rs", rs.secret())).body());
    }

    static int checkToken(String token) {
        return server.post("/oauth/check_token", "token=" + token, "Authorization", TestServer.basic("rs", rs.secret())).statusCode();
    }

    static void changeClient(String clientId, Set<String> grantTypes, Set<String> scopes) {
        Client c = server.database.stores().clients().find(clientId).orElseThrow();
        server.database.stores().clients().update(Client.builder().clientId(c.clientId()).metadata(ClientMetadata.builder()
                .clientName(c.clientName()).tokenEndpointAuthMethod(c.authMethod()).grantTypes(grantTypes)
                .redirectUris(c.redirectUris()).postLogoutRedirectUris(c.postLogoutRedirectUris()).scopes(scopes)
                .audiences(c.audiences()).accessTokenFormat(c.accessTokenFormat()).firstParty(c.firstParty()).jwks(c.jwks())
                .jwksUri(c.jwksUri()).authorities(c.authorities()).legacyTokenClaims(c.legacyTokenClaims()).build())
                .secretHash(c.secretHash()).secretEncrypted(c.secretEncrypted()).createdAt(c.createdAt())
                .updatedAt(c.updatedAt()).version(c.version()).build());
    }

    @Test
    void aRefreshNarrowsToTheScopesTheClientStillHas() throws Exception {
        ClientAdmin.Created c = app("shrinking", AccessTokenFormat.JWT);
        server.users.create("sam", "sam-password-1", Map.of(), Set.of());
        JsonNode first = passwordGrant("shrinking", c, "sam");
        changeClient("shrinking", Set.of("password", "refresh_token"), Set.of("read"));

        HttpResponse<String> refused = refresh("shrinking", c, first.get("refresh_token").asText(), "&scope=write");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(refused.body()).get("error").asText()).isEqualTo("invalid_scope");

        HttpResponse<String> r = refresh("shrinking", c, first.get("refresh_token").asText(), "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode second = Json.MAPPER.readTree(r.body());
        assertThat(second.get("scope").asText()).isEqualTo("read");
        assertThat(introspect(second.get("access_token").asText()).get("scope").asText()).isEqualTo("read");
        assertThat(introspect(second.get("refresh_token").asText()).get("scope").asText()).as("the new refresh token too").isEqualTo("read");
    }

    @Test
    void aClientThatLostTheRefreshGrantCannotRefresh() throws Exception {
        ClientAdmin.Created c = app("no-more-refresh", AccessTokenFormat.JWT);
        server.users.create("rae", "rae-password-1", Map.of(), Set.of());
        JsonNode first = passwordGrant("no-more-refresh", c, "rae");
        changeClient("no-more-refresh", Set.of("password"), Set.of("read", "write"));

        HttpResponse<String> r = refresh("no-more-refresh", c, first.get("refresh_token").asText(), "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).isEqualTo("unauthorized_client");
    }

    @Test
    void tokensOfADisabledOrDeletedUserAreInactive() throws Exception {
        ClientAdmin.Created jwt = app("user-jwt", AccessTokenFormat.JWT);
        ClientAdmin.Created opaque = app("user-opaque", AccessTokenFormat.OPAQUE);
        User dora = server.users.create("dora", "dora-password-1", Map.of(), Set.of("ROLE_USER"));
        server.users.create("dan", "dan-password-1", Map.of(), Set.of("ROLE_USER"));
        List<String> doras = tokensOf(passwordGrant("user-jwt", jwt, "dora"), passwordGrant("user-opaque", opaque, "dora"));
        List<String> dans = tokensOf(passwordGrant("user-jwt", jwt, "dan"), passwordGrant("user-opaque", opaque, "dan"));
        for (String t : doras) {
            assertThat(introspect(t).get("active").asBoolean()).isTrue();
        }
        server.database.stores().users().update(new User(dora.id(), dora.username(), dora.passwordHash(), dora.claims(), dora.authorities(),
                true, dora.createdAt(), dora.updatedAt()));
        server.users.delete("dan");

        for (String t : List.of(doras, dans).stream().flatMap(List::stream).toList()) {
            assertThat(introspect(t).toString()).isEqualTo("{\"active\":false}");
        }
        assertThat(checkToken(doras.get(0))).isEqualTo(400);
        assertThat(checkToken(doras.get(2))).isEqualTo(400);
        assertThat(checkToken(dans.get(0))).isEqualTo(400);
    }

    @Test
    void tokensOfADeletedClientAreInactive() throws Exception {
        ClientAdmin.Created jwt = app("gone-jwt", AccessTokenFormat.JWT);
        ClientAdmin.Created opaque = app("gone-opaque", AccessTokenFormat.OPAQUE);
        server.users.create("gil", "gil-password-1", Map.of(), Set.of());
        List<String> tokens = tokensOf(passwordGrant("gone-jwt", jwt, "gil"), passwordGrant("gone-opaque", opaque, "gil"));
        server.clients.delete("gone-jwt");
        server.clients.delete("gone-opaque");

        for (String t : tokens) {
            assertThat(introspect(t).toString()).isEqualTo("{\"active\":false}");
        }
        assertThat(checkToken(tokens.get(0))).isEqualTo(400);
    }

    /** The JWT access token, its refresh token, the opaque access token, its refresh token. */
    private static List<String> tokensOf(JsonNode jwt, JsonNode opaque) {
        return List.of(jwt.get("access_token").asText(), jwt.get("refresh_token").asText(), opaque.get("access_token").asText(),
                opaque.get("refresh_token").asText());
    }
}
