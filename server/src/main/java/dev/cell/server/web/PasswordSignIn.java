package dev.cell.server.web;

import dev.cell.account.LoginRateLimiter;
import dev.cell.account.PasswordHasher;
import dev.cell.account.User;
import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.session.LoginSessionService;
import dev.cell.session.SignedIn;
import dev.cell.store.UserStore;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * Signs a person in with a username and password, as the login, account and device pages do (RFC 9700 §4.13 brute force;
 * session fixation): the attempt is reserved against the limits per account and address before the Argon2id check, every
 * attempt goes to the audit trail (the account's id, never what was typed), and success replaces the browser's login
 * session with a new one.
 */
public final class PasswordSignIn {
    static final String EVENT = "login";
    static final String RATE_LIMITED = "rate_limited";

    private final UserStore users;
    private final PasswordHasher hasher;
    private final LoginRateLimiter limiter;
    private final LoginSessionService sessions;
    private final BrowserCookies cookies;
    private final AuditSink audit;

    public PasswordSignIn(UserStore users, PasswordHasher hasher, LoginRateLimiter limiter, LoginSessionService sessions, BrowserCookies cookies,
            AuditSink audit) {
        this.users = users;
        this.hasher = hasher;
        this.limiter = limiter;
        this.sessions = sessions;
        this.cookies = cookies;
        this.audit = audit;
    }

    /** How a sign-in went. */
    public sealed interface Result {
        /** Signed in: the new session's cookie is set. */
        record Done(SignedIn signedIn) implements Result {}

        /**
         * Refused: the page is shown again with {@code message} and this status (401, or 429 once a limit is used up).
         *
         * @param username what was typed, to fill the field again
         */
        record Refused(int status, String username, String message) implements Result {}
    }

    /**
     * @param form the page's form with {@code username} and {@code password}; its CSRF token already checked
     * @param browserId the browser's id cookie, which recognises a browser that signed in to the account before
     * @param clientId the client the sign-in is for, or null
     * @param page the page's name in the audit trail, or null for the login page
     */
    public Result signIn(Context ctx, Map<String, String> form, String browserId, Messages m, String clientId, String page) {
        String username = form.getOrDefault("username", "").strip();
        String password = form.getOrDefault("password", "");
        String ip = ctx.ip();
        String locked = m.format("login.locked", Math.max(1, limiter.window().toMinutes()));
        User user = username.isEmpty() ? null : users.findByUsername(username).orElse(null);
        LoginRateLimiter.Attempt attempt = limiter.reserve(username, user == null ? null : user.id(), browserId, ip);
        if (!attempt.allowed()) {
            audit(RATE_LIMITED, user, clientId, ip, page);
            return new Result.Refused(429, username, locked);
        }
        if (!(hasher.verify(password, user == null ? null : user.passwordHash()) && user != null && !user.disabled())) {
            audit(AuditEvent.FAILURE, user, clientId, ip, page);
            return new Result.Refused(attempt.last() ? 429 : 401, username, attempt.last() ? locked : m.get("login.failed"));
        }
        limiter.succeeded(attempt);
        audit(AuditEvent.SUCCESS, user, clientId, ip, page);
        sessions.end(cookies.session(ctx));
        LoginSessionService.Started started = sessions.start(user.id(), List.of("pwd"), ctx.userAgent(), ip);
        cookies.setSession(ctx, started.cookieValue(), sessions.lifetime());
        return new Result.Done(new SignedIn(started.session(), user));
    }

    /** What was typed as a username is never logged, as people sometimes type their password there. */
    private void audit(String outcome, User user, String clientId, String ip, String page) {
        audit.record(new AuditEvent(EVENT, outcome, user == null ? null : user.id(), clientId, ip, Map.of())
                .with("reason", user == null ? "unknown_user" : null).with("page", page));
    }
}
