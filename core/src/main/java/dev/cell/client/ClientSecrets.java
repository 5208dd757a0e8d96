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

    public static String hash(String secret) {
        return TokenHasher.hash(secret);
    }

    public static boolean matches(String presented, String storedHash) {
        return TokenHasher.matches(presented, storedHash);
    }
}
