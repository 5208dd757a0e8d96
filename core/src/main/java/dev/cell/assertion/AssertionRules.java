package dev.cell.assertion;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.cell.config.Durations;
import dev.cell.error.OAuthException;
import dev.cell.store.UsedJtiStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The claim rules every JWT assertion passes (RFC 7523 §3 items 3 to 7): {@code aud} names this server, {@code exp} is
 * present and not passed, {@code nbf} and {@code iat} are not in the future, the lifetime is bounded, and the {@code jti}
 * is used once until {@code exp}, recorded in the database so that every node refuses a replay.
 */
public final class AssertionRules {
    /** The longest {@code jti} kept (the {@code used_jtis} column size). */
    static final int MAX_JTI_LENGTH = 512;

    private final Set<String> audiences;
    private final Duration maxLifetime;
    private final Duration clockSkew;
    private final UsedJtiStore usedJtis;
    private final Clock clock;

    /**
     * @param audiences the accepted {@code aud} values: the issuer identifier and the token endpoint URL (OIDC Core §9)
     * @param maxLifetime the longest {@code exp} minus {@code iat} (or minus now, without {@code iat})
     * @param clockSkew the tolerance for the clocks of the assertion's issuer and this server
     */
    public AssertionRules(Set<String> audiences, Duration maxLifetime, Duration clockSkew, UsedJtiStore usedJtis, Clock clock) {
        this.audiences = Set.copyOf(audiences);
        this.maxLifetime = maxLifetime;
        this.clockSkew = clockSkew;
        this.usedJtis = usedJtis;
        this.clock = clock;
    }

    /** Checks audience, times and {@code jti}; throws what {@code failure} makes of the first problem. */
    public void check(JWTClaimsSet claims, Function<String, OAuthException> failure) {
        List<String> aud = claims.getAudience();
        if (aud.stream().noneMatch(audiences::contains)) {
            throw failure.apply("the assertion's aud must be this server's issuer identifier or token endpoint URL (RFC 7523 section 3)");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw failure.apply("the assertion has no exp (RFC 7523 section 3)");
        }
        if (!exp.toInstant().plus(clockSkew).isAfter(now)) {
            throw failure.apply("the assertion has expired");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().minus(clockSkew).isAfter(now)) {
            throw failure.apply("the assertion is not valid yet (nbf)");
        }
        Date iat = claims.getIssueTime();
        if (iat != null && iat.toInstant().minus(clockSkew).isAfter(now)) {
            throw failure.apply("the assertion's iat is in the future");
        }
        Instant start = iat != null ? iat.toInstant() : now;
        if (Duration.between(start, exp.toInstant()).compareTo(maxLifetime.plus(clockSkew)) > 0) {
            throw failure.apply("the assertion lives longer than the " + Durations.format(maxLifetime) + " this server accepts");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty()) {
            throw failure.apply("the assertion has no jti (required here for replay protection)");
        }
        if (jti.length() > MAX_JTI_LENGTH) {
            throw failure.apply("the assertion's jti is longer than " + MAX_JTI_LENGTH + " characters");
        }
    }

    /** Records the checked assertion's {@code jti} for {@code issuer} until its {@code exp}; a second use is refused. */
    public void markUsed(String issuer, JWTClaimsSet claims, Function<String, OAuthException> failure) {
        Instant keepUntil = claims.getExpirationTime().toInstant().plus(clockSkew);
        if (!usedJtis.markUsed(issuer, claims.getJWTID(), keepUntil)) {
            throw failure.apply("the assertion's jti was already used (RFC 7523 section 3: an assertion is accepted once)");
        }
    }
}
