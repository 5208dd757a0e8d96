package dev.cell.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.TestServer;
import dev.cell.token.AccessTokenFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every load-generator scenario for a second against a real Cell: each iteration must succeed (a refresh chain would
 * break at the first reused token, a code exchange at the first bad code). Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScenariosAgainstCell {
    private static final String REDIRECT = "http://127.0.0.1:9/cb";
    private static final String PASSWORD = "bench-password-1";

    private TestServer server;
    private String jwtSecret;
    private String opaqueSecret;
    private String webSecret;
    private String thirdPartySecret;

    /** The database URL of the server under test. */
    abstract String databaseUrl();

    void dropDatabase() {}

    @BeforeAll
    void start() {
        // every connection signs the one bench user in at once, and each login attempt is reserved before its hash
        server = TestServer.start(Map.of("database.url", databaseUrl(), "login.max-failures-per-account", "1000"));
        jwtSecret = server.confidentialClient("bench-jwt", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read").secret();
        opaqueSecret = server.confidentialClient("bench-opaque", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.OPAQUE, "read")
                .secret();
        webSecret = webClient("bench-web", true);
        thirdPartySecret = webClient("bench-third-party", false);
        server.users.create("bench", PASSWORD, Map.of(), Set.of());
    }

    private String webClient(String id, boolean firstParty) {
        return server.clients.create(id, ClientMetadata.builder().clientName("Bench " + id)
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of("authorization_code", "refresh_token")).redirectUris(List.of(REDIRECT))
                .scopes(Set.of("openid", "offline_access", "read")).firstParty(firstParty).build()).secret();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        dropDatabase();
    }

    private LoadGenerator.Result run(String clientId, String secret, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(server.url("/oauth/token"), clientId, secret, "4", "0.3", "1", "--timeout-ms=10000"));
        args.addAll(List.of(options));
        LoadGenerator.Options o = LoadGenerator.Options.parse(args.toArray(String[]::new));
        LoadGenerator.Result r = LoadGenerator.run(o);
        assertThat(r.firstFailure).isEmpty();
        assertThat(r.allGood()).isTrue();
        assertThat(r.ok).isPositive();
        assertThat(r.report(o)).contains("RESULT scenario=" + o.scenario);
        return r;
    }

    @Test
    void clientCredentialsWithJwtAndOpaqueTokens() throws Exception {
        run("bench-jwt", jwtSecret);
        run("bench-opaque", opaqueSecret);
    }

    @Test
    void clientCredentialsWithAFreshDpopProofEachTime() throws Exception {
        run("bench-jwt", jwtSecret, "--scenario=client_credentials_dpop");
        run("bench-opaque", opaqueSecret, "--scenario=client_credentials_dpop");
    }

    @Test
    void refreshChainsRotatedTokens() throws Exception {
        LoadGenerator.Result r = run("bench-web", webSecret, "--scenario=refresh", "--user=bench", "--password=" + PASSWORD);
        assertThat(r.ok).isGreaterThan(4);
    }

    @Test
    void introspectsAnOpaqueToken() throws Exception {
        run("bench-opaque", opaqueSecret, "--scenario=introspect");
    }

    @Test
    void exchangesCodesOfASignedInBrowser() throws Exception {
        run("bench-web", webSecret, "--scenario=code", "--user=bench", "--password=" + PASSWORD);
    }

    @Test
    void aFailedSetUpIsReportedNotMeasured() {
        assertThatThrownBy(() -> run("bench-web", webSecret, "--scenario=code", "--user=bench", "--password=wrong"))
                .isInstanceOf(IOException.class).hasMessageContaining("the login");
        assertThatThrownBy(() -> run("bench-third-party", thirdPartySecret, "--scenario=code", "--user=bench", "--password=" + PASSWORD))
                .isInstanceOf(IOException.class).hasMessageContaining("first-party");
        assertThatThrownBy(() -> run("bench-web", webSecret, "--scenario=refresh", "--user=bench", "--password=" + PASSWORD,
                "--scope=openid read")).isInstanceOf(IOException.class).hasMessageContaining("offline_access");
    }
}
