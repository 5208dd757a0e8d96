package dev.cell.server.web;

import dev.cell.account.LoginRateLimiter;
import dev.cell.account.PasswordHasher;
import dev.cell.account.User;
import dev.cell.error.OAuthException;
import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.server.admin.UserAdmin;
import dev.cell.server.http.FormRequest;
import dev.cell.session.SessionEnder;
import dev.cell.session.SignedIn;
import dev.cell.store.ConsentStore;
import dev.cell.store.UserStore;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The account page {@code /account} for a signed-in user: their sessions (end one, or sign out everywhere), the applications
 * with access (removing one forgets the consent and ends its grants, RFC 6749 §10.2), and a password change that needs the
 * current password and ends every other session's grants (RFC 9700 §4.14.2). Every form carries the browser's CSRF token;
 * every change follows Post/Redirect/Get.
 */
public final class AccountEndpoint {
    static final String PATH = "/account";
    /** The flash messages a redirect back to the page may name ({@code done}); anything else shows none. */
    private static final Set<String> DONE = Set.of("password_changed", "session_ended", "access_removed");
    private static final int MAX_PASSWORD = 1024;

    private final SignedInUsers signedIn;
    private final PasswordSignIn signIn;
    private final SessionEnder ender;
    private final UserStore users;
    private final ConsentStore consents;
    private final AccountView view;
    private final PasswordHasher hasher;
    private final LoginRateLimiter limiter;
    private final BrowserCookies cookies;
    private final Pages pages;
    private final AuditSink audit;
    private final Clock clock;
    private final int maxRequestBytes;

