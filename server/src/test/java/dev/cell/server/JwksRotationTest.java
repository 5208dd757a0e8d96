package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.token.AccessTokenFormat;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A client rotating the keys at its jwks_uri: an unknown kid fetches the set again, at most once per interval. */
class JwksRotationTest {
    static int status(TestServer server, ECKey key) throws Exception {
        PrivateKeyJWT auth = new PrivateKeyJWT(new ClientID("rotating"), URI.create(server.url("/oauth/token")), JWSAlgorithm.ES256,
                key.toECPrivateKey(), key.getKeyID(), null);
        return server.post("/oauth/token", AssertionKit.body("grant_type=client_credentials", auth)).statusCode();
    }

    @Test
    void anUnknownKidFetchesTheSetAgainAtMostOncePerInterval() throws Exception {
        MutableClock clock = new MutableClock();
        ECKey first = AssertionKit.ec("2024-01");
        ECKey second = AssertionKit.ec("2024-02");
        ECKey unpublished = AssertionKit.ec("never-published");
        try (JwksServer jwks = new JwksServer();
                TestServer server = TestServer.start(Map.of("assertions.jwks-min-refetch-interval", "10s",
                        "assertions.jwks-cache-lifetime", "1h", "assertions.jwks-fetch-timeout", "10s"), clock)) {
            jwks.serve(AssertionKit.publicJwks(first));
            server.clients.create("rotating", ClientMetadata.builder().clientName("Rotating")
                    .tokenEndpointAuthMethod(ClientAuthMethod.PRIVATE_KEY_JWT).grantTypes(Set.of("client_credentials"))
                    .scopes(Set.of("read")).jwksUri(jwks.url("/jwks")).build());

            assertThat(status(server, first)).isEqualTo(200);
            assertThat(status(server, first)).isEqualTo(200);
            assertThat(jwks.fetches()).as("cached").isEqualTo(1);

            jwks.serve(AssertionKit.publicJwks(first, second));
            assertThat(status(server, second)).as("too soon after the last fetch").isEqualTo(401);
            assertThat(jwks.fetches()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(11));
            assertThat(status(server, second)).as("the rotated key, fetched again").isEqualTo(200);
            assertThat(jwks.fetches()).isEqualTo(2);

            assertThat(status(server, unpublished)).isEqualTo(401);
            assertThat(status(server, unpublished)).isEqualTo(401);
            assertThat(jwks.fetches()).as("unknown kids do not hammer the jwks_uri").isEqualTo(2);
            assertThat(status(server, first)).isEqualTo(200);
        }
    }
}
