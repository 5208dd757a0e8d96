package dev.cell.server.web;

import dev.cell.authorize.AuthorizationRequest;
import dev.cell.authorize.Browser;
import dev.cell.authorize.PendingAuthorization;
import dev.cell.client.ClientRegistry;
import dev.cell.server.http.FormRequest;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The login page {@code /oauth/login} of a pending authorization request: a {@link PasswordSignIn} (limits per account and
 * address, Argon2id, a new session, the audit trail; RFC 9700 §4.13), then the request goes on.
 */
public final class LoginEndpoint {
    static final String PATH = "/oauth/login";

    private final AuthorizationHttp http;
    private final ClientRegistry clients;
    private final PasswordSignIn signIn;
    private final BrowserCookies cookies;
    private final Pages pages;
    private final int maxRequestBytes;

    public LoginEndpoint(AuthorizationHttp http, ClientRegistry clients, PasswordSignIn signIn, BrowserCookies cookies, Pages pages,
            int maxRequestBytes) {
        this.http = http;
        this.clients = clients;
        this.signIn = signIn;
        this.cookies = cookies;
        this.pages = pages;
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
        Messages m = messages(ctx, p.request());
        switch (signIn.signIn(ctx, form, browserId, m, p.clientId(), null)) {
            case PasswordSignIn.Result.Refused r -> render(ctx, r.status(), m, p, r.username(), r.message(), true);
            case PasswordSignIn.Result.Done d -> http.respond(ctx, http.service().loggedIn(p, browser.signedInAs(d.signedIn())));
        }
    }

    private Messages messages(Context ctx, AuthorizationRequest request) {
        return Messages.choose(request.uiLocales().isEmpty() ? null : String.join(" ", request.uiLocales()), ctx.header("Accept-Language"));
    }

    /** @param failed a sign-in just failed: the fields are marked invalid and the password field takes the focus */
    private void render(Context ctx, int status, Messages m, PendingAuthorization p, String username, String error, boolean failed) {
        Map<String, String> hidden = new LinkedHashMap<>();
        hidden.put("request", p.id());
        hidden.put("client_id", p.clientId());
        String clientName = ClientCard.shownName(clients.find(p.clientId()).orElse(null), p.clientId());
        render(ctx, pages, status, m, PATH, hidden, cookies.csrf().token(cookies.browser(ctx)), m.format("login.lead", clientName), username,
                error, failed);
    }

    /**
     * Renders the login form, for this page and any other that needs the person signed in first.
     *
     * @param action where the form posts to
     * @param hidden the form's hidden fields besides the CSRF token
     * @param failed a sign-in just failed: the fields are marked invalid and the password field takes the focus
     */
    static void render(Context ctx, Pages pages, int status, Messages m, String action, Map<String, String> hidden, String csrf, String lead,
            String username, String error, boolean failed) {
        Map<String, Object> params = new HashMap<>();
        params.put("m", m);
        params.put("action", action);
        params.put("hidden", hidden);
        params.put("csrf", csrf);
        params.put("lead", lead);
        params.put("username", username);
        params.put("error", error);
        params.put("failed", failed);
        pages.render(ctx, status, "login.jte", params);
    }
}
