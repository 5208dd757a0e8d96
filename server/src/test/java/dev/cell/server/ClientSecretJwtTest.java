package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.cell.client.Client;
import dev.cell.client.ClientAuthMethod;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code client_secret_jwt} client authentication (OIDC Core §9, RFC 7523 §2.2) with assertions built by Nimbus oauth2-oidc-sdk. */
class ClientSecretJwtTest {
    static final String CC = "grant_type=client_credentials";
    static TestServer server;
    static ClientAdmin.Created client;
    static URI tokenEndpoint;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        client = server.confidentialClient("cs-jwt", ClientAuthMethod.CLIENT_SECRET_JWT, AccessTokenFormat.JWT, "read");
        tokenEndpoint = URI.create(server.url("/oauth/token"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> token(ClientSecretJWT auth) {
        return server.post("/oauth/token", AssertionKit.body(CC, auth));
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void hs256AssertionGetsAToken() throws Exception {
        HttpResponse<String> r = token(new ClientSecretJWT(new ClientID("cs-jwt"), tokenEndpoint, JWSAlgorithm.HS256, new Secret(client.secret())));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("scope").asText()).isEqualTo("read");
    }

    @Test
    void hs512WorksBecauseTheGeneratedSecretIsLongEnough() throws Exception {
        assertThat(client.secret().getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeGreaterThanOrEqualTo(64);
        HttpResponse<String> r = token(new ClientSecretJWT(new ClientID("cs-jwt"), tokenEndpoint, JWSAlgorithm.HS512, new Secret(client.secret())));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void aWrongSecretIsInvalidClient() throws Exception {
        HttpResponse<String> r = token(new ClientSecretJWT(new ClientID("cs-jwt"), tokenEndpoint, JWSAlgorithm.HS256,
                new Secret(client.secret().substring(1) + "x")));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void aSignedAssertionForAClientSecretJwtClientIsInvalidClient() throws Exception {
        RSAKey rsa = AssertionKit.rsa("k");
        PrivateKeyJWT signed = new PrivateKeyJWT(new JWTAuthenticationClaimsSet(new ClientID("cs-jwt"),
                new com.nimbusds.oauth2.sdk.id.Audience(tokenEndpoint)), JWSAlgorithm.RS256, rsa.toRSAPrivateKey(), "k", null);
        HttpResponse<String> r = server.post("/oauth/token", AssertionKit.body(CC, signed));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).get("error_description").asText()).isEqualTo("client authentication failed");
    }

    @Test
    void theSecretItselfDoesNotAuthenticate() throws Exception {
        HttpResponse<String> r = server.post("/oauth/token", CC, "Authorization", TestServer.basic("cs-jwt", client.secret()));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void theSecretIsStoredSealedUnderTheMasterKeyNotHashed() {
        Client stored = server.database.stores().clients().find("cs-jwt").orElseThrow();
        assertThat(stored.secretHash()).isNull();
        assertThat(stored.secretEncrypted()).isNotNull().doesNotContain(client.secret());
        assertThat(server.masterKey.open(stored.secretEncrypted())).isEqualTo(client.secret());
    }

    @Test
    void aRotatedSecretReplacesTheOldOne() throws Exception {
        ClientAdmin.Created other = server.confidentialClient("cs-rotate", ClientAuthMethod.CLIENT_SECRET_JWT, AccessTokenFormat.JWT, "read");
        String rotated = server.clients.rotateSecret("cs-rotate");
        HttpResponse<String> old = token(new ClientSecretJWT(new ClientID("cs-rotate"), tokenEndpoint, JWSAlgorithm.HS256, new Secret(other.secret())));
        assertThat(old.statusCode()).isEqualTo(401);
        HttpResponse<String> fresh = token(new ClientSecretJWT(new ClientID("cs-rotate"), tokenEndpoint, JWSAlgorithm.HS256, new Secret(rotated)));
        assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);
    }
}
