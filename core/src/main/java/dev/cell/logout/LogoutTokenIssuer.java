package dev.cell.logout;

import dev.cell.keys.KeyService;
import dev.cell.token.Json;
import dev.cell.token.RandomValues;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Makes logout tokens (OIDC Back-Channel Logout 1.0 §2.4): JWTs signed with the ID token key, {@code typ: logout+jwt}, with
 * {@code iss}, {@code aud}, {@code iat}, {@code exp}, {@code jti}, the back-channel logout {@code events} member, {@code sub}
 * and, when the session is known, {@code sid}; never a {@code nonce}.
 */
public final class LogoutTokenIssuer {
    /** The member of {@code events} that makes a JWT a logout token (§2.4). */
    public static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private final String issuer;
    private final String alg;
    private final Duration lifetime;
    private final KeyService keys;
    private final RandomValues random;
    private final Clock clock;

    /** @param alg the ID token signing algorithm: relying parties verify logout tokens as they verify ID tokens (§2.6) */
    public LogoutTokenIssuer(URI issuer, String alg, Duration lifetime, KeyService keys, RandomValues random, Clock clock) {
        this.issuer = issuer.toString();
        this.alg = alg;
        this.lifetime = lifetime;
        this.keys = keys;
        this.random = random;
        this.clock = clock;
    }

    /**
     * @param subject the user's {@code sub}
     * @param sessionId the ended session's {@code sid}, or null
     */
    public String issue(String clientId, String subject, String sessionId) {
        if (subject == null && sessionId == null) {
            throw new IllegalArgumentException("a logout token names a sub, a sid or both (OIDC Back-Channel Logout 1.0 section 2.4)");
        }
        Instant now = clock.instant();
        byte[] payload = Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("iss", issuer);
            if (subject != null) {
                g.writeStringField("sub", subject);
            }
            g.writeStringField("aud", clientId);
            g.writeNumberField("iat", now.getEpochSecond());
            g.writeNumberField("exp", now.plus(lifetime).getEpochSecond());
            g.writeStringField("jti", random.id());
            g.writeObjectFieldStart("events");
            g.writeObjectFieldStart(EVENT);
            g.writeEndObject();
            g.writeEndObject();
            if (sessionId != null) {
                g.writeStringField("sid", sessionId);
            }
            g.writeEndObject();
        });
        return keys.signingKey(alg).signLogoutToken(payload);
    }
}