    public AccountEndpoint(SignedInUsers signedIn, PasswordSignIn signIn, SessionEnder ender, UserStore users, ConsentStore consents,
            AccountView view, PasswordHasher hasher, LoginRateLimiter limiter, BrowserCookies cookies, Pages pages, AuditSink audit, Clock clock,
            int maxRequestBytes) {
        this.signedIn = signedIn;
        this.signIn = signIn;
        this.ender = ender;
        this.users = users;
        this.consents = consents;
        this.view = view;
        this.hasher = hasher;
        this.limiter = limiter;
        this.cookies = cookies;
        this.pages = pages;
        this.audit = audit;
        this.clock = clock;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void get(Context ctx) {
        Messages m = messages(ctx);
        SignedIn who = signedIn.of(ctx).orElse(null);
        if (who == null) {
            renderLogin(ctx, 200, m, "", null, false);
            return;
        }
        String done = ctx.queryParam("done");
        render(ctx, 200, m, who, done != null && DONE.contains(done) ? m.get("account.done." + done) : null, null);
    }

    /** Signs in for the account page itself, under the same limits and audit as the login page (RFC 9700 §4.13). */
    public void login(Context ctx) {
        Map<String, String> form = FormRequest.readBody(ctx, maxRequestBytes);
        String browserId = cookies.browser(ctx);
        cookies.csrf().check(form.get("csrf"), browserId);
        Messages m = messages(ctx);
        switch (signIn.signIn(ctx, form, browserId, m, null, "account")) {
            case PasswordSignIn.Result.Refused r -> renderLogin(ctx, r.status(), m, r.username(), r.message(), true);
            case PasswordSignIn.Result.Done d -> ctx.redirect(PATH, HttpStatus.SEE_OTHER);
        }
    }

    /** Ends one of the user's sessions ({@code session}), or all of them ({@code all}); ending this one signs out here. */
    public void endSession(Context ctx) {
        Map<String, String> form = FormRequest.readBody(ctx, maxRequestBytes);
        SignedIn who = checked(ctx, form);
        String sid = form.get("session");
        boolean all = "yes".equals(form.get("all"));
        if (all) {
            ender.endUser(who.user().id(), null);
        } else if (sid == null || !ender.endSessionOf(who.user().id(), sid)) {
            throw OAuthException.invalidRequest("no such session of yours; it may have ended already");
        }
        audit.record(AuditEvent.success("session.ended", who.user().id(), null, ctx.ip()).with("user", who.user().id())
                .with("sessions", all ? "all" : "1"));
        if (all || sid.equals(who.session().sid())) {
            cookies.clearSession(ctx);
            Map<String, Object> page = new HashMap<>();
            page.put("m", messages(ctx));
            pages.render(ctx, 200, "logged_out.jte", page);
            return;
        }
        ctx.redirect(PATH + "?done=session_ended", HttpStatus.SEE_OTHER);
    }

    /** Removes an application's access: its consent is forgotten and every grant the user gave it ends. */
    public void revokeApplication(Context ctx) {
        Map<String, String> form = FormRequest.readBody(ctx, maxRequestBytes);
        SignedIn who = checked(ctx, form);
        String clientId = form.get("client_id");
        if (clientId == null || clientId.isEmpty()) {
            throw OAuthException.invalidRequest("client_id is missing");
        }
        boolean consented = consents.delete(who.user().id(), clientId);
        int grants = ender.endClient(who.user().id(), clientId);
        if (!consented && grants == 0) {
            throw OAuthException.invalidRequest("that application has no access to your account");
        }
        audit.record(AuditEvent.success("consent.revoked", who.user().id(), clientId, ctx.ip()).with("user", who.user().id())
                .with("grants", Integer.toString(grants)));
        ctx.redirect(PATH + "?done=access_removed", HttpStatus.SEE_OTHER);
    }

    /** Changes the password after checking the current one (counted against the login limits); ends every other session. */
    public void changePassword(Context ctx) {
        Map<String, String> form = FormRequest.readBody(ctx, maxRequestBytes);
        SignedIn who = checked(ctx, form);
        Messages m = messages(ctx);
        String current = form.getOrDefault("current_password", "");
        String next = form.getOrDefault("new_password", "");
        if (next.length() > MAX_PASSWORD || !next.equals(form.getOrDefault("new_password_again", ""))) {
            render(ctx, 400, m, who, null, m.get("account.error.mismatch"));
            return;
        }
        try {
            UserAdmin.checkPassword(next);
        } catch (IllegalArgumentException e) {
            render(ctx, 400, m, who, null, m.format("account.error.too_short", UserAdmin.MIN_PASSWORD));
            return;
        }
        User user = who.user();
        LoginRateLimiter.Attempt attempt = limiter.reserve(user.username(), user.id(), cookies.browser(ctx), ctx.ip());
        if (!attempt.allowed() || !hasher.verify(current, user.passwordHash())) {
            auditLogin(attempt.allowed() ? AuditEvent.FAILURE : PasswordSignIn.RATE_LIMITED, user, ctx.ip());
            render(ctx, attempt.allowed() ? 400 : 429, m, who, null,
                    attempt.allowed() ? m.get("account.error.current_password") : m.format("login.locked", Math.max(1, limiter.window().toMinutes())));
            return;
        }
        limiter.succeeded(attempt);
        users.updatePassword(user.id(), hasher.hash(next), clock.instant());
        ender.endUser(user.id(), who.session().sid());
        audit.record(AuditEvent.success("user.password_changed", user.id(), null, ctx.ip()).with("user", user.id())
                .with("username", user.username()));
        ctx.redirect(PATH + "?done=password_changed", HttpStatus.SEE_OTHER);
    }

    /** The signed-in user of a form post whose CSRF token is this browser's. */
    private SignedIn checked(Context ctx, Map<String, String> form) {
        cookies.csrf().check(form.get("csrf"), cookies.browser(ctx));
        return signedIn.of(ctx).orElseThrow(() -> OAuthException.invalidRequest("you are not signed in; sign in again"));
    }

    /** What was typed as a username is never logged: only the id of an account that exists. */
    private void auditLogin(String outcome, User user, String ip) {
        audit.record(new AuditEvent(PasswordSignIn.EVENT, outcome, user == null ? null : user.id(), null, ip, Map.of())
                .with("reason", user == null ? "unknown_user" : null).with("page", "account"));
    }

    private static Messages messages(Context ctx) {
        return Messages.choose(ctx.queryParam("ui_locales"), ctx.header("Accept-Language"));
    }

    private void render(Context ctx, int status, Messages m, SignedIn who, String done, String error) {
        Map<String, Object> page = new HashMap<>();
        page.put("m", m);
        page.put("csrf", cookies.csrf().token(cookies.browser(ctx)));
        page.put("username", who.user().username());
        page.put("sessions", view.sessions(who.user(), who.session(), m));
        page.put("applications", view.applications(who.user(), m));
        page.put("done", done);
        page.put("error", error);
        pages.render(ctx, status, "account.jte", page);
    }

    private void renderLogin(Context ctx, int status, Messages m, String username, String error, boolean failed) {
        Map<String, Object> page = new HashMap<>();
        page.put("m", m);
        page.put("csrf", cookies.csrf().token(cookies.browser(ctx)));
        page.put("username", username);
        page.put("error", error);
        page.put("failed", failed);
        pages.render(ctx, status, "account_login.jte", page);
    }
}
