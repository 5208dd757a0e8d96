package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.oauth2.sdk.client.ClientUpdateRequest;
import com.nimbusds.openid.connect.sdk.rp.ApplicationType;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientInformationResponse;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientMetadata;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientRegistrationRequest;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientRegistrationResponseParser;
import dev.cell.server.multinode.Race;
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

/**
 * Open registration (RFC 7591 section 3 without an initial access token): only public native apps of the authorization code
 * grant with PKCE, private-use scheme or loopback redirect URIs, limited per client address.
 */
class OpenRegistrationTest {
    static TestServer server;
    static URI endpoint;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("registration.policy", "open", "registration.open.max-per-address", "1000",
                "server.trusted-proxies", "127.0.0.1"));
        endpoint = URI.create(server.url("/oauth/register"));
        server.users.create("alice", "alice-password-1", Map.of(), Set.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static OIDCClientMetadata nativeApp(String... redirects) {
        OIDCClientMetadata m = new OIDCClientMetadata();
        m.setName("Notes for desktop");
        m.setApplicationType(ApplicationType.NATIVE);
        m.setRedirectionURIs(Set.of(redirects).stream().map(URI::create).collect(java.util.stream.Collectors.toSet()));
        m.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN));
        m.setTokenEndpointAuthMethod(ClientAuthenticationMethod.NONE);
        m.setScope(new Scope("openid", "profile"));
        return m;
    }

    static ClientRegistrationResponse send(ClientMetadata m) throws Exception {
        return ClientRegistrationResponse.parse(new ClientRegistrationRequest(endpoint, m, null).toHTTPRequest().send());
    }

    static String refusal(ClientMetadata m) throws Exception {
        ClientRegistrationResponse r = send(m);
        assertThat(r.indicatesSuccess()).isFalse();
        return r.toErrorResponse().getErrorObject().getCode();
    }

    @Test
    void aNativeAppRegistersAnonymouslyAndCompletesACodeFlowWithPkce() throws Exception {
        var r = OIDCClientRegistrationResponseParser.parse(new OIDCClientRegistrationRequest(endpoint,
                nativeApp("com.example.notes:/callback", "http://127.0.0.1/callback"), null).toHTTPRequest().send());
        assertThat(r.indicatesSuccess()).isTrue();
        var info = ((OIDCClientInformationResponse) r).getOIDCClientInformation();
        assertThat(info.getSecret()).as("a public client has no secret").isNull();
        String clientId = info.getID().getValue();
        assertThat(server.database.stores().clients().find(clientId).orElseThrow().firstParty()).isFalse();

        Browser b = new Browser(server.url(""));
        String callback = AuthorizationCodeFlowTest.codeFor(b, AuthorizationCodeFlowTest.authorizeUrl(clientId, "com.example.notes:/callback",
                "openid", ""), "alice", "alice-password-1");
        assertThat(callback).startsWith("com.example.notes:/callback?");
        String code = Browser.query(callback).get("code");
        HttpResponse<String> token = server.post("/oauth/token", "grant_type=authorization_code&code=" + AuthorizationCodeFlowTest.enc(code)
                + "&redirect_uri=" + AuthorizationCodeFlowTest.enc("com.example.notes:/callback") + "&client_id=" + clientId
                + "&code_verifier=" + AuthorizationCodeFlowTest.VERIFIER);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(token.body()).has("id_token")).isTrue();
    }

    @Test
    void confidentialClientsAreRefused() throws Exception {
        OIDCClientMetadata confidential = nativeApp("com.example.notes:/cb");
        confidential.setTokenEndpointAuthMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        assertThat(refusal(confidential)).isEqualTo("invalid_client_metadata");

        ClientMetadata service = new ClientMetadata();
        service.setGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS));
        service.setTokenEndpointAuthMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        assertThat(refusal(service)).isEqualTo("invalid_client_metadata");
    }

    @Test
    void webAndNonLoopbackHttpRedirectUrisAreRefused() throws Exception {
        assertThat(refusal(nativeApp("http://app.example/cb"))).isEqualTo("invalid_redirect_uri");
        assertThat(refusal(nativeApp("http://192.168.1.10/cb"))).isEqualTo("invalid_redirect_uri");
        OIDCClientMetadata web = nativeApp("https://app.example/cb");
        web.setApplicationType(ApplicationType.WEB);
        assertThat(refusal(web)).isEqualTo("invalid_redirect_uri");
    }

    @Test
    void openRegistrationRefusesABackchannelLogoutUri() throws Exception {
        OIDCClientMetadata m = nativeApp("com.example.notes:/cb");
        m.setBackChannelLogoutURI(URI.create("http://127.0.0.1:8080/internal"));
        assertThat(refusal(m)).as("Cell would post to any address an anonymous party names").isEqualTo("invalid_client_metadata");
    }

    @Test
    void scopesBeyondTheOpenPolicysAreRefusedAndNoneGivesItsDefault() throws Exception {
        OIDCClientMetadata admin = nativeApp("com.example.notes:/cb");
        admin.setScope(new Scope("openid", "cell:admin"));
        assertThat(refusal(admin)).isEqualTo("invalid_client_metadata");
        OIDCClientMetadata other = nativeApp("com.example.notes:/cb");
        other.setScope(new Scope("payments.write"));
        assertThat(refusal(other)).isEqualTo("invalid_client_metadata");
        OIDCClientMetadata none = nativeApp("com.example.notes:/cb");
        none.setScope(null);
        ClientRegistrationResponse r = send(none);
        assertThat(((ClientInformationResponse) r).getClientInformation().getMetadata().getScope().toStringList())
                .containsExactlyInAnyOrder("openid", "profile", "email", "offline_access");
    }

    @Test
    void anAnonymousClientCannotTurnItselfConfidentialByAnUpdate() throws Exception {
        ClientInformation info = ((ClientInformationResponse) send(nativeApp("com.example.notes:/cb"))).getClientInformation();
        OIDCClientMetadata confidential = nativeApp("com.example.notes:/cb");
        confidential.setTokenEndpointAuthMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        confidential.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.CLIENT_CREDENTIALS));
        ClientRegistrationResponse r = ClientRegistrationResponse.parse(new ClientUpdateRequest(info.getRegistrationURI(), info.getID(),
                info.getRegistrationAccessToken(), confidential, null).toHTTPRequest().send());
        assertThat(r.indicatesSuccess()).isFalse();
        assertThat(server.database.stores().clients().find(info.getID().getValue()).orElseThrow().isConfidential()).isFalse();
    }

    @Test
    void registrationsAreLimitedPerClientAddressAsTrustedProxiesReportIt() {
        try (TestServer limited = TestServer.start(Map.of("registration.policy", "open", "registration.open.max-per-address", "2",
                "server.trusted-proxies", "127.0.0.1"))) {
            String body = "{\"token_endpoint_auth_method\":\"none\",\"redirect_uris\":[\"com.example.app:/cb\"],\"application_type\":\"native\"}";
            List<Integer> fromOne = List.of(post(limited, body, "198.51.100.7"), post(limited, body, "198.51.100.7"),
                    post(limited, body, "198.51.100.7"), post(limited, "{", "198.51.100.7"));
            assertThat(fromOne).containsExactly(201, 201, 429, 429);
            assertThat(post(limited, body, "198.51.100.8")).as("another address has its own budget").isEqualTo(201);
            assertThat(limited.database.stores().clients().list()).hasSize(3);
        }
    }

    @Test
    void fiftySimultaneousRegistrationsFromOneAddressGetExactlyItsBudget() {
        try (TestServer limited = TestServer.start(Map.of("registration.policy", "open", "registration.open.max-per-address", "5",
                "server.trusted-proxies", "127.0.0.1"))) {
            String body = "{\"token_endpoint_auth_method\":\"none\",\"redirect_uris\":[\"com.example.app:/cb\"],\"application_type\":\"native\"}";
            List<Integer> statuses = Race.run(50, i -> limited.send(HttpRequest.newBuilder(
                    URI.create(limited.url("/oauth/register"))).POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").header("X-Forwarded-For", "198.51.100.9").build()))
                    .stream().map(HttpResponse::statusCode).toList();
            assertThat(statuses).filteredOn(c -> c == 201).hasSize(5);
            assertThat(statuses).filteredOn(c -> c != 201).hasSize(45).containsOnly(429);
            assertThat(limited.database.stores().clients().list()).hasSize(5);
        }
    }

    private static int post(TestServer s, String body, String forwardedFor) {
        HttpResponse<String> r = s.send(HttpRequest.newBuilder(URI.create(s.url("/oauth/register")))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor).build());
        if (r.statusCode() == 429) {
            JsonNode error = readJson(r.body());
            assertThat(error.get("error").asText()).isEqualTo("temporarily_unavailable");
        }
        return r.statusCode();
    }

    private static JsonNode readJson(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void offMeansNoEndpointAndNoDiscoveryMember() throws Exception {
        try (TestServer off = TestServer.start()) {
            assertThat(Json.MAPPER.readTree(off.get("/.well-known/openid-configuration").body()).has("registration_endpoint")).isFalse();
            assertThat(Json.MAPPER.readTree(off.get("/.well-known/oauth-authorization-server").body()).has("registration_endpoint")).isFalse();
            HttpResponse<String> r = off.send(HttpRequest.newBuilder(URI.create(off.url("/oauth/register")))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build());
            assertThat(r.statusCode()).isEqualTo(404);
        }
    }
}
