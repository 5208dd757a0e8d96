package dev.cell.server.web;

import dev.cell.authorize.AuthorizationRequest;
import dev.cell.authorize.Browser;
import dev.cell.authorize.PendingAuthorization;
import dev.cell.client.ClientRegistry;
import dev.cell.server.http.FormRequest;
import dev.cell.session.SignedIn;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The consent page {@code /oauth/confirm_access}: the client's name and each scope in plain words; Allow issues
 * the code and is remembered, Deny returns {@code access_denied} (RFC 6749 §4.1.2.1). Also takes the retired
 * Spring Security OAuth form field {@code user_oauth_approval=true|false}. Each decision goes to the audit trail
 * ({@link dev.cell.authorize.AuthorizationService#consent}).
 */
public final class ConsentEndpoint {
    private final AuthorizationHttp http;
    private final ClientRegistry clients;
    private final ScopeTexts scopeTexts;
    private final BrowserCookies cookies;
    private final Pages pages;
    private final int maxRequestBytes;

    public ConsentEndpoint(AuthorizationHttp http, ClientRegistry clients, ScopeTexts scopeTexts, BrowserCookies cookies, Pages pages,
            int maxRequestBytes) {
        this.http = http;
        this.clients = clients;
        this.scopeTexts = scopeTexts;
        this.cookies = cookies;
        this.pages = pages;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void get(Context ctx) {
        Browser browser = http.browser(ctx);
        PendingAuthorization p = http.pending(browser, ctx.queryParam("request"), ctx.queryParam("client_id"));
        AuthorizationRequest request = p.request();
        SignedIn signedIn = browser.signedIn();
        if (signedIn == null) {
            http.respond(ctx, http.service().resume(p, browser));
            return;
        }
        Map<String, Object> params = new HashMap<>();
        Messages m = Messages.choose(request.uiLocales().isEmpty() ? null : String.join(" ", request.uiLocales()),
                ctx.header("Accept-Language"));
        params.put("m", m);
        params.put("requestId", p.id());
        params.put("clientId", p.clientId());
        params.put("csrf", cookies.csrf().token(cookies.browser(ctx)));
        ClientCard client = ClientCard.of(clients.find(p.clientId()).orElse(null), p.clientId());
        params.put("client", client);
        params.put("destination", ClientCard.destination(request.redirectUri()));
        params.put("loopback", ClientCard.loopback(request.redirectUri()));
        params.put("username", signedIn.user().username());
        params.put("scopes", scopeTexts.lines(m, new TreeSet<>(request.consentScopes())));
        pages.render(ctx, 200, "consent.jte", params, client.logoOrigin());
    }

    public void post(Context ctx) {
        Map<String, String> form = FormRequest.readBody(ctx, maxRequestBytes);
        Browser browser = http.browser(ctx);
        PendingAuthorization p = http.pending(browser, form.get("request"), form.get("client_id"));
        cookies.csrf().check(form.get("csrf"), cookies.browser(ctx));
        boolean allow = "allow".equals(form.get("decision")) || "true".equals(form.get("user_oauth_approval"));
        http.respond(ctx, http.service().consent(p, browser, allow, approvedScopes(p.request().consentScopes(), form)));
    }

    /**
     * Spring Security OAuth's consent form lets the user approve scope by scope with {@code scope.<name>=true|false};
     * without such fields every requested scope is approved.
     */
    private static Set<String> approvedScopes(Set<String> requested, Map<String, String> form) {
        boolean perScope = form.keySet().stream().anyMatch(k -> k.startsWith("scope."));
        if (!perScope) {
            return requested;
        }
        Set<String> approved = new LinkedHashSet<>();
        for (String s : requested) {
            if ("true".equals(form.get("scope." + s))) {
                approved.add(s);
            }
        }
        return approved;
    }
}
