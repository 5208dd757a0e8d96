package dev.cell.authorize;

import dev.cell.authorize.AuthorizationOutcome.ErrorPage;
import dev.cell.authorize.AuthorizationOutcome.Redirect;
import dev.cell.authorize.AuthorizationOutcome.ShowConsent;
import dev.cell.authorize.AuthorizationOutcome.ShowLogin;
import dev.cell.client.Client;
import dev.cell.client.ClientMetadata;
import dev.cell.client.ClientRegistry;
import dev.cell.consent.Consent;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.session.LoginSession;
import dev.cell.session.SignedIn;
import dev.cell.store.ConsentStore;
import dev.cell.store.PendingAuthorizationStore;
import dev.cell.token.AccessTokenIssuer;
import dev.cell.token.RandomValues;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The authorization endpoint's state machine (RFC 6749 §3.1, §4.1.1–§4.1.2, §4.2; OIDC Core §3.1.2): parameters and the
 * browser in, an {@link AuthorizationOutcome} out. Its checks run in this order (node-oidc-provider's authorization
 * action is the model):
 * <ol>
 *   <li>pushed request: with {@code request_uri}, {@code client_id} and {@code request_uri} redeem the parameters the client
 *       pushed, which replace all others (RFC 9126 §4); an unknown, spent or foreign one is {@code invalid_request_uri},
 *       sent to the redirect URI the parameters beside it prove, else shown on the error page; Cell never fetches a
 *       {@code request_uri} it did not issue;</li>
 *   <li>request object: a {@code request} JWT signed by the client, whose claims replace all other parameters
 *       (RFC 9101 §6.3); a failure is {@code invalid_request_object}, sent to the redirect URI the parameters beside it
 *       prove (a registered one of the client), else shown on the error page;</li>
 *   <li>client: {@code client_id} names a registered client allowed a browser grant ({@link AuthorizationRequestValidator});</li>
 *   <li>redirect URI: registered and one a browser may be sent to; errors until here go to the error page, later ones to
 *       the redirect URI;</li>
 *   <li>response type and response mode, then {@code state};</li>
 *   <li>PKCE ({@code code_challenge}, {@code code_challenge_method});</li>
 *   <li>scope, {@code claims}, {@code acr_values};</li>
 *   <li>{@code prompt} and {@code max_age} parsed;</li>
 *   <li>pushed or signed requests required: a request that was not pushed, or neither pushed nor signed, gets
 *       {@code invalid_request} when the server or the client requires PAR (RFC 9126 §5, §6) or signed request objects
 *       (RFC 9101 §10.5);</li>
 *   <li>interaction ({@link PromptPolicy}): login, consent, or with {@code prompt=none} {@code login_required} /
 *       {@code consent_required};</li>
 *   <li>response: a code, or the implicit grant's tokens.</li>
 * </ol>
 * Between pages the validated request waits as a {@link PendingAuthorization} in the database, bound to its browser.
 */
public final class AuthorizationService {
    /** The audit event of tokens issued (the token endpoint's name, also used for the implicit grant). */
    public static final String TOKEN_ISSUED = "token.issued";
    /** The audit detail naming the access token format (as the token endpoint records it, for the tokens-issued metric). */
    public static final String ACCESS_TOKEN_FORMAT = "access_token_format";
    public static final String CONSENT_GRANTED = "consent.granted";
    public static final String CONSENT_DENIED = "consent.denied";
    private static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(60);
    private static final int MAX_PENDING_ID = 64;

    private final AuthorizationRequestValidator validator;
    private final PushedAuthorizationRequests pushedRequests;
    private final RequestObjects requestObjects;
    private final Requirements requirements;
    private final ClientRegistry clients;
    private final ConsentStore consents;
    private final PendingAuthorizationStore pending;
    private final AuthorizationCodeIssuer codes;
    private final ImplicitTokens implicit;
    private final RandomValues random;
    private final PendingLimits limits;
    private final Clock clock;
    private final AuditSink audit;

