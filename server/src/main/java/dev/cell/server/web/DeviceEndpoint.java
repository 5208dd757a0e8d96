package dev.cell.server.web;

import dev.cell.client.ClientRegistry;
import dev.cell.device.DeviceAuthorizations;
import dev.cell.device.DeviceAuthorizations.Lookup;
import dev.cell.device.UserCode;
import dev.cell.server.http.FormRequest;
import dev.cell.session.SignedIn;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The verification page {@code /device} of the device authorization grant (RFC 8628 §3.3): the person signs in (the login
 * form, under the login limits), enters the user code their device shows (or arrives with it from
 * {@code verification_uri_complete}), sees the client, the code to compare (§5.4) and the scopes, and allows or denies.
 * Every entered code counts against the guessing limits (§5.1); every form carries the browser's CSRF token.
 */
public final class DeviceEndpoint {
    public static final String PATH = "/device";
    public static final String LOGIN_PATH = "/device/login";

    private final DeviceAuthorizations device;
    private final SignedInUsers signedIn;
    private final PasswordSignIn signIn;
    private final ClientRegistry clients;
    private final ScopeTexts scopeTexts;
    private final BrowserCookies cookies;
    private final Pages pages;
    private final int maxRequestBytes;

    public DeviceEndpoint(DeviceAuthorizations device, SignedInUsers signedIn, PasswordSignIn signIn, ClientRegistry clients, ScopeTexts scopeTexts,
            BrowserCookies cookies, Pages pages, int maxRequestBytes) {
        this.device = device;
        this.signedIn = signedIn;
        this.signIn = signIn;
        this.clients = clients;
        this.scopeTexts = scopeTexts;
        this.cookies = cookies;
        this.pages = pages;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** The page, with the code from {@code verification_uri_complete} looked up at once when signed in. */
    public void get(Context ctx) {
        Messages m = messages(ctx);
        String typed = ctx.queryParam("user_code");
        SignedIn who = signedIn.of(ctx).orElse(null);
        if (who == null) {
            renderLogin(ctx, 200, m, typed, "", null, false);
        } else if (typed == null || typed.isBlank()) {
            renderEnter(ctx, 200, m, "", null);
        } else {
            decide(ctx, m, who, typed, null);
        }
    }

    /** An entered code ({@code user_code}), or the decision on it ({@code decision} allow or deny). */
    public void post(Context ctx) {
        Map<String, String> form = FormRequest.readBody(ctx, maxRequestBytes);
        String browserId = cookies.browser(ctx);
        cookies.csrf().check(form.get("csrf"), browserId);
        Messages m = messages(ctx);
        String typed = form.getOrDefault("user_code", "");
        SignedIn who = signedIn.of(ctx).orElse(null);
        if (who == null) {
            renderLogin(ctx, 200, m, typed, "", null, false);
            return;
        }
        decide(ctx, m, who, typed, form.get("decision"));
    }

    /** Signs in for this page, then shows it again with the code that came along. */
    public void login(Context ctx) {
        Map<String, String> form = FormRequest.readBody(ctx, maxRequestBytes);
        String browserId = cookies.browser(ctx);
        cookies.csrf().check(form.get("csrf"), browserId);
        Messages m = messages(ctx);
        String typed = form.get("user_code");
        switch (signIn.signIn(ctx, form, browserId, m, null, "device")) {
            case PasswordSignIn.Result.Refused r -> renderLogin(ctx, r.status(), m, typed, r.username(), r.message(), true);
            case PasswordSignIn.Result.Done d -> ctx.redirect(UserCode.normalize(typed)
                    .map(c -> PATH + "?user_code=" + URLEncoder.encode(UserCode.format(c), StandardCharsets.UTF_8)).orElse(PATH), HttpStatus.SEE_OTHER);
        }
    }

    /** Looks the code up; without a decision shows it for one, else records the decision. */
    private void decide(Context ctx, Messages m, SignedIn who, String typed, String decision) {
        switch (device.lookup(typed, ctx.ip())) {
            case Lookup.Limited l -> {
                ctx.header("Retry-After", Long.toString(l.retryAfter().toSeconds()));
                renderEnter(ctx, 429, m, "", m.format("device.error.limited", Math.max(1, l.retryAfter().toMinutes())));
            }
            case Lookup.NotFound n -> renderEnter(ctx, 400, m, shown(typed), m.get("device.error.unknown"));
            case Lookup.Found f when "allow".equals(decision) -> done(ctx, m, device.approve(f.request(), who, ctx.ip()), true);
            case Lookup.Found f when "deny".equals(decision) -> done(ctx, m, device.deny(f.request(), who, ctx.ip()), false);
            case Lookup.Found f -> renderConfirm(ctx, m, who, f);
        }
    }

    /** The end page; when the request was decided or expired meanwhile, the code page with the error instead. */
    private void done(Context ctx, Messages m, boolean decided, boolean approved) {
        if (!decided) {
            renderEnter(ctx, 400, m, "", m.get("device.error.unknown"));
            return;
        }
        Map<String, Object> page = new HashMap<>();
        page.put("m", m);
        page.put("approved", approved);
        pages.render(ctx, 200, "device_done.jte", page);
    }

    private void renderConfirm(Context ctx, Messages m, SignedIn who, Lookup.Found f) {
        String clientId = f.request().clientId();
        ClientCard client = ClientCard.of(clients.find(clientId).orElse(null), clientId);
        Map<String, Object> page = new HashMap<>();
        page.put("m", m);
        page.put("csrf", cookies.csrf().token(cookies.browser(ctx)));
        page.put("userCode", f.userCode());
        page.put("client", client);
        page.put("username", who.user().username());
        page.put("scopes", scopeTexts.lines(m, new TreeSet<>(f.request().scopes())));
        pages.render(ctx, 200, "device_confirm.jte", page, client.logoOrigin());
    }

    private void renderEnter(Context ctx, int status, Messages m, String userCode, String error) {
        Map<String, Object> page = new HashMap<>();
        page.put("m", m);
        page.put("csrf", cookies.csrf().token(cookies.browser(ctx)));
        page.put("userCode", userCode);
        page.put("error", error);
        pages.render(ctx, status, "device.jte", page);
    }

    /** The login form, carrying the code along when it is one. */
    private void renderLogin(Context ctx, int status, Messages m, String typed, String username, String error, boolean failed) {
        Map<String, String> hidden = new HashMap<>();
        UserCode.normalize(typed).ifPresent(c -> hidden.put("user_code", UserCode.format(c)));
        LoginEndpoint.render(ctx, pages, status, m, LOGIN_PATH, hidden, cookies.csrf().token(cookies.browser(ctx)), m.get("device.login_lead"),
                username, error, failed);
    }

    /** What was typed, to show again in the field: only a code's shown form, never arbitrary input. */
    private static String shown(String typed) {
        return UserCode.normalize(typed).map(UserCode::format).orElse("");
    }

    private static Messages messages(Context ctx) {
        return Messages.choose(ctx.queryParam("ui_locales"), ctx.header("Accept-Language"));
    }
}
