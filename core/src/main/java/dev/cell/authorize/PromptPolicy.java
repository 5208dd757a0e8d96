package dev.cell.authorize;

import dev.cell.client.Client;
import dev.cell.consent.Consent;
import dev.cell.session.LoginSession;
import java.time.Instant;

/**
 * Decides what an authorization request still needs from the user: a login, a consent, or nothing; with
 * {@code prompt=none} a needed login or consent is the error instead (OIDC Core §3.1.2.1 {@code prompt}, {@code max_age},
 * {@code login_hint}, §3.1.2.6; RFC 6749 §4.1.1).
 */
public final class PromptPolicy {
    private PromptPolicy() {}

    /** The next step. */
    public enum Step {
        LOGIN, CONSENT, ISSUE,
        /** {@code prompt=none}, but the user must sign in: {@code login_required}. */
        LOGIN_REQUIRED,
        /** {@code prompt=none}, but the user must consent: {@code consent_required}. */
        CONSENT_REQUIRED
    }

    /**
     * @param session the browser's login session, or null
     * @param sessionUsername the username of the session's user, or null
     * @param consent the user's remembered consent for this client, or null
     * @param freshLogin true right after the user logged in for this very request
     * @param consentGiven true when the user has just approved this very request
     */
    public static Step next(AuthorizationRequest request, Client client, LoginSession session, String sessionUsername,
            Consent consent, boolean freshLogin, boolean consentGiven, Instant now) {
        boolean none = request.prompt().contains("none");
        if (session == null || needsLogin(request, session, sessionUsername, freshLogin, now)) {
            return none ? Step.LOGIN_REQUIRED : Step.LOGIN;
        }
        // a client known only by its metadata document asks every time: nothing assures it is the app the person approved before
        // (RFC 8252 section 8.6), since any app can name its client_id with a loopback redirect URI
        boolean consentNeeded = !consentGiven && !client.firstParty() && (client.metadataDocument() || consent == null
                || !consent.scopes().containsAll(request.consentScopes()) || request.prompt().contains("consent"));
        if (consentNeeded) {
            return none ? Step.CONSENT_REQUIRED : Step.CONSENT;
        }
        return Step.ISSUE;
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