    /** What every client must do (RFC 9126 §5 {@code require_pushed_authorization_requests}, RFC 9101 §10.5 {@code require_signed_request_object}). */
    public record Requirements(boolean pushed, boolean signed) {}

    /**
     * @param pushedRequests pushed authorization requests (RFC 9126), or null when that feature is off
     * @param requestObjects request objects (RFC 9101), or null when that feature is off
     */
    public AuthorizationService(AuthorizationRequestValidator validator, PushedAuthorizationRequests pushedRequests,
            RequestObjects requestObjects, Requirements requirements, ClientRegistry clients, ConsentStore consents, PendingAuthorizationStore pending, AuthorizationCodeIssuer codes,
            ImplicitTokens implicit, RandomValues random, PendingLimits limits, Clock clock, AuditSink audit) {
        this.validator = validator;
        this.pushedRequests = pushedRequests;
        this.requestObjects = requestObjects;
        this.requirements = requirements;
        this.clients = clients;
        this.consents = consents;
        this.pending = pending;
        this.codes = codes;
        this.implicit = implicit;
        this.random = random;
        this.limits = limits;
        this.clock = clock;
        this.audit = audit;
    }

    /** A new authorization request from the browser (RFC 6749 §4.1.1): checks 1–10 of the list above, then the interaction. */
    public AuthorizationOutcome authorize(Map<String, String> parameters, Browser browser) {
        AuthorizationRequest request;
        try {
            boolean pushed = pushedRequests != null && PushedAuthorizationRequests.present(parameters, "request_uri");
            boolean signed = !pushed && requestObjects != null && PushedAuthorizationRequests.present(parameters, "request");
            Map<String, String> effective = parameters;
            if (pushed) {
                effective = pushedRequest(parameters);
            } else if (signed) {
                effective = requestObject(parameters);
            }
            request = validator.validate(effective);
            String unmet = unmet(request, pushed, signed);
            if (unmet != null) {
                return Redirect.error(request.redirectUri(), request.responseMode(), OAuthError.INVALID_REQUEST.code(), unmet, request.state());
            }
        } catch (AuthorizationRedirectException e) {
            return Redirect.error(e);
        } catch (OAuthException e) {
            return new ErrorPage(e);
        }
        return next(request, null, browser, false);
    }

    /**
     * The parameters pushed for {@code request_uri}; when it is not one to redeem, the error goes to the client's redirect
     * URI if the parameters beside it prove one, else to the error page.
     */
    private Map<String, String> pushedRequest(Map<String, String> parameters) {
        try {
            return pushedRequests.redeem(parameters.get("client_id"), parameters.get("request_uri"));
        } catch (OAuthException e) {
            throw validator.redirectError(parameters, e.error(), e.description()).<RuntimeException>map(r -> r).orElse(e);
        }
    }

    /**
     * The parameters of the request object in {@code request}; when it fails, the error goes to the client's redirect URI
     * if the parameters beside it prove one (RFC 9101 §6.3), else to the error page.
     */
    private Map<String, String> requestObject(Map<String, String> parameters) {
        Client client = client(parameters.get("client_id"));
        try {
            return requestObjects.resolve(client, parameters.get("request"), parameters);
        } catch (OAuthException e) {
            throw validator.redirectError(parameters, e.error(), e.description()).<RuntimeException>map(r -> r).orElse(e);
        }
    }

