package dev.cell.resource;

import static dev.cell.resource.JwtValidationTest.refused;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An authorization server that is down, slow, or answers nonsense: a typed error each, within the configured timeout. */
class UpstreamFailureTest {
    FakeIssuer issuer;

    @BeforeEach
    void start() throws Exception {
        issuer = new FakeIssuer();
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aJwksEndpointThatIsDownIsAnUpstreamError() throws Exception {
        issuer.jwksUri = "http://127.0.0.1:" + closedPort() + "/jwks";
        String token = issuer.rs256(issuer.claims().build());
        refused(() -> issuer.builder().build().verify(token), TokenError.UPSTREAM_ERROR);
    }

    @Test
    void aSlowJwksEndpointTimesOut() throws Exception {
        issuer.delay = Duration.ofSeconds(5);
        ResourceServer rs = issuer.builder().httpTimeout(Duration.ofMillis(300)).build();
        String token = issuer.rs256(issuer.claims().build());
        long start = System.nanoTime();
        refused(() -> rs.verify(token), TokenError.UPSTREAM_TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aJwksEndpointThatStallsAfterItsHeadersTimesOut() throws Exception {
        issuer.stallAfterHeaders = true;
        ResourceServer rs = issuer.builder().httpTimeout(Duration.ofMillis(300)).build();
        String token = issuer.rs256(issuer.claims().build());
        long start = System.nanoTime();
        refused(() -> rs.verify(token), TokenError.UPSTREAM_TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anIssuerThatIsDownIsAnUpstreamError() throws Exception {
        ResourceServer rs = ResourceServer.forIssuer("http://127.0.0.1:" + closedPort()).audience(FakeIssuer.AUDIENCE).build();
        refused(() -> rs.verify(issuer.rs256(issuer.claims().build())), TokenError.UPSTREAM_ERROR);
    }

    @Test
    void anErrorStatusOrNonsenseFromTheJwksEndpointIsAnUpstreamError() throws Exception {
        String token = issuer.rs256(issuer.claims().build());
        issuer.jwksStatus = 500;
        refused(() -> issuer.builder().build().verify(token), TokenError.UPSTREAM_ERROR);
        issuer.jwksStatus = 200;
        issuer.jwksBody = "<html>";
        refused(() -> issuer.builder().build().verify(token), TokenError.UPSTREAM_ERROR);
        issuer.jwksBody = "{\"keys\":\"none\"}";
        refused(() -> issuer.builder().build().verify(token), TokenError.UPSTREAM_ERROR);
    }

    @Test
    void anOversizedAnswerIsRefusedUnread() throws Exception {
        issuer.jwksBody = "{\"keys\":[],\"padding\":\"" + "x".repeat(600 * 1024) + "\"}";
        refused(() -> issuer.builder().build().verify(issuer.rs256(issuer.claims().build())), TokenError.UPSTREAM_ERROR);
    }

    @Test
    void metadataNamingAnotherIssuerIsRefused() throws Exception {
        issuer.metadataIssuer = "https://impostor.test";
        refused(() -> issuer.builder().build().verify(issuer.rs256(issuer.claims().build())), TokenError.UPSTREAM_ERROR);
    }

    @Test
    void anIssuerWithOnlyOpenIdDiscoveryIsFound() throws Exception {
        issuer.rfc8414 = false;
        assertThat(issuer.builder().build().verify(issuer.rs256(issuer.claims().build())).subject()).isEqualTo("alice");
        assertThat(issuer.metadataHits.get()).isEqualTo(2);
    }

    @Test
    void heldKeysStayInUseWhileTheJwksEndpointFails() throws Exception {
        MutableClock clock = new MutableClock();
        ResourceServer rs = issuer.builder().clock(clock).build();
        rs.verify(issuer.rs256(issuer.claims().build()));
        issuer.jwksStatus = 503;
        clock.advance(Duration.ofMinutes(6));
        assertThat(rs.verify(issuer.rs256(issuer.claims().expirationTime(java.util.Date.from(clock.instant().plusSeconds(60))).build()))
                .subject()).isEqualTo("alice");
        assertThat(rs.verify(issuer.es256(issuer.claims().expirationTime(java.util.Date.from(clock.instant().plusSeconds(60))).build()))
                .subject()).isEqualTo("alice");
        assertThat(issuer.jwksHits.get()).as("one failed refresh, then the rate limit").isEqualTo(2);
    }
}
