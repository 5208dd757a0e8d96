package dev.cell.demo.client;

import java.util.Map;

/**
 * A signed-in user: the validated ID token's claims (OIDC Core §2), the UserInfo claims (OIDC Core §5.3), the raw ID token
 * for logout, and the current tokens.
 */
final class SignedIn {
    private final Map<String, Object> idTokenClaims;
    private final Map<String, Object> userInfo;
    private final String idToken;
    private TokenSet tokens;

    SignedIn(Map<String, Object> idTokenClaims, Map<String, Object> userInfo, String idToken, TokenSet tokens) {
        this.idTokenClaims = Map.copyOf(idTokenClaims);
        this.userInfo = Map.copyOf(userInfo);
        this.idToken = idToken;
        this.tokens = tokens;
    }

    Map<String, Object> idTokenClaims() {
        return idTokenClaims;
    }

    Map<String, Object> userInfo() {
        return userInfo;
    }

    String idToken() {
        return idToken;
    }

    synchronized TokenSet tokens() {
        return tokens;
    }

    synchronized void tokens(TokenSet next) {
        tokens = next;
    }
}
