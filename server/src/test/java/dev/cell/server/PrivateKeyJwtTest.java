package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.JWTID;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code private_key_jwt} client authentication (OIDC Core §9, RFC 7523 §2.2, §3) with assertions built by Nimbus oauth2-oidc-sdk. */
class PrivateKeyJwtTest {
    static final String CC = "grant_type=client_credentials";
    static TestServer server;
    static JwksServer jwksServer;
    static RSAKey rsa = AssertionKit.rsa("rsa-1");
    static ECKey ec = AssertionKit.ec("ec-1");
    static AssertionKit.Ed25519 ed = AssertionKit.Ed25519.generate("ed-1");
    static URI tokenEndpoint;
    static Audience issuer;
    /** Every log line while the class runs: the reasons a client authentication failed are logged, not answered. */
    static AuditLogTest.Capture logs;

    @BeforeAll
    static void start() {
        logs = new AuditLogTest.Capture();
        server = TestServer.start(Map.of("assertions.jwks-fetch-timeout", "4s"));
        jwksServer = new JwksServer();
        jwksServer.serve(AssertionKit.publicJwks(ec));
        tokenEndpoint = URI.create(server.url("/oauth/token"));
        issuer = new Audience(server.config.issuer().toString());
        register("pk-inline", AssertionKit.publicJwks(rsa, ec, ed.publicJwk()), null);
        register("pk-uri", null, jwksServer.url("/jwks"));
        register("pk-slow", null, jwksServer.url("/slow"));
        register("pk-garbage", null, jwksServer.url("/garbage"));
        register("pk-large", null, jwksServer.url("/large"));
    }

    static void register(String id, String jwks, String jwksUri) {
        server.clients.create(id, ClientMetadata.builder().clientName("Test " + id)
                .tokenEndpointAuthMethod(ClientAuthMethod.PRIVATE_KEY_JWT).grantTypes(Set.of("client_credentials"))
                .scopes(Set.of("read")).jwks(jwks).jwksUri(jwksUri).build());
    }

    @AfterAll
    static void stop() {
        server.close();
        jwksServer.close();
        logs.close();
    }

    static HttpResponse<String> token(String body) {
        return server.post("/oauth/token", body);
    }

    static PrivateKeyJWT rs256(String clientId, Audience aud) throws Exception {
        return new PrivateKeyJWT(new JWTAuthenticationClaimsSet(new ClientID(clientId), aud), JWSAlgorithm.RS256, rsa.toRSAPrivateKey(),
                rsa.getKeyID(), null);
    }

    static JWTAuthenticationClaimsSet claims(String clientId, Instant iat, Instant exp) {
        return new JWTAuthenticationClaimsSet(new ClientID(clientId), List.of(issuer), Date.from(exp), null, Date.from(iat), new JWTID());
    }

