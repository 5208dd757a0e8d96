package dev.cell.server.web;

import dev.cell.account.User;
import dev.cell.authorize.AuthorizationCodeIssuer;
import dev.cell.authorize.AuthorizationRequest;
import dev.cell.authorize.ImplicitTokens;
import dev.cell.authorize.PendingAuthorization;
import dev.cell.authorize.PendingLimits;
import dev.cell.authorize.PromptPolicy;
import dev.cell.client.Client;
import dev.cell.client.ClientRegistry;
import dev.cell.consent.Consent;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.server.endpoint.TokenEndpoint;
import dev.cell.session.LoginSession;
import dev.cell.session.LoginSessionService;
import dev.cell.store.ConsentStore;
import dev.cell.store.PendingAuthorizationStore;
import dev.cell.store.UserStore;
import dev.cell.token.AccessTokenIssuer;
import dev.cell.token.RandomValues;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Carries a validated authorization request through login and consent to the code (RFC 6749 §4.1.1–§4.1.2),
 * keeping it server-side between pages; pages carry only its id.
 */
public final class AuthorizationFlow {
    /** Pending-request parameter: the session that logged in for this very request (satisfies prompt=login). */
    static final String AUTHENTICATED_SESSION = "cell.authenticated_session";
    private static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);

    private final ClientRegistry clients;
    private final LoginSessionService sessions;
    private final UserStore users;
    private final ConsentStore consents;
    private final PendingAuthorizationStore pending;
    private final AuthorizationCodeIssuer codes;
    private final ImplicitTokens implicit;
    private final BrowserCookies cookies;
    private final AuthorizationResponses responses;
    private final RandomValues random;
    private final PendingLimits limits;
    private final Clock clock;
    private final AuditSink audit;

    public AuthorizationFlow(ClientRegistry clients, LoginSessionService sessions, UserStore users, ConsentStore consents,
            PendingAuthorizationStore pending, AuthorizationCodeIssuer codes, ImplicitTokens implicit, BrowserCookies cookies,
            AuthorizationResponses responses, RandomValues random, PendingLimits limits, Clock clock, AuditSink audit) {
        this.clients = clients;
        this.sessions = sessions;
        this.users = users;
        this.consents = consents;
        this.pending = pending;
        this.codes = codes;
        this.implicit = implicit;
        this.cookies = cookies;
        this.responses = responses;
        this.random = random;
        this.limits = limits;
        this.clock = clock;
        this.audit = audit;
    }

    /** The browser's signed-in user and session, if any. */
    public record SignedIn(LoginSession session, User user) {}

    public Optional<SignedIn> signedIn(Context ctx) {
        return sessions.find(cookies.session(ctx))
                .flatMap(s -> users.findById(s.userId()).filter(u -> !u.disabled()).map(u -> new SignedIn(s, u)));
    }

    /**
     * The pending request named by a page, only for the browser that started it.
     *
     * @param clientId the client the page named, only to link the person back to it when the request is gone
     */
    public PendingAuthorization pending(Context ctx, String id, String clientId) {
        if (id == null || id.length() > 64) {
            throw OAuthException.invalidRequest("the sign-in request is missing");
        }
        String binding = BrowserCookies.binding(cookies.browser(ctx));
        return pending.find(id, clock.instant()).filter(p -> p.browserId().equals(binding))
                .orElseThrow(() -> new SignInRequestGone(clientId == null ? null
                        : clients.find(clientId).map(StartAgainLink::of).orElse(null)));
    }

    /** Takes the request to its next step: the login page, the consent page, or the client with a code. */
    public void proceed(Context ctx, AuthorizationRequest request, PendingAuthorization current, boolean consentGiven) {
        proceed(ctx, request, current, consentGiven, signedIn(ctx).orElse(null));
    }

    /** Continues right after a login, with the session just started (its cookie is only in the response yet). */
    public void proceedAs(Context ctx, AuthorizationRequest request, PendingAuthorization current, LoginSession session, User user) {
        proceed(ctx, request, current, false, new SignedIn(session, user));
    }

    private void proceed(Context ctx, AuthorizationRequest request, PendingAuthorization current, boolean consentGiven,
            SignedIn signedIn) {
        Client client = clients.find(request.clientId())
                .orElseThrow(() -> OAuthException.invalidRequest("the client no longer exists"));
        LoginSession session = signedIn == null ? null : signedIn.session();
        boolean freshLogin = session != null && current != null
                && session.idHash().equals(current.parameters().get(AUTHENTICATED_SESSION));
        Consent consent = signedIn == null ? null : consents.find(signedIn.user().id(), client.clientId()).orElse(null);
        Instant now = clock.instant();
        PromptPolicy.Step step = PromptPolicy.next(request, client, session, signedIn == null ? null : signedIn.user().username(),
                consent, freshLogin, now);
        if (step == PromptPolicy.Step.CONSENT && consentGiven) {
            step = PromptPolicy.Step.ISSUE;
        }
        if (step != PromptPolicy.Step.ISSUE && request.prompt().contains("none")) {
            discard(current);
            OAuthError error = step == PromptPolicy.Step.LOGIN ? OAuthError.LOGIN_REQUIRED : OAuthError.CONSENT_REQUIRED;
            responses.error(ctx, request.redirectUri(), request.responseMode(), error.code(),
                    step == PromptPolicy.Step.LOGIN ? "the user is not signed in" : "the user has not consented", request.state());
            return;
        }
        switch (step) {
            case LOGIN -> page(ctx, "/oauth/login", keep(ctx, request, current, null));
            case CONSENT -> page(ctx, "/oauth/confirm_access", keep(ctx, request, current, freshLogin ? session.idHash() : null));
            case ISSUE -> {
                discard(current);
                if (request.isImplicit()) {
                    Map<String, String> tokens = implicit.issue(request, client, signedIn.user(), session.authTime(), session.amr());
                    audit.record(AuditEvent.success(TokenEndpoint.EVENT, signedIn.user().id(), client.clientId(), ctx.ip())
                            .with("grant_type", "implicit").with("tokens", String.join(" ", Stream.of("access_token", "id_token").filter(tokens::containsKey).toList()))
                            .with("scope", AccessTokenIssuer.scopeString(request.scopes())).with(TokenEndpoint.FORMAT, client.accessTokenFormat().value()));
                    responses.tokens(ctx, request, tokens);
                } else {
                    String code = codes.issue(request, signedIn.user().id(), session.authTime(), session.idHash(), session.amr());
                    responses.code(ctx, request, code);
                }
            }
        }
    }

    /** Sends the browser back to the client with an error, after the redirect URI was proven (RFC 6749 §4.1.2.1). */
    public void deny(Context ctx, AuthorizationRequest request, PendingAuthorization current) {
        discard(current);
        responses.error(ctx, request.redirectUri(), request.responseMode(), OAuthError.ACCESS_DENIED.code(), "the user denied the request",
                request.state());
    }

    /** After a successful login: a fresh pending id that records which session logged in. */
    public PendingAuthorization afterLogin(Context ctx, PendingAuthorization current, LoginSession session) {
        return keep(ctx, AuthorizationRequest.fromParameters(current.parameters()), current, session.idHash());
    }

    private PendingAuthorization keep(Context ctx, AuthorizationRequest request, PendingAuthorization current, String authenticatedSession) {
        String binding = BrowserCookies.binding(cookies.browser(ctx));
        Instant now = clock.instant();
        if (current != null && (authenticatedSession == null
                || authenticatedSession.equals(current.parameters().get(AUTHENTICATED_SESSION)))) {
            return current;
        }
        discard(current);
        Map<String, String> params = new HashMap<>(request.toParameters());
        if (authenticatedSession != null) {
            params.put(AUTHENTICATED_SESSION, authenticatedSession);
        }
        PendingAuthorization p = new PendingAuthorization(random.id(), request.clientId(), binding, ctx.ip(), params, now,
                now.plus(PENDING_LIFETIME));
        if (!pending.saveWithin(p, limits)) {
            throw refused(ctx, binding, now);
        }
        return p;
    }

    /** Which bound refused a new pending request: the browser's (its user can finish some), or the address's or server's. */
    private OAuthException refused(Context ctx, String binding, Instant now) {
        if (pending.countForBrowser(binding, now) >= limits.perBrowser()) {
            return OAuthException.invalidRequest("too many sign-in requests are open in this browser; finish or close some");
        }
        ctx.header("Retry-After", "60");
        return new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, "too many sign-in requests are open; try again in a few minutes", 429);
    }

    private void discard(PendingAuthorization current) {
        if (current != null) {
            pending.delete(current.id());
        }
    }

    private static void page(Context ctx, String path, PendingAuthorization p) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("request", p.id());
        query.put("client_id", p.clientId());
        AuthorizationResponses.redirect(ctx, path, query);
    }
}
