package dev.cell.authorize;

import dev.cell.error.OAuthException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the authorization endpoint does next with the browser (RFC 6749 §3.1, §4.1.2; OIDC Core §3.1.2.3–§3.1.2.6). */
public sealed interface AuthorizationOutcome {

    /** The user must sign in for the pending request. */
    record ShowLogin(PendingAuthorization pending) implements AuthorizationOutcome {}

    /** The signed-in user must approve the pending request's scopes. */
    record ShowConsent(PendingAuthorization pending) implements AuthorizationOutcome {}

    /**
     * The authorization response for the proven redirect URI, in the request's response mode; the web layer adds
     * {@code state} and {@code iss} (RFC 6749 §4.1.2, RFC 9207 §2).
     *
     * @param parameters the code, the tokens, or {@code error} and {@code error_description}
     * @param state the request's state, or null
     */
    record Redirect(String redirectUri, ResponseMode responseMode, Map<String, String> parameters, String state)
            implements AuthorizationOutcome {
        public Redirect {
            parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }

        /** An error response (RFC 6749 §4.1.2.1). */
        public static Redirect error(String redirectUri, ResponseMode mode, String error, String description, String state) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("error", error);
            if (description != null) {
                p.put("error_description", description);
            }
            return new Redirect(redirectUri, mode, p, state);
        }

        public static Redirect error(AuthorizationRedirectException e) {
            return error(e.redirectUri(), e.responseMode(), e.error().code(), e.description(), e.state());
        }
    }

    /**
     * An error shown to the person, never sent to an unproven redirect URI (RFC 6749 §4.1.2.1).
     *
     * @param retryAfter how long to wait before trying again, or null
     */
    record ErrorPage(OAuthException error, Duration retryAfter) implements AuthorizationOutcome {
        public ErrorPage(OAuthException error) {
            this(error, null);
        }
    }
}
