package dev.cell.server;

import static dev.cell.server.AuthorizationCodeFlowTest.challenge;
import static dev.cell.server.AuthorizationCodeFlowTest.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.cell.client.ClientAuthMethod;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.client.ClientMetadata;
import dev.cell.server.multinode.Race;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DPoP (RFC 9449) over HTTP: the token endpoint, UserInfo, refresh, introspection and discovery, proofs by the Nimbus SDK. */
class DPoPTest {
    static final String REDIRECT = "http://127.0.0.1:33419/callback";
    static final String VERIFIER = AuthorizationCodeFlowTest.VERIFIER;
    static TestServer server;
    static ClientAdmin.Created service;
    static ClientAdmin.Created opaque;
    static ClientAdmin.Created rs;
    static ClientAdmin.Created bound;
    static final ECKey KEY = ecKey();
    static final ECKey OTHER = ecKey();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        service = server.confidentialClient("svc", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
        opaque = server.confidentialClient("svc-opaque", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.OPAQUE, "read");
        rs = server.confidentialClient("rs", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
        server.clients.create("spa", ClientMetadata.builder().clientName("SPA").tokenEndpointAuthMethod(ClientAuthMethod.NONE)
                .grantTypes(Set.of("authorization_code", "refresh_token")).redirectUris(List.of(REDIRECT))
                .scopes(Set.of("openid", "offline_access", "email", "read")).build());
        bound = server.clients.create("svc-bound", ClientMetadata.builder().tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of("client_credentials")).scopes(Set.of("read")).dpopBoundAccessTokens(true).build());
        server.users.create("alice", "alice-password-1", Map.of("email", "alice@example.com"), Set.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ECKey ecKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String proof(TestServer s, ECKey key, String htm, String path, String accessToken, String nonce) throws Exception {
        DefaultDPoPProofFactory f = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
        URI htu = URI.create(s.url(path));
        return f.createDPoPJWT(new com.nimbusds.oauth2.sdk.id.JWTID(), htm, htu, new java.util.Date(), accessToken == null ? null : new DPoPAccessToken(accessToken),
                nonce == null ? null : new Nonce(nonce)).serialize();
    }

    static String proof(ECKey key) throws Exception {
        return proof(server, key, "POST", "/oauth/token", null, null);
    }

    static String jkt(ECKey key) throws Exception {
        return key.computeThumbprint().toString();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    static HttpResponse<String> clientCredentials(TestServer s, String id, String secret, String... dpop) {
        String[] headers = new String[2 + dpop.length * 2];
        headers[0] = "Authorization";
        headers[1] = TestServer.basic(id, secret);
        for (int i = 0; i < dpop.length; i++) {
            headers[2 + 2 * i] = "DPoP";
            headers[3 + 2 * i] = dpop[i];
        }
        return s.post("/oauth/token", "grant_type=client_credentials&scope=read", headers);
    }

    static void refused(HttpResponse<String> r, int status, String error) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(json(r).get("error").asText()).as(r.body()).isEqualTo(error);
    }

    @Test
    void aProofBindsTheTokenByCnfJktAndTheTypeIsDpop() throws Exception {
        HttpResponse<String> r = clientCredentials(server, "svc", service.secret(), proof(KEY));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("token_type").asText()).isEqualTo("DPoP");
        SignedJWT at = SignedJWT.parse(json(r).get("access_token").asText());
        assertThat(at.getJWTClaimsSet().getJSONObjectClaim("cnf")).containsEntry("jkt", jkt(KEY));
        HttpResponse<String> plain = clientCredentials(server, "svc", service.secret());
        assertThat(json(plain).get("token_type").asText()).isEqualTo("Bearer");
        assertThat(SignedJWT.parse(json(plain).get("access_token").asText()).getJWTClaimsSet().getClaim("cnf")).isNull();
    }

    @Test
    void introspectionShowsTheBindingOfAnOpaqueToken() throws Exception {
        HttpResponse<String> r = clientCredentials(server, "svc-opaque", opaque.secret(), proof(KEY));
        assertThat(json(r).get("token_type").asText()).isEqualTo("DPoP");
        JsonNode i = json(server.post("/oauth/introspect", "token=" + json(r).get("access_token").asText(), "Authorization",
                TestServer.basic("rs", rs.secret())));
        assertThat(i.get("active").asBoolean()).isTrue();
        assertThat(i.get("token_type").asText()).isEqualTo("DPoP");
        assertThat(i.get("cnf").get("jkt").asText()).isEqualTo(jkt(KEY));
        JsonNode plain = json(server.post("/oauth/introspect", "token=" + json(clientCredentials(server, "svc-opaque", opaque.secret()))
                .get("access_token").asText(), "Authorization", TestServer.basic("rs", rs.secret())));
        assertThat(plain.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(plain.has("cnf")).isFalse();
    }

    @Test
    void aResourceServersProofAtIntrospectionIsChecked() throws Exception {
        String token = json(clientCredentials(server, "svc", service.secret())).get("access_token").asText();
        HttpResponse<String> ok = server.post("/oauth/introspect", "token=" + token, "Authorization", TestServer.basic("rs", rs.secret()),
                "DPoP", proof(server, KEY, "POST", "/oauth/introspect", null, null));
        assertThat(json(ok).get("active").asBoolean()).isTrue();
        refused(server.post("/oauth/introspect", "token=" + token, "Authorization", TestServer.basic("rs", rs.secret()), "DPoP", proof(KEY)),
                400, "invalid_dpop_proof");
    }

    @Test
    void badProofsAtTheTokenEndpointAreInvalidDpopProof() throws Exception {
        refused(clientCredentials(server, "svc", service.secret(), "not-a-jwt"), 400, "invalid_dpop_proof");
        refused(clientCredentials(server, "svc", service.secret(), proof(server, KEY, "GET", "/oauth/token", null, null)), 400,
                "invalid_dpop_proof");
        refused(clientCredentials(server, "svc", service.secret(), proof(server, KEY, "POST", "/userinfo", null, null)), 400,
                "invalid_dpop_proof");
        refused(clientCredentials(server, "svc", service.secret(), proof(KEY), proof(KEY)), 400, "invalid_dpop_proof");
        String once = proof(KEY);
        assertThat(clientCredentials(server, "svc", service.secret(), once).statusCode()).isEqualTo(200);
        refused(clientCredentials(server, "svc", service.secret(), once), 400, "invalid_dpop_proof");
    }

    @Test
    void fiftySimultaneousUsesOfOneProofGetOneTokenAndOverLongProofsAClearError() throws Exception {
        String once = proof(KEY);
        List<Integer> statuses = Race.run(50, i -> clientCredentials(server, "svc", service.secret(), once))
                .stream().map(HttpResponse::statusCode).toList();
        assertThat(statuses).as("the proof's jti is used once").filteredOn(c -> c == 200).hasSize(1);
        assertThat(statuses).filteredOn(c -> c != 200).hasSize(49).containsOnly(400);
        refused(clientCredentials(server, "svc", service.secret(), "e".repeat(6 * 1024)), 400, "invalid_dpop_proof");
        assertThat(clientCredentials(server, "svc", service.secret(), "e".repeat(1024 * 1024)).statusCode())
                .as("a megabyte header is refused before the endpoint").isEqualTo(431);
    }

    @Test
    void aClientRegisteredForDpopBoundTokensMustSendAProof() throws Exception {
        refused(clientCredentials(server, "svc-bound", bound.secret()), 400, "invalid_dpop_proof");
        HttpResponse<String> ok = clientCredentials(server, "svc-bound", bound.secret(), proof(KEY));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok).get("token_type").asText()).isEqualTo("DPoP");
    }

