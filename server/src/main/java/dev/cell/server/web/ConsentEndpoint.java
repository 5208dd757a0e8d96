package dev.cell.server.web;

import dev.cell.authorize.AuthorizationRequest;
import dev.cell.authorize.PendingAuthorization;
import dev.cell.client.ClientRegistry;
import dev.cell.consent.Consent;
import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.server.http.FormRequest;
import dev.cell.store.ConsentStore;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The consent page {@code /oauth/confirm_access}: the client's name and each scope in plain words; Allow issues
 * the code and is remembered, Deny returns {@code access_denied} (RFC 6749 §4.1.2.1). Also takes the retired
 * Spring Security OAuth form field {@code user_oauth_approval=true|false}. Each decision goes to the audit trail.
 */
public final class ConsentEndpoint {
    static final String GRANTED = "consent.granted";
    static final String DENIED = "consent.denied";

    private final AuthorizationFlow flow;
    private final ClientRegistry clients;
    private final ConsentStore consents;
    private final ScopeTexts scopeTexts;
    private final BrowserCookies cookies;
    private final Pages pages;
    private final Clock clock;
    private final AuditSink audit;
    private final int maxRequestBytes;

    public ConsentEndpoint(AuthorizationFlow flow, ClientRegistry clients, ConsentStore consents, ScopeTexts scopeTexts,
            BrowserCookies cookies, Pages pages, Clock clock, AuditSink audit, int maxRequestBytes) {
        this.flow = flow;
        this.clients = clients;
        this.consents = consents;
        this.scopeTexts = scopeTexts;
        this.cookies = cookies;
        this.pages = pages;
        this.clock = clock;
        this.audit = audit;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void get(Context ctx) {
        PendingAuthorization p = flow.pending(ctx, ctx.queryParam("request"), ctx.queryParam("client_id"));
        AuthorizationRequest request = AuthorizationRequest.fromParameters(p.parameters());
        AuthorizationFlow.SignedIn signedIn = flow.signedIn(ctx).orElse(null);
        if (signedIn == null) {
            flow.proceed(ctx, request, p, false);
            return;
        }
        Map<String, Object> params = new HashMap<>();
        Messages m = Messages.choose(request.uiLocales().isEmpty() ? null : String.join(" ", request.uiLocales()),
                ctx.header("Accept-Language"));
        params.put("m", m);
        params.put("requestId", p.id());
        params.put("clientId", p.clientId());
        params.put("csrf", cookies.csrf().token(cookies.browser(ctx)));
        params.put("clientName", clients.find(p.clientId()).map(c -> c.clientName()).orElse(p.clientId()));
        params.put("username", signedIn.user().username());
        params.put("scopes", scopeTexts.lines(m, new TreeSet<>(request.consentScopes())));
        pages.render(ctx, 200, "consent.jte", params);
    }

    public void post(Context ctx) {
        Map<String, String> form = FormRequest.readBody(ctx, maxRequestBytes);
        PendingAuthorization p = flow.pending(ctx, form.get("request"), form.get("client_id"));
        cookies.csrf().check(form.get("csrf"), cookies.browser(ctx));
        AuthorizationRequest request = AuthorizationRequest.fromParameters(p.parameters());
        AuthorizationFlow.SignedIn signedIn = flow.signedIn(ctx).orElse(null);
        if (signedIn == null) {
            flow.proceed(ctx, request, p, false);
            return;
        }
        boolean allow = "allow".equals(form.get("decision")) || "true".equals(form.get("user_oauth_approval"));
        Set<String> approved = approvedScopes(request.consentScopes(), form);
        if (!allow || approved.isEmpty()) {
            audit.record(AuditEvent.success(DENIED, signedIn.user().id(), request.clientId(), ctx.ip()));
            flow.deny(ctx, request, p);
            return;
        }
        request = request.withScopes(approved);
        Set<String> scopes = new LinkedHashSet<>(approved);
        consents.find(signedIn.user().id(), request.clientId()).ifPresent(c -> scopes.addAll(c.scopes()));
        consents.save(new Consent(signedIn.user().id(), request.clientId(), scopes, clock.instant()));
        audit.record(AuditEvent.success(GRANTED, signedIn.user().id(), request.clientId(), ctx.ip())
                .with("scope", String.join(" ", new TreeSet<>(approved))));
        flow.proceed(ctx, request, p, true);
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
