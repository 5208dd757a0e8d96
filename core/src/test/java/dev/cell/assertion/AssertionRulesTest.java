package dev.cell.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.store.UsedJtiStore;
import dev.cell.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 7523 §3 claim rules: audience, exp, nbf, iat, bounded lifetime, single-use jti. */
class AssertionRulesTest {
    static final String ISSUER = "https://auth.example.com";
    final Instant now = Instant.parse("2025-03-01T12:00:00Z");
    final MutableClock clock = new MutableClock(now);
    final Map<String, Instant> used = new HashMap<>();
    final UsedJtiStore store = new UsedJtiStore() {
        @Override
        public boolean markUsed(String issuer, String jti, Instant expiresAt) {
            return used.putIfAbsent(issuer + " " + jti, expiresAt) == null;
        }

        @Override
        public int deleteExpired(Instant at, int limit) {
            return 0;
        }
    };
    final AssertionRules rules = new AssertionRules(Set.of(ISSUER, ISSUER + "/oauth/token"), Duration.ofMinutes(5), Duration.ofSeconds(30),
            store, clock);

    JWTClaimsSet.Builder valid() {
        return new JWTClaimsSet.Builder().issuer("c").subject("c").audience(ISSUER).jwtID("j1")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)));
    }

    void assertRefused(JWTClaimsSet claims, String descriptionPart) {
        assertThatThrownBy(() -> rules.check(claims, OAuthException::invalidClient))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.error()).isEqualTo(OAuthError.INVALID_CLIENT);
                    assertThat(e.description()).contains(descriptionPart);
                });
    }

    @Test
    void aValidAssertionPasses() {
        assertThatCode(() -> rules.check(valid().build(), OAuthException::invalidClient)).doesNotThrowAnyException();
        assertThatCode(() -> rules.check(valid().audience(ISSUER + "/oauth/token").build(), OAuthException::invalidClient))
                .doesNotThrowAnyException();
    }

    @Test
    void theAudienceMustBeThisServer() {
        assertRefused(valid().audience("https://other.example.com").build(), "aud");
        assertRefused(valid().audience((String) null).build(), "aud");
    }

    @Test
    void expIsRequiredAndChecked() {
        assertRefused(valid().expirationTime(null).build(), "no exp");
        assertRefused(valid().issueTime(Date.from(now.minusSeconds(100))).expirationTime(Date.from(now.minusSeconds(31))).build(), "expired");
        assertThatCode(() -> rules.check(valid().issueTime(Date.from(now.minusSeconds(100))).expirationTime(Date.from(now.minusSeconds(29)))
                .build(), OAuthException::invalidClient)).as("within the clock skew").doesNotThrowAnyException();
    }

    @Test
    void nbfAndIatMustNotBeInTheFuture() {
        assertRefused(valid().notBeforeTime(Date.from(now.plusSeconds(31))).build(), "nbf");
        assertRefused(valid().issueTime(Date.from(now.plusSeconds(31))).expirationTime(Date.from(now.plusSeconds(90))).build(), "iat");
    }

    @Test
    void theLifetimeIsBounded() {
        assertRefused(valid().expirationTime(Date.from(now.plus(Duration.ofMinutes(6)))).build(), "longer than the 5m");
        assertRefused(valid().issueTime(null).expirationTime(Date.from(now.plus(Duration.ofMinutes(6)))).build(), "longer than the 5m");
        assertThatCode(() -> rules.check(valid().expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).build(),
                OAuthException::invalidClient)).doesNotThrowAnyException();
    }

    @Test
    void jtiIsRequiredAndBounded() {
        assertRefused(valid().jwtID(null).build(), "no jti");
        assertRefused(valid().jwtID("x".repeat(513)).build(), "longer than 512");
    }

    @Test
    void aJtiIsSpentOncePerIssuerUntilExpPlusSkew() {
        JWTClaimsSet claims = valid().build();
        rules.markUsed("c", claims, OAuthException::invalidClient);
        assertThat(used).containsEntry("c j1", now.plusSeconds(90));
        assertThatThrownBy(() -> rules.markUsed("c", claims, OAuthException::invalidClient)).hasMessageContaining("already used");
        assertThatCode(() -> rules.markUsed("other-client", claims, OAuthException::invalidClient)).doesNotThrowAnyException();
    }
}
