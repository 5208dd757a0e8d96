package dev.cell.interop.spring.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.TestServer;
import dev.cell.server.admin.ClientAdmin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring Security 7's resource server (DPoP support since 6.5, on by default with {@code oauth2ResourceServer().jwt()})
 * accepts a Cell access token bound to the client's key by {@code cnf.jkt} (RFC 9449 §6) only with a fresh proof of that
 * key carrying {@code ath} (RFC 9449 §7).
 */
class SpringDPoPResourceServerInteropTest {
    static final String AUDIENCE = "https://notes.spring.test";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer cell;
    static ClientAdmin.Created app;
    static ConfigurableApplicationContext spring;
    static URI api;
    static ECKey key;
    static DefaultDPoPProofFactory proofs;

    @BeforeAll
    static void start() throws Exception {
        cell = TestServer.start();
        app = cell.clients.create("notes-dpop", ClientMetadata.builder().clientName("notes-dpop")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("client_credentials"))
                .scopes(Set.of("notes.read")).audiences(List.of(AUDIENCE)).dpopBoundAccessTokens(true).build());
        key = ecKey();
        proofs = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
        spring = new SpringApplicationBuilder(NotesResourceServerApp.class).properties(
                "server.address=127.0.0.1", "server.port=0", "spring.main.banner-mode=off",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + cell.config.issuer(),
                "spring.security.oauth2.resourceserver.jwt.audiences=" + AUDIENCE).run();
        api = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) spring).getWebServer().getPort() + "/api/whoami");
    }

    @AfterAll
    static void stop() {
        spring.close();
        cell.close();
    }

    static ECKey ecKey() throws Exception {
        return new ECKeyGenerator(Curve.P_256).generate();
    }

    /** A DPoP-bound access token from Cell's token endpoint, the proof signed by {@link #key}. */
    static String boundToken() throws Exception {
        HttpResponse<String> r = cell.post("/oauth/token", "grant_type=client_credentials&scope=notes.read",
                "Authorization", TestServer.basic("notes-dpop", app.secret()),
                "DPoP", proofs.createDPoPJWT("POST", URI.create(cell.url("/oauth/token"))).serialize());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("token_type").asText()).isEqualTo("DPoP");
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    static String proof(DefaultDPoPProofFactory factory, String token) throws Exception {
        return factory.createDPoPJWT("GET", api, new DPoPAccessToken(token)).serialize();
    }

    static HttpResponse<String> call(String authorization, String dpop) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(api).header("Authorization", authorization);
        if (dpop != null) {
            b.header("DPoP", dpop);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String challenge(HttpResponse<String> r) {
        return r.headers().firstValue("WWW-Authenticate").orElse("");
    }

    @Test
    void acceptsTheBoundTokenWithAFreshProofCarryingAth() throws Exception {
        String token = boundToken();
        HttpResponse<String> r = call("DPoP " + token, proof(proofs, token));
        assertThat(r.statusCode()).as(challenge(r)).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("client_id").asText()).isEqualTo("notes-dpop");
    }

    /** The same token passes with its proof ({@link #acceptsTheBoundTokenWithAFreshProofCarryingAth}): only the scheme differs. */
    @Test
    void refusesTheBoundTokenPresentedAsBearer() throws Exception {
        String token = boundToken();
        HttpResponse<String> r = call("Bearer " + token, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(challenge(r)).startsWith("Bearer").contains("error=\"invalid_token\"");
    }

    @Test
    void refusesAProofSignedByAnotherKey() throws Exception {
        String token = boundToken();
        HttpResponse<String> r = call("DPoP " + token, proof(new DefaultDPoPProofFactory(ecKey(), JWSAlgorithm.ES256), token));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(challenge(r)).startsWith("DPoP").contains("error=\"invalid_dpop_proof\"");
    }

    @Test
    void refusesAMissingProof() throws Exception {
        HttpResponse<String> r = call("DPoP " + boundToken(), null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(challenge(r)).startsWith("DPoP").contains("error=\"invalid_request\"");
    }
}
