package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationGrantError;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCode;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.error.OAuthException;
import dev.cell.token.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The device authorization grant (RFC 8628) over HTTP: the Nimbus SDK's {@link DeviceAuthorizationRequest} and
 * {@link DeviceCodeGrant}, the verification page driven as a browser would, every poll outcome, and as an attacker would.
 */
class DeviceFlowTest {
    static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    static final String API = "https://api.example/";
    static final String USER = "dana";
    static final String PASSWORD = "dana-password-1";
    static TestServer server;
    static String tvSecret;
    static String tvPostSecret;
    static final RSAKey RSA = AssertionKit.rsa("device-key");

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("features.device-authorization.enabled", "true", "device.max-failures-per-address", "1000"));
        register(server, "tv", ClientAuthMethod.NONE, Set.of(GRANT, "refresh_token"));
        register(server, "tv-2", ClientAuthMethod.NONE, Set.of(GRANT));
        tvSecret = register(server, "tv-basic", ClientAuthMethod.CLIENT_SECRET_BASIC, Set.of(GRANT)).secret();
        tvPostSecret = register(server, "tv-post", ClientAuthMethod.CLIENT_SECRET_POST, Set.of(GRANT)).secret();
        server.clients.create("tv-pk", ClientMetadata.builder().tokenEndpointAuthMethod(ClientAuthMethod.PRIVATE_KEY_JWT).grantTypes(Set.of(GRANT))
                .scopes(Set.of("profile")).jwks(AssertionKit.publicJwks(RSA.toPublicJWK())).build());
        register(server, "web-only", ClientAuthMethod.NONE, Set.of("authorization_code"));
        server.users.create(USER, PASSWORD, Map.of("name", "Dana"), Set.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static dev.cell.server.admin.ClientAdmin.Created register(TestServer s, String id, ClientAuthMethod method, Set<String> grants) {
        ClientMetadata.Builder b = ClientMetadata.builder().clientName("Living room " + id).tokenEndpointAuthMethod(method).grantTypes(grants)
                .scopes(Set.of("openid", "profile", "offline_access", "notes.read")).audiences(List.of(API));
        if (grants.contains("authorization_code")) {
            b.redirectUris(List.of("https://app.example/cb"));
        }
        return s.clients.create(id, b.build());
    }

    static DeviceAuthorizationSuccessResponse startPublic(TestServer s, String clientId, String scope) throws Exception {
        DeviceAuthorizationRequest request = new DeviceAuthorizationRequest(URI.create(s.url("/oauth/device_authorization")), new ClientID(clientId),
                scope == null ? null : Scope.parse(scope));
        DeviceAuthorizationResponse response = DeviceAuthorizationResponse.parse(request.toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        return response.toSuccessResponse();
    }

    static TokenResponse poll(TestServer s, String clientId, DeviceCode code) throws Exception {
        return OIDCTokenResponseParser.parse(new TokenRequest(URI.create(s.url("/oauth/token")), new ClientID(clientId), new DeviceCodeGrant(code))
                .toHTTPRequest().send());
    }

    static ErrorObject error(TokenResponse r) {
        assertThat(r.indicatesSuccess()).as("an error").isFalse();
        return ((TokenErrorResponse) r).getErrorObject();
    }

    /** Signs in on the verification page if needed, enters nothing (the code comes in the link), and decides. */
    static HttpResponse<String> decide(TestServer s, Browser b, String verificationUriComplete, String decision) {
        HttpResponse<String> page = b.get(verificationUriComplete);
        if (page.body().contains("name=\"password\"")) {
            Map<String, String> login = new HashMap<>(Browser.hiddenFields(page.body()));
            login.put("username", USER);
            login.put("password", PASSWORD);
            HttpResponse<String> signedIn = b.post("/device/login", login);
            assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
            page = b.get(Browser.location(signedIn));
        }
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(page.body()));
        form.put("decision", decision);
        return b.post("/device", form);
    }

    @Test
    void discoveryAdvertisesTheEndpointAndTheGrantTypeInBothDocuments() throws Exception {
        for (String doc : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
            JsonNode m = Json.MAPPER.readTree(server.get(doc).body());
            assertThat(m.get("device_authorization_endpoint").asText()).isEqualTo(server.url("/oauth/device_authorization"));
            assertThat(m.get("grant_types_supported").toString()).contains(GRANT);
        }
    }

    @Test
    void aServerWithTheFeatureOffNeitherAdvertisesNorServesItNorRegistersClientsForIt() throws Exception {
        try (TestServer off = TestServer.start()) {
            for (String doc : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
                JsonNode m = Json.MAPPER.readTree(off.get(doc).body());
                assertThat(m.has("device_authorization_endpoint")).isFalse();
                assertThat(m.get("grant_types_supported").toString()).doesNotContain(GRANT);
            }
            assertThat(off.post("/oauth/device_authorization", "client_id=tv").statusCode()).isEqualTo(404);
            assertThat(off.get("/device").statusCode()).isEqualTo(404);
            assertThatThrownBy(() -> register(off, "tv", ClientAuthMethod.NONE, Set.of(GRANT))).isInstanceOf(OAuthException.class)
                    .hasMessageContaining("not offered");
            off.registeredBefore("old-tv", ClientMetadata.builder().tokenEndpointAuthMethod(ClientAuthMethod.NONE).grantTypes(Set.of(GRANT))
                    .scopes(Set.of("openid")).build());
            HttpResponse<String> r = off.post("/oauth/token", "grant_type=" + GRANT + "&device_code=abc&client_id=old-tv");
            assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).isEqualTo("unsupported_grant_type");
        }
    }

    @Test
    void nimbusStartsPollsAndGetsTokensOnceAfterTheUserApproves() throws Exception {
        DeviceAuthorizationSuccessResponse started = startPublic(server, "tv", "openid profile offline_access");

        assertThat(started.getUserCode().getValue()).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat(started.getDeviceCode().getValue()).hasSize(43);
        assertThat(started.getVerificationURI()).isEqualTo(URI.create(server.url("/device")));
        assertThat(started.getVerificationURIComplete().toString()).isEqualTo(server.url("/device") + "?user_code=" + started.getUserCode().getValue());
        assertThat(started.getLifetime()).isEqualTo(600);
        assertThat(started.getInterval()).isEqualTo(5);
        assertThat(error(poll(server, "tv", started.getDeviceCode()))).isEqualTo(DeviceAuthorizationGrantError.AUTHORIZATION_PENDING);

        Browser b = new Browser(server.url(""));
        HttpResponse<String> done = decide(server, b, started.getVerificationURIComplete().toString(), "allow");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("Device connected");

        OIDCTokenResponse tokens = poll(server, "tv", started.getDeviceCode()).toSuccessResponse() instanceof OIDCTokenResponse o ? o : null;
        assertThat(tokens).isNotNull();
        assertThat(tokens.getOIDCTokens().getRefreshToken()).isNotNull();
        SignedJWT id = (SignedJWT) tokens.getOIDCTokens().getIDToken();
        assertThat(id.getJWTClaimsSet().getSubject()).isNotBlank();
        assertThat(id.getJWTClaimsSet().getAudience()).containsExactly("tv");
        assertThat(id.getJWTClaimsSet().getStringClaim("sid")).isNotBlank();
        assertThat(tokens.getOIDCTokens().getAccessToken().getScope().toStringList()).containsExactlyInAnyOrder("openid", "profile", "offline_access");
        String userId = server.database.stores().users().findByUsername(USER).orElseThrow().id();
        assertThat(server.database.stores().consents().find(userId, "tv").orElseThrow().scopes())
                .as("consent recorded as on the consent page").contains("openid", "profile", "offline_access");

        assertThat(error(poll(server, "tv", started.getDeviceCode()))).as("a second poll").isEqualTo(OAuth2Error.INVALID_GRANT);
        HttpResponse<String> refreshed = server.post("/oauth/token", "grant_type=refresh_token&client_id=tv&refresh_token="
                + tokens.getOIDCTokens().getRefreshToken().getValue());
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    }

    @Test
    void confidentialClientsAuthenticateAsAtTheTokenEndpoint() throws Exception {
        URI endpoint = URI.create(server.url("/oauth/device_authorization"));
        for (var auth : List.of(new ClientSecretBasic(new ClientID("tv-basic"), new Secret(tvSecret)),
                new ClientSecretPost(new ClientID("tv-post"), new Secret(tvPostSecret)),
                new PrivateKeyJWT(new ClientID("tv-pk"), endpoint, JWSAlgorithm.RS256, RSA.toRSAPrivateKey(), RSA.getKeyID(), null))) {
            DeviceAuthorizationResponse r = DeviceAuthorizationResponse.parse(new DeviceAuthorizationRequest(endpoint, auth, null, Map.of())
                    .toHTTPRequest().send());
            assertThat(r.indicatesSuccess()).as(auth.getMethod().getValue()).isTrue();
        }
        HttpResponse<String> wrong = server.post("/oauth/device_authorization", "", "Authorization", TestServer.basic("tv-basic", "wrong"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(Json.MAPPER.readTree(wrong.body()).get("error").asText()).isEqualTo("invalid_client");
        HttpResponse<String> asPublic = server.post("/oauth/device_authorization", "client_id=tv-basic");
        assertThat(Json.MAPPER.readTree(asPublic.body()).get("error").asText()).as("a confidential client without its secret")
                .isEqualTo("invalid_client");
    }

    @Test
    void aClientPollingTooFastGetsSlowDownUntilItWaitsLonger() throws Exception {
        DeviceAuthorizationSuccessResponse started = startPublic(server, "tv", null);

        assertThat(error(poll(server, "tv", started.getDeviceCode()))).isEqualTo(DeviceAuthorizationGrantError.AUTHORIZATION_PENDING);
        assertThat(error(poll(server, "tv", started.getDeviceCode()))).isEqualTo(DeviceAuthorizationGrantError.SLOW_DOWN);
        assertThat(error(poll(server, "tv", started.getDeviceCode()))).isEqualTo(DeviceAuthorizationGrantError.SLOW_DOWN);
        assertThat(error(poll(server, "tv-2", started.getDeviceCode()))).as("another client's poll").isEqualTo(OAuth2Error.INVALID_GRANT);
    }

    @Test
    void aDeniedRequestIsAccessDenied() throws Exception {
        DeviceAuthorizationSuccessResponse started = startPublic(server, "tv", "profile");

        HttpResponse<String> done = decide(server, new Browser(server.url("")), started.getVerificationURIComplete().toString(), "deny");
        assertThat(done.body()).contains("Access denied");

        assertThat(error(poll(server, "tv", started.getDeviceCode()))).isEqualTo(OAuth2Error.ACCESS_DENIED);
        HttpResponse<String> raw = server.post("/oauth/token", "grant_type=" + GRANT + "&client_id=tv&device_code=" + started.getDeviceCode().getValue());
        assertThat(raw.statusCode()).isEqualTo(400);
    }

    @Test
    void aClientNotAllowedTheGrantIsUnauthorizedClientAtBothEndpoints() throws Exception {
        HttpResponse<String> start = server.post("/oauth/device_authorization", "client_id=web-only");
        assertThat(start.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(start.body()).get("error").asText()).isEqualTo("unauthorized_client");

        DeviceAuthorizationSuccessResponse started = startPublic(server, "tv", null);
        HttpResponse<String> poll = server.post("/oauth/token", "grant_type=" + GRANT + "&client_id=web-only&device_code="
                + started.getDeviceCode().getValue());
        assertThat(Json.MAPPER.readTree(poll.body()).get("error").asText()).isEqualTo("unauthorized_client");
    }

    @Test
    void anotherClientsDeviceCodeIsRefusedAndLeftForItsOwner() throws Exception {
        DeviceAuthorizationSuccessResponse started = startPublic(server, "tv", "profile");
        decide(server, new Browser(server.url("")), started.getVerificationURIComplete().toString(), "allow");

        assertThat(error(poll(server, "tv-2", started.getDeviceCode()))).isEqualTo(OAuth2Error.INVALID_GRANT);
        assertThat(poll(server, "tv", started.getDeviceCode()).indicatesSuccess()).isTrue();
    }

    @Test
    void thirtyTwoSimultaneousPollsOfOneApprovedCodeGetOneTokenResponse() throws Exception {
        DeviceAuthorizationSuccessResponse started = startPublic(server, "tv", "profile");
        decide(server, new Browser(server.url("")), started.getVerificationURIComplete().toString(), "allow");
        String body = "grant_type=" + GRANT + "&client_id=tv&device_code=" + started.getDeviceCode().getValue();

        List<HttpResponse<String>> results = race(32, () -> server.post("/oauth/token", body));

        assertThat(results).filteredOn(r -> r.statusCode() == 200).hasSize(1);
        assertThat(results).filteredOn(r -> r.statusCode() != 200)
                .allSatisfy(r -> assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).isEqualTo("invalid_grant")).hasSize(31);
    }

    @Test
    void aDpopProofBindsTheTokensAndAResourceBecomesTheAudience() throws Exception {
        HttpResponse<String> start = server.post("/oauth/device_authorization", "client_id=tv&scope=notes.read&resource=" + AuthorizationCodeFlowTest.enc(API));
        assertThat(start.statusCode()).as(start.body()).isEqualTo(200);
        JsonNode started = Json.MAPPER.readTree(start.body());
        decide(server, new Browser(server.url("")), started.get("verification_uri_complete").asText(), "allow");
        ECKey key = DPoPTest.ecKey();

        HttpResponse<String> r = server.post("/oauth/token", "grant_type=" + GRANT + "&client_id=tv&device_code=" + started.get("device_code").asText(),
                "DPoP", DPoPTest.proof(server, key, "POST", "/oauth/token", null, null));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode tokens = Json.MAPPER.readTree(r.body());
        assertThat(tokens.get("token_type").asText()).isEqualTo("DPoP");
        SignedJWT access = SignedJWT.parse(tokens.get("access_token").asText());
        assertThat(access.getJWTClaimsSet().getAudience()).containsExactly(API);
        assertThat(access.getJWTClaimsSet().getJSONObjectClaim("cnf")).containsEntry("jkt", DPoPTest.jkt(key));
    }

    @Test
    void signingOutEndsTheGrantsApprovedInThatSession() throws Exception {
        DeviceAuthorizationSuccessResponse started = startPublic(server, "tv", "offline_access profile");
        Browser b = new Browser(server.url(""));
        decide(server, b, started.getVerificationURIComplete().toString(), "allow");
        String refresh = Json.MAPPER.readTree(server.post("/oauth/token", "grant_type=" + GRANT + "&client_id=tv&device_code="
                + started.getDeviceCode().getValue()).body()).get("refresh_token").asText();

        Map<String, String> end = new HashMap<>(Browser.hiddenFields(b.get("/account").body()));
        end.put("all", "yes");
        assertThat(b.post("/account/sessions/end", end).statusCode()).isEqualTo(200);

        HttpResponse<String> refreshed = server.post("/oauth/token", "grant_type=refresh_token&client_id=tv&refresh_token=" + refresh);
        assertThat(Json.MAPPER.readTree(refreshed.body()).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void badInputIsAClearErrorNeverAServerError() throws Exception {
        assertThat(tokenError("grant_type=" + GRANT + "&client_id=tv")).isEqualTo("invalid_request");
        assertThat(tokenError("grant_type=" + GRANT + "&client_id=tv&device_code=" + "x".repeat(5000))).isEqualTo("invalid_grant");
        assertThat(tokenError("grant_type=" + GRANT + "&client_id=tv&device_code=unknown")).isEqualTo("invalid_grant");
        assertThat(Json.MAPPER.readTree(server.post("/oauth/device_authorization", "client_id=tv&scope=admin").body()).get("error").asText())
                .isEqualTo("invalid_scope");
        assertThat(Json.MAPPER.readTree(server.post("/oauth/device_authorization", "client_id=tv&resource=https://evil.example/").body())
                .get("error").asText()).isEqualTo("invalid_target");
        assertThat(server.post("/oauth/device_authorization", "").statusCode()).isEqualTo(401);

        Browser b = new Browser(server.url(""));
        decide(server, b, "/device", "allow");
        for (String typed : List.of("", "<script>", "A".repeat(2_000), "BCDF-GHJK", "%00")) {
            HttpResponse<String> page = b.get("/device?user_code=" + AuthorizationCodeFlowTest.enc(typed));
            assertThat(page.statusCode()).as(typed).isIn(200, 400);
            assertThat(page.body()).doesNotContain("<script>");
        }
        Map<String, String> noCsrf = Map.of("user_code", "BCDF-GHJK", "decision", "allow");
        assertThat(b.post("/device", noCsrf).statusCode()).isIn(400, 403);

        String megabyte = "B".repeat(1 << 20);
        HttpResponse<String> hugeCode = server.post("/oauth/token", "grant_type=" + GRANT + "&client_id=tv&device_code=" + megabyte);
        assertThat(hugeCode.statusCode()).as("a megabyte device_code").isEqualTo(413);
        assertThat(server.post("/oauth/device_authorization", "client_id=tv&scope=" + megabyte).statusCode()).isEqualTo(413);
        assertThat(b.post("/device", Map.of("user_code", megabyte)).statusCode()).as("a megabyte user_code").isEqualTo(413);
        Browser cookieless = new Browser(server.url(""));
        HttpResponse<String> anonymous = cookieless.post("/device", Map.of("user_code", "BCDF-GHJK", "decision", "allow"));
        assertThat(anonymous.statusCode()).as("no cookies: no session, no CSRF token").isIn(400, 403);
        assertThat(anonymous.body()).doesNotContain("Exception");
    }

    private static String tokenError(String body) throws Exception {
        HttpResponse<String> r = server.post("/oauth/token", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        return Json.MAPPER.readTree(r.body()).get("error").asText();
    }

    static <T> List<T> race(int n, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
