package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.assertions.jwt.JWTAssertionDetails;
import com.nimbusds.oauth2.sdk.assertions.jwt.JWTAssertionFactory;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.cell.account.User;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JWT bearer grant (RFC 7523 §2.1, §3) with assertions built by Nimbus oauth2-oidc-sdk. */
class JwtBearerGrantTest {
    static final String IDP = "https://idp.example.com";
    static final String WORKFORCE = "https://workforce.example.com";
    static final String PARTNER = "https://partner.example.com";

    @TempDir
    static Path dir;
    static TestServer server;
    static JwksServer jwksServer;
    static RSAKey idpKey = AssertionKit.rsa("idp-1");
    static ECKey workforceKey = AssertionKit.ec("wf-1");
    static RSAKey partnerKey = AssertionKit.rsa("partner-1");
    static ClientAdmin.Created app;
    static ClientAdmin.Created ccOnly;
    static User carol;
    static User dave;
    static ClientAdmin.Created partnerJwt;
    static ClientAdmin.Created partnerOpaque;
    static ClientAdmin.Created rs;

    @BeforeAll
    static void start() throws Exception {
        jwksServer = new JwksServer();
        jwksServer.serve(AssertionKit.publicJwks(workforceKey));
        Path trust = dir.resolve("jwt-bearer-trust.yaml");
        Files.writeString(trust, """
                issuers:
                  - issuer: %s
                    jwks: %s
                    subjects: [alice, bob]
                    scopes: [read, write]
                  - issuer: %s
                    jwks-uri: %s
                    subjects: ["*"]
                    scopes: [read]
                    local-users: true
                  - issuer: %s
                    jwks: %s
                    subjects: ["*"]
                    scopes: [openid, read]
                """.formatted(IDP, AssertionKit.publicJwks(idpKey), WORKFORCE, jwksServer.url("/jwks"), PARTNER,
                AssertionKit.publicJwks(partnerKey)));
        server = TestServer.start(Map.of("jwt-bearer.trust-file", trust.toString(), "assertions.jwks-fetch-timeout", "10s"));
        app = server.clients.create("bearer-app", ClientMetadata.builder().clientName("Bearer app")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of(JWTBearerGrant.GRANT_TYPE.getValue())).scopes(Set.of("read", "write", "admin")).build());
        ccOnly = server.confidentialClient("cc-only", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
        carol = server.users.create("carol", "carol-password-1", Map.of(), Set.of());
        dave = server.users.create("dave", "dave-password-1", Map.of("email", "dave@example.com"), Set.of("ROLE_ADMIN"));
        partnerJwt = partnerClient("partner-jwt", AccessTokenFormat.JWT);
        partnerOpaque = partnerClient("partner-opaque", AccessTokenFormat.OPAQUE);
        rs = server.confidentialClient("rs", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "none");
    }

