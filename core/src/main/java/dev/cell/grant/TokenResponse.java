package dev.cell.grant;

/**
 * A successful token response (RFC 6749 §5.1; OIDC Core §3.1.3.3).
 *
 * @param scope the granted scope, or null when identical to the request
 * @param refreshToken null when none is issued
 * @param idToken null unless the scope includes {@code openid}
 * @param subject whom the tokens speak for (a user id, or the client id for a client's own tokens): for the audit trail,
 *     never sent
 */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String scope, String refreshToken, String idToken,
        String subject) {
    @Override
    public String toString() {
        return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", scope=" + scope + "]";
    }
}
