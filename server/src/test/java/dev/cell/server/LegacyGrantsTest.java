package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The password and implicit grants OAuth 2.1 removes: implemented, but refused unless switched on and registered. */
class LegacyGrantsTest {
    static TestServer on;
    static ListAppender<ILoggingEvent> logs = new ListAppender<>();
    static ClientAdmin.Created legacy;
    static ClientAdmin.Created modern;
    static ClientAdmin.Created spa;
    static final String MASTER = dev.cell.keys.MasterKey.generate(new java.security.SecureRandom());

    @BeforeAll
    static void start() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs.setContext(context);
        logs.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logs);
        try (TestServer seed = TestServer.start(Map.of("database.url", "jdbc:h2:mem:legacy-grants;DB_CLOSE_DELAY=-1", "keys.master-key", MASTER))) {
            legacy = seed.registeredBefore("legacy", ClientMetadata.builder().clientName("Legacy")
                    .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                    .grantTypes(Set.of("password", "refresh_token", "client_credentials")).scopes(Set.of("read", "write"))
                    .legacyTokenClaims(true).build());
            modern = seed.confidentialClient("modern", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
            spa = seed.registeredBefore("old-spa", ClientMetadata.builder().clientName("Old SPA")
                    .tokenEndpointAuthMethod(ClientAuthMethod.NONE).grantTypes(Set.of("implicit"))
                    .redirectUris(List.of("https://old.example/cb")).scopes(Set.of("openid", "email", "read")).build());
            seed.users.create("jo", "jo-password-1", Map.of("email", "jo@example.com", "email_verified", true), Set.of("ROLE_USER", "ROLE_ADMIN"));
        }
        on = TestServer.start(Map.of("database.url", "jdbc:h2:mem:legacy-grants;DB_CLOSE_DELAY=-1", "keys.master-key", MASTER,
                "features.password.enabled", "true",
                "features.implicit.enabled", "true"));
    }

    @AfterAll
    static void stop() {
        on.close();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(logs);
    }

    static HttpResponse<String> password(TestServer s, String client, ClientAdmin.Created c, String user, String pw) {
        return s.post("/oauth/token", "grant_type=password&username=" + user + "&password=" + pw, "Authorization",
                TestServer.basic(client, c.secret()));
    }

    @Test
    void passwordGrantIssuesTokensWithTheLegacyClaimsTheClientAskedFor() throws Exception {
        HttpResponse<String> r = password(on, "legacy", legacy, "jo", "jo-password-1");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("refresh_token").asText()).isNotEmpty();
        assertThat(body.has("id_token")).isFalse();
        SignedJWT jwt = SignedJWT.parse(body.get("access_token").asText());
        assertThat(jwt.getHeader().getType().getType()).as("spring-security-jwt accepts only typ JWT").isEqualTo("JWT");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("user_name")).isEqualTo("jo");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("authorities")).containsExactly("ROLE_ADMIN", "ROLE_USER");
    }

    @Test
    void passwordGrantRefusesWrongPasswordsAndRateLimits() throws Exception {
        on.users.create("kim", "kim-password-1", Map.of(), Set.of());
        HttpResponse<String> last = null;
        for (int i = 0; i < 5; i++) {
            last = password(on, "legacy", legacy, "kim", "wrong");
            assertThat(Json.MAPPER.readTree(last.body()).get("error").asText()).isEqualTo("invalid_grant");
        }
        HttpResponse<String> blocked = password(on, "legacy", legacy, "kim", "kim-password-1");
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(Json.MAPPER.readTree(blocked.body()).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aClientNotRegisteredForTheGrantIsRefused() throws Exception {
        HttpResponse<String> r = password(on, "modern", modern, "jo", "jo-password-1");
        assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).isEqualTo("unauthorized_client");
    }

    @Test
    void switchedOffTheGrantsAreUnsupportedEvenForRegisteredClients() throws Exception {
        try (TestServer off = TestServer.start(Map.of("database.url", "jdbc:h2:mem:legacy-grants;DB_CLOSE_DELAY=-1", "keys.master-key", MASTER))) {
            assertThat(Json.MAPPER.readTree(password(off, "legacy", legacy, "jo", "jo-password-1").body()).get("error").asText())
                    .isEqualTo("unsupported_grant_type");
            Browser b = new Browser(off.url(""));
            HttpResponse<String> r = b.get("/oauth/authorize?response_type=token&client_id=old-spa&redirect_uri="
                    + AuthorizationCodeFlowTest.enc("https://old.example/cb") + "&scope=read&state=s");
            assertThat(Browser.location(r)).startsWith("https://old.example/cb#error=unsupported_response_type");
            JsonNode d = Json.MAPPER.readTree(off.get("/.well-known/openid-configuration").body());
            assertThat(d.get("grant_types_supported")).extracting(JsonNode::asText).doesNotContain("password", "implicit");
            assertThat(d.get("response_types_supported")).extracting(JsonNode::asText).containsExactly("code");
        }
    }

    @Test
    void discoveryListsThemWhileEnabled() throws Exception {
        JsonNode d = Json.MAPPER.readTree(on.get("/.well-known/openid-configuration").body());
        assertThat(d.get("grant_types_supported")).extracting(JsonNode::asText).contains("password", "implicit");
        assertThat(d.get("response_types_supported")).extracting(JsonNode::asText).contains("token", "id_token", "id_token token");
        assertThat(d.get("response_modes_supported")).extracting(JsonNode::asText).contains("fragment");
    }

    @Test
    void startupWarnsNamingTheClientsThatAllowThem() {
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("password").contains("[legacy]"));
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("implicit").contains("[old-spa]"));
    }

    private static Map<String, String> implicit(String responseType, String extra) {
        Browser b = new Browser(on.url(""));
        String url = "/oauth/authorize?response_type=" + AuthorizationCodeFlowTest.enc(responseType) + "&client_id=old-spa&redirect_uri="
                + AuthorizationCodeFlowTest.enc("https://old.example/cb") + "&scope=" + AuthorizationCodeFlowTest.enc("openid email read")
                + "&state=s9" + extra;
        String loc = AuthorizationCodeFlowTest.codeFor(b, url, "jo", "jo-password-1");
        assertThat(loc).startsWith("https://old.example/cb#");
        return Browser.query("https://x/?" + URI.create(loc).getRawFragment());
    }

    @Test
    void implicitTokenComesInTheFragmentWithoutARefreshToken() {
        Map<String, String> f = implicit("token", "");
        assertThat(f).containsKeys("access_token", "expires_in").containsEntry("token_type", "Bearer").containsEntry("state", "s9")
                .containsEntry("iss", on.config.issuer().toString()).doesNotContainKeys("refresh_token", "code", "id_token");
    }

    @Test
    void implicitTokensAreAuditedLikeEveryOtherToken() throws Exception {
        List<JsonNode> issued;
        try (AuditLogTest.Capture capture = new AuditLogTest.Capture()) {
            implicit("token id_token", "&nonce=nn3");
            issued = capture.auditLines().stream().filter(l -> l.get("event").asText().equals("token.issued")).toList();
        }
        assertThat(issued).singleElement().satisfies(l -> {
            assertThat(l.get("outcome").asText()).isEqualTo("success");
            assertThat(l.get("client").asText()).isEqualTo("old-spa");
            assertThat(l.get("actor").asText()).isNotEmpty();
            assertThat(l.get("grant_type").asText()).isEqualTo("implicit");
            assertThat(l.get("tokens").asText()).isEqualTo("access_token id_token");
            assertThat(l.get("scope").asText()).isEqualTo("email openid read");
        });
    }

    @Test
    void implicitIdTokenCarriesTheNonceAndTheClaims() throws Exception {
        Map<String, String> f = implicit("id_token", "&nonce=nn1");
        assertThat(f).doesNotContainKey("access_token");
        SignedJWT id = SignedJWT.parse(f.get("id_token"));
        assertThat(id.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("nn1");
        assertThat(id.getJWTClaimsSet().getStringClaim("email")).isEqualTo("jo@example.com");
        Map<String, String> both = implicit("token id_token", "&nonce=nn2");
        assertThat(both).containsKeys("access_token", "id_token");
        assertThat(SignedJWT.parse(both.get("id_token")).getJWTClaimsSet().getStringClaim("at_hash")).isNotEmpty();
    }

    @Test
    void implicitIdTokenWithoutANonceIsRefusedInTheFragment() {
        Browser b = new Browser(on.url(""));
        HttpResponse<String> r = b.get("/oauth/authorize?response_type=id_token&client_id=old-spa&redirect_uri="
                + AuthorizationCodeFlowTest.enc("https://old.example/cb") + "&scope=openid&state=s");
        assertThat(Browser.location(r)).startsWith("https://old.example/cb#error=invalid_request");
    }

    @Test
    void checkTokenAnswersInTheSpringSecurityOauthShape() throws Exception {
        ClientAdmin.Created rs = on.confidentialClient("legacy-rs", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "none");
        String at = Json.MAPPER.readTree(password(on, "legacy", legacy, "jo", "jo-password-1").body()).get("access_token").asText();
        HttpResponse<String> r = on.post("/oauth/check_token", "token=" + at, "Authorization", TestServer.basic("legacy-rs", rs.secret()));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode c = Json.MAPPER.readTree(r.body());
        assertThat(c.get("active").asBoolean()).isTrue();
        assertThat(c.get("user_name").asText()).isEqualTo("jo");
        assertThat(c.get("client_id").asText()).isEqualTo("legacy");
        assertThat(c.get("authorities")).extracting(JsonNode::asText).containsExactly("ROLE_ADMIN", "ROLE_USER");
        assertThat(c.get("scope")).extracting(JsonNode::asText).containsExactly("read", "write");
        assertThat(c.get("aud").isArray()).isTrue();
        assertThat(c.get("exp").asLong()).isPositive();
        HttpResponse<String> unknown = on.post("/oauth/check_token", "token=nope", "Authorization", TestServer.basic("legacy-rs", rs.secret()));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(unknown.body()).get("error").asText()).isEqualTo("invalid_token");
        HttpResponse<String> anonymous = on.post("/oauth/check_token", "token=" + at);
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void theLegacyConsentFormApprovesScopeByScope() throws Exception {
        try (TestServer s = TestServer.start()) {
            ClientAdmin.Created web = s.clients.create("w", ClientMetadata.builder().clientName("W")
                    .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                    .redirectUris(List.of("https://w.example/cb")).scopes(Set.of("read", "write")).build());
            s.users.create("lee", "lee-password-1", Map.of(), Set.of());
            Browser b = new Browser(s.url(""));
            String login = Browser.location(b.get(AuthorizationCodeFlowTest.authorizeUrl("w", "https://w.example/cb", "read write", "")));
            String consent = Browser.location(AuthorizationCodeFlowTest.login(b, login, "lee", "lee-password-1"));
            Map<String, String> form = new HashMap<>(Browser.hiddenFields(b.get(consent).body()));
            form.put("user_oauth_approval", "true");
            form.put("scope.read", "true");
            form.put("scope.write", "false");
            String code = Browser.query(Browser.location(b.post("/oauth/confirm_access", form))).get("code");
            JsonNode t = Json.MAPPER.readTree(s.post("/oauth/token", "grant_type=authorization_code&code=" + code + "&redirect_uri="
                    + AuthorizationCodeFlowTest.enc("https://w.example/cb") + "&code_verifier=" + AuthorizationCodeFlowTest.VERIFIER,
                    "Authorization", TestServer.basic("w", web.secret())).body());
            assertThat(t.get("scope").asText()).isEqualTo("read");
        }
    }
}
