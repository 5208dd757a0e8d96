package dev.cell.authorize;

import dev.cell.error.ErrorDescription;
import dev.cell.error.OAuthError;

/**
 * An authorization error to be returned to the client's proven redirect URI with {@code error},
 * {@code error_description}, {@code state} and {@code iss} (RFC 6749 §4.1.2.1, RFC 9207 §2).
 */
public final class AuthorizationRedirectException extends RuntimeException {
    private final OAuthError error;
    private final String redirectUri;
    private final String state;
    private final ResponseMode responseMode;

    /** @param responseMode the request's response mode: errors travel as its answer would (RFC 6749 §4.2.2.1, OIDC Core §3.2.2.6) */
    public AuthorizationRedirectException(OAuthError error, String description, String redirectUri, String state, ResponseMode responseMode) {
        super(ErrorDescription.of(description), null, false, false);
        this.error = error;
        this.redirectUri = redirectUri;
        this.state = state;
        this.responseMode = responseMode;
    }

    public ResponseMode responseMode() {
        return responseMode;
    }

    public OAuthError error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public String redirectUri() {
        return redirectUri;
    }

    /** The request's state, or null. */
    public String state() {
        return state;
    }
}
