package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.client.ClientAuthMethod;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Discovery (RFC 8414, OIDC Discovery 1.0), the JWKS (RFC 7517) and the legacy token_key endpoint. */
class DiscoveryAndKeysTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void bothDiscoveryDocumentsDescribeTheServer() throws Exception {
        for (String path : new String[] {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"}) {
            JsonNode d = Json.MAPPER.readTree(server.get(path).body());
            assertThat(d.get("issuer").asText()).isEqualTo(server.config.issuer().toString());
            assertThat(d.get("token_endpoint").asText()).isEqualTo(server.url("/oauth/token"));
            assertThat(d.get("jwks_uri").asText()).isEqualTo(server.url("/oauth/jwks"));
            assertThat(d.get("grant_types_supported")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("client_credentials", "authorization_code", "refresh_token");
            assertThat(d.get("token_endpoint_auth_methods_supported")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none");
            assertThat(d.get("subject_types_supported")).extracting(JsonNode::asText).containsExactly("public");
            assertThat(d.get("authorization_endpoint").asText()).isEqualTo(server.url("/oauth/authorize"));
            assertThat(d.get("userinfo_endpoint").asText()).isEqualTo(server.url("/userinfo"));
            assertThat(d.get("end_session_endpoint").asText()).isEqualTo(server.url("/oauth/logout"));
            assertThat(d.get("response_types_supported")).extracting(JsonNode::asText).containsExactly("code");
            assertThat(d.get("code_challenge_methods_supported")).extracting(JsonNode::asText).containsExactly("S256");
            assertThat(d.get("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
        }
    }

    @Test
    void switchedOffFeaturesAreNotAdvertised() throws Exception {
        try (TestServer off = TestServer.start(java.util.Map.of("features.authorization-code.enabled", "false",
                "features.refresh-token.enabled", "false"))) {
            JsonNode d = Json.MAPPER.readTree(off.get("/.well-known/openid-configuration").body());
            assertThat(d.get("grant_types_supported")).extracting(JsonNode::asText).containsExactly("client_credentials");
            assertThat(d.has("authorization_endpoint")).isFalse();
            assertThat(d.has("userinfo_endpoint")).isFalse();
            assertThat(d.get("response_types_supported")).isEmpty();
            assertThat(d.get("token_endpoint_auth_methods_supported")).extracting(JsonNode::asText).doesNotContain("none");
            assertThat(off.get("/oauth/authorize?client_id=x").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void jwksHasPublicPartsOnlyWithKidUseAndAlg() throws Exception {
        var r = server.get("/oauth/jwks");
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/jwk-set+json");
        JsonNode keys = Json.MAPPER.readTree(r.body()).get("keys");
        assertThat(keys).hasSize(2);
        for (JsonNode k : keys) {
            assertThat(k.has("kid")).isTrue();
            assertThat(k.get("use").asText()).isEqualTo("sig");
            assertThat(k.get("alg").asText()).isIn("RS256", "ES256");
            for (String privatePart : new String[] {"d", "p", "q", "dp", "dq", "qi"}) {
                assertThat(k.has(privatePart)).as("private member " + privatePart).isFalse();
            }
        }
        for (JWK k : JWKSet.parse(r.body()).getKeys()) {
            assertThat(k.isPrivate()).isFalse();
        }
    }

    @Test
    void tokenKeyIsTheActiveRsaKeyInTheSpringSecurityOauthShape() throws Exception {
        ClientAdmin.Created c = server.confidentialClient("tk", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
        String token = Json.MAPPER.readTree(server.post("/oauth/token", "grant_type=client_credentials", "Authorization",
                TestServer.basic("tk", c.secret())).body()).get("access_token").asText();

        JsonNode tokenKey = Json.MAPPER.readTree(server.get("/oauth/token_key").body());
        assertThat(tokenKey.get("alg").asText()).isEqualTo("SHA256withRSA");
        String pem = tokenKey.get("value").asText();
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("\n-----END PUBLIC KEY-----");
        byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", ""));
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        assertThat(SignedJWT.parse(token).verify(new RSASSAVerifier(key))).as("the PEM key verifies Cell's RS256 tokens").isTrue();
    }
}