    static ClientAdmin.Created partnerClient(String id, AccessTokenFormat format) {
        return server.clients.create(id, ClientMetadata.builder().clientName(id)
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of(JWTBearerGrant.GRANT_TYPE.getValue())).scopes(Set.of("openid", "read"))
                .accessTokenFormat(format).build());
    }

    static SignedJWT partnerAssertion(String subject) throws Exception {
        JWTAssertionDetails details = new JWTAssertionDetails(new Issuer(PARTNER), new Subject(subject), new Audience(server.config.issuer().toString()));
        return JWTAssertionFactory.create(details, JWSAlgorithm.RS256, partnerKey.toRSAPrivateKey(), partnerKey.getKeyID(), null);
    }

    @AfterAll
    static void stop() {
        server.close();
        jwksServer.close();
    }

    static SignedJWT idpAssertion(String subject) throws Exception {
        JWTAssertionDetails details = new JWTAssertionDetails(new Issuer(IDP), new Subject(subject), new Audience(server.config.issuer().toString()));
        return JWTAssertionFactory.create(details, JWSAlgorithm.RS256, idpKey.toRSAPrivateKey(), idpKey.getKeyID(), null);
    }

    static HttpResponse<String> grant(SignedJWT assertion, String clientId, ClientAdmin.Created client, String extra) {
        return server.post("/oauth/token", URLUtils.serializeParameters(new JWTBearerGrant(assertion).toParameters()) + extra,
                "Authorization", TestServer.basic(clientId, client.secret()));
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    static void assertError(HttpResponse<String> r, String error, String descriptionPart) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo(error);
        assertThat(json(r).get("error_description").asText()).contains(descriptionPart);
    }

    @Test
    void aTrustedAssertionGetsAnAccessTokenForItsSubject() throws Exception {
        HttpResponse<String> r = grant(idpAssertion("alice"), "bearer-app", app, "&scope=read");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("scope").asText()).isEqualTo("read");
        assertThat(body.has("refresh_token")).isFalse();
        SignedJWT token = SignedJWT.parse(body.get("access_token").asText());
        assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("alice");
        assertThat(token.getJWTClaimsSet().getClaim("client_id")).isEqualTo("bearer-app");
    }

    @Test
    void withoutScopeTheTokenGetsWhatBothTheTrustAndTheClientAllow() throws Exception {
        HttpResponse<String> r = grant(idpAssertion("bob"), "bearer-app", app, "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("scope").asText()).isEqualTo("read write");
    }

    @Test
    void aSubjectOfALocalUsersTrustBecomesTheUsersId() throws Exception {
        JWTAssertionDetails details = new JWTAssertionDetails(new Issuer(WORKFORCE), new Subject("carol"), new Audience(server.url("/oauth/token")));
        SignedJWT assertion = JWTAssertionFactory.create(details, JWSAlgorithm.ES256, workforceKey.toECPrivateKey(), workforceKey.getKeyID(), null);
        HttpResponse<String> r = grant(assertion, "bearer-app", app, "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(SignedJWT.parse(json(r).get("access_token").asText()).getJWTClaimsSet().getSubject()).isEqualTo(carol.id());
        assertThat(json(r).get("scope").asText()).isEqualTo("read");

        JWTAssertionDetails stranger = new JWTAssertionDetails(new Issuer(WORKFORCE), new Subject("mallory"), new Audience(server.url("/oauth/token")));
        assertError(grant(JWTAssertionFactory.create(stranger, JWSAlgorithm.ES256, workforceKey.toECPrivateKey(), workforceKey.getKeyID(), null),
                "bearer-app", app, ""), "invalid_grant", "not an active user");
    }

    /**
     * User ids are not secret (they are the sub of ID tokens): an issuer trusted without local-users that asserts one gets a
     * token for its own subject, which UserInfo, introspection and check_token never take for the Cell user (RFC 7523 section 3,
     * RFC 9700 section 4.15.1). The token names the subject's issuer in sub_id (RFC 9493).
     */
    @Test
    void anExternalSubjectThatIsACellUserIdNeverBecomesThatUser() throws Exception {
        for (String clientId : List.of("partner-jwt", "partner-opaque")) {
            ClientAdmin.Created client = clientId.equals("partner-jwt") ? partnerJwt : partnerOpaque;
            HttpResponse<String> r = grant(partnerAssertion(dave.id()), clientId, client, "&scope=openid%20read");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            String token = json(r).get("access_token").asText();

            HttpResponse<String> userinfo = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/userinfo")))
                    .header("Authorization", "Bearer " + token).GET().build());
            assertThat(userinfo.statusCode()).as(clientId + " userinfo: " + userinfo.body()).isEqualTo(401);
            assertThat(userinfo.body()).doesNotContain("dave");

            JsonNode introspected = json(server.post("/oauth/introspect", "token=" + token, "Authorization", TestServer.basic("rs", rs.secret())));
            assertThat(introspected.get("active").asBoolean()).isTrue();
            assertThat(introspected.get("sub").asText()).isEqualTo(dave.id());
            assertThat(introspected.has("username")).as(clientId + ": " + introspected).isFalse();
            assertThat(introspected.at("/sub_id/format").asText()).isEqualTo("iss_sub");
            assertThat(introspected.at("/sub_id/iss").asText()).isEqualTo(PARTNER);
            assertThat(introspected.at("/sub_id/sub").asText()).isEqualTo(dave.id());

            JsonNode checked = json(server.post("/oauth/check_token", "token=" + token, "Authorization", TestServer.basic("rs", rs.secret())));
            assertThat(checked.has("user_name")).as(clientId + ": " + checked).isFalse();
            assertThat(checked.get("authorities")).as(clientId + ": " + checked).isEmpty();
        }
        SignedJWT jwt = SignedJWT.parse(json(grant(partnerAssertion(dave.id()), "partner-jwt", partnerJwt, "")).get("access_token").asText());
        assertThat(jwt.getJWTClaimsSet().getJSONObjectClaim("sub_id")).containsEntry("iss", PARTNER).containsEntry("sub", dave.id());
    }

    @Test
    void aSubjectLongerThanAnyColumnIsInvalidGrantNotA500() throws Exception {
        for (String clientId : List.of("partner-jwt", "partner-opaque")) {
            ClientAdmin.Created client = clientId.equals("partner-jwt") ? partnerJwt : partnerOpaque;
            assertError(grant(partnerAssertion("x".repeat(256)), clientId, client, ""), "invalid_grant", "longer than 255");
            assertThat(grant(partnerAssertion("y".repeat(255)), clientId, client, "").statusCode()).isEqualTo(200);
        }
        JWTAssertionDetails details = new JWTAssertionDetails(new Issuer(WORKFORCE), new Subject("z".repeat(300)), new Audience(server.url("/oauth/token")));
        assertError(grant(JWTAssertionFactory.create(details, JWSAlgorithm.ES256, workforceKey.toECPrivateKey(), workforceKey.getKeyID(), null),
                "bearer-app", app, ""), "invalid_grant", "longer than 255");
    }

    @Test
    void anUntrustedIssuerIsInvalidGrant() throws Exception {
        JWTAssertionDetails details = new JWTAssertionDetails(new Issuer("https://evil.example.com"), new Subject("alice"),
                new Audience(server.config.issuer().toString()));
        SignedJWT assertion = JWTAssertionFactory.create(details, JWSAlgorithm.RS256, idpKey.toRSAPrivateKey(), idpKey.getKeyID(), null);
        assertError(grant(assertion, "bearer-app", app, ""), "invalid_grant", "not trusted");
    }

    @Test
    void aSubjectTheIssuerMayNotAssertIsInvalidGrant() throws Exception {
        assertError(grant(idpAssertion("root"), "bearer-app", app, ""), "invalid_grant", "subject");
    }

    @Test
    void aScopeBeyondTheTrustIsInvalidScope() throws Exception {
        assertError(grant(idpAssertion("alice"), "bearer-app", app, "&scope=admin"), "invalid_scope", "admin");
    }

    @Test
    void anAssertionSignedWithAnotherKeyIsInvalidGrant() throws Exception {
        RSAKey forged = AssertionKit.rsa("idp-1");
        JWTAssertionDetails details = new JWTAssertionDetails(new Issuer(IDP), new Subject("alice"), new Audience(server.config.issuer().toString()));
        assertError(grant(JWTAssertionFactory.create(details, JWSAlgorithm.RS256, forged.toRSAPrivateKey(), "idp-1", null), "bearer-app", app, ""),
                "invalid_grant", "signature");
    }

    @Test
    void aReplayedAssertionIsInvalidGrant() throws Exception {
        SignedJWT assertion = idpAssertion("alice");
        assertThat(grant(assertion, "bearer-app", app, "").statusCode()).isEqualTo(200);
        assertError(grant(assertion, "bearer-app", app, ""), "invalid_grant", "already used");
    }

    @Test
    void aClientNotRegisteredForTheGrantIsUnauthorizedClient() throws Exception {
        assertError(grant(idpAssertion("alice"), "cc-only", ccOnly, ""), "unauthorized_client", "not allowed");
    }

    @Test
    void theGrantIsAdvertisedWhenATrustIsConfigured() throws Exception {
        assertThat(json(server.get("/.well-known/openid-configuration")).get("grant_types_supported")).extracting(JsonNode::asText)
                .contains(JWTBearerGrant.GRANT_TYPE.getValue());
    }

    @Test
    void withoutATrustFileTheGrantIsOffAndNotAdvertised() throws Exception {
        try (TestServer off = TestServer.start()) {
            ClientAdmin.Created c = off.registeredBefore("bearer-app", ClientMetadata.builder().clientName("Bearer app")
                    .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                    .grantTypes(Set.of(JWTBearerGrant.GRANT_TYPE.getValue())).scopes(Set.of("read")).build());
            HttpResponse<String> r = off.post("/oauth/token", URLUtils.serializeParameters(new JWTBearerGrant(idpAssertion("alice")).toParameters()),
                    "Authorization", TestServer.basic("bearer-app", c.secret()));
            assertThat(json(r).get("error").asText()).isEqualTo("unsupported_grant_type");
            assertThat(json(off.get("/.well-known/openid-configuration")).get("grant_types_supported")).extracting(JsonNode::asText)
                    .doesNotContain(JWTBearerGrant.GRANT_TYPE.getValue());
        }
    }
}
