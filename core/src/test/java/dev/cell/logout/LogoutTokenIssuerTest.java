package dev.cell.logout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.support.TestWorld;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Logout tokens as OIDC Back-Channel Logout 1.0 §2.4 defines them. */
class LogoutTokenIssuerTest {
    private final TestWorld w = new TestWorld();
    private final LogoutTokenIssuer issuer = new LogoutTokenIssuer(TestWorld.ISSUER, "RS256", Duration.ofMinutes(2), w.keys, w.random, w.clock);

    @Test
    void aLogoutTokenHasTheTypeTheEventAndTheClaimsOfSection24() throws Exception {
        SignedJWT jwt = w.verified(issuer.issue("web", "user-alice", "sid-1"));
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("logout+jwt");
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(w.keys.signingKey("RS256").kid());
        JWTClaimsSet c = jwt.getJWTClaimsSet();
        assertThat(c.getIssuer()).isEqualTo("https://auth.example.com");
        assertThat(c.getAudience()).containsExactly("web");
        assertThat(c.getSubject()).isEqualTo("user-alice");
        assertThat(c.getStringClaim("sid")).isEqualTo("sid-1");
        assertThat(c.getJWTID()).isNotBlank();
        long now = w.clock.instant().getEpochSecond();
        assertThat(c.getIssueTime().toInstant().getEpochSecond()).isEqualTo(now);
        assertThat(c.getExpirationTime().toInstant().getEpochSecond()).isEqualTo(now + 120);
        assertThat(c.getJSONObjectClaim("events")).isEqualTo(Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
        assertThat(c.getClaims()).as("a logout token never carries a nonce (section 2.4)").doesNotContainKey("nonce")
                .containsOnlyKeys("iss", "sub", "aud", "iat", "exp", "jti", "events", "sid");
    }

    @Test
    void eachTokenHasItsOwnJti() throws Exception {
        String a = w.verified(issuer.issue("web", "user-alice", "sid-1")).getJWTClaimsSet().getJWTID();
        String b = w.verified(issuer.issue("web", "user-alice", "sid-1")).getJWTClaimsSet().getJWTID();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void withoutASessionTheTokenNamesTheSubjectOnly() throws Exception {
        JWTClaimsSet c = w.verified(issuer.issue("web", "user-alice", null)).getJWTClaimsSet();
        assertThat(c.getSubject()).isEqualTo("user-alice");
        assertThat(c.getClaims()).doesNotContainKey("sid");
    }

    @Test
    void aTokenNamesASubjectOrASession() {
        assertThatThrownBy(() -> issuer.issue("web", null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
