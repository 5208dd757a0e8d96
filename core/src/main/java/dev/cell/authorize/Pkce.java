package dev.cell.authorize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/** Proof Key for Code Exchange (RFC 7636): challenge checks at the authorization endpoint, verification at the token endpoint. */
public final class Pkce {
    public static final String S256 = "S256";
    public static final String PLAIN = "plain";

    /** 43 to 128 unreserved characters (RFC 7636 §4.1). */
    private static final Pattern UNRESERVED = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");
    /** base64url of a SHA-256 digest, without padding (RFC 7636 §4.2). */
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9\\-_]{43}");

    private Pkce() {}

    /**
     * Checks a {@code code_challenge} and its method (RFC 7636 §4.3); an absent method means {@code plain}, refused unless allowed.
     *
     * @throws IllegalArgumentException describing the problem
     */
    public static void checkChallenge(String challenge, String method, boolean allowPlain) {
        String m = method == null ? PLAIN : method;
        if (!m.equals(S256) && !m.equals(PLAIN)) {
            throw new IllegalArgumentException("code_challenge_method '" + m + "' is not supported; use S256");
        }
        if (m.equals(PLAIN) && !allowPlain) {
            throw new IllegalArgumentException("code_challenge_method plain is not allowed; use S256"
                    + (method == null ? " (an absent code_challenge_method means plain, RFC 7636 section 4.3)" : ""));
        }
        if (challenge == null || !UNRESERVED.matcher(challenge).matches()) {
            throw new IllegalArgumentException("code_challenge must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~");
        }
        if (m.equals(S256) && !S256_CHALLENGE.matcher(challenge).matches()) {
            throw new IllegalArgumentException("an S256 code_challenge is the base64url SHA-256 of the verifier: 43 characters");
        }
    }

    /**
     * True if {@code verifier} matches {@code challenge} under {@code method} (RFC 7636 §4.6), compared in constant time;
     * false for a malformed verifier, a missing challenge or an unknown method.
     */
    public static boolean verify(String verifier, String challenge, String method) {
        if (verifier == null || challenge == null || method == null || !UNRESERVED.matcher(verifier).matches()) {
            return false;
        }
        byte[] expected = challenge.getBytes(StandardCharsets.US_ASCII);
        return switch (method) {
            case S256 -> MessageDigest.isEqual(expected, s256(verifier).getBytes(StandardCharsets.US_ASCII));
            case PLAIN -> MessageDigest.isEqual(expected, verifier.getBytes(StandardCharsets.US_ASCII));
            default -> false;
        };
    }

    /** {@code BASE64URL-ENCODE(SHA256(ASCII(code_verifier)))} (RFC 7636 §4.2). */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
