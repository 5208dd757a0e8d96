package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.cell.account.User;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.event.AuditRecord;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.store.AuditQuery;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token exchange (RFC 8693) at the token endpoint, with requests built by the Nimbus SDK's {@link TokenExchangeGrant}. */
class TokenExchangeTest {
    static final String GRANT = TokenExchangeGrant.GRANT_TYPE.getValue();
    static final String IDP = "https://idp.example.com";
    static final String ORDERS = "https://api.example/orders";
    static final String BILLING = "https://api.example/billing";
    static final String REDIRECT = "https://portal.example/cb";
    static final String BYE = "https://portal.example/bye";

    @TempDir
    static Path dir;
    static TestServer server;
    static RSAKey idpKey = AssertionKit.rsa("idp-1");
    static RSAKey strangerKey = AssertionKit.rsa("stranger-1");
    static ClientAdmin.Created portal;
    static ClientAdmin.Created portalOpaque;
    static ClientAdmin.Created gateway;
    static ClientAdmin.Created opaqueGateway;
    static ClientAdmin.Created worker;
    static ClientAdmin.Created unlisted;
    static ClientAdmin.Created noGrant;
    static ClientAdmin.Created rs;
    static User alice;
    static JsonNode signedIn;
    static JsonNode signedInOpaque;

    @BeforeAll
    static void start() throws Exception {
        Path trust = dir.resolve("jwt-bearer-trust.yaml");
        Files.writeString(trust, """
                issuers:
                  - issuer: %s
                    jwks: %s
                    subjects: ["*"]
                    scopes: [profile, orders.read]
                """.formatted(IDP, AssertionKit.publicJwks(idpKey)));
        server = TestServer.start(Map.of("features.token-exchange.enabled", "true", "jwt-bearer.trust-file", trust.toString()));
        portal = server.clients.create("portal", web("portal", AccessTokenFormat.JWT));
        portalOpaque = server.clients.create("portal-opaque", web("portal-opaque", AccessTokenFormat.OPAQUE));
        gateway = server.clients.create("gateway", exchanger("gateway", Set.of("portal", "portal-opaque", "gateway", IDP)));
        opaqueGateway = server.clients.create("opaque-gateway", exchanger("opaque-gateway", Set.of("portal")).toBuilder()
                .accessTokenFormat(AccessTokenFormat.OPAQUE).build());
        worker = server.clients.create("worker", exchanger("worker", Set.of("gateway")));
        unlisted = server.clients.create("unlisted", exchanger("unlisted", Set.of()));
        noGrant = server.confidentialClient("no-grant", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "profile");
        rs = server.confidentialClient("rs", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "none");
        alice = server.users.create("alice", "alice-password-1", Map.of("email", "alice@example.com"), Set.of());
        signedIn = signIn(portal);
        signedInOpaque = signIn(portalOpaque);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ClientMetadata web(String id, AccessTokenFormat format) {
        return ClientMetadata.builder().clientName(id).tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of("authorization_code")).redirectUris(List.of(REDIRECT)).postLogoutRedirectUris(List.of(BYE)).scopes(Set.of("openid", "profile", "email"))
                .accessTokenFormat(format).firstParty(true).build();
    }

