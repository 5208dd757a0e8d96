package dev.cell.client;

import dev.cell.token.RandomValues;
import dev.cell.token.TokenHasher;

/** Server-generated client secrets (RFC 6749 §2.3.1): 256 random bits, stored as SHA-256, compared in constant time. */
public final class ClientSecrets {
    private final RandomValues random;

    public ClientSecrets(RandomValues random) {
        this.random = random;
    }

    /** A new secret, to be shown once and never stored in the clear. */
    public String generate() {
        return random.token();
    }

    /** A 512-bit secret for {@code client_secret_jwt}: its octets key HS256 to HS512, each needing one at least as long as its hash (RFC 7518 §3.2). */
    public String generateMacKey() {
        return random.next(64);
    }

    public static String hash(String secret) {
        return TokenHasher.hash(secret);
    }

    public static boolean matches(String presented, String storedHash) {
        return TokenHasher.matches(presented, storedHash);
    }
}
