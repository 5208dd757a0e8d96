package dev.cell.token;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable values (RFC 6749 §10.10): tokens, codes, secrets and ids, base64url from one injected {@link SecureRandom}. */
public final class RandomValues {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final SecureRandom random;

    public RandomValues(SecureRandom random) {
        this.random = random;
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

    public SecureRandom random() {
        return random;
    }
}