    static ClientMetadata exchanger(String id, Set<String> subjects) {
        return ClientMetadata.builder().clientName(id).tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of(GRANT, "client_credentials")).scopes(Set.of("profile", "email", "orders.read"))
                .audiences(List.of(ORDERS, BILLING)).tokenExchangeSubjects(subjects).build();
    }

    static JsonNode signIn(ClientAdmin.Created client) throws Exception {
        return signIn(new Browser(server.url("")), client);
    }

    static JsonNode signIn(Browser b, ClientAdmin.Created client) throws Exception {
        String id = client.client().clientId();
        String code = Browser.query(AuthorizationCodeFlowTest.codeFor(b, AuthorizationCodeFlowTest.authorizeUrl(id, REDIRECT,
                "openid profile email", ""), "alice", "alice-password-1")).get("code");
        HttpResponse<String> r = server.post("/oauth/token", "grant_type=authorization_code&code=" + code + "&redirect_uri="
                + AuthorizationCodeFlowTest.enc(REDIRECT) + "&code_verifier=" + AuthorizationCodeFlowTest.VERIFIER, "Authorization",
                TestServer.basic(id, client.secret()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    static String clientToken(ClientAdmin.Created client) throws Exception {
        HttpResponse<String> r = server.post("/oauth/token", "grant_type=client_credentials", "Authorization",
                TestServer.basic(client.client().clientId(), client.secret()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("access_token").asText();
    }

    /** A token exchange request by {@code client}, built by the Nimbus SDK, plus {@code extra} form parameters. */
    static HttpResponse<String> exchange(ClientAdmin.Created client, String subject, TokenTypeURI subjectType, String actor,
            TokenTypeURI actorType, String extra) {
        TokenExchangeGrant grant = new TokenExchangeGrant(new TypelessToken(subject), subjectType,
                actor == null ? null : new TypelessToken(actor), actorType, null, null);
        return server.post("/oauth/token", URLUtils.serializeParameters(grant.toParameters()) + extra, "Authorization",
                TestServer.basic(client.client().clientId(), client.secret()));
    }

    static HttpResponse<String> exchange(ClientAdmin.Created client, String subject, TokenTypeURI subjectType, String extra) {
        return exchange(client, subject, subjectType, null, null, extra);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    static JWTClaimsSet claims(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return SignedJWT.parse(json(r).get("access_token").asText()).getJWTClaimsSet();
    }

    static void assertError(HttpResponse<String> r, String error, String descriptionPart) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo(error);
        assertThat(json(r).get("error_description").asText()).contains(descriptionPart);
    }

    static JsonNode introspect(String token) throws Exception {
        HttpResponse<String> r = server.post("/oauth/introspect", "token=" + AuthorizationCodeFlowTest.enc(token), "Authorization",
                TestServer.basic("rs", rs.secret()));
        return json(r);
    }

    static SignedJWT idpJwt(RSAKey key, String issuer, String subject, Instant exp, Map<String, Object> extra) throws Exception {
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(server.config.issuer().toString())
                .issueTime(new Date()).expirationTime(Date.from(exp)).jwtID(UUID.randomUUID().toString());
        extra.forEach(c::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                c.build());
        jwt.sign(new RSASSASigner(key));
        return jwt;
    }

    static String access() {
        return signedIn.get("access_token").asText();
    }

    @Test
    void impersonationGivesATokenForTheSameUserWithNoActAndNoRefreshToken() throws Exception {
        HttpResponse<String> r = exchange(gateway, access(), TokenTypeURI.ACCESS_TOKEN, "&scope=profile&audience=" + ORDERS);
        JsonNode body = json(r);
        JWTClaimsSet c = claims(r);
        assertThat(body.get("issued_token_type").asText()).isEqualTo(TokenTypeURI.ACCESS_TOKEN.getURI().toString());
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isPositive();
        assertThat(body.get("scope").asText()).isEqualTo("profile");
        assertThat(body.has("refresh_token")).isFalse();
        assertThat(c.getSubject()).isEqualTo(alice.id());
        assertThat(c.getAudience()).containsExactly(ORDERS);
        assertThat(c.getClaim("client_id")).isEqualTo("gateway");
        assertThat(c.getClaim("act")).isNull();
    }

    @Test
    void delegationRecordsTheActorAndTheTokenIntrospectsWithActAndTheNarrowedScope() throws Exception {
        HttpResponse<String> r = exchange(gateway, access(), TokenTypeURI.ACCESS_TOKEN, clientToken(gateway), TokenTypeURI.ACCESS_TOKEN,
                "&scope=profile&resource=" + AuthorizationCodeFlowTest.enc(BILLING));
        JWTClaimsSet c = claims(r);
        assertThat(c.getJSONObjectClaim("act")).isEqualTo(Map.of("sub", "gateway", "client_id", "gateway"));
        JsonNode i = introspect(json(r).get("access_token").asText());
        assertThat(i.get("active").asBoolean()).isTrue();
        assertThat(i.get("sub").asText()).isEqualTo(alice.id());
        assertThat(i.get("scope").asText()).isEqualTo("profile");
        assertThat(i.get("act").get("sub").asText()).isEqualTo("gateway");
        assertThat(i.get("aud").get(0).asText()).isEqualTo(BILLING);
    }

    @Test
    void anOpaqueSubjectTokenIsLookedUpAndTheActSurvivesIntrospection() throws Exception {
        HttpResponse<String> r = exchange(gateway, signedInOpaque.get("access_token").asText(), TokenTypeURI.ACCESS_TOKEN,
                clientToken(gateway), TokenTypeURI.ACCESS_TOKEN, "&scope=email");
        JWTClaimsSet c = claims(r);
        assertThat(c.getSubject()).isEqualTo(alice.id());
        assertThat(c.getStringClaim("scope")).isEqualTo("email");
        assertThat(introspect(json(r).get("access_token").asText()).get("act").get("client_id").asText()).isEqualTo("gateway");
    }

    @Test
    void anOpaqueTokenIssuedByExchangeKeepsItsActForIntrospection() throws Exception {
        HttpResponse<String> r = exchange(opaqueGateway, access(), TokenTypeURI.ACCESS_TOKEN, clientToken(gateway), TokenTypeURI.ACCESS_TOKEN,
                "&scope=profile&audience=" + ORDERS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String token = json(r).get("access_token").asText();
        assertThat(token.chars().filter(c -> c == '.').count()).as("opaque").isZero();
        JsonNode i = introspect(token);
        assertThat(i.get("active").asBoolean()).isTrue();
        assertThat(i.get("sub").asText()).isEqualTo(alice.id());
        assertThat(i.get("client_id").asText()).isEqualTo("opaque-gateway");
        assertThat(i.get("scope").asText()).isEqualTo("profile");
        assertThat(i.get("act").get("sub").asText()).isEqualTo("gateway");
        assertThat(i.get("aud").get(0).asText()).isEqualTo(ORDERS);
    }

    @Test
    void aDPoPProofBindsTheExchangedToken() throws Exception {
        ECKey key = DPoPTest.ecKey();
        TokenExchangeGrant grant = new TokenExchangeGrant(new TypelessToken(access()), TokenTypeURI.ACCESS_TOKEN);
        String form = URLUtils.serializeParameters(grant.toParameters());
        String auth = TestServer.basic("gateway", gateway.secret());
        HttpResponse<String> r = server.post("/oauth/token", form, "Authorization", auth, "DPoP", DPoPTest.proof(server, key, "POST",
                "/oauth/token", null, null));
        if (r.statusCode() == 400 && r.headers().firstValue("DPoP-Nonce").isPresent()) {
            r = server.post("/oauth/token", form, "Authorization", auth, "DPoP", DPoPTest.proof(server, key, "POST", "/oauth/token", null,
                    r.headers().firstValue("DPoP-Nonce").get()));
        }
        assertThat(json(r).get("token_type").asText()).isEqualTo("DPoP");
        assertThat(claims(r).getJSONObjectClaim("cnf")).containsEntry("jkt", DPoPTest.jkt(key));
    }

    @Test
    void signingOutEndsTheTokensExchangedFromTheSessionsTokens() throws Exception {
        for (ClientAdmin.Created exchanger : List.of(gateway, opaqueGateway)) {
            Browser b = new Browser(server.url(""));
            JsonNode own = signIn(b, portal);
            HttpResponse<String> r = exchange(exchanger, own.get("access_token").asText(), TokenTypeURI.ACCESS_TOKEN, "&scope=profile");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            String exchanged = json(r).get("access_token").asText();
            assertThat(introspect(exchanged).get("active").asBoolean()).isTrue();
            HttpResponse<String> out = b.get("/oauth/logout?id_token_hint=" + own.get("id_token").asText() + "&post_logout_redirect_uri="
                    + AuthorizationCodeFlowTest.enc(BYE));
            assertThat(Browser.location(out)).startsWith(BYE);
            assertThat(introspect(exchanged).get("active").asBoolean()).as(exchanger.client().clientId()).isFalse();
            assertError(exchange(exchanger, own.get("access_token").asText(), TokenTypeURI.ACCESS_TOKEN, ""), "invalid_request",
                    "not an active access token");
        }
    }

    @Test
    void aChainNestsThePriorActor() throws Exception {
        String delegated = json(exchange(gateway, access(), TokenTypeURI.ACCESS_TOKEN, clientToken(gateway), TokenTypeURI.ACCESS_TOKEN,
                "&scope=profile")).get("access_token").asText();
        HttpResponse<String> r = exchange(worker, delegated, TokenTypeURI.ACCESS_TOKEN, clientToken(worker), TokenTypeURI.ACCESS_TOKEN, "");
        JWTClaimsSet c = claims(r);
        assertThat(c.getSubject()).isEqualTo(alice.id());
        assertThat(c.getStringClaim("scope")).isEqualTo("profile");
        assertThat(c.getJSONObjectClaim("act")).isEqualTo(Map.of("sub", "worker", "client_id", "worker",
                "act", Map.of("sub", "gateway", "client_id", "gateway")));
    }

    @Test
    void anIdTokenOfThisServerIsASubjectToken() throws Exception {
        HttpResponse<String> r = exchange(gateway, signedIn.get("id_token").asText(), TokenTypeURI.ID_TOKEN, "&scope=email");
        assertThat(claims(r).getSubject()).isEqualTo(alice.id());
        assertError(exchange(gateway, access(), TokenTypeURI.ID_TOKEN, ""), "invalid_request", "not an ID token");
    }

    @Test
    void theScopeCanNarrowButNeverWiden() throws Exception {
        assertThat(json(exchange(gateway, access(), TokenTypeURI.ACCESS_TOKEN, "")).get("scope").asText()).isEqualTo("email profile");
        assertError(exchange(gateway, access(), TokenTypeURI.ACCESS_TOKEN, "&scope=orders.read"), "invalid_scope", "orders.read");
        assertError(exchange(gateway, access(), TokenTypeURI.ACCESS_TOKEN, "&scope=profile%20admin"), "invalid_scope", "admin");
    }

    @Test
    void anAudienceOrResourceOutsideTheClientsPolicyIsRefused() throws Exception {
        assertError(exchange(gateway, access(), TokenTypeURI.ACCESS_TOKEN, "&audience=https://evil.example"), "invalid_target", "audience");
        assertError(exchange(gateway, access(), TokenTypeURI.ACCESS_TOKEN, "&resource=https://evil.example/api"), "invalid_target",
                "resource");
        JWTClaimsSet both = claims(exchange(gateway, access(), TokenTypeURI.ACCESS_TOKEN, "&audience=" + ORDERS + "&audience=" + BILLING));
        assertThat(both.getAudience()).containsExactlyInAnyOrder(ORDERS, BILLING);
    }

    @Test
    void revokedForgedAndExpiredSubjectTokensAreRefused() throws Exception {
        JsonNode other = signIn(portalOpaque);
        String opaque = other.get("access_token").asText();
        assertThat(exchange(gateway, opaque, TokenTypeURI.ACCESS_TOKEN, "").statusCode()).isEqualTo(200);
        HttpResponse<String> revoked = server.post("/oauth/revoke", "token=" + opaque, "Authorization",
                TestServer.basic("portal-opaque", portalOpaque.secret()));
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertError(exchange(gateway, opaque, TokenTypeURI.ACCESS_TOKEN, ""), "invalid_request", "not an active access token");
        assertError(exchange(gateway, "not-a-token", TokenTypeURI.ACCESS_TOKEN, ""), "invalid_request", "not an active access token");
        String jwt = access();
        String tampered = jwt.substring(0, jwt.length() - 4) + (jwt.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertError(exchange(gateway, tampered, TokenTypeURI.ACCESS_TOKEN, ""), "invalid_request", "not an active access token");
        SignedJWT expired = idpJwt(idpKey, IDP, "bob", Instant.now().minusSeconds(600), Map.of());
        assertError(exchange(gateway, expired.serialize(), TokenTypeURI.JWT, ""), "invalid_request", "expired");
    }

    @Test
    void aTrustedIssuersJwtIsExchangedForItsSubjectAndAnUntrustedOneIsRefused() throws Exception {
        SignedJWT trusted = idpJwt(idpKey, IDP, "bob", Instant.now().plusSeconds(120), Map.of());
        JWTClaimsSet c = claims(exchange(gateway, trusted.serialize(), TokenTypeURI.JWT, "&scope=orders.read"));
        assertThat(c.getSubject()).isEqualTo("bob");
        assertThat(c.getJSONObjectClaim("sub_id")).containsEntry("iss", IDP);
        assertError(exchange(gateway, idpJwt(strangerKey, "https://stranger.example", "bob", Instant.now().plusSeconds(120), Map.of())
                .serialize(), TokenTypeURI.JWT, ""), "invalid_request", "does not trust");
        assertError(exchange(gateway, idpJwt(strangerKey, IDP, "bob", Instant.now().plusSeconds(120), Map.of()).serialize(),
                TokenTypeURI.JWT, ""), "invalid_request", "does not verify");
        assertError(exchange(gateway, trusted.serialize(), TokenTypeURI.JWT, "&scope=email"), "invalid_scope", "email");
    }

    @Test
    void mayActIsHonoured() throws Exception {
        SignedJWT forGateway = idpJwt(idpKey, IDP, "bob", Instant.now().plusSeconds(120), Map.of("may_act", Map.of("sub", "gateway")));
        JWTClaimsSet c = claims(exchange(gateway, forGateway.serialize(), TokenTypeURI.JWT, clientToken(gateway), TokenTypeURI.ACCESS_TOKEN, ""));
        assertThat(c.getJSONObjectClaim("act")).containsEntry("sub", "gateway");
        SignedJWT forSomeoneElse = idpJwt(idpKey, IDP, "bob", Instant.now().plusSeconds(120), Map.of("may_act", Map.of("sub", "worker")));
        assertError(exchange(gateway, forSomeoneElse.serialize(), TokenTypeURI.JWT, clientToken(gateway), TokenTypeURI.ACCESS_TOKEN, ""),
                "invalid_request", "may_act");
        assertError(exchange(gateway, forSomeoneElse.serialize(), TokenTypeURI.JWT, ""), "invalid_request", "may_act");
    }

    @Test
    void aClientMayExchangeOnlyTheTokensItsPolicyNames() throws Exception {
        assertError(exchange(unlisted, access(), TokenTypeURI.ACCESS_TOKEN, ""), "invalid_request", "token_exchange_subjects");
        assertError(exchange(worker, access(), TokenTypeURI.ACCESS_TOKEN, ""), "invalid_request", "'portal'");
        assertError(exchange(gateway, clientToken(gateway), TokenTypeURI.ACCESS_TOKEN, ""), "invalid_request", "no user");
    }

    @Test
    void aClientWithoutTheGrantIsUnauthorized() throws Exception {
        assertError(exchange(noGrant, access(), TokenTypeURI.ACCESS_TOKEN, ""), "unauthorized_client", GRANT);
    }

    @Test
    void badParametersAreInvalidRequests() throws Exception {
        assertError(exchange(gateway, access(), TokenTypeURI.ACCESS_TOKEN, "&requested_token_type="
                + AuthorizationCodeFlowTest.enc(TokenTypeURI.REFRESH_TOKEN.getURI().toString())), "invalid_request", "requested_token_type");
        assertError(exchange(gateway, access(), TokenTypeURI.SAML2, ""), "invalid_request", "subject_token_type");
        assertError(exchange(gateway, access(), TokenTypeURI.ACCESS_TOKEN, "&actor_token_type="
                + AuthorizationCodeFlowTest.enc(TokenTypeURI.ACCESS_TOKEN.getURI().toString())), "invalid_request", "actor_token_type");
        assertError(server.post("/oauth/token", "grant_type=" + AuthorizationCodeFlowTest.enc(GRANT), "Authorization",
                TestServer.basic("gateway", gateway.secret())), "invalid_request", "subject_token");
        assertError(exchange(gateway, "x".repeat(20_000), TokenTypeURI.ACCESS_TOKEN, ""), "invalid_request", "too long");
    }

    @Test
    void malformedTokensOfEveryTypeAreInvalidRequestsNeverA500() throws Exception {
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        String body = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"iss\":\"" + server.config.issuer() + "\",\"sub\":\"" + alice.id() + "\"}").getBytes());
        List<String> junk = List.of("a.b.c", "...", header + "." + body + ".", "eyJ.eyJ.x", "%00", "\u00e9\u00e9", "{}", "x".repeat(16 * 1024));
        for (TokenTypeURI type : List.of(TokenTypeURI.ACCESS_TOKEN, TokenTypeURI.ID_TOKEN, TokenTypeURI.JWT)) {
            for (String value : junk) {
                HttpResponse<String> subject = exchange(gateway, value, type, "");
                assertThat(subject.statusCode()).as(type + " " + value.length() + ": " + subject.body()).isEqualTo(400);
                assertThat(json(subject).get("error").asText()).isEqualTo("invalid_request");
                HttpResponse<String> actor = exchange(gateway, access(), TokenTypeURI.ACCESS_TOKEN, value, type, "");
                assertThat(actor.statusCode()).as(type + " actor: " + actor.body()).isEqualTo(400);
                assertThat(json(actor).get("error").asText()).isEqualTo("invalid_request");
            }
        }
    }

    @Test
    void refusedExchangesAreAuditedWithTheReason() throws Exception {
        exchange(unlisted, access(), TokenTypeURI.ACCESS_TOKEN, "");
        List<AuditRecord> found = List.of();
        for (int i = 0; i < 50 && found.isEmpty(); i++) {
            found = server.database.stores().audit().query(new AuditQuery(null, null, "token.issued", "unlisted", null, null, null, 10))
                    .stream().filter(a -> a.outcome().equals("failure")).toList();
            Thread.sleep(100);
        }
        assertThat(found).isNotEmpty();
        assertThat(found.get(0).details()).containsEntry("grant_type", GRANT).containsEntry("error", "invalid_request");
        assertThat(found.get(0).details()).containsEntry("reason", "subject_not_allowed");
    }

    @Test
    void discoveryAdvertisesTheGrantWhenOnAndTheSwitchOffRefusesIt() throws Exception {
        assertThat(json(server.get("/.well-known/oauth-authorization-server")).get("grant_types_supported").toString()).contains(GRANT);
        try (TestServer off = TestServer.start()) {
            assertThat(json(off.get("/.well-known/oauth-authorization-server")).get("grant_types_supported").toString()).doesNotContain(GRANT);
            ClientAdmin.Created cc = off.confidentialClient("cc", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "profile");
            HttpResponse<String> r = off.post("/oauth/token", "grant_type=" + AuthorizationCodeFlowTest.enc(GRANT)
                    + "&subject_token=x&subject_token_type=" + AuthorizationCodeFlowTest.enc(TokenTypeURI.ACCESS_TOKEN.getURI().toString()),
                    "Authorization", TestServer.basic("cc", cc.secret()));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(json(r).get("error").asText()).isEqualTo("unsupported_grant_type");
        }
        assertThat(GrantType.TOKEN_EXCHANGE.getValue()).isEqualTo(GRANT);
    }
}
