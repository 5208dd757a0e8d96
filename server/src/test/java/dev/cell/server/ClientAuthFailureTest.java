package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing tells an attacker which clients exist (RFC 6749 section 5.2): every failed client authentication, whatever method
 * the client registered, whatever was presented and whether the client exists, gets the same status, error and description.
 */
class ClientAuthFailureTest {
    static final String CC = "grant_type=client_credentials";
    static final RSAKey REGISTERED = AssertionKit.rsa("registered");
    static final RSAKey OTHER = AssertionKit.rsa("registered");
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.confidentialClient("basic", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
        server.confidentialClient("post", ClientAuthMethod.CLIENT_SECRET_POST, AccessTokenFormat.JWT, "read");
        server.confidentialClient("cs-jwt", ClientAuthMethod.CLIENT_SECRET_JWT, AccessTokenFormat.JWT, "read");
        server.clients.create("pk-jwt", ClientMetadata.builder().clientName("PK")
                .tokenEndpointAuthMethod(ClientAuthMethod.PRIVATE_KEY_JWT).grantTypes(Set.of("client_credentials"))
                .scopes(Set.of("read")).jwks(AssertionKit.publicJwks(REGISTERED)).build());
        server.clients.create("public", ClientMetadata.builder().clientName("Public")
                .tokenEndpointAuthMethod(ClientAuthMethod.NONE).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of("https://app.example/cb")).scopes(Set.of("openid")).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> token(String body, String... headers) {
        return server.post("/oauth/token", body, headers);
    }

    private static String privateKeyJwt(String clientId, RSAKey key) throws Exception {
        return AssertionKit.body(CC, new PrivateKeyJWT(new JWTAuthenticationClaimsSet(new ClientID(clientId),
                new Audience(server.url("/oauth/token"))), JWSAlgorithm.RS256, key.toRSAPrivateKey(), key.getKeyID(), null));
    }

    private static String clientSecretJwt(String clientId) throws Exception {
        return AssertionKit.body(CC, new ClientSecretJWT(new ClientID(clientId), URI.create(server.url("/oauth/token")), JWSAlgorithm.HS256,
                new Secret("a-guessed-secret-that-is-long-enough-for-hs256")));
    }

    @Test
    void everyFailedClientAuthenticationAnswersAlike() throws Exception {
        Map<String, HttpResponse<String>> failures = new LinkedHashMap<>();
        failures.put("unknown client, Basic", token(CC, "Authorization", TestServer.basic("nobody", "guess")));
        failures.put("unknown client, form secret", token(CC + "&client_id=nobody&client_secret=guess"));
        failures.put("unknown client, no secret", token(CC + "&client_id=nobody"));
        failures.put("unknown client, private_key_jwt", token(privateKeyJwt("nobody", REGISTERED)));
        failures.put("unknown client, client_secret_jwt", token(clientSecretJwt("nobody")));
        failures.put("basic client, wrong secret", token(CC, "Authorization", TestServer.basic("basic", "guess")));
        failures.put("basic client, secret in the form", token(CC + "&client_id=basic&client_secret=guess"));
        failures.put("basic client, no secret", token(CC + "&client_id=basic"));
        failures.put("post client, Basic", token(CC, "Authorization", TestServer.basic("post", "guess")));
        failures.put("post client, wrong secret", token(CC + "&client_id=post&client_secret=guess"));
        failures.put("client_secret_jwt client, wrong MAC", token(clientSecretJwt("cs-jwt")));
        failures.put("client_secret_jwt client, Basic", token(CC, "Authorization", TestServer.basic("cs-jwt", "guess")));
        failures.put("client_secret_jwt client, signed assertion", token(privateKeyJwt("cs-jwt", REGISTERED)));
        failures.put("private_key_jwt client, another key", token(privateKeyJwt("pk-jwt", OTHER)));
        failures.put("private_key_jwt client, no assertion", token(CC + "&client_id=pk-jwt"));
        failures.put("private_key_jwt client, form secret", token(CC + "&client_id=pk-jwt&client_secret=guess"));
        failures.put("public client, Basic", token(CC, "Authorization", TestServer.basic("public", "guess")));
        failures.put("public client, form secret", token(CC + "&client_id=public&client_secret=guess"));
        failures.put("public client, introspection", server.post("/oauth/introspect", "token=x&client_id=public"));

        for (Map.Entry<String, HttpResponse<String>> f : failures.entrySet()) {
            HttpResponse<String> r = f.getValue();
            assertThat(r.statusCode()).as(f.getKey() + ": " + r.body()).isEqualTo(401);
            JsonNode body = Json.MAPPER.readTree(r.body());
            assertThat(body.get("error").asText()).as(f.getKey()).isEqualTo("invalid_client");
            assertThat(body.get("error_description").asText()).as(f.getKey()).isEqualTo("client authentication failed");
            assertThat(r.headers().firstValue("WWW-Authenticate")).as(f.getKey()).hasValue("Basic realm=\"127.0.0.1\"");
        }
    }
}
