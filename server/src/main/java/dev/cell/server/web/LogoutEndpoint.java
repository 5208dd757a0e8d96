package dev.cell.server.web;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.cell.client.Client;
import dev.cell.client.RedirectUriPolicy;
import dev.cell.client.ClientRegistry;
import dev.cell.error.OAuthException;
import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.oidc.IdTokenHintVerifier;
import dev.cell.server.http.FormParser;
import dev.cell.server.http.FormRequest;
import dev.cell.session.LoginSessionService;
import dev.cell.session.SignedIn;
import dev.cell.session.SessionEnder;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RP-initiated logout {@code /oauth/logout} (OpenID Connect RP-Initiated Logout 1.0 §2–§3): ends the login session and
 * the grants issued through it; redirects only to a {@code post_logout_redirect_uri} registered for the client named by the ID token hint.
 */
public final class LogoutEndpoint {
    static final String EVENT = "logout";

    private final IdTokenHintVerifier hints;
    private final ClientRegistry clients;
    private final LoginSessionService sessions;
    private final SignedInUsers signedInUsers;
    private final SessionEnder ender;
    private final BrowserCookies cookies;
    private final Pages pages;
    private final AuditSink audit;
    private final int maxRequestBytes;

    /** @param ender ends the session's grants with it: refresh and opaque tokens revoked, JWT access tokens deny-listed */
    public LogoutEndpoint(IdTokenHintVerifier hints, ClientRegistry clients, LoginSessionService sessions, SessionEnder ender,
            SignedInUsers signedInUsers, BrowserCookies cookies, Pages pages, AuditSink audit, int maxRequestBytes) {
        this.hints = hints;
        this.clients = clients;
        this.sessions = sessions;
        this.ender = ender;
        this.signedInUsers = signedInUsers;
        this.cookies = cookies;
        this.pages = pages;
        this.audit = audit;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void get(Context ctx) {
        handle(ctx, FormParser.parse(ctx.queryString()), false);
    }

    public void post(Context ctx) {
        Map<String, String> form = FormRequest.readBody(ctx, maxRequestBytes);
        if ("no".equals(form.get("confirm"))) {
            cancelled(ctx, form);
            return;
        }
        boolean confirmed = "yes".equals(form.get("confirm"));
        if (confirmed) {
            cookies.csrf().check(form.get("csrf"), cookies.browser(ctx));
        }
        handle(ctx, form, confirmed);
    }

    private void handle(Context ctx, Map<String, String> params, boolean confirmed) {
        JWTClaimsSet hint = params.get("id_token_hint") == null ? null : hints.verify(params.get("id_token_hint"));
        String clientId = params.get("client_id");
        if (hint != null) {
            List<String> aud = hint.getAudience();
            if (clientId != null && !aud.contains(clientId)) {
                throw OAuthException.invalidRequest("client_id does not match the id_token_hint");
            }
            clientId = aud.isEmpty() ? null : aud.get(0);
        }
        String redirect = params.get("post_logout_redirect_uri");
        if (redirect != null) {
            Client client = clientId == null ? null : clients.find(clientId).orElse(null);
            if (client == null || !client.postLogoutRedirectUris().contains(redirect) || !RedirectUriPolicy.allowed(redirect)) {
                throw OAuthException.invalidRequest("post_logout_redirect_uri is not registered for the client");
            }
        }
        SignedIn signedIn = signedInUsers.of(ctx).orElse(null);
        boolean provenByHint = hint != null && signedIn != null && signedIn.user().id().equals(hint.getSubject());
        if (signedIn != null && !confirmed && !provenByHint) {
            confirm(ctx, params);
            return;
        }
        sessions.end(cookies.session(ctx));
        cookies.clearSession(ctx);
        if (signedIn != null) {
            SessionEnder.Ended ended = ender.endSession(signedIn.session().sid());
            audit.record(AuditEvent.success(EVENT, signedIn.user().id(), clientId, ctx.ip())
                    .with("grants", Integer.toString(ended.grants().size())));
        }
        if (redirect != null) {
            Map<String, String> p = new LinkedHashMap<>();
            if (params.get("state") != null) {
                p.put("state", params.get("state"));
            }
            AuthorizationResponses.redirect(ctx, redirect, p);
            return;
        }
        Map<String, Object> page = new HashMap<>();
        page.put("m", Messages.choose(params.get("ui_locales"), ctx.header("Accept-Language")));
        pages.render(ctx, 200, "logged_out.jte", page);
    }

    /** The person chose Cancel on the confirmation: the session stays. */
    private void cancelled(Context ctx, Map<String, String> params) {
        Map<String, Object> page = new HashMap<>();
        page.put("m", Messages.choose(params.get("ui_locales"), ctx.header("Accept-Language")));
        pages.render(ctx, 200, "logout_cancelled.jte", page);
    }

    private void confirm(Context ctx, Map<String, String> params) {
        Map<String, Object> page = new HashMap<>();
        page.put("m", Messages.choose(params.get("ui_locales"), ctx.header("Accept-Language")));
        page.put("csrf", cookies.csrf().token(cookies.browser(ctx)));
        page.put("idTokenHint", params.get("id_token_hint"));
        page.put("postLogoutRedirectUri", params.get("post_logout_redirect_uri"));
        page.put("state", params.get("state"));
        page.put("clientId", params.get("client_id"));
        pages.render(ctx, 200, "logout.jte", page);
    }
}
