package dev.cell.server.web;

import dev.cell.authorize.AuthorizationOutcome;
import dev.cell.authorize.AuthorizationOutcome.ErrorPage;
import dev.cell.authorize.AuthorizationOutcome.Redirect;
import dev.cell.authorize.AuthorizationOutcome.ShowConsent;
import dev.cell.authorize.AuthorizationOutcome.ShowLogin;
import dev.cell.authorize.AuthorizationService;
import dev.cell.authorize.Browser;
import dev.cell.authorize.PendingAuthorization;
import dev.cell.authorize.PendingRequestGone;
import dev.cell.session.SignedIn;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Translates between HTTP and the {@link AuthorizationService} (RFC 6749 §3.1): the browser from its cookies, and each
 * outcome to a redirect to the login or consent page, the authorization response, or the error page.
 */
public final class AuthorizationHttp {
    private final AuthorizationService service;
    private final SignedInUsers signedIn;
    private final BrowserCookies cookies;
    private final AuthorizationResponses responses;

    public AuthorizationHttp(AuthorizationService service, SignedInUsers signedIn, BrowserCookies cookies, AuthorizationResponses responses) {
        this.service = service;
        this.signedIn = signedIn;
        this.cookies = cookies;
        this.responses = responses;
    }

    public AuthorizationService service() {
        return service;
    }

    /** The browser of this request: its binding cookie is created only when a pending request needs it. */
    public Browser browser(Context ctx) {
        SignedIn user = signedIn.of(ctx).orElse(null);
        return new Browser() {
            private String binding;

            @Override
            public String binding() {
                if (binding == null) {
                    binding = BrowserCookies.binding(cookies.browser(ctx));
                }
                return binding;
            }

            @Override
            public String address() {
                return ctx.ip();
            }

            @Override
            public SignedIn signedIn() {
                return user;
            }
        };
    }

    /** The pending request a page names, for this browser only; when gone, the error page links back to the client. */
    public PendingAuthorization pending(Browser browser, String id, String clientId) {
        try {
            return service.pending(id, clientId, browser);
        } catch (PendingRequestGone e) {
            throw new SignInRequestGone(e.client() == null ? null : StartAgainLink.of(e.client()));
        }
    }

    /** Answers the outcome: a 303 to a page, the authorization response, or the error page (via {@link PageErrors}). */
    public void respond(Context ctx, AuthorizationOutcome outcome) {
        switch (outcome) {
            case ShowLogin login -> page(ctx, "/oauth/login", login.pending());
            case ShowConsent consent -> page(ctx, "/oauth/confirm_access", consent.pending());
            case Redirect redirect -> responses.send(ctx, redirect);
            case ErrorPage error -> {
                if (error.retryAfter() != null) {
                    ctx.header("Retry-After", Long.toString(error.retryAfter().toSeconds()));
                }
                throw error.error();
            }
        }
    }

    private static void page(Context ctx, String path, PendingAuthorization p) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("request", p.id());
        query.put("client_id", p.clientId());
        AuthorizationResponses.redirect(ctx, path, query);
    }
}
