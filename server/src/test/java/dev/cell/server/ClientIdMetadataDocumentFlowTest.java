package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.cell.support.TlsServer;
import dev.cell.token.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients known by a Client ID metadata document (draft-ietf-oauth-client-id-metadata-document) through the whole code flow:
 * discovery says so, the document is fetched from a test https server on 127.0.0.1 (allow-listed, its certificate trusted by
 * configuration), the consent page marks the name unverified and shows where the response goes, the token endpoint accepts
 * the public client with PKCE and a resource, or a private_key_jwt client with the keys at its jwks_uri, and refresh works.
 * A document that cannot be used is an error page at the authorization endpoint and invalid_client at the token endpoint.
 */
class ClientIdMetadataDocumentFlowTest {
    static final String MCP = "https://mcp.example/mcp";
    static final String CALLBACK = "http://127.0.0.1:7777/callback";
    @TempDir
    static Path dir;
    static TlsServer documents;
    static TestServer server;
    static RSAKey key = AssertionKit.rsa("doc-key");

    @BeforeAll
    static void start() {
        documents = TlsServer.start(dir);
        server = TestServer.start(Map.of("client-id-metadata.policy", "any", "client-id-metadata.allowed-addresses", "127.0.0.1",
                "client-id-metadata.trusted-certificates", documents.certificatePem().toString(),
                "client-id-metadata.resources", MCP, "client-id-metadata.scopes", "openid,offline_access,mcp:tools"));
        server.users.create("alice", "alice-password-1", Map.of(), Set.of());
    }

    @AfterAll
    static void stop() {
        server.close();
        documents.close();
    }

    /** Serves a document at {@code path} for a client with these members; returns its client_id. */
    static String serve(String path, String members) {
        String clientId = documents.url(path);
        documents.answer(path, TlsServer.Answer.json("{\"client_id\": \"" + clientId + "\", \"client_name\": \"Notes Desktop\", "
                + "\"redirect_uris\": [\"" + CALLBACK + "\"], \"grant_types\": [\"authorization_code\", \"refresh_token\"], "
                + "\"response_types\": [\"code\"], \"scope\": \"openid offline_access mcp:tools\"" + members + "}"));
        return clientId;
    }

    static String authorize(String clientId, String extra) throws Exception {
        return "/oauth/authorize?response_type=code&client_id=" + AuthorizationCodeFlowTest.enc(clientId) + "&redirect_uri="
                + AuthorizationCodeFlowTest.enc(CALLBACK) + "&scope=" + AuthorizationCodeFlowTest.enc("openid offline_access mcp:tools")
                + "&state=s1&code_challenge=" + AuthorizationCodeFlowTest.challenge(AuthorizationCodeFlowTest.VERIFIER)
                + "&code_challenge_method=S256&resource=" + AuthorizationCodeFlowTest.enc(MCP) + extra;
    }

    static String codeBody(String code, String clientId) {
        return "grant_type=authorization_code&code=" + AuthorizationCodeFlowTest.enc(code) + "&redirect_uri="
                + AuthorizationCodeFlowTest.enc(CALLBACK) + "&client_id=" + AuthorizationCodeFlowTest.enc(clientId) + "&code_verifier="
                + AuthorizationCodeFlowTest.VERIFIER + "&resource=" + AuthorizationCodeFlowTest.enc(MCP);
    }

    @Test
    void discoveryAdvertisesItOnlyWhenOn() throws Exception {
        assertThat(Json.MAPPER.readTree(server.get("/.well-known/oauth-authorization-server").body())
                .path("client_id_metadata_document_supported").asBoolean()).isTrue();
        try (TestServer off = TestServer.start()) {
            assertThat(Json.MAPPER.readTree(off.get("/.well-known/oauth-authorization-server").body())
                    .has("client_id_metadata_document_supported")).isFalse();
        }
    }

