package dev.cell.resource;

import static dev.cell.resource.JwtValidationTest.refused;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Introspection mode (RFC 7662) against a fake endpoint: credentials, answers, caching bounds, failures. */
class IntrospectionTest {
    static final String TOKEN = "opaque-token-value-1";

    FakeIssuer issuer;
    MutableClock clock;
    ResourceServer rs;

    @BeforeEach
    void start() throws Exception {
        issuer = new FakeIssuer();
        clock = new MutableClock();
        issuer.expectedAuthorization = "Basic " + Base64.getEncoder().encodeToString("notes-api:s%26cret%3A1".getBytes());
        issuer.introspection = token -> token.equals(TOKEN) ? active(clock.instant().getEpochSecond() + 300) : Map.of("active", false);
        rs = issuer.builder().introspection("notes-api", "s&cret:1").clock(clock).build();
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    Map<String, Object> active(long exp) {
        Map<String, Object> m = new HashMap<>();
        m.put("active", true);
        m.put("iss", issuer.issuer);
        m.put("sub", "alice");
        m.put("client_id", "notes-app");
        m.put("scope", "notes.read notes.write");
        m.put("aud", FakeIssuer.AUDIENCE);
        m.put("exp", exp);
        return m;
    }

    @Test
    void anActiveAnswerGivesThePrincipalAndTheServerAuthenticates() {
        TokenPrincipal p = rs.authenticate("Bearer " + TOKEN);
        assertThat(p.subject()).isEqualTo("alice");
        assertThat(p.clientId()).isEqualTo("notes-app");
        assertThat(p.scopes()).containsExactlyInAnyOrder("notes.read", "notes.write");
        assertThat(issuer.lastIntrospectionBody).isEqualTo("token=" + TOKEN + "&token_type_hint=access_token");
    }

    @Test
    void anInactiveAnswerIsRefused() {
        refused(() -> rs.verify("some-other-token"), TokenError.INACTIVE);
    }

    @Test
    void answersAreCachedUpToTheConfiguredBound() {
        rs.verify(TOKEN);
        rs.verify(TOKEN);
        refused(() -> rs.verify("unknown-token"), TokenError.INACTIVE);
        refused(() -> rs.verify("unknown-token"), TokenError.INACTIVE);
        assertThat(issuer.introspectionHits.get()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(61));
        rs.verify(TOKEN);
        assertThat(issuer.introspectionHits.get()).isEqualTo(3);
    }

    @Test
    void anAnswerIsNeverCachedPastTheTokensExpiry() {
        issuer.introspection = token -> issuer.introspectionHits.get() == 1 ? active(clock.instant().getEpochSecond() + 10) : Map.of("active", false);
        rs.verify(TOKEN);
        clock.advance(Duration.ofSeconds(11));
        refused(() -> rs.verify(TOKEN), TokenError.INACTIVE);
        assertThat(issuer.introspectionHits.get()).isEqualTo(2);
    }

    @Test
    void anExpiredWrongIssuerOrWrongAudienceAnswerIsRefused() {
        Map<String, Object> expired = active(clock.instant().getEpochSecond() - 120);
        issuer.introspection = token -> expired;
        refused(() -> rs.verify("t1"), TokenError.EXPIRED);
        Map<String, Object> foreign = active(clock.instant().getEpochSecond() + 60);
        foreign.put("iss", "https://evil.test");
        issuer.introspection = token -> foreign;
        refused(() -> rs.verify("t2"), TokenError.WRONG_ISSUER);
        Map<String, Object> elsewhere = active(clock.instant().getEpochSecond() + 60);
        elsewhere.put("aud", java.util.List.of("https://other.test"));
        issuer.introspection = token -> elsewhere;
        refused(() -> rs.verify("t3"), TokenError.WRONG_AUDIENCE);
    }

    @Test
    void aRefreshTokenIsNotAnAccessToken() {
        Map<String, Object> refresh = active(clock.instant().getEpochSecond() + 60);
        refresh.put("token_type", "refresh_token");
        issuer.introspection = token -> refresh;
        refused(() -> rs.verify("a-refresh-token"), TokenError.WRONG_TYPE);
        refresh.put("token_type", "Bearer");
        assertThat(rs.verify("an-access-token").subject()).isEqualTo("alice");
    }

    @Test
    void wrongResourceServerCredentialsAreAnUpstreamError() throws Exception {
        ResourceServer wrong = issuer.builder().introspection("notes-api", "wrong").build();
        refused(() -> wrong.verify(TOKEN), TokenError.UPSTREAM_ERROR);
    }

    @Test
    void aSlowIntrospectionEndpointTimesOut() {
        issuer.delay = Duration.ofSeconds(5);
        ResourceServer slow = issuer.builder().introspection("notes-api", "s&cret:1").httpTimeout(Duration.ofMillis(300)).build();
        long start = System.nanoTime();
        refused(() -> slow.verify(TOKEN), TokenError.UPSTREAM_TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
