package dev.cell.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** SHA-256 of a token, code or secret value, base64url: the only form in which Cell stores them. */
public final class TokenHasher {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TokenHasher() {}

    public static String hash(String value) {
        return B64.encodeToString(digest(value));
    }

    /**
     * The key under which a refresh or opaque access token is stored: an {@link RandomValues#orderedToken()}'s time
     * prefix followed by its {@link #hash}, so new rows land at the end of the index; any other value's plain hash
     * (tokens issued before ordered tokens existed).
     */
    public static String orderedHash(String value) {
        String hash = hash(value);
        return value.length() == RandomValues.ORDERED_TOKEN_LENGTH ? value.substring(0, RandomValues.TIME_CHARS) + hash : hash;
    }

    /** Compares a presented value with a stored hash in time independent of where they differ. */
    public static boolean matches(String presented, String storedHash) {
        if (presented == null || storedHash == null) {
            return false;
        }
        byte[] expected = storedHash.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(presented).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
