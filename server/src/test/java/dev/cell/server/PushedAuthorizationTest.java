package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pushed authorization requests (RFC 9126) with the Nimbus SDK's {@link PushedAuthorizationRequest}, and as an attacker would. */
class PushedAuthorizationTest {
    static final URI REDIRECT = URI.create("https://rp.example/cb");
    static final MutableClock CLOCK = new MutableClock();
    static TestServer server;
    static String secret;
    static RSAKey rsa = AssertionKit.rsa("par-key");

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), CLOCK);
        secret = register("par-basic", ClientAuthMethod.CLIENT_SECRET_BASIC, null).secret();
        server.users.create("pia", "pia-password-1", Map.of("email", "pia@example.com"), Set.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ClientAdmin.Created register(String id, ClientAuthMethod method, String jwks) {
        return server.clients.create(id, ClientMetadata.builder().clientName("PAR " + id).tokenEndpointAuthMethod(method)
                .grantTypes(Set.of("authorization_code")).redirectUris(List.of(REDIRECT.toString()))
                .scopes(Set.of("openid", "email")).jwks(jwks).build());
    }

    static AuthorizationRequest.Builder authorization(String clientId, CodeVerifier verifier) {
        return new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(clientId)).redirectionURI(REDIRECT)
                .scope(new Scope("openid", "email")).state(new State("pushed-state")).codeChallenge(verifier, CodeChallengeMethod.S256);
    }

    static PushedAuthorizationResponse push(ClientAuthentication auth, AuthorizationRequest request) throws Exception {
        URI endpoint = URI.create(server.url("/oauth/par"));
        PushedAuthorizationRequest par = auth == null ? new PushedAuthorizationRequest(endpoint, request)
                : new PushedAuthorizationRequest(endpoint, auth, request);
        return PushedAuthorizationResponse.parse(par.toHTTPRequest().send());
    }

    static URI pushed(ClientAuthentication auth, String clientId) throws Exception {
        PushedAuthorizationResponse r = push(auth, authorization(clientId, new CodeVerifier()).build());
        assertThat(r.indicatesSuccess()).as(String.valueOf(r instanceof PushedAuthorizationErrorResponse e ? e.getErrorObject() : r)).isTrue();
        return r.toSuccessResponse().getRequestURI();
    }

    static String authorizeUrl(String clientId, URI requestUri, String extra) {
        return server.url("/oauth/authorize") + "?client_id=" + clientId + "&request_uri="
                + URLEncoder.encode(requestUri.toString(), StandardCharsets.UTF_8) + extra;
    }

    /** Refused with invalid_request_uri at the client's only registered redirect URI: a registered one, so it is safe. */
    static void refusedAtTheClient(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        assertThat(Browser.location(r)).startsWith(REDIRECT + "?error=invalid_request_uri");
        assertThat(Browser.query(Browser.location(r))).doesNotContainKey("code").containsKey("iss");
    }

    @Test
    void discoveryAdvertisesTheEndpointInBothDocuments() throws Exception {
        for (String doc : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
            JsonNode m = Json.MAPPER.readTree(server.get(doc).body());
            assertThat(m.get("pushed_authorization_request_endpoint").asText()).isEqualTo(server.url("/oauth/par"));
            assertThat(m.get("require_pushed_authorization_requests").asBoolean()).isFalse();
        }
    }

    @Test
    void nimbusPushesTheRequestAndTheBrowserCarriesOnlyTheRequestUri() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        PushedAuthorizationResponse response = push(new ClientSecretBasic(new ClientID("par-basic"), new Secret(secret)),
                authorization("par-basic", verifier).build());

        PushedAuthorizationSuccessResponse success = response.toSuccessResponse();
        assertThat(success.getRequestURI().toString()).startsWith("urn:ietf:params:oauth:request_uri:");
        assertThat(success.getRequestURI().toString().length() - "urn:ietf:params:oauth:request_uri:".length())
                .as("256 random bits, base64url").isEqualTo(43);
        assertThat(success.getLifetime()).isEqualTo(60);

        Browser b = new Browser(server.url(""));
        String callback = AuthorizationCodeFlowTest.codeFor(b, authorizeUrl("par-basic", success.getRequestURI(),
                "&state=outer&scope=openid&redirect_uri=https%3A%2F%2Fevil.example%2Fcb"), "pia", "pia-password-1");

        assertThat(callback).as("the pushed parameters, not the outer ones (RFC 9126 section 4)").startsWith(REDIRECT.toString());
        Map<String, String> q = Browser.query(callback);
        assertThat(q).containsEntry("state", "pushed-state").containsKey("code");
        HttpResponse<String> token = server.post("/oauth/token", "grant_type=authorization_code&code=" + q.get("code") + "&redirect_uri="
                + URLEncoder.encode(REDIRECT.toString(), StandardCharsets.UTF_8) + "&code_verifier=" + verifier.getValue(),
                "Authorization", TestServer.basic("par-basic", secret));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(token.body()).get("scope").asText()).isEqualTo("email openid");
    }

    @Test
    void everyClientAuthenticationMethodCanPush() throws Exception {
        String post = register("par-post", ClientAuthMethod.CLIENT_SECRET_POST, null).secret();
        String jwtSecret = register("par-jwt", ClientAuthMethod.CLIENT_SECRET_JWT, null).secret();
        register("par-pk", ClientAuthMethod.PRIVATE_KEY_JWT, AssertionKit.publicJwks(rsa.toPublicJWK()));
        register("par-public", ClientAuthMethod.NONE, null);
        URI issuer = URI.create(server.config.issuer().toString());

        pushed(new ClientSecretPost(new ClientID("par-post"), new Secret(post)), "par-post");
        pushed(new ClientSecretJWT(new ClientID("par-jwt"), issuer, JWSAlgorithm.HS256, new Secret(jwtSecret)), "par-jwt");
        pushed(new PrivateKeyJWT(new ClientID("par-pk"), issuer, JWSAlgorithm.RS256, rsa.toRSAPrivateKey(), rsa.getKeyID(), null), "par-pk");
        pushed(new PrivateKeyJWT(new ClientID("par-pk"), URI.create(server.url("/oauth/par")), JWSAlgorithm.RS256, rsa.toRSAPrivateKey(),
                rsa.getKeyID(), null), "par-pk");
        pushed(null, "par-public");

        PushedAuthorizationResponse wrong = push(new ClientSecretBasic(new ClientID("par-basic"), new Secret("wrong-secret")),
                authorization("par-basic", new CodeVerifier()).build());
        assertThat(wrong.indicatesSuccess()).isFalse();
        assertThat(wrong.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client");
        assertThat(wrong.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(401);
    }

    @Test
    void aRequestUriIsUsedOnce() throws Exception {
        URI uri = pushed(new ClientSecretBasic(new ClientID("par-basic"), new Secret(secret)), "par-basic");

        HttpResponse<String> first = new Browser(server.url("")).get(authorizeUrl("par-basic", uri, ""));
        HttpResponse<String> second = new Browser(server.url("")).get(authorizeUrl("par-basic", uri, ""));

        assertThat(Browser.location(first)).startsWith("/oauth/login?request=");
        refusedAtTheClient(second);
    }

    @Test
    void aRequestUriExpires() throws Exception {
        URI uri = pushed(new ClientSecretBasic(new ClientID("par-basic"), new Secret(secret)), "par-basic");

        CLOCK.advance(Duration.ofSeconds(61));

        HttpResponse<String> late = new Browser(server.url("")).get(authorizeUrl("par-basic", uri, ""));
        refusedAtTheClient(late);
    }

    @Test
    void anotherClientsRequestUriIsRefusedAndNotSpent() throws Exception {
        register("par-thief", ClientAuthMethod.NONE, null);
        URI uri = pushed(new ClientSecretBasic(new ClientID("par-basic"), new Secret(secret)), "par-basic");

        HttpResponse<String> stolen = new Browser(server.url("")).get(authorizeUrl("par-thief", uri, ""));
        refusedAtTheClient(stolen);
        assertThat(Browser.location(new Browser(server.url("")).get(authorizeUrl("par-basic", uri, "")))).startsWith("/oauth/login");
    }

    @Test
    void ofThirtyTwoConcurrentRedemptionsExactlyOneWins() throws Exception {
        URI uri = pushed(new ClientSecretBasic(new ClientID("par-basic"), new Secret(secret)), "par-basic");
        String url = authorizeUrl("par-basic", uri, "");
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                Callable<String> task = () -> {
                    go.await();
                    return Browser.location(new Browser(server.url("")).get(url));
                };
                results.add(pool.submit(task));
            }
            go.countDown();
            List<String> locations = new ArrayList<>();
            for (Future<String> f : results) {
                locations.add(f.get());
            }
            assertThat(locations).filteredOn(l -> l.startsWith("/oauth/login")).hasSize(1);
            assertThat(locations).filteredOn(l -> l.startsWith(REDIRECT + "?error=invalid_request_uri")).hasSize(31);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void overLongAndForbiddenValuesAreClearErrors() throws Exception {
        String basic = TestServer.basic("par-basic", secret);
        String valid = "response_type=code&client_id=par-basic&redirect_uri=" + URLEncoder.encode(REDIRECT.toString(), StandardCharsets.UTF_8)
                + "&scope=openid&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

        HttpResponse<String> longState = server.post("/oauth/par", valid + "&state=" + "s".repeat(3000), "Authorization", basic);
        assertThat(longState.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(longState.body()).get("error").asText()).isEqualTo("invalid_request");

        HttpResponse<String> huge = server.post("/oauth/par", valid + "&login_hint=" + "x".repeat(2_000_000), "Authorization", basic);
        assertThat(huge.statusCode()).isEqualTo(413);

        HttpResponse<String> withRequestUri = server.post("/oauth/par", valid + "&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Ax",
                "Authorization", basic);
        assertThat(withRequestUri.statusCode()).isEqualTo(400);
        assertThat(withRequestUri.body()).contains("invalid_request");

        HttpResponse<String> badRedirect = server.post("/oauth/par", valid.replace("rp.example", "evil.example"), "Authorization", basic);
        assertThat(badRedirect.statusCode()).isEqualTo(400);
        assertThat(badRedirect.headers().firstValue("Location")).isEmpty();

        HttpResponse<String> longUri = new Browser(server.url("")).get(server.url("/oauth/authorize") + "?client_id=par-basic&request_uri="
                + "urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3A" + "a".repeat(1_000));
        refusedAtTheClient(longUri);
    }

    @Test
    void oneClientCanBeRequiredToPush() throws Exception {
        String strict = server.clients.create("par-strict", ClientMetadata.builder().clientName("Strict")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of(REDIRECT.toString())).scopes(Set.of("openid", "email")).requirePushedAuthorizationRequests(true).build())
                .secret();
        String plain = "?response_type=code&redirect_uri=" + URLEncoder.encode(REDIRECT.toString(), StandardCharsets.UTF_8)
                + "&scope=openid&state=s1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&client_id=";

        HttpResponse<String> refused = new Browser(server.url("")).get(server.url("/oauth/authorize") + plain + "par-strict");
        assertThat(Browser.location(refused)).startsWith(REDIRECT + "?error=invalid_request").contains("state=s1");
        assertThat(Browser.location(new Browser(server.url("")).get(server.url("/oauth/authorize") + plain + "par-basic")))
                .as("other clients are not affected").startsWith("/oauth/login");
        URI uri = pushed(new ClientSecretBasic(new ClientID("par-strict"), new Secret(strict)), "par-strict");
        assertThat(Browser.location(new Browser(server.url("")).get(authorizeUrl("par-strict", uri, "")))).startsWith("/oauth/login");
    }

    @Test
    void theServerCanRequirePushedRequestsAndPushingCanBeSwitchedOff() throws Exception {
        try (TestServer required = TestServer.start(Map.of("authorization.require-pushed-authorization-requests", "true"))) {
            required.clients.create("plain", ClientMetadata.builder().clientName("Plain")
                    .tokenEndpointAuthMethod(ClientAuthMethod.NONE).grantTypes(Set.of("authorization_code"))
                    .redirectUris(List.of(REDIRECT.toString())).scopes(Set.of("openid")).build());
            assertThat(Json.MAPPER.readTree(required.get("/.well-known/oauth-authorization-server").body())
                    .get("require_pushed_authorization_requests").asBoolean()).isTrue();
            HttpResponse<String> plain = new Browser(required.url("")).get(required.url("/oauth/authorize")
                    + "?response_type=code&client_id=plain&redirect_uri=" + URLEncoder.encode(REDIRECT.toString(), StandardCharsets.UTF_8)
                    + "&scope=openid&state=s1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
            assertThat(Browser.location(plain)).startsWith(REDIRECT + "?error=invalid_request").contains("state=s1");
        }
        try (TestServer off = TestServer.start(Map.of("features.par.enabled", "false"))) {
            JsonNode m = Json.MAPPER.readTree(off.get("/.well-known/openid-configuration").body());
            assertThat(m.has("pushed_authorization_request_endpoint")).isFalse();
            assertThat(m.has("require_pushed_authorization_requests")).isFalse();
            assertThat(off.post("/oauth/par", "client_id=x").statusCode()).isEqualTo(404);
        }
    }
}
