package dev.cell.grant;

/**
 * A successful token response (RFC 6749 §5.1; OIDC Core §3.1.3.3).
 *
 * @param scope the granted scope, or null when identical to the request
 * @param refreshToken null when none is issued
 * @param idToken null unless the scope includes {@code openid}
 * @param subject whom the tokens speak for (a user id, or the client id for a client's own tokens): for the audit trail,
 *     never sent
 * @param issuedTokenType {@code issued_token_type} (RFC 8693 §2.2.1), or null outside token exchange
 */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String scope, String refreshToken, String idToken,
        String subject, String issuedTokenType) {
    public TokenResponse(String accessToken, String tokenType, long expiresIn, String scope, String refreshToken, String idToken,
            String subject) {
        this(accessToken, tokenType, expiresIn, scope, refreshToken, idToken, subject, null);
    }

    @Override
    public String toString() {
        return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", scope=" + scope + "]";
    }
}