    @Test
    void discoveryAdvertisesTheProofAlgorithms() throws Exception {
        JsonNode d = json(server.get("/.well-known/openid-configuration"));
        assertThat(d.get("dpop_signing_alg_values_supported").toString()).isEqualTo("[\"ES256\",\"PS256\",\"RS256\"]");
    }

    @Test
    void switchedOffTheHeaderIsIgnoredAndNothingIsAdvertised() throws Exception {
        try (TestServer off = TestServer.start(Map.of("features.dpop.enabled", "false"))) {
            ClientAdmin.Created c = off.confidentialClient("svc", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
            HttpResponse<String> r = clientCredentials(off, "svc", c.secret(), proof(off, KEY, "POST", "/oauth/token", null, null));
            assertThat(json(r).get("token_type").asText()).isEqualTo("Bearer");
            assertThat(json(off.get("/.well-known/openid-configuration")).has("dpop_signing_alg_values_supported")).isFalse();
        }
    }

    @Test
    void withNoncesRequiredTheServerSendsOneAndEveryProofMustCarryIt() throws Exception {
        try (TestServer strict = TestServer.start(Map.of("dpop.nonce.required", "true"))) {
            ClientAdmin.Created c = strict.confidentialClient("svc", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
            HttpResponse<String> first = clientCredentials(strict, "svc", c.secret(), proof(strict, KEY, "POST", "/oauth/token", null, null));
            refused(first, 400, "use_dpop_nonce");
            String nonce = first.headers().firstValue("DPoP-Nonce").orElseThrow();
            refused(clientCredentials(strict, "svc", c.secret(), proof(strict, KEY, "POST", "/oauth/token", null, "stale-or-forged")), 400,
                    "use_dpop_nonce");
            HttpResponse<String> ok = clientCredentials(strict, "svc", c.secret(), proof(strict, KEY, "POST", "/oauth/token", null, nonce));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(ok.headers().firstValue("DPoP-Nonce")).hasValue(nonce);
        }
    }

    static String authorizeUrl(String extra) throws Exception {
        return "/oauth/authorize?response_type=code&client_id=spa&redirect_uri=" + enc(REDIRECT) + "&scope="
                + enc("openid offline_access email") + "&state=s&nonce=n&code_challenge=" + challenge(VERIFIER) + "&code_challenge_method=S256"
                + extra;
    }

    /** Runs the browser part from {@code url} and returns the code. */
    static String code(String url) {
        String callback = AuthorizationCodeFlowTest.codeFor(new Browser(server.url("")), url, "alice", "alice-password-1");
        assertThat(callback).startsWith(REDIRECT + "?code=");
        return Browser.query(callback).get("code");
    }

    static HttpResponse<String> redeem(String code, ECKey key) throws Exception {
        String body = "grant_type=authorization_code&client_id=spa&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT) + "&code_verifier="
                + VERIFIER;
        return key == null ? server.post("/oauth/token", body) : server.post("/oauth/token", body, "DPoP", proof(key));
    }

    /** Runs the code flow for the public client with a proof of {@code key} at the token endpoint. */
    static JsonNode publicClientTokens(ECKey key) throws Exception {
        HttpResponse<String> r = redeem(code(authorizeUrl("")), key);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    @Test
    void dpopJktAtTheAuthorizationEndpointBindsTheCode() throws Exception {
        refused(redeem(code(authorizeUrl("&dpop_jkt=" + jkt(KEY))), OTHER), 400, "invalid_grant");
        refused(redeem(code(authorizeUrl("&dpop_jkt=" + jkt(KEY))), null), 400, "invalid_dpop_proof");
        HttpResponse<String> ok = redeem(code(authorizeUrl("&dpop_jkt=" + jkt(KEY))), KEY);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        String location = Browser.location(new Browser(server.url("")).get(authorizeUrl("&dpop_jkt=not-a-thumbprint")));
        assertThat(Browser.query(location).get("error")).isEqualTo("invalid_request");
    }

    @Test
    void aProofAtParBindsTheCodeAndAMismatchingDpopJktIsRefused() throws Exception {
        String form = "response_type=code&client_id=spa&redirect_uri=" + enc(REDIRECT) + "&scope=openid&code_challenge=" + challenge(VERIFIER)
                + "&code_challenge_method=S256";
        refused(server.post("/oauth/par", form + "&dpop_jkt=" + jkt(OTHER), "DPoP", proof(server, KEY, "POST", "/oauth/par", null, null)),
                400, "invalid_dpop_proof");
        refused(server.post("/oauth/par", form, "DPoP", proof(KEY)), 400, "invalid_dpop_proof");
        HttpResponse<String> pushed = server.post("/oauth/par", form, "DPoP", proof(server, KEY, "POST", "/oauth/par", null, null));
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
        String requestUri = json(pushed).get("request_uri").asText();
        String code = code("/oauth/authorize?client_id=spa&request_uri=" + enc(requestUri));
        refused(redeem(code, OTHER), 400, "invalid_grant");
        String again = code("/oauth/authorize?client_id=spa&request_uri=" + enc(json(server.post("/oauth/par", form, "DPoP",
                proof(server, KEY, "POST", "/oauth/par", null, null))).get("request_uri").asText()));
        assertThat(redeem(again, KEY).statusCode()).isEqualTo(200);
    }

    static HttpResponse<String> userinfo(String authorization, String... dpop) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url("/userinfo"))).header("Authorization", authorization).GET();
        for (String p : dpop) {
            b.header("DPoP", p);
        }
        return server.send(b.build());
    }