    /** The client a request object is for; unknown is an error page, as at check 2. */
    private Client client(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            throw OAuthException.invalidRequest("client_id is missing");
        }
        return clients.resolve(clientId).orElseThrow(() -> OAuthException.invalidRequest("client_id is not a registered client"));
    }

    /** Check 10: why the request does not meet the server's or the client's PAR and signed request object requirements, or null. */
    private String unmet(AuthorizationRequest request, boolean pushed, boolean signed) {
        ClientMetadata client = clients.find(request.clientId()).map(Client::metadata).orElseThrow(
                () -> OAuthException.invalidRequest("the client no longer exists"));
        if (!pushed && (requirements.pushed() || client.requirePushedAuthorizationRequests())) {
            return "authorization requests must be pushed to the pushed authorization request endpoint first (RFC 9126)";
        }
        if (!pushed && !signed && (requirements.signed() || client.requireSignedRequestObject())) {
            return "authorization requests must be signed request objects in request (RFC 9101 section 10.5)";
        }
        return null;
    }

    /**
     * The pending request a page names, only for the browser that started it.
     *
     * @param clientId the client the page named, only to link the person back to it when the request is gone
     * @throws PendingRequestGone when it expired, was finished or belongs to another browser
     */
    public PendingAuthorization pending(String id, String clientId, Browser browser) {
        if (id == null || id.length() > MAX_PENDING_ID) {
            throw OAuthException.invalidRequest("the sign-in request is missing");
        }
        String binding = browser.binding();
        return pending.find(id, clock.instant()).filter(p -> p.browserId().equals(binding))
                .orElseThrow(() -> new PendingRequestGone(clientId == null || clientId.length() > 255 ? null
                        : clients.find(clientId).orElse(null)));
    }

    /** The pending request's next step for the browser as it is now (a page found the user not signed in). */
    public AuthorizationOutcome resume(PendingAuthorization current, Browser browser) {
        return next(current.request(), current, browser, false);
    }

    /**
     * Continues right after a login for this request: the request is kept under a fresh id that records the session which
     * signed in, so {@code prompt=login} and {@code max_age} count as met on the consent page.
     */
    public AuthorizationOutcome loggedIn(PendingAuthorization current, Browser browser) {
        String session = browser.signedIn().session().idHash();
        PendingAuthorization next;
        try {
            next = keep(current.request(), current, session, browser);
        } catch (Refused r) {
            return r.page;
        }
        return next(current.request(), next, browser, false);
    }

    /**
     * The user's decision on the consent page (RFC 6749 §4.1.2.1 {@code access_denied}). Approved scopes are remembered
     * (added to earlier ones) and narrow the request (RFC 6749 §3.3).
     *
     * @param approved the scopes the user approved, among {@link AuthorizationRequest#consentScopes()}
     */
    public AuthorizationOutcome consent(PendingAuthorization current, Browser browser, boolean allow, Set<String> approved) {
        SignedIn signedIn = browser.signedIn();
        if (signedIn == null) {
            return resume(current, browser);
        }
        AuthorizationRequest request = current.request();
        if (!allow || approved.isEmpty()) {
            audit.record(AuditEvent.success(CONSENT_DENIED, signedIn.user().id(), request.clientId(), browser.address()));
            discard(current);
            return Redirect.error(request.redirectUri(), request.responseMode(), OAuthError.ACCESS_DENIED.code(),
                    "the user denied the request", request.state());
        }
        request = request.withScopes(approved);
        Set<String> scopes = new LinkedHashSet<>(approved);
        consents.find(signedIn.user().id(), request.clientId()).ifPresent(c -> scopes.addAll(c.scopes()));
        consents.save(new Consent(signedIn.user().id(), request.clientId(), scopes, clock.instant()));
        audit.record(AuditEvent.success(CONSENT_GRANTED, signedIn.user().id(), request.clientId(), browser.address())
                .with("scope", String.join(" ", new TreeSet<>(approved))));
        return next(request, current, browser, true);
    }

    /** Checks 11 and 12: what the request still needs from the user, and the response once nothing is left. */
    private AuthorizationOutcome next(AuthorizationRequest request, PendingAuthorization current, Browser browser, boolean consentGiven) {
        Client client = clients.find(request.clientId()).orElse(null);
        if (client == null) {
            discard(current);
            return new ErrorPage(OAuthException.invalidRequest("the client no longer exists"));
        }
        SignedIn signedIn = browser.signedIn();
        LoginSession session = signedIn == null ? null : signedIn.session();
        boolean freshLogin = session != null && current != null && current.authenticatedSession() != null
                && session.idHash().equals(current.authenticatedSession());
        Consent consent = signedIn == null ? null : consents.find(signedIn.user().id(), client.clientId()).orElse(null);
        PromptPolicy.Step step = PromptPolicy.next(request, client, session, signedIn == null ? null : signedIn.user().username(),
                consent, freshLogin, consentGiven, clock.instant());
        try {
            return switch (step) {
                case LOGIN -> new ShowLogin(keep(request, current, null, browser));
                case CONSENT -> new ShowConsent(keep(request, current, freshLogin ? session.idHash() : null, browser));
                case LOGIN_REQUIRED -> promptNoneError(request, current, OAuthError.LOGIN_REQUIRED, "the user is not signed in");
                case CONSENT_REQUIRED -> promptNoneError(request, current, OAuthError.CONSENT_REQUIRED, "the user has not consented");
                case ISSUE -> issue(request, current, client, signedIn, browser);
            };
        } catch (Refused r) {
            return r.page;
        }
    }

    /** {@code prompt=none} and the user would have to act (OIDC Core §3.1.2.6). */
    private AuthorizationOutcome promptNoneError(AuthorizationRequest request, PendingAuthorization current, OAuthError error,
            String description) {
        discard(current);
        return Redirect.error(request.redirectUri(), request.responseMode(), error.code(), description, request.state());
    }

    /** The code (RFC 6749 §4.1.2) or the implicit grant's tokens (RFC 6749 §4.2.2). */
    private AuthorizationOutcome issue(AuthorizationRequest request, PendingAuthorization current, Client client, SignedIn signedIn,
            Browser browser) {
        discard(current);
        LoginSession session = signedIn.session();
        if (request.isImplicit()) {
            Map<String, String> tokens = implicit.issue(request, client, signedIn.user(), session.authTime(), session.amr(), session.sid());
            audit.record(AuditEvent.success(TOKEN_ISSUED, signedIn.user().id(), client.clientId(), browser.address())
                    .with("grant_type", "implicit")
                    .with("tokens", String.join(" ", Stream.of("access_token", "id_token").filter(tokens::containsKey).toList()))
                    .with("scope", AccessTokenIssuer.scopeString(request.scopes()))
                    .with(ACCESS_TOKEN_FORMAT, client.accessTokenFormat().value()));
            return new Redirect(request.redirectUri(), request.responseMode(), tokens, request.state());
        }
        String code = codes.issue(request, signedIn.user().id(), session.authTime(), session.sid(), session.amr());
        return new Redirect(request.redirectUri(), request.responseMode(), Map.of("code", code), request.state());
    }

    /**
     * The pending request to show a page for: the current one while it fits, else a new one (saved within the bounds)
     * that records {@code authenticatedSession}.
     */
    private PendingAuthorization keep(AuthorizationRequest request, PendingAuthorization current, String authenticatedSession,
            Browser browser) {
        if (current != null && (authenticatedSession == null || authenticatedSession.equals(current.authenticatedSession()))) {
            return current;
        }
        discard(current);
        String binding = browser.binding();
        Instant now = clock.instant();
        PendingAuthorization p = new PendingAuthorization(random.id(), binding, browser.address(), request, authenticatedSession, now,
                now.plus(PENDING_LIFETIME));
        if (!pending.saveWithin(p, limits)) {
            throw new Refused(refused(binding, now));
        }
        return p;
    }

    /** Which bound refused a new pending request: the browser's (its user can finish some), or the address's or server's. */
    private ErrorPage refused(String binding, Instant now) {
        if (pending.countForBrowser(binding, now) >= limits.perBrowser()) {
            return new ErrorPage(OAuthException.invalidRequest("too many sign-in requests are open in this browser; finish or close some"));
        }
        return new ErrorPage(new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE,
                "too many sign-in requests are open; try again in a few minutes", 429), RETRY_AFTER);
    }

    private void discard(PendingAuthorization current) {
        if (current != null) {
            pending.delete(current.id());
        }
    }

    /** A bound refused a new pending request; carries the page to show. */
    private static final class Refused extends RuntimeException {
        private final transient ErrorPage page;

        Refused(ErrorPage page) {
            super(null, null, false, false);
            this.page = page;
        }
    }
}
