package dev.cell.resource;

import java.util.regex.Pattern;

/** Reads the token of an {@code Authorization: Bearer} header (RFC 6750 §2.1), refusing oversized and ill-formed values. */
final class BearerToken {
    /** {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="} (RFC 6750 §2.1). */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final String SCHEME = "Bearer";
    private static final String DPOP = "DPoP";

    private BearerToken() {}

    /** A token and whether it came with the {@code DPoP} scheme (RFC 9449 §7.1) rather than {@code Bearer}. */
    record Credential(String token, boolean dpop) {}

    /** The token of an {@code Authorization: Bearer} or {@code Authorization: DPoP} header. */
    static Credential credential(String authorization, int maxLength) {
        if (authorization != null && authorization.length() > DPOP.length()
                && authorization.substring(0, DPOP.length() + 1).equalsIgnoreCase(DPOP + " ")) {
            return new Credential(check(authorization.substring(DPOP.length() + 1).strip(), maxLength), true);
        }
        return new Credential(from(authorization, maxLength), false);
    }

    static String from(String authorization, int maxLength) {
        if (authorization == null || authorization.isBlank()) {
            throw new TokenException(TokenError.MISSING_TOKEN, "no bearer token");
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        if (!scheme.equalsIgnoreCase(SCHEME)) {
            throw new TokenException(TokenError.MISSING_TOKEN, "the Authorization header is not a bearer token");
        }
        String token = authorization.substring(space + 1).strip();
        return check(token, maxLength);
    }

    /** The token itself, checked for size and syntax before anything parses it. */
    static String check(String token, int maxLength) {
        if (token == null || token.isEmpty()) {
            throw new TokenException(TokenError.INVALID_REQUEST, "the bearer token is empty");
        }
        if (token.length() > maxLength) {
            throw new TokenException(TokenError.TOKEN_TOO_LARGE, "the token is longer than " + maxLength + " characters");
        }
        if (!B64TOKEN.matcher(token).matches()) {
            throw new TokenException(TokenError.INVALID_REQUEST, "the bearer token has characters RFC 6750 does not allow");
        }
        return token;
    }
}