    static void challenged(HttpResponse<String> r, String error) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(json(r).get("error").asText()).isEqualTo(error);
        assertThat(r.headers().allValues("WWW-Authenticate")).anySatisfy(h -> assertThat(h).startsWith("DPoP ")
                .contains("error=\"" + error + "\"").contains("algs=\"ES256 PS256 RS256\""));
    }

    @Test
    void userInfoTakesTheBoundTokenOnlyWithAProofOfItsKey() throws Exception {
        JsonNode tokens = publicClientTokens(KEY);
        String at = tokens.get("access_token").asText();
        assertThat(tokens.get("token_type").asText()).isEqualTo("DPoP");
        HttpResponse<String> ok = userinfo("DPoP " + at, proof(server, KEY, "GET", "/userinfo", at, null));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok).get("email").asText()).isEqualTo("alice@example.com");
        challenged(userinfo("Bearer " + at), "invalid_token");
        challenged(userinfo("DPoP " + at), "invalid_dpop_proof");
        challenged(userinfo("DPoP " + at, proof(server, OTHER, "GET", "/userinfo", at, null)), "invalid_token");
        challenged(userinfo("DPoP " + at, proof(server, KEY, "GET", "/userinfo", "another-token", null)), "invalid_dpop_proof");
        challenged(userinfo("DPoP " + at, proof(server, KEY, "POST", "/userinfo", at, null)), "invalid_dpop_proof");
        String once = proof(server, KEY, "GET", "/userinfo", at, null);
        assertThat(userinfo("DPoP " + at, once).statusCode()).isEqualTo(200);
        challenged(userinfo("DPoP " + at, once), "invalid_dpop_proof");
    }

    @Test
    void userInfoRefusesTheDpopSchemeForABearerTokenAndNamesBothSchemes() throws Exception {
        String bearer = json(clientCredentials(server, "svc", service.secret())).get("access_token").asText();
        HttpResponse<String> r = userinfo("DPoP " + bearer, proof(server, KEY, "GET", "/userinfo", bearer, null));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).get("error").asText()).isEqualTo("invalid_token");
        HttpResponse<String> none = server.get("/userinfo");
        assertThat(none.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"" + server.config.issuer().getHost() + "\"",
                "DPoP realm=\"" + server.config.issuer().getHost() + "\", algs=\"ES256 PS256 RS256\"");
    }

    @Test
    void aPublicClientsRefreshTokenNeedsAProofOfTheSameKey() throws Exception {
        String refresh = publicClientTokens(KEY).get("refresh_token").asText();
        String body = "grant_type=refresh_token&client_id=spa&refresh_token=" + enc(refresh);
        refused(server.post("/oauth/token", body), 400, "invalid_dpop_proof");
        refused(server.post("/oauth/token", body, "DPoP", proof(OTHER)), 400, "invalid_grant");
        HttpResponse<String> ok = server.post("/oauth/token", body, "DPoP", proof(KEY));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok).get("token_type").asText()).isEqualTo("DPoP");
    }
}
