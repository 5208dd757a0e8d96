package dev.cell.authorize;

import dev.cell.client.Client;
import dev.cell.consent.Consent;
import dev.cell.session.LoginSession;
import java.time.Instant;

/**
 * Decides what an authorization request still needs from the user: a login, a consent, or nothing
 * (OIDC Core §3.1.2.1 {@code prompt}, {@code max_age}, {@code login_hint}; RFC 6749 §4.1.1).
 */
public final class PromptPolicy {
    private PromptPolicy() {}

    /** The next step. */
    public enum Step { LOGIN, CONSENT, ISSUE }

    /**
     * @param session the browser's login session, or null
     * @param sessionUsername the username of the session's user, or null
     * @param consent the user's remembered consent for this client, or null
     * @param freshLogin true right after the user logged in for this very request
     */
    public static Step next(AuthorizationRequest request, Client client, LoginSession session, String sessionUsername,
            Consent consent, boolean freshLogin, Instant now) {
        if (session == null || needsLogin(request, session, sessionUsername, freshLogin, now)) {
            return Step.LOGIN;
        }
        boolean consentNeeded = !client.firstParty()
                && (consent == null || !consent.scopes().containsAll(request.consentScopes()) || request.prompt().contains("consent"));
        return consentNeeded ? Step.CONSENT : Step.ISSUE;
    }

    private static boolean needsLogin(AuthorizationRequest request, LoginSession session, String sessionUsername, boolean freshLogin,
            Instant now) {
        if (freshLogin) {
            return false;
        }
        if (request.prompt().contains("login") || request.prompt().contains("select_account")) {
            return true;
        }
        if (request.maxAge() != null && session.authTime().plusSeconds(request.maxAge()).isBefore(now)) {
            return true;
        }
        return request.loginHint() != null && sessionUsername != null && !request.loginHint().equals(sessionUsername);
    }
}
