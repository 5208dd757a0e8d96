package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientDeleteRequest;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientReadRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationErrorResponse;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.oauth2.sdk.client.ClientUpdateRequest;
import com.nimbusds.oauth2.sdk.client.RegistrationError;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.rp.ApplicationType;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientInformationResponse;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientMetadata;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientRegistrationRequest;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientRegistrationResponseParser;
import dev.cell.event.AuditRecord;
import dev.cell.event.AuditSink;
import dev.cell.registration.InitialAccessTokens;
import dev.cell.store.AuditQuery;
import dev.cell.token.Json;
import dev.cell.token.RandomValues;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dynamic client registration (RFC 7591) and its management (RFC 7592) under the initial-access-token policy, driven by the
 * Nimbus OAuth SDK's client registration classes.
 */
class ClientRegistrationTest {
    static TestServer server;
    static InitialAccessTokens tokens;
    static URI endpoint;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("registration.policy", "initial-access-token"));
        tokens = new InitialAccessTokens(server.database.stores().initialAccessTokens(), new RandomValues(new SecureRandom()), Clock.systemUTC(),
                AuditSink.NONE);
        endpoint = URI.create(server.url("/oauth/register"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String token(Integer uses, String... scopes) {
        return tokens.issue(Set.of(scopes), Duration.ofHours(1), uses, "test").value();
    }

    @Test
    void aWebAppRegistersItsBackchannelLogoutUri() throws Exception {
        com.nimbusds.openid.connect.sdk.rp.OIDCClientMetadata m = new com.nimbusds.openid.connect.sdk.rp.OIDCClientMetadata();
        m.setName("Notes web");
        m.setRedirectionURI(URI.create("https://notes.example/cb"));
        m.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE));
        m.setScope(new Scope("openid"));
        m.setBackChannelLogoutURI(URI.create("https://notes.example/backchannel-logout"));
        m.requiresBackChannelLogoutSession(true);
        ClientInformation info = register(m, token(1));
        var stored = server.database.stores().clients().find(info.getID().getValue()).orElseThrow().metadata();
        assertThat(stored.backchannelLogoutUri()).isEqualTo("https://notes.example/backchannel-logout");
        assertThat(stored.backchannelLogoutSessionRequired()).isTrue();
        assertThat(info.getMetadata().getCustomField("backchannel_logout_uri")).as("in the registration response").isEqualTo("https://notes.example/backchannel-logout");

        m.setBackChannelLogoutURI(URI.create("http://notes.example/backchannel-logout"));
        assertThat(refused(m, token(1)).getErrorObject().getCode()).isEqualTo("invalid_client_metadata");
    }

    static ClientMetadata serviceClient(String... scopes) {
        ClientMetadata m = new ClientMetadata();
        m.setName("Reporting job");
        m.setGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS));
        m.setTokenEndpointAuthMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        if (scopes.length > 0) {
            m.setScope(new Scope(scopes));
        }
        return m;
    }

    static ClientRegistrationResponse send(HTTPRequest request) throws Exception {
        return ClientRegistrationResponse.parse(request.send());
    }

    static ClientInformation register(ClientMetadata metadata, String token) throws Exception {
        ClientRegistrationResponse r = send(new ClientRegistrationRequest(endpoint, metadata, new BearerAccessToken(token)).toHTTPRequest());
        assertThat(r.indicatesSuccess()).as(() -> r.toErrorResponse().getErrorObject().toJSONObject().toString()).isTrue();
        return ((ClientInformationResponse) r).getClientInformation();
    }

    static ClientRegistrationErrorResponse refused(ClientMetadata metadata, String token) throws Exception {
        ClientRegistrationResponse r = send(new ClientRegistrationRequest(endpoint, metadata, token == null ? null : new BearerAccessToken(token))
                .toHTTPRequest());
        assertThat(r.indicatesSuccess()).isFalse();
        return r.toErrorResponse();
    }

    static HttpResponse<String> clientCredentials(String clientId, String secret) {
        return server.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic(clientId, secret));
    }

    static HttpResponse<String> postJson(String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return server.send(b.build());
    }

    static int clientCount() {
        return server.database.stores().clients().list().size();
    }

    static List<AuditRecord> audit(String event, String clientId) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            List<AuditRecord> found = server.database.stores().audit().query(new AuditQuery(null, null, event, clientId, null, null, null, 10));
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(100);
        }
        return List.of();
    }

    @Test
    void discoveryNamesTheRegistrationEndpointInBothDocuments() throws Exception {
        for (String doc : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
            JsonNode m = Json.MAPPER.readTree(server.get(doc).body());
            assertThat(m.get("registration_endpoint").asText()).isEqualTo(endpoint.toString());
        }
    }

    @Test
    void aRegisteredConfidentialClientGetsTokensWithItsSecret() throws Exception {
        ClientInformation info = register(serviceClient("reports.read"), token(1));

        assertThat(info.getID().getValue()).isNotBlank();
        assertThat(info.getSecret().getValue()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(info.getSecret().getExpirationDate()).as("client_secret_expires_at 0: never").isNull();
        assertThat(info.getIDIssueDate()).isNotNull();
        assertThat(info.getRegistrationAccessToken().getValue()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(info.getRegistrationURI()).isEqualTo(URI.create(endpoint + "/" + info.getID().getValue()));
        assertThat(info.getMetadata().getName()).isEqualTo("Reporting job");
        assertThat(info.getMetadata().getGrantTypes()).containsExactly(GrantType.CLIENT_CREDENTIALS);
        HttpResponse<String> t = clientCredentials(info.getID().getValue(), info.getSecret().getValue());
        assertThat(t.statusCode()).as(t.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(t.body()).get("scope").asText()).isEqualTo("reports.read");
        String stored = server.database.stores().clients().find(info.getID().getValue()).orElseThrow().secretHash();
        assertThat(stored).isNotEqualTo(info.getSecret().getValue());
        assertThat(audit("client.registered", info.getID().getValue())).isNotEmpty();
    }

    @Test
    void aSingleUseTokenRegistersOnceAndAMultipleUseOneUntilItIsRevoked() throws Exception {
        String once = token(1);
        register(serviceClient(), once);
        HTTPResponse again = new ClientRegistrationRequest(endpoint, serviceClient(), new BearerAccessToken(once)).toHTTPRequest().send();
        assertThat(again.getStatusCode()).isEqualTo(401);
        assertThat(ClientRegistrationResponse.parse(again).toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_token");

        InitialAccessTokens.Issued multiple = tokens.issue(Set.of(), Duration.ofHours(1), null, "test");
        for (int i = 0; i < 3; i++) {
            register(serviceClient(), multiple.value());
        }
        tokens.revoke(multiple.token().id(), "test");
        assertThat(refused(serviceClient(), multiple.value()).getErrorObject().getCode()).isEqualTo("invalid_token");
    }

    @Test
    void withoutAValidInitialAccessTokenNothingIsRegistered() throws Exception {
        int before = clientCount();
        HttpResponse<String> none = postJson("{\"grant_types\":[\"client_credentials\"]}", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer").contains("invalid_token");
        assertThat(Json.MAPPER.readTree(none.body()).get("error").asText()).isEqualTo("invalid_token");
        assertThat(refused(serviceClient(), "not-a-token").getErrorObject().getCode()).isEqualTo("invalid_token");
        HttpResponse<String> basic = server.send(HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json").header("Authorization", TestServer.basic("a", "b")).build());
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(clientCount()).isEqualTo(before);
    }

    @Test
    void ofManyRegistrationsRacingWithASingleUseTokenExactlyOneSucceeds() throws Exception {
        String once = token(1);
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return postJson("{\"client_name\":\"racer\",\"grant_types\":[\"client_credentials\"]}", once).statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 401).hasSize(racers - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTokensFixedScopesLimitTheClientAndAreItsDefault() throws Exception {
        ClientInformation defaulted = register(serviceClient(), token(1, "notes.read", "notes.write"));
        assertThat(defaulted.getMetadata().getScope().toStringList()).containsExactlyInAnyOrder("notes.read", "notes.write");

        String limited = token(2, "notes.read");
        ClientRegistrationErrorResponse wider = refused(serviceClient("notes.read", "notes.delete"), limited);
        assertThat(wider.getErrorObject().getCode()).isEqualTo("invalid_client_metadata");
        assertThat(wider.getErrorObject().getDescription()).contains("notes.delete");
        ClientRegistrationErrorResponse admin = refused(serviceClient("cell:admin"), token(1));
        assertThat(admin.getErrorObject().getCode()).isEqualTo("invalid_client_metadata");
        assertThat(admin.getErrorObject().getDescription()).contains("cell:admin");
        assertThat(register(serviceClient("cell:admin.read"), token(1, "cell:admin.read")).getMetadata().getScope().toString())
                .isEqualTo("cell:admin.read");

        ClientInformation narrow = register(serviceClient("notes.read"), limited);
        ClientMetadata widened = serviceClient("notes.read", "notes.delete");
        ClientRegistrationResponse update = send(new ClientUpdateRequest(narrow.getRegistrationURI(), narrow.getID(),
                narrow.getRegistrationAccessToken(), widened, null).toHTTPRequest());
        assertThat(update.indicatesSuccess()).as("the token's scopes hold for updates too").isFalse();
        assertThat(update.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client_metadata");
    }

    @Test
    void eachRfc7591ErrorCodeWithADescriptionAndNothingStoredNorUsedUp() throws Exception {
        String token = token(1);
        int before = clientCount();
        ClientMetadata badRedirect = new ClientMetadata();
        badRedirect.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE));
        badRedirect.setRedirectionURI(URI.create("http://app.example/cb"));
        ClientRegistrationErrorResponse redirect = refused(badRedirect, token);
        assertThat(redirect.getErrorObject().getCode()).isEqualTo(RegistrationError.INVALID_REDIRECT_URI.getCode());
        assertThat(redirect.getErrorObject().getHTTPStatusCode()).isEqualTo(400);
        assertThat(redirect.getErrorObject().getDescription()).contains("redirect_uris");

        ClientMetadata badGrant = serviceClient();
        badGrant.setGrantTypes(Set.of(new GrantType("urn:example:made-up")));
        ClientRegistrationErrorResponse metadata = refused(badGrant, token);
        assertThat(metadata.getErrorObject().getCode()).isEqualTo(RegistrationError.INVALID_CLIENT_METADATA.getCode());
        assertThat(metadata.getErrorObject().getDescription()).contains("grant_types");

        SignedJWT statement = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().issuer("https://evil.example")
                .claim("software_id", "x").build());
        statement.sign(new MACSigner(new byte[32]));
        ClientRegistrationResponse r = send(new ClientRegistrationRequest(endpoint, serviceClient(), statement, new BearerAccessToken(token))
                .toHTTPRequest());
        assertThat(r.toErrorResponse().getErrorObject().getCode()).isEqualTo(RegistrationError.INVALID_SOFTWARE_STATEMENT.getCode());
        assertThat(r.toErrorResponse().getErrorObject().getDescription()).isNotBlank();

        assertThat(clientCount()).isEqualTo(before);
        register(serviceClient(), token);        // every refusal left the single use in place
    }

    @Test
    void badBodiesGetAClear4xxNeverA500AndStoreNothing() {
        String token = token(null);
        int before = clientCount();
        String longName = "n".repeat(5000);
        Map<String, Integer> bodies = Map.of(
                "{", 400,
                "[]", 400,
                "{\"client_name\":\"a\",\"client_name\":\"b\"}", 400,
                "{\"grant_types\":\"client_credentials\"}", 400,
                "{\"client_name\":\"" + longName + "\",\"grant_types\":[\"client_credentials\"]}", 400,
                "{\"redirect_uris\":[\"https://a.example/" + "p".repeat(3000) + "\"]}", 400,
                "{\"client_name\":\"" + "x".repeat(70_000) + "\"}", 413);
        for (Map.Entry<String, Integer> b : bodies.entrySet()) {
            HttpResponse<String> r = postJson(b.getKey(), token);
            assertThat(r.statusCode()).as(b.getKey().substring(0, Math.min(60, b.getKey().length()))).isEqualTo(b.getValue());
            assertThat(r.body()).contains("\"error\"").doesNotContain("Exception");
        }
        HttpResponse<String> form = server.post("/oauth/register", "client_name=x", "Authorization", "Bearer " + token);
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(clientCount()).isEqualTo(before);
    }

    @Test
    void unknownMembersAreIgnored() throws Exception {
        HttpResponse<String> r = postJson("{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"client_secret_post\","
                + "\"colour\":\"blue\",\"first_party\":true,\"audience\":[\"x\"],\"client_id\":\"chosen\"}", token(1));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.has("colour")).isFalse();
        assertThat(body.get("client_id").asText()).isNotEqualTo("chosen");
        var client = server.database.stores().clients().find(body.get("client_id").asText()).orElseThrow();
        assertThat(client.firstParty()).as("Cell's own settings are not the registrant's to choose").isFalse();
        assertThat(client.audiences()).isEmpty();
    }

    @Test
    void readUpdateWithRotationAndDelete() throws Exception {
        ClientInformation info = register(serviceClient("reports.read"), token(1, "reports.read", "reports.write"));
        BearerAccessToken first = info.getRegistrationAccessToken();

        ClientRegistrationResponse read = send(new ClientReadRequest(info.getRegistrationURI(), first).toHTTPRequest());
        assertThat(read.indicatesSuccess()).isTrue();
        assertThat(((ClientInformationResponse) read).getClientInformation().getMetadata().getName()).isEqualTo("Reporting job");
        assertThat(((ClientInformationResponse) read).getClientInformation().getSecret()).as("never shown again").isNull();

        ClientMetadata changed = serviceClient("reports.read", "reports.write");
        changed.setName("Reporting job v2");
        ClientRegistrationResponse updated = send(new ClientUpdateRequest(info.getRegistrationURI(), info.getID(), first, changed,
                info.getSecret()).toHTTPRequest());
        assertThat(updated.indicatesSuccess()).as(() -> updated.toErrorResponse().getErrorObject().toJSONObject().toString()).isTrue();
        ClientInformation after = ((ClientInformationResponse) updated).getClientInformation();
        assertThat(after.getMetadata().getName()).isEqualTo("Reporting job v2");
        BearerAccessToken second = after.getRegistrationAccessToken();
        assertThat(second.getValue()).isNotEqualTo(first.getValue());
        assertThat(after.getSecret()).as("the secret stays unless the method needs another").isNull();
        assertThat(clientCredentials(info.getID().getValue(), info.getSecret().getValue()).statusCode()).isEqualTo(200);

        HTTPResponse old = new ClientReadRequest(info.getRegistrationURI(), first).toHTTPRequest().send();
        assertThat(old.getStatusCode()).isEqualTo(401);
        assertThat(old.getHeaderValue("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
        assertThat(ClientRegistrationResponse.parse(old).toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_token");
        assertThat(send(new ClientReadRequest(info.getRegistrationURI(), second).toHTTPRequest()).indicatesSuccess()).isTrue();
        assertThat(audit("client.registration_updated", info.getID().getValue())).isNotEmpty();

        HTTPResponse deleted = new ClientDeleteRequest(info.getRegistrationURI(), second).toHTTPRequest().send();
        assertThat(deleted.getStatusCode()).isEqualTo(204);
        assertThat(server.database.stores().clients().find(info.getID().getValue())).isEmpty();
        assertThat(new ClientReadRequest(info.getRegistrationURI(), second).toHTTPRequest().send().getStatusCode()).isEqualTo(401);
        assertThat(clientCredentials(info.getID().getValue(), info.getSecret().getValue()).statusCode()).isEqualTo(401);
        assertThat(audit("client.registration_deleted", info.getID().getValue())).isNotEmpty();
    }

    @Test
    void aDeletedClientsTokensAreNoLongerActive() throws Exception {
        ClientInformation info = register(serviceClient(), token(1));
        String accessToken = Json.MAPPER.readTree(clientCredentials(info.getID().getValue(), info.getSecret().getValue()).body())
                .get("access_token").asText();
        var resourceServer = server.confidentialClient("introspector", dev.cell.client.ClientAuthMethod.CLIENT_SECRET_BASIC,
                dev.cell.token.AccessTokenFormat.JWT);
        String introspect = "token=" + accessToken;
        assertThat(server.post("/oauth/introspect", introspect, "Authorization", TestServer.basic("introspector", resourceServer.secret())).body())
                .contains("\"active\":true");

        assertThat(new ClientDeleteRequest(info.getRegistrationURI(), info.getRegistrationAccessToken()).toHTTPRequest().send().getStatusCode())
                .isEqualTo(204);

        assertThat(server.post("/oauth/introspect", introspect, "Authorization", TestServer.basic("introspector", resourceServer.secret())).body())
                .contains("\"active\":false");
    }

    @Test
    void anotherClientsRegistrationTokenIsRefusedAndChangesNothing() throws Exception {
        ClientInformation a = register(serviceClient(), token(1));
        ClientInformation b = register(serviceClient(), token(1));

        ClientRegistrationResponse read = send(new ClientReadRequest(a.getRegistrationURI(), b.getRegistrationAccessToken()).toHTTPRequest());
        assertThat(read.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(403);
        ClientMetadata hijack = serviceClient();
        hijack.setName("hijacked");
        ClientRegistrationResponse update = send(new ClientUpdateRequest(a.getRegistrationURI(), a.getID(), b.getRegistrationAccessToken(),
                hijack, null).toHTTPRequest());
        assertThat(update.indicatesSuccess()).isFalse();
        assertThat(new ClientDeleteRequest(a.getRegistrationURI(), b.getRegistrationAccessToken()).toHTTPRequest().send().getStatusCode())
                .isEqualTo(403);
        assertThat(server.database.stores().clients().find(a.getID().getValue()).orElseThrow().clientName()).isEqualTo("Reporting job");
        assertThat(send(new ClientReadRequest(b.getRegistrationURI(), b.getRegistrationAccessToken()).toHTTPRequest()).indicatesSuccess())
                .as("b's own token still works").isTrue();
    }

    @Test
    void anUpdateMustNameTheClientAndItsCurrentSecret() throws Exception {
        ClientInformation info = register(serviceClient(), token(1));
        ClientRegistrationResponse wrongSecret = send(new ClientUpdateRequest(info.getRegistrationURI(), info.getID(),
                info.getRegistrationAccessToken(), serviceClient(), new com.nimbusds.oauth2.sdk.auth.Secret("guess-guess-guess-guess"))
                .toHTTPRequest());
        assertThat(wrongSecret.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(400);
        ClientRegistrationResponse otherId = send(new ClientUpdateRequest(info.getRegistrationURI(), new com.nimbusds.oauth2.sdk.id.ClientID("x"),
                info.getRegistrationAccessToken(), serviceClient(), null).toHTTPRequest());
        assertThat(otherId.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(400);
        assertThat(send(new ClientReadRequest(info.getRegistrationURI(), info.getRegistrationAccessToken()).toHTTPRequest()).indicatesSuccess())
                .as("a refused update leaves the token as it was").isTrue();
    }

    @Test
    void ofConcurrentUpdatesWithOneRegistrationTokenOneWins() throws Exception {
        ClientInformation info = register(serviceClient(), token(1));
        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    ClientMetadata m = serviceClient();
                    m.setName("racer " + n);
                    go.await();
                    return send(new ClientUpdateRequest(info.getRegistrationURI(), info.getID(), info.getRegistrationAccessToken(), m, null)
                            .toHTTPRequest()).indicatesSuccess();
                }));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> f : results) {
                won += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anOpenIdConnectRelyingPartyRegistersWithTheOidcClasses() throws Exception {
        OIDCClientMetadata m = new OIDCClientMetadata();
        m.setName("Notes web");
        m.setApplicationType(ApplicationType.WEB);
        m.setRedirectionURI(URI.create("https://notes.example/cb"));
        m.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN));
        m.setScope(new Scope("openid", "profile"));
        m.applyDefaults();
        HTTPResponse r = new OIDCClientRegistrationRequest(endpoint, m, new BearerAccessToken(token(1))).toHTTPRequest().send();
        var parsed = OIDCClientRegistrationResponseParser.parse(r);
        assertThat(parsed.indicatesSuccess()).as(r.getBody()).isTrue();
        var info = ((OIDCClientInformationResponse) parsed).getOIDCClientInformation();
        assertThat(info.getOIDCMetadata().getRedirectionURIs()).containsExactly(URI.create("https://notes.example/cb"));
        assertThat(info.getOIDCMetadata().getApplicationType()).isEqualTo(ApplicationType.WEB);
        assertThat(info.getSecret()).isNotNull();
    }
}