    @Test
    void aPublicClientRunsTheCodeFlowWithPkceAndAResourceThenRefreshes() throws Exception {
        String clientId = serve("/apps/notes.json", ", \"token_endpoint_auth_method\": \"none\"");
        Browser b = new Browser(server.url(""));
        String loc = Browser.location(b.get(authorize(clientId, "")));
        assertThat(b.get(loc).body()).as("the login page names the proven host, not the document's own name")
                .contains("127.0.0.1 asks you to sign in.").doesNotContain("Notes Desktop");
        loc = Browser.location(AuthorizationCodeFlowTest.login(b, loc, "alice", "alice-password-1"));
        assertThat(loc).startsWith("/oauth/confirm_access");
        HttpResponse<String> consent = b.get(loc);
        assertThat(consent.body()).contains("Notes Desktop").contains("id=\"unverified\"")
                .contains("Unverified: this name is what the app at 127.0.0.1 says about itself")
                .contains("you will be sent to <strong>127.0.0.1</strong> (an app on this computer)");
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(consent.body()));
        form.put("decision", "allow");
        String callback = Browser.location(b.post("/oauth/confirm_access", form));
        assertThat(callback).startsWith(CALLBACK + "?");

        HttpResponse<String> token = server.post("/oauth/token", codeBody(Browser.query(callback).get("code"), clientId));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JsonNode tokens = Json.MAPPER.readTree(token.body());
        JsonNode claims = Json.MAPPER.readTree(SignedJWT.parse(tokens.get("access_token").asText()).getPayload().toString());
        assertThat(claims.get("aud").isArray() ? claims.get("aud").get(0).asText() : claims.get("aud").asText()).isEqualTo(MCP);
        assertThat(claims.get("client_id").asText()).isEqualTo(clientId);

