package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import dev.cell.token.StoredToken;
import dev.cell.token.TokenHasher;
import dev.cell.token.TokenKind;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The token endpoint with the client_credentials grant (RFC 6749 §4.4, §5; RFC 9068). */
class ClientCredentialsTest {
    static TestServer server;
    static ClientAdmin.Created basic;
    static ClientAdmin.Created post;
    static ClientAdmin.Created opaque;
    static ClientAdmin.Created mixed;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        basic = server.confidentialClient("svc-basic", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read", "write");
        post = server.confidentialClient("svc-post", ClientAuthMethod.CLIENT_SECRET_POST, AccessTokenFormat.JWT, "read");
        opaque = server.confidentialClient("svc-opaque", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.OPAQUE, "read");
        mixed = server.confidentialClient("svc-mixed", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read",
                "openid", "profile", "email", "address", "phone", "offline_access");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    /** OIDC Core section 3.1.2.1 and RFC 6749 section 4.4: no user, so no scope that means one. */
    @Test
    void userDelegationScopesAreRefusedAndLeftOutOfTheDefault() throws Exception {
        HttpResponse<String> byDefault = server.post("/oauth/token", "grant_type=client_credentials",
                "Authorization", TestServer.basic("svc-mixed", mixed.secret()));
        assertThat(byDefault.statusCode()).as(byDefault.body()).isEqualTo(200);
        assertThat(json(byDefault).get("scope").asText()).isEqualTo("read");
        for (String scope : List.of("openid", "profile", "email", "address", "phone", "offline_access")) {
            HttpResponse<String> r = server.post("/oauth/token", "grant_type=client_credentials&scope=read%20" + scope,
                    "Authorization", TestServer.basic("svc-mixed", mixed.secret()));
            assertThat(r.statusCode()).as(scope + ": " + r.body()).isEqualTo(400);
            assertThat(json(r).get("error").asText()).isEqualTo("invalid_scope");
            assertThat(json(r).get("error_description").asText()).contains(scope);
        }
    }

    @Test
    void issuesRfc9068JwtSignedWithThePublishedRs256Key() throws Exception {
        HttpResponse<String> r = server.post("/oauth/token", "grant_type=client_credentials&scope=read",
                "Authorization", TestServer.basic("svc-basic", basic.secret()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode body = json(r);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(300);
        assertThat(body.get("scope").asText()).isEqualTo("read");
        assertThat(body.has("refresh_token")).as("no refresh token for client_credentials (RFC 6749 §4.4.3)").isFalse();

        SignedJWT jwt = SignedJWT.parse(body.get("access_token").asText());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        JWKSet jwks = JWKSet.parse(server.get("/oauth/jwks").body());
        JWK key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key.toRSAKey()))).isTrue();

        Map<String, Object> claims = jwt.getJWTClaimsSet().getClaims();
        assertThat(claims).containsKeys("iss", "sub", "aud", "client_id", "scope", "iat", "exp", "jti");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(server.config.issuer().toString());
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("svc-basic");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("svc-basic");
        assertThat(claims.get("client_id")).isEqualTo("svc-basic");
        long lifetime = jwt.getJWTClaimsSet().getExpirationTime().getTime() - jwt.getJWTClaimsSet().getIssueTime().getTime();
        assertThat(lifetime).isEqualTo(300_000);
    }

    @Test
    void everyTokenHasItsOwnJti() throws Exception {
        String a = json(server.post("/oauth/token", "grant_type=client_credentials", "Authorization",
                TestServer.basic("svc-basic", basic.secret()))).get("access_token").asText();
        String b = json(server.post("/oauth/token", "grant_type=client_credentials", "Authorization",
                TestServer.basic("svc-basic", basic.secret()))).get("access_token").asText();
        assertThat(SignedJWT.parse(a).getJWTClaimsSet().getJWTID()).isNotEqualTo(SignedJWT.parse(b).getJWTClaimsSet().getJWTID());
    }

    @Test
    void withoutScopeGrantsEveryAllowedScope() throws Exception {
        JsonNode body = json(server.post("/oauth/token", "grant_type=client_credentials",
                "Authorization", TestServer.basic("svc-basic", basic.secret())));
        assertThat(body.get("scope").asText()).isEqualTo("read write");
    }

    @Test
    void scopeBeyondTheClientsAllowedScopesIsInvalidScope() throws Exception {
        HttpResponse<String> r = server.post("/oauth/token", "grant_type=client_credentials&scope=read%20admin",
                "Authorization", TestServer.basic("svc-basic", basic.secret()));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo("invalid_scope");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void clientSecretPostWorksForAClientRegisteredForIt() throws Exception {
        HttpResponse<String> r = server.post("/oauth/token",
                "grant_type=client_credentials&client_id=svc-post&client_secret=" + post.secret());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("access_token").asText()).isNotEmpty();
    }

