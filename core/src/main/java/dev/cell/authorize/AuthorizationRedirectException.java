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
    private final boolean fragment;

    public AuthorizationRedirectException(OAuthError error, String description, String redirectUri, String state) {
        this(error, description, redirectUri, state, false);
    }

    /** @param fragment true when the response goes in the fragment, as for implicit response types (RFC 6749 §4.2.2.1) */
    public AuthorizationRedirectException(OAuthError error, String description, String redirectUri, String state, boolean fragment) {
        super(ErrorDescription.of(description), null, false, false);
        this.error = error;
        this.redirectUri = redirectUri;
        this.state = state;
        this.fragment = fragment;
    }

    public boolean fragment() {
        return fragment;
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