        HttpResponse<String> refreshed = server.post("/oauth/token", "grant_type=refresh_token&refresh_token="
                + AuthorizationCodeFlowTest.enc(tokens.get("refresh_token").asText()) + "&client_id=" + AuthorizationCodeFlowTest.enc(clientId)
                + "&resource=" + AuthorizationCodeFlowTest.enc(MCP));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(refreshed.body()).get("refresh_token").asText()).isNotEqualTo(tokens.get("refresh_token").asText());
        assertThat(documents.hits("/apps/notes.json")).as("cached between the requests").isEqualTo(1);

        // nothing assures the next request with this client_id comes from the same app (RFC 8252 section 8.6): it asks again
        assertThat(Browser.location(b.get(authorize(clientId, "")))).startsWith("/oauth/confirm_access");
        String none = Browser.location(b.get(authorize(clientId, "&prompt=none")));
        assertThat(Browser.query(none).get("error")).isEqualTo("consent_required");
    }

    @Test
    void theConsentPageSpeaksChineseToo() throws Exception {
        String clientId = serve("/apps/zh.json", "");
        Browser b = new Browser(server.url(""));
        b.acceptLanguage = "zh-CN";
        String loc = Browser.location(AuthorizationCodeFlowTest.login(b, Browser.location(b.get(authorize(clientId, ""))), "alice",
                "alice-password-1"));
        assertThat(b.get(loc).body()).contains("未经验证：这个名称是 127.0.0.1 上的应用自己声明的。").contains("（这台电脑上的应用）");
    }

    @Test
    void aPushedAuthorizationRequestWorksForSuchAClient() throws Exception {
        String clientId = serve("/apps/par.json", "");
        String query = authorize(clientId, "").substring("/oauth/authorize?".length());
        HttpResponse<String> pushed = server.post("/oauth/par", query);
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
        String requestUri = Json.MAPPER.readTree(pushed.body()).get("request_uri").asText();
        Browser b = new Browser(server.url(""));
        String callback = AuthorizationCodeFlowTest.codeFor(b, "/oauth/authorize?client_id=" + AuthorizationCodeFlowTest.enc(clientId)
                + "&request_uri=" + AuthorizationCodeFlowTest.enc(requestUri), "alice", "alice-password-1");
        assertThat(callback).startsWith(CALLBACK + "?");
        assertThat(server.post("/oauth/token", codeBody(Browser.query(callback).get("code"), clientId)).statusCode()).isEqualTo(200);
    }

    @Test
    void aPrivateKeyJwtClientAuthenticatesWithTheKeysAtItsJwksUri() throws Exception {
        documents.answer("/apps/jwks.json", TlsServer.Answer.json(AssertionKit.publicJwks(key.toPublicJWK())));
        String clientId = serve("/apps/confidential.json", ", \"token_endpoint_auth_method\": \"private_key_jwt\", \"jwks_uri\": \""
                + documents.url("/apps/jwks.json") + "\"");
        String callback = AuthorizationCodeFlowTest.codeFor(new Browser(server.url("")), authorize(clientId, ""), "alice", "alice-password-1");
        String code = Browser.query(callback).get("code");
        String grant = "grant_type=authorization_code&code=" + AuthorizationCodeFlowTest.enc(code) + "&redirect_uri="
                + AuthorizationCodeFlowTest.enc(CALLBACK) + "&code_verifier=" + AuthorizationCodeFlowTest.VERIFIER;
        HttpResponse<String> unauthenticated = server.post("/oauth/token", grant + "&client_id=" + AuthorizationCodeFlowTest.enc(clientId));
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(Json.MAPPER.readTree(unauthenticated.body()).get("error").asText()).isEqualTo("invalid_client");

        RSAKey other = AssertionKit.rsa("doc-key");
        HttpResponse<String> wrongKey = server.post("/oauth/token", AssertionKit.body(grant, assertion(clientId, other)));
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        HttpResponse<String> token = server.post("/oauth/token", AssertionKit.body(grant, assertion(clientId, key)));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(documents.hits("/apps/jwks.json")).isPositive();
    }

    static PrivateKeyJWT assertion(String clientId, RSAKey signer) throws Exception {
        return new PrivateKeyJWT(new JWTAuthenticationClaimsSet(new ClientID(clientId), new Audience(server.config.issuer().toString())),
                JWSAlgorithm.RS256, signer.toRSAPrivateKey(), signer.getKeyID(), null);
    }

    @Test
    void aDocumentThatCannotBeUsedIsAnErrorPageAndInvalidClientNeverA500() throws Exception {
        String mismatch = documents.url("/apps/mismatch.json");
        documents.answer("/apps/mismatch.json", TlsServer.Answer.json("{\"client_id\": \"https://elsewhere.example/app\", "
                + "\"redirect_uris\": [\"" + CALLBACK + "\"]}"));
        String missing = documents.url("/apps/missing.json");
        String secret = serve("/apps/secret.json", ", \"token_endpoint_auth_method\": \"client_secret_basic\"");
        for (String clientId : new String[] {mismatch, missing, secret, "https://127.0.0.1:1/apps/closed.json",
            "https://127.0.0.1:" + documents.port() + "/a/../b"}) {
            HttpResponse<String> page = new Browser(server.url("")).get(authorize(clientId, ""));
            assertThat(page.statusCode()).as(clientId).isEqualTo(400);
            assertThat(page.headers().firstValue("Location")).as("never redirected to an unproven redirect URI").isEmpty();
            assertThat(page.body()).contains("invalid_client");
            HttpResponse<String> token = server.post("/oauth/token", codeBody("some-code", clientId));
            assertThat(token.statusCode()).as(clientId).isEqualTo(401);
            assertThat(Json.MAPPER.readTree(token.body()).get("error").asText()).isEqualTo("invalid_client");
        }
    }

    @Test
    void theListedPolicyRefusesOtherHosts() throws Exception {
        try (TestServer listed = TestServer.start(Map.of("client-id-metadata.policy", "listed", "client-id-metadata.domains", "example.com",
                "client-id-metadata.allowed-addresses", "127.0.0.1", "client-id-metadata.trusted-certificates",
                documents.certificatePem().toString()))) {
            String clientId = serve("/apps/unlisted.json", "");
            HttpResponse<String> page = new Browser(listed.url("")).get(authorize(clientId, ""));
            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.body()).contains("listed domains");
            assertThat(documents.hits("/apps/unlisted.json")).isZero();
        }
    }
}
