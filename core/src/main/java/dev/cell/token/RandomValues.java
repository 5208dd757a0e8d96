package dev.cell.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/** Unguessable values (RFC 6749 §10.10): tokens, codes, secrets and ids, base64url from one injected {@link SecureRandom}. */
public final class RandomValues {
    /** Characters of the creation-time prefix of {@link #orderedToken()} and {@link #orderedId()}. */
    public static final int TIME_CHARS = 10;
    /** Length of an {@link #orderedToken()}: the time prefix and 256 random bits. */
    public static final int ORDERED_TOKEN_LENGTH = TIME_CHARS + 43;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final SecureRandom random;
    private final Clock clock;

    public RandomValues(SecureRandom random) {
        this(random, Clock.systemUTC());
    }

    public RandomValues(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    /** A base64url string of {@code bytes} random bytes. */
    public String next(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return B64.encodeToString(b);
    }

    /** A 256-bit value, for tokens and secrets. */
    public String token() {
        return next(32);
    }

    /** A 128-bit value, for identifiers such as {@code jti}. */
    public String id() {
        return next(16);
    }

    /**
     * A {@link #token()} after its creation time in milliseconds, for stored tokens: keys made from it arrive in index
     * order, so an insert touches the index's newest pages instead of a random one (still 256 random bits, RFC 6749
     * §10.10).
     */
    public String orderedToken() {
        return timePrefix() + token();
    }

    /** An {@link #id()} after its creation time, for grant ids, which stored tokens and codes are indexed by. */
    public String orderedId() {
        return timePrefix() + id();
    }

    /** The time in base 32 (digits 0-9a-v, in ASCII order), zero-padded, so prefixes compare as the times they encode. */
    private String timePrefix() {
        String digits = Long.toString(clock.millis(), 32);
        return "0".repeat(TIME_CHARS - digits.length()) + digits;
    }

    public SecureRandom random() {
        return random;
    }
}
