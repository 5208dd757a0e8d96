package dev.cell.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.client.Client;
import dev.cell.support.TestWorld;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdTokenIssuerTest {
    private final TestWorld w = new TestWorld();
    private final Client web = TestWorld.client("web");

    @Test
    void atHashIsTheLeftHalfOfSha256() throws Exception {
        String token = "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        assertThat(IdTokenIssuer.atHash(token)).isEqualTo(expected).hasSize(22);
        assertThat(IdTokenIssuer.atHash(token + "x")).isNotEqualTo(expected);
    }

    @Test
    void everyClaimIsPresentAndSigned() throws Exception {
        Instant authTime = w.clock.instant().minusSeconds(90);
        String jwt = w.idTokens.issue(web, "user-alice", "nonce-1", authTime, "access-token-value",
                Map.of("sid", "s-1", "iss", "https://evil.example", "nonce", "forged"));
        SignedJWT parsed = w.verified(jwt);
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(parsed.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        JWTClaimsSet c = parsed.getJWTClaimsSet();
        assertThat(c.getIssuer()).isEqualTo("https://auth.example.com");
        assertThat(c.getSubject()).isEqualTo("user-alice");
        assertThat(c.getAudience()).containsExactly("web");
        assertThat(c.getStringClaim("azp")).isEqualTo("web");
        assertThat(c.getStringClaim("nonce")).isEqualTo("nonce-1");
        assertThat(c.getLongClaim("auth_time")).isEqualTo(authTime.getEpochSecond());
        assertThat(c.getStringClaim("at_hash")).isEqualTo(IdTokenIssuer.atHash("access-token-value"));
        assertThat(c.getStringClaim("sid")).isEqualTo("s-1");
        assertThat(c.getJWTID()).isNotBlank();
        long iat = w.clock.instant().getEpochSecond();
        assertThat(c.getIssueTime().toInstant().getEpochSecond()).isEqualTo(iat);
        assertThat(c.getExpirationTime().toInstant().getEpochSecond()).isEqualTo(iat + TestWorld.ID_LIFETIME.toSeconds());
    }

    @Test
    void optionalClaimsAreLeftOutWhenUnknown() throws Exception {
        JWTClaimsSet c = w.verified(w.idTokens.issue(web, "user-alice", null, null, null, Map.of())).getJWTClaimsSet();
        assertThat(c.getClaims()).doesNotContainKeys("nonce", "auth_time", "at_hash");
    }

    @Test
    void es256TokensUseSha256ForAtHashToo() throws Exception {
        IdTokenIssuer es = new IdTokenIssuer(TestWorld.ISSUER, "ES256", TestWorld.ID_LIFETIME, w.keys, w.random, w.clock);
        SignedJWT parsed = w.verified(es.issue(web, "user-alice", null, null, "tok", Map.of()));
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(parsed.getJWTClaimsSet().getStringClaim("at_hash")).isEqualTo(IdTokenIssuer.atHash("tok"));
    }
}