    /** Refused as {@code invalid_client}; {@code descriptionPart} in the description (syntax errors) or in the logged reason. */
    static void assertInvalidClient(HttpResponse<String> r, String descriptionPart) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("error").asText()).isEqualTo("invalid_client");
        String description = body.get("error_description").asText();
        if (!description.contains(descriptionPart)) {
            assertThat(description).as("once the client is looked up, one description for every failure").isEqualTo("client authentication failed");
            assertThat(logs.lines()).as("the reason goes to the log").anySatisfy(l -> assertThat(l).contains("client authentication failed")
                    .contains(descriptionPart));
        }
    }

    static void assertToken(HttpResponse<String> r, String clientId) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String accessToken = Json.MAPPER.readTree(r.body()).get("access_token").asText();
        assertThat(SignedJWT.parse(accessToken).getJWTClaimsSet().getSubject()).isEqualTo(clientId);
    }

    @Test
    void rs256AssertionWithTheIssuerAsAudienceGetsAToken() throws Exception {
        assertToken(token(AssertionKit.body(CC, rs256("pk-inline", issuer))), "pk-inline");
    }

    @Test
    void theTokenEndpointUrlIsAlsoAcceptedAsAudience() throws Exception {
        PrivateKeyJWT auth = new PrivateKeyJWT(new ClientID("pk-inline"), tokenEndpoint, JWSAlgorithm.RS256, rsa.toRSAPrivateKey(),
                rsa.getKeyID(), null);
        assertToken(token(AssertionKit.body(CC, auth)), "pk-inline");
    }

    @Test
    void ps256AssertionGetsAToken() throws Exception {
        PrivateKeyJWT auth = new PrivateKeyJWT(new JWTAuthenticationClaimsSet(new ClientID("pk-inline"), issuer), JWSAlgorithm.PS256,
                rsa.toRSAPrivateKey(), rsa.getKeyID(), null);
        assertToken(token(AssertionKit.body(CC, auth)), "pk-inline");
    }

    @Test
    void es256AssertionGetsAToken() throws Exception {
        PrivateKeyJWT auth = new PrivateKeyJWT(new JWTAuthenticationClaimsSet(new ClientID("pk-inline"), issuer), JWSAlgorithm.ES256,
                ec.toECPrivateKey(), ec.getKeyID(), null);
        assertToken(token(AssertionKit.body(CC, auth)), "pk-inline");
    }

    /** The SDK's PrivateKeyJWT takes RSA and EC signatures only, so its claims are signed here with the JDK's Ed25519. */
    @Test
    void edDsaAssertionGetsAToken() throws Exception {
        SignedJWT jwt = ed.sign(new JWTAuthenticationClaimsSet(new ClientID("pk-inline"), issuer).toJWTClaimsSet());
        assertToken(token(AssertionKit.body(CC, jwt.serialize())), "pk-inline");
    }

    @Test
    void keysFromTheJwksUriVerifyTheAssertion() throws Exception {
        PrivateKeyJWT auth = new PrivateKeyJWT(new ClientID("pk-uri"), tokenEndpoint, JWSAlgorithm.ES256, ec.toECPrivateKey(), ec.getKeyID(), null);
        assertToken(token(AssertionKit.body(CC, auth)), "pk-uri");
    }

    @Test
    void anAssertionSignedWithAnotherKeyIsInvalidClient() throws Exception {
        RSAKey other = AssertionKit.rsa("rsa-1");
        PrivateKeyJWT auth = new PrivateKeyJWT(new JWTAuthenticationClaimsSet(new ClientID("pk-inline"), issuer), JWSAlgorithm.RS256,
                other.toRSAPrivateKey(), other.getKeyID(), null);
        assertInvalidClient(token(AssertionKit.body(CC, auth)), "signature");
    }

    @Test
    void anotherAudienceIsInvalidClient() throws Exception {
        assertInvalidClient(token(AssertionKit.body(CC, rs256("pk-inline", new Audience("https://other.example.com")))), "aud");
        assertInvalidClient(token(AssertionKit.body(CC, rs256("pk-inline", new Audience(server.url("/oauth/introspect"))))), "aud");
    }

    @Test
    void anExpiredAssertionIsInvalidClient() throws Exception {
        Instant now = Instant.now();
        PrivateKeyJWT auth = new PrivateKeyJWT(claims("pk-inline", now.minusSeconds(240), now.minusSeconds(120)), JWSAlgorithm.RS256,
                rsa.toRSAPrivateKey(), rsa.getKeyID(), null);
        assertInvalidClient(token(AssertionKit.body(CC, auth)), "expired");
    }

    @Test
    void anAssertionLivingLongerThanTheMaximumIsInvalidClient() throws Exception {
        Instant now = Instant.now();
        PrivateKeyJWT auth = new PrivateKeyJWT(claims("pk-inline", now, now.plusSeconds(600)), JWSAlgorithm.RS256, rsa.toRSAPrivateKey(),
                rsa.getKeyID(), null);
        assertInvalidClient(token(AssertionKit.body(CC, auth)), "longer than the 5m");
    }

    @Test
    void aReplayedJtiIsInvalidClient() throws Exception {
        String body = AssertionKit.body(CC, rs256("pk-inline", issuer));
        assertToken(token(body), "pk-inline");
        assertInvalidClient(token(body), "already used");
    }

    @Test
    void anAssertionWithoutJtiIsInvalidClient() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("pk-inline").subject("pk-inline").audience(issuer.getValue())
                .expirationTime(Date.from(Instant.now().plusSeconds(60))).build();
        assertInvalidClient(token(AssertionKit.body(CC, AssertionKit.signRs256(rsa, claims))), "jti");
    }

    @Test
    void algNoneIsInvalidClient() throws Exception {
        PlainJWT unsigned = new PlainJWT(new JWTAuthenticationClaimsSet(new ClientID("pk-inline"), issuer).toJWTClaimsSet());
        assertInvalidClient(token(AssertionKit.body(CC, unsigned.serialize())), "not a signed JWT");
    }

    @Test
    void anHmacAssertionForAPrivateKeyJwtClientIsInvalidClient() throws Exception {
        ClientSecretJWT hmac = new ClientSecretJWT(new ClientID("pk-inline"), tokenEndpoint, JWSAlgorithm.HS256,
                new Secret(rsa.toPublicJWK().toJSONString()));
        assertInvalidClient(token(AssertionKit.body(CC, hmac)), "must use private_key_jwt");
    }

    @Test
    void issDifferentFromSubIsInvalidClient() throws Exception {
        PrivateKeyJWT auth = new PrivateKeyJWT(new JWTAuthenticationClaimsSet(new Issuer("someone-else"), new ClientID("pk-inline"), issuer),
                JWSAlgorithm.RS256, rsa.toRSAPrivateKey(), rsa.getKeyID(), null);
        assertInvalidClient(token(AssertionKit.body(CC, auth)), "iss and sub");
    }

    @Test
    void aSlowJwksUriFailsFastWithInvalidClient() throws Exception {
        PrivateKeyJWT auth = new PrivateKeyJWT(new ClientID("pk-slow"), tokenEndpoint, JWSAlgorithm.ES256, ec.toECPrivateKey(), ec.getKeyID(), null);
        long started = System.nanoTime();
        assertInvalidClient(token(AssertionKit.body(CC, auth)), "no answer within 4000 ms");
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms until the answer; the jwks_uri answers after 30 s").isLessThan(15_000);

        PrivateKeyJWT again = new PrivateKeyJWT(new ClientID("pk-slow"), tokenEndpoint, JWSAlgorithm.ES256, ec.toECPrivateKey(), ec.getKeyID(), null);
        started = System.nanoTime();
        assertInvalidClient(token(AssertionKit.body(CC, again)), "unavailable");
        assertThat((System.nanoTime() - started) / 1_000_000).as("the failure is remembered, not fetched again").isLessThan(4_000);
    }

    @Test
    void aJwksUriAnsweringGarbageIsInvalidClient() throws Exception {
        PrivateKeyJWT auth = new PrivateKeyJWT(new ClientID("pk-garbage"), tokenEndpoint, JWSAlgorithm.ES256, ec.toECPrivateKey(), ec.getKeyID(), null);
        assertInvalidClient(token(AssertionKit.body(CC, auth)), "not a JWK set");
    }

    @Test
    void aJwksDocumentOverTheSizeLimitIsInvalidClient() throws Exception {
        PrivateKeyJWT auth = new PrivateKeyJWT(new ClientID("pk-large"), tokenEndpoint, JWSAlgorithm.ES256, ec.toECPrivateKey(), ec.getKeyID(), null);
        assertInvalidClient(token(AssertionKit.body(CC, auth)), "larger than 65536 bytes");
    }

    @Test
    void onlyTheRegisteredMethodWorks() throws Exception {
        assertInvalidClient(server.post("/oauth/token", CC, "Authorization", TestServer.basic("pk-inline", "guessed-secret")),
                "must use private_key_jwt");
        assertInvalidClient(token(CC + "&client_id=pk-inline&client_secret=guessed-secret"), "must use private_key_jwt");
        assertInvalidClient(token(CC + "&client_id=pk-inline"), "must use private_key_jwt");
    }

    @Test
    void aClientIdBesideTheAssertionMustNameTheSameClient() throws Exception {
        assertInvalidClient(token(AssertionKit.body(CC + "&client_id=pk-uri", rs256("pk-inline", issuer))), "client_id does not match");
    }

    @Test
    void anotherAssertionTypeIsInvalidClient() throws Exception {
        String assertion = rs256("pk-inline", issuer).getClientAssertion().serialize();
        assertInvalidClient(token(CC + "&client_assertion_type=urn:example:saml&client_assertion=" + assertion), "client_assertion_type");
        assertInvalidClient(token(CC + "&client_assertion_type=" + AssertionKit.ASSERTION_TYPE), "client_assertion is missing");
    }

    @Test
    void introspectionAndRevocationAcceptTheSameAuthentication() throws Exception {
        String accessToken = Json.MAPPER.readTree(token(AssertionKit.body(CC, rs256("pk-inline", issuer))).body()).get("access_token").asText();
        HttpResponse<String> introspected = server.post("/oauth/introspect", AssertionKit.body("token=" + accessToken, rs256("pk-inline", issuer)));
        assertThat(introspected.statusCode()).as(introspected.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(introspected.body()).get("active").asBoolean()).isTrue();
        HttpResponse<String> revoked = server.post("/oauth/revoke", AssertionKit.body("token=" + accessToken, rs256("pk-inline", issuer)));
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertInvalidClient(server.post("/oauth/introspect", "token=" + accessToken + "&client_id=pk-inline&client_secret=x"),
                "must use private_key_jwt");
    }

    @Test
    void discoveryListsTheMethodsAndAlgorithmsForEveryEndpointThatAuthenticatesClients() throws Exception {
        JsonNode d = Json.MAPPER.readTree(server.get("/.well-known/openid-configuration").body());
        for (String endpoint : List.of("token", "introspection", "revocation")) {
            assertThat(d.get(endpoint + "_endpoint_auth_methods_supported")).extracting(JsonNode::asText)
                    .contains("client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt");
            assertThat(d.get(endpoint + "_endpoint_auth_signing_alg_values_supported")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("RS256", "PS256", "ES256", "EdDSA", "HS256", "HS384", "HS512");
        }
    }
}