    @Test
    void onlyTheRegisteredAuthenticationMethodIsAccepted() throws Exception {
        HttpResponse<String> postForBasicClient = server.post("/oauth/token",
                "grant_type=client_credentials&client_id=svc-basic&client_secret=" + basic.secret());
        assertThat(postForBasicClient.statusCode()).isEqualTo(401);
        assertThat(json(postForBasicClient).get("error").asText()).isEqualTo("invalid_client");

        HttpResponse<String> basicForPostClient = server.post("/oauth/token", "grant_type=client_credentials",
                "Authorization", TestServer.basic("svc-post", post.secret()));
        assertThat(basicForPostClient.statusCode()).isEqualTo(401);
        assertThat(basicForPostClient.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic");
    }

    @Test
    void wrongSecretIsInvalidClientWithWwwAuthenticate() throws Exception {
        HttpResponse<String> r = server.post("/oauth/token", "grant_type=client_credentials",
                "Authorization", TestServer.basic("svc-basic", basic.secret() + "x"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic realm=");
        assertThat(json(r).get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void twoAuthenticationMethodsAtOnceAreInvalidRequest() throws Exception {
        HttpResponse<String> r = server.post("/oauth/token", "grant_type=client_credentials&client_secret=" + basic.secret(),
                "Authorization", TestServer.basic("svc-basic", basic.secret()));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void unknownGrantTypeIsUnsupportedGrantType() throws Exception {
        HttpResponse<String> r = server.post("/oauth/token", "grant_type=urn:example:nothing",
                "Authorization", TestServer.basic("svc-basic", basic.secret()));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void missingGrantTypeIsInvalidRequest() throws Exception {
        HttpResponse<String> r = server.post("/oauth/token", "scope=read",
                "Authorization", TestServer.basic("svc-basic", basic.secret()));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void aClientNotRegisteredForTheGrantIsUnauthorizedClient() throws Exception {
        ClientAdmin.Created other = server.clients.create("web-only", ClientMetadata.builder().clientName("Web")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of("authorization_code")).redirectUris(List.of("https://app.example/cb"))
                .scopes(Set.of("read")).build());
        HttpResponse<String> r = server.post("/oauth/token", "grant_type=client_credentials",
                "Authorization", TestServer.basic("web-only", other.secret()));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo("unauthorized_client");
    }

    @Test
    void opaqueTokensAndTheirGrantsAreKeyedInIssueOrder() throws Exception {
        List<StoredToken> issued = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread.sleep(2);
            HttpResponse<String> r = server.post("/oauth/token", "grant_type=client_credentials&scope=read",
                    "Authorization", TestServer.basic("svc-opaque", opaque.secret()));
            String token = json(r).get("access_token").asText();
            issued.add(server.database.stores().tokens().find(TokenHasher.orderedHash(token)).orElseThrow());
        }
        assertThat(issued.stream().map(StoredToken::tokenHash).toList()).as("new index entries land at its end").isSorted();
        assertThat(issued.stream().map(StoredToken::grantId).toList()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void opaqueTokensAreStoredOnlyUnderTheirHash() throws Exception {
        HttpResponse<String> r = server.post("/oauth/token", "grant_type=client_credentials&scope=read",
                "Authorization", TestServer.basic("svc-opaque", opaque.secret()));
        assertThat(r.statusCode()).isEqualTo(200);
        String token = json(r).get("access_token").asText();
        assertThat(token).doesNotContain(".");
        assertThat(token.length()).isGreaterThanOrEqualTo(43);
        StoredToken stored = server.database.stores().tokens().find(TokenHasher.orderedHash(token)).orElseThrow();
        assertThat(stored.kind()).isEqualTo(TokenKind.ACCESS);
        assertThat(stored.clientId()).isEqualTo("svc-opaque");
        assertThat(stored.scopes()).containsExactly("read");
        assertThat(stored.expiresAt()).isAfter(Instant.now().plusSeconds(290));
        assertThat(server.database.stores().tokens().find(token)).as("nothing stored under the raw value").isEmpty();
    }

    @Test
    void secretsAreStoredOnlyAsSha256() {
        String hash = server.database.stores().clients().find("svc-basic").orElseThrow().secretHash();
        assertThat(hash).isEqualTo(TokenHasher.hash(basic.secret())).isNotEqualTo(basic.secret());
        assertThat(java.util.Base64.getUrlDecoder().decode(basic.secret())).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void es256AccessTokensWhenConfigured() throws Exception {
        try (TestServer es = TestServer.start(Map.of("tokens.access-token-signing-alg", "ES256"))) {
            ClientAdmin.Created c = es.confidentialClient("svc", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
            HttpResponse<String> r = es.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic("svc", c.secret()));
            SignedJWT jwt = SignedJWT.parse(json(r).get("access_token").asText());
            assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
            JWK key = JWKSet.parse(es.get("/oauth/jwks").body()).getKeyByKeyId(jwt.getHeader().getKeyID());
            assertThat(jwt.verify(new ECDSAVerifier(key.toECKey()))).isTrue();
        }
    }

    @Test
    void aDisabledGrantIsUnsupportedAndNotAdvertised() throws Exception {
        try (TestServer off = TestServer.start(Map.of("features.client-credentials.enabled", "false"))) {
            ClientAdmin.Created c = off.registeredBefore("svc", ClientMetadata.builder().clientName("svc")
                    .grantTypes(Set.of("client_credentials")).scopes(Set.of("read")).build());
            HttpResponse<String> r = off.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic("svc", c.secret()));
            assertThat(json(r).get("error").asText()).isEqualTo("unsupported_grant_type");
            JsonNode discovery = json(off.get("/.well-known/openid-configuration"));
            assertThat(discovery.get("grant_types_supported")).extracting(JsonNode::asText).doesNotContain("client_credentials");
        }
    }
}
