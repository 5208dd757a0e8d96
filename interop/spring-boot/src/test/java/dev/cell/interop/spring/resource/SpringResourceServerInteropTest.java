package dev.cell.interop.spring.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.MutableClock;
import dev.cell.server.TestServer;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring Boot's resource server ({@code spring-boot-starter-security-oauth2-resource-server}), which finds Cell by
 * {@code issuer-uri} alone (discovery, then the JWK Set), accepts Cell's RFC 9068 access tokens and rejects expired, forged
 * and wrong-audience ones.
 */
class SpringResourceServerInteropTest {
    static final String AUDIENCE = "https://notes.spring.test";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static MutableClock clock;
    static TestServer cell;
    static ConfigurableApplicationContext spring;
    static String api;
    static String expired;

    @BeforeAll
    static void start() throws Exception {
        clock = new MutableClock();
        clock.advance(Duration.ofMinutes(-20));
        cell = TestServer.start(Map.of(), clock);
        client("notes-app", AUDIENCE);
        client("other-app", "https://other.spring.test");
        expired = token("notes-app");
        clock.advance(Duration.ofMinutes(20));
        spring = new SpringApplicationBuilder(NotesResourceServerApp.class).properties(
                "server.address=127.0.0.1", "server.port=0", "spring.main.banner-mode=off",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + cell.config.issuer(),
                "spring.security.oauth2.resourceserver.jwt.audiences=" + AUDIENCE).run();
        api = "http://127.0.0.1:" + ((WebServerApplicationContext) spring).getWebServer().getPort() + "/api/whoami";
    }

    @AfterAll
    static void stop() {
        spring.close();
        cell.close();
    }

    static final Map<String, String> SECRETS = new java.util.HashMap<>();

    static void client(String id, String audience) {
        ClientAdmin.Created c = cell.clients.create(id, ClientMetadata.builder().clientName(id)
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("client_credentials"))
                .scopes(Set.of("notes.read")).audiences(List.of(audience)).build());
        SECRETS.put(id, c.secret());
    }

    static String token(String clientId) throws Exception {
        HttpResponse<String> r = cell.post("/oauth/token", "grant_type=client_credentials&scope=notes.read", "Authorization",
                TestServer.basic(clientId, SECRETS.get(clientId)));
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    static HttpResponse<String> call(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void acceptsCellsAccessToken() throws Exception {
        HttpResponse<String> r = call(token("notes-app"));
        assertThat(r.statusCode()).as(r.headers().firstValue("WWW-Authenticate").orElse("")).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("client_id").asText()).isEqualTo("notes-app");
        assertThat(body.get("scope").asText()).isEqualTo("notes.read");
    }

    @Test
    void rejectsAnExpiredToken() throws Exception {
        assertInvalid(call(expired), "expired");
    }

    @Test
    void rejectsAForgedToken() throws Exception {
        SignedJWT genuine = SignedJWT.parse(token("notes-app"));
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                .keyID(genuine.getHeader().getKeyID()).build(), genuine.getJWTClaimsSet());
        forged.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));
        assertInvalid(call(forged.serialize()), "signature");
    }

    @Test
    void rejectsATokenForAnotherAudience() throws Exception {
        assertInvalid(call(token("other-app")), "aud");
    }

    static void assertInvalid(HttpResponse<String> r, String why) {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"").contains(why);
    }
}
