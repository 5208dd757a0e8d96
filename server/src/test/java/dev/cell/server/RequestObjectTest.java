package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.token.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signed request objects (RFC 9101) built and signed with Nimbus: the flow, and each way a request object is refused. */
class RequestObjectTest {
    static final URI REDIRECT = URI.create("https://jar.example/cb");
    static final RSAKey RSA = AssertionKit.rsa("jar-rsa");
    static final ECKey EC = AssertionKit.ec("jar-ec");
    static final RSAKey STRANGER = AssertionKit.rsa("jar-rsa");
    static TestServer server;
    static JwksServer jwksServer;
    static String issuer;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        issuer = server.config.issuer().toString();
        jwksServer = new JwksServer();
        jwksServer.serve(AssertionKit.publicJwks(EC.toPublicJWK()));
        register("jar-rp", AssertionKit.publicJwks(RSA.toPublicJWK()), null);
        register("jar-uri", null, jwksServer.url("/jwks"));
        server.clients.create("jar-nokeys", plain("No keys").scopes(Set.of("openid", "email")).build());
        server.users.create("rex", "rex-password-1", Map.of("email", "rex@example.com"), Set.of());
    }

    @AfterAll
    static void stop() {
        server.close();
        jwksServer.close();
    }

    static void register(String id, String jwks, String jwksUri) {
        server.clients.create(id, ClientMetadata.builder().clientName("JAR " + id).tokenEndpointAuthMethod(ClientAuthMethod.PRIVATE_KEY_JWT)
                .grantTypes(Set.of("authorization_code")).redirectUris(List.of(REDIRECT.toString())).scopes(Set.of("openid", "email"))
                .jwks(jwks).jwksUri(jwksUri).build());
    }

    /** A public client with the authorization code grant and {@link #REDIRECT}. */
    static ClientMetadata.Builder plain(String name) {
        return ClientMetadata.builder().clientName(name).tokenEndpointAuthMethod(ClientAuthMethod.NONE).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of(REDIRECT.toString())).scopes(Set.of("openid"));
    }

    /** The claims of a good request object for {@code clientId}: Nimbus's authorization request plus iss, aud, exp, nbf, jti. */
    static JWTClaimsSet.Builder claims(String clientId) {
        AuthorizationRequest request = new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(clientId)).redirectionURI(REDIRECT)
                .scope(new Scope("openid", "email")).state(new State("signed-state")).codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256)
                .build();
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder(request.toJWTClaimsSet()).issuer(clientId).audience(issuer).expirationTime(Date.from(now.plusSeconds(300)))
                .notBeforeTime(Date.from(now.minusSeconds(5))).issueTime(Date.from(now)).jwtID(UUID.randomUUID().toString());
    }

    static String signRsa(JWTClaimsSet claims) throws JOSEException {
        return sign(RSA, claims);
    }

    static String sign(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static HttpResponse<String> authorize(String clientId, String request, String extra) {
        return new Browser(server.url("")).get(server.url("/oauth/authorize") + "?client_id=" + clientId + "&request="
                + URLEncoder.encode(request, StandardCharsets.UTF_8) + extra);
    }

    /** The request object made from good claims changed by {@code change}, signed with the client's RSA key, is refused. */
    static void refused(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        refused("jar-rp", signRsa(change.apply(claims("jar-rp")).build()));
    }

    /** Refused with invalid_request_object at the registered redirect URI named beside the object, with that state and iss. */
    static void refused(String clientId, String request) {
        HttpResponse<String> r = authorize(clientId, request, "&response_type=code&state=outer&redirect_uri="
                + URLEncoder.encode(REDIRECT.toString(), StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        Map<String, String> q = Browser.query(Browser.location(r));
        assertThat(Browser.location(r)).startsWith(REDIRECT + "?");
        assertThat(q).containsEntry("error", "invalid_request_object").containsEntry("state", "outer")
                .containsEntry("iss", issuer).doesNotContainKey("code");
    }

    @Test
    void aFailureWithoutAProvenRedirectUriIsShownOnTheErrorPage() throws Exception {
        String request = sign(STRANGER, claims("jar-rp").build());
        HttpResponse<String> r = authorize("jar-rp", request, "&response_type=code&redirect_uri="
                + URLEncoder.encode("https://evil.example/cb", StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Location")).as("never sent to an unregistered redirect URI").isEmpty();
        assertThat(r.body()).contains("invalid_request_object");
    }

    @Test
    void discoveryAdvertisesRequestObjects() throws Exception {
        for (String doc : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
            JsonNode m = Json.MAPPER.readTree(server.get(doc).body());
            assertThat(m.get("request_parameter_supported").asBoolean()).isTrue();
            assertThat(m.get("request_uri_parameter_supported").asBoolean()).as("Cell fetches no request_uri").isFalse();
            assertThat(m.get("require_signed_request_object").asBoolean()).isFalse();
            assertThat(m.get("request_object_signing_alg_values_supported")).extracting(JsonNode::asText)
                    .containsExactly("RS256", "PS256", "ES256", "EdDSA");
        }
    }

    @Test
    void aSignedRequestObjectsParametersAreTheOnlyOnesUsed() throws Exception {
        String request = signRsa(claims("jar-rp").build());
        AuthorizationRequest jar = new AuthorizationRequest.Builder(SignedJWT.parse(request), new ClientID("jar-rp"))
                .endpointURI(URI.create(server.url("/oauth/authorize"))).build();

        Browser b = new Browser(server.url(""));
        String callback = AuthorizationCodeFlowTest.codeFor(b, jar.toURI() + "&state=outer&scope=openid&redirect_uri="
                + URLEncoder.encode("https://evil.example/cb", StandardCharsets.UTF_8), "rex", "rex-password-1");

        assertThat(callback).startsWith(REDIRECT + "?code=");
        assertThat(Browser.query(callback)).containsEntry("state", "signed-state");
    }

    @Test
    void aKeyAtTheClientsJwksUriVerifiesToo() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(EC.getKeyID()).build(), claims("jar-uri").build());
        jwt.sign(new ECDSASigner(EC));

        assertThat(Browser.location(authorize("jar-uri", jwt.serialize(), ""))).startsWith("/oauth/login?request=");
    }

    @Test
    void aRequestObjectCanBePushed() throws Exception {
        AuthorizationRequest jar = new AuthorizationRequest.Builder(SignedJWT.parse(signRsa(claims("jar-rp").build())), new ClientID("jar-rp"))
                .build();
        PushedAuthorizationResponse r = PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(URI.create(server.url("/oauth/par")),
                new PrivateKeyJWT(new ClientID("jar-rp"), URI.create(issuer), JWSAlgorithm.RS256, RSA.toRSAPrivateKey(), RSA.getKeyID(), null),
                jar).toHTTPRequest().send());
        assertThat(r.indicatesSuccess()).isTrue();

        HttpResponse<String> start = new Browser(server.url("")).get(server.url("/oauth/authorize") + "?client_id=jar-rp&request_uri="
                + URLEncoder.encode(r.toSuccessResponse().getRequestURI().toString(), StandardCharsets.UTF_8));
        assertThat(Browser.location(start)).startsWith("/oauth/login?request=");

        AuthorizationRequest bad = new AuthorizationRequest.Builder(SignedJWT.parse(sign(STRANGER, claims("jar-rp").build())),
                new ClientID("jar-rp")).build();
        PushedAuthorizationResponse refused = PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(URI.create(server.url("/oauth/par")),
                new PrivateKeyJWT(new ClientID("jar-rp"), URI.create(issuer), JWSAlgorithm.RS256, RSA.toRSAPrivateKey(), RSA.getKeyID(), null),
                bad).toHTTPRequest().send());
        assertThat(refused.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_request_object");
        assertThat(refused.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(400);
    }

    @Test
    void anUnsignedRequestObjectIsRefused() {
        refused("jar-rp", new PlainJWT(claims("jar-rp").build()).serialize());
    }

    @Test
    void aRequestObjectMacedWithASharedSecretIsRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("jar-rp").build());
        jwt.sign(new MACSigner("0123456789abcdef0123456789abcdef"));
        refused("jar-rp", jwt.serialize());
    }

    @Test
    void aRequestObjectSignedWithAnotherKeyIsRefused() throws Exception {
        refused("jar-rp", sign(STRANGER, claims("jar-rp").build()));
    }

    @Test
    void aClientWithoutRegisteredKeysCannotSign() throws Exception {
        refused("jar-nokeys", signRsa(claims("jar-nokeys").build()));
    }

    @Test
    void anEncryptedRequestObjectIsRefused() throws Exception {
        EncryptedJWT jwe = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM), claims("jar-rp").build());
        jwe.encrypt(new RSAEncrypter(RSA.toRSAPublicKey()));
        refused("jar-rp", jwe.serialize());
    }

    @Test
    void somethingThatIsNotAJwtIsRefused() {
        refused("jar-rp", "not-a-jwt");
    }

    @Test
    void theIssuerMustBeTheClient() throws Exception {
        refused(c -> c.issuer("someone-else"));
    }

    @Test
    void theAudienceMustBeTheIssuer() throws Exception {
        refused(c -> c.audience(server.url("/oauth/token")));
    }

    @Test
    void expIsRequired() throws Exception {
        refused(c -> c.expirationTime(null));
    }

    @Test
    void anExpiredRequestObjectIsRefused() throws Exception {
        refused(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120))).notBeforeTime(Date.from(Instant.now().minusSeconds(600)))
                .issueTime(Date.from(Instant.now().minusSeconds(600))));
    }

    @Test
    void aRequestObjectNotValidYetIsRefused() throws Exception {
        refused(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(120))));
    }

    @Test
    void aRequestObjectLivingOverAnHourIsRefused() throws Exception {
        refused(c -> c.expirationTime(Date.from(Instant.now().plusSeconds(7200))));
    }

    @Test
    void aRequestObjectIsAcceptedOnce() throws Exception {
        String request = signRsa(claims("jar-rp").build());
        assertThat(Browser.location(authorize("jar-rp", request, ""))).startsWith("/oauth/login");

        refused("jar-rp", request);
    }

    @Test
    void theClientIdsMustMatch() throws Exception {
        refused(c -> c.claim("client_id", "jar-uri"));
        refused("jar-uri", signRsa(claims("jar-rp").build()));
    }

    @Test
    void aRequestObjectMustNotNestAnother() throws Exception {
        refused(c -> c.claim("request_uri", "https://jar.example/request.jwt"));
        refused(c -> c.claim("request", "x.y.z"));
    }

    @Test
    void aNonStringParameterIsRefused() throws Exception {
        refused(c -> c.claim("state", List.of("a", "b")));
    }

    @Test
    void anOverLongRequestObjectIsAClearError() {
        HttpResponse<String> r = server.post("/oauth/authorize", "client_id=jar-rp&request=" + "a".repeat(70_000));
        assertThat(r.statusCode()).isEqualTo(413);
        HttpResponse<String> get = authorize("jar-rp", "a".repeat(10_000), "");
        assertThat(get.statusCode()).isBetween(400, 499);
    }

    @Test
    void aRequestUriCellDidNotIssueIsNeverFetched() {
        HttpResponse<String> r = new Browser(server.url("")).get(server.url("/oauth/authorize") + "?client_id=jar-rp&request_uri="
                + URLEncoder.encode(jwksServer.url("/jwks"), StandardCharsets.UTF_8));
        assertThat(Browser.location(r)).startsWith(REDIRECT + "?error=invalid_request_uri");
    }

    @Test
    void oneClientCanBeRequiredToSign() throws Exception {
        server.clients.create("jar-strict", ClientMetadata.builder().clientName("Strict").tokenEndpointAuthMethod(ClientAuthMethod.PRIVATE_KEY_JWT)
                .grantTypes(Set.of("authorization_code")).redirectUris(List.of(REDIRECT.toString())).scopes(Set.of("openid", "email"))
                .jwks(AssertionKit.publicJwks(RSA.toPublicJWK())).requireSignedRequestObject(true).build());
        String plain = "response_type=code&client_id=jar-strict&redirect_uri=" + URLEncoder.encode(REDIRECT.toString(), StandardCharsets.UTF_8)
                + "&scope=openid&state=s1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
        assertThat(Browser.location(new Browser(server.url("")).get(server.url("/oauth/authorize") + "?" + plain)))
                .startsWith(REDIRECT + "?error=invalid_request");
        assertThat(Browser.location(authorize("jar-strict", signRsa(claims("jar-strict").build()), ""))).startsWith("/oauth/login");

        PrivateKeyJWT auth = new PrivateKeyJWT(new ClientID("jar-strict"), URI.create(issuer), JWSAlgorithm.RS256, RSA.toRSAPrivateKey(),
                RSA.getKeyID(), null);
        HttpResponse<String> pushedPlain = server.post("/oauth/par", plain + "&" + com.nimbusds.oauth2.sdk.util.URLUtils.serializeParameters(
                auth.toParameters()));
        assertThat(pushedPlain.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(pushedPlain.body()).get("error").asText()).isEqualTo("invalid_request");
        AuthorizationRequest jar = new AuthorizationRequest.Builder(SignedJWT.parse(signRsa(claims("jar-strict").build())),
                new ClientID("jar-strict")).build();
        PushedAuthorizationResponse signed = PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(
                URI.create(server.url("/oauth/par")), new PrivateKeyJWT(new ClientID("jar-strict"), URI.create(issuer), JWSAlgorithm.RS256,
                RSA.toRSAPrivateKey(), RSA.getKeyID(), null), jar).toHTTPRequest().send());
        assertThat(signed.indicatesSuccess()).isTrue();
        assertThat(Browser.location(new Browser(server.url("")).get(server.url("/oauth/authorize") + "?client_id=jar-strict&request_uri="
                + URLEncoder.encode(signed.toSuccessResponse().getRequestURI().toString(), StandardCharsets.UTF_8)))).startsWith("/oauth/login");
    }

    @Test
    void signedRequestObjectsCanBeRequiredAndSwitchedOff() throws Exception {
        try (TestServer required = TestServer.start(Map.of("authorization.require-signed-request-object", "true"))) {
            required.clients.create("plain", plain("Plain").build());
            assertThat(Json.MAPPER.readTree(required.get("/.well-known/openid-configuration").body()).get("require_signed_request_object")
                    .asBoolean()).isTrue();
            String plain = "response_type=code&client_id=plain&redirect_uri=" + URLEncoder.encode(REDIRECT.toString(), StandardCharsets.UTF_8)
                    + "&scope=openid&state=s1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
            assertThat(Browser.location(new Browser(required.url("")).get(required.url("/oauth/authorize") + "?" + plain)))
                    .startsWith(REDIRECT + "?error=invalid_request");
            HttpResponse<String> pushedPlain = required.post("/oauth/par", plain);
            assertThat(pushedPlain.statusCode()).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(pushedPlain.body()).get("error").asText()).isEqualTo("invalid_request");
        }
        try (TestServer off = TestServer.start(Map.of("features.request-object.enabled", "false"))) {
            off.clients.create("plain", plain("Plain").build());
            JsonNode m = Json.MAPPER.readTree(off.get("/.well-known/openid-configuration").body());
            assertThat(m.get("request_parameter_supported").asBoolean()).isFalse();
            assertThat(m.has("request_object_signing_alg_values_supported")).isFalse();
            HttpResponse<String> r = new Browser(off.url("")).get(off.url("/oauth/authorize") + "?client_id=plain&redirect_uri="
                    + URLEncoder.encode(REDIRECT.toString(), StandardCharsets.UTF_8) + "&response_type=code&request=x.y.z");
            assertThat(Browser.location(r)).startsWith(REDIRECT + "?error=request_not_supported");
        }
    }
}
