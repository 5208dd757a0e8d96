package dev.cell.server.web;

import dev.cell.account.LoginRateLimiter;
import dev.cell.account.PasswordHasher;
import dev.cell.account.User;
import dev.cell.authorize.AuthorizationRequest;
import dev.cell.authorize.Browser;
import dev.cell.authorize.PendingAuthorization;
import dev.cell.client.ClientRegistry;
import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.server.http.FormRequest;
import dev.cell.session.LoginSessionService;
import dev.cell.session.SignedIn;
import dev.cell.store.UserStore;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The login page {@code /oauth/login}: Argon2id password check after an attempt is reserved against the limits per
 * account and address, a new session (RFC 9700 §4.13 brute force; session fixation); every attempt goes to the audit
 * trail, never the password.
 */
public final class LoginEndpoint {
    static final String EVENT = "login";
    static final String RATE_LIMITED = "rate_limited";

    private final AuthorizationHttp http;
    private final ClientRegistry clients;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final LoginRateLimiter limiter;
    private final LoginSessionService sessions;
    private final BrowserCookies cookies;
    private final Pages pages;
    private final AuditSink audit;
    private final int maxRequestBytes;

    public LoginEndpoint(AuthorizationHttp http, ClientRegistry clients, UserStore users, PasswordHasher hasher, LoginRateLimiter limiter,
            LoginSessionService sessions, BrowserCookies cookies, Pages pages, AuditSink audit, int maxRequestBytes) {
        this.http = http;
        this.clients = clients;
        this.users = users;
        this.hasher = hasher;
        this.limiter = limiter;
        this.sessions = sessions;
        this.cookies = cookies;
        this.pages = pages;
        this.audit = audit;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void get(Context ctx) {
        PendingAuthorization p = http.pending(http.browser(ctx), ctx.queryParam("request"), ctx.queryParam("client_id"));
        AuthorizationRequest request = p.request();
        Messages m = messages(ctx, request);
        String hint = request.loginHint() != null ? request.loginHint() : "";
        render(ctx, 200, m, p, hint, request.prompt().contains("select_account") ? m.get("login.select_account") : null, false);
    }

    public void post(Context ctx) {
        Map<String, String> form = FormRequest.readBody(ctx, maxRequestBytes);
        Browser browser = http.browser(ctx);
        PendingAuthorization p = http.pending(browser, form.get("request"), form.get("client_id"));
        String browserId = cookies.browser(ctx);
        cookies.csrf().check(form.get("csrf"), browserId);
        AuthorizationRequest request = p.request();
        Messages m = messages(ctx, request);
        String username = form.getOrDefault("username", "").strip();
        String password = form.getOrDefault("password", "");
        String ip = ctx.ip();
        long minutes = Math.max(1, limiter.window().toMinutes());
        User user = username.isEmpty() ? null : users.findByUsername(username).orElse(null);
        LoginRateLimiter.Attempt attempt = limiter.reserve(username, user == null ? null : user.id(), browserId, ip);
        if (!attempt.allowed()) {
            audit(RATE_LIMITED, user, p, ip);
            render(ctx, 429, m, p, username, m.format("login.locked", minutes), true);
            return;
        }
        boolean ok = hasher.verify(password, user == null ? null : user.passwordHash()) && user != null && !user.disabled();
        if (!ok) {
            audit(AuditEvent.FAILURE, user, p, ip);
            render(ctx, attempt.last() ? 429 : 401, m, p, username, attempt.last() ? m.format("login.locked", minutes) : m.get("login.failed"), true);
            return;
        }
        limiter.succeeded(attempt);
        audit(AuditEvent.SUCCESS, user, p, ip);
        sessions.end(cookies.session(ctx));
        LoginSessionService.Started started = sessions.start(user.id(), List.of("pwd"), ctx.userAgent(), ip);
        cookies.setSession(ctx, started.cookieValue(), sessions.lifetime());
        http.respond(ctx, http.service().loggedIn(p, browser.signedInAs(new SignedIn(started.session(), user))));
    }

    /**
     * The actor is the account's id, and only for an account that exists: what was typed as a username is never logged,
     * as people sometimes type their password there.
     */
    private void audit(String outcome, User user, PendingAuthorization p, String ip) {
        audit.record(new AuditEvent(EVENT, outcome, user == null ? null : user.id(), p.clientId(), ip, Map.of())
                .with("reason", user == null ? "unknown_user" : null));
    }

    private Messages messages(Context ctx, AuthorizationRequest request) {
        return Messages.choose(request.uiLocales().isEmpty() ? null : String.join(" ", request.uiLocales()), ctx.header("Accept-Language"));
    }

    /** @param failed a sign-in just failed: the fields are marked invalid and the password field takes the focus */
    private void render(Context ctx, int status, Messages m, PendingAuthorization p, String username, String error, boolean failed) {
        Map<String, Object> params = new HashMap<>();
        params.put("m", m);
        params.put("requestId", p.id());
        params.put("clientId", p.clientId());
        params.put("csrf", cookies.csrf().token(cookies.browser(ctx)));
        params.put("clientName", ClientCard.shownName(clients.find(p.clientId()).orElse(null), p.clientId()));
        params.put("username", username);
        params.put("error", error);
        params.put("failed", failed);
        pages.render(ctx, status, "login.jte", params);
    }
}
