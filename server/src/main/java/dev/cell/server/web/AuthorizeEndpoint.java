package dev.cell.server.web;

import dev.cell.authorize.AuthorizationRedirectException;
import dev.cell.authorize.AuthorizationRequest;
import dev.cell.authorize.AuthorizationRequestValidator;
import dev.cell.server.http.FormParser;
import dev.cell.server.http.FormRequest;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The authorization endpoint {@code /oauth/authorize} (RFC 6749 §3.1, GET and POST): client and redirect URI are
 * checked first and shown on the error page when wrong; every later error goes to the redirect URI.
 */
public final class AuthorizeEndpoint {
    private final AuthorizationRequestValidator validator;
    private final AuthorizationFlow flow;
    private final AuthorizationResponses responses;
    private final int maxRequestBytes;

    public AuthorizeEndpoint(AuthorizationRequestValidator validator, AuthorizationFlow flow, AuthorizationResponses responses,
            int maxRequestBytes) {
        this.validator = validator;
        this.flow = flow;
        this.responses = responses;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void get(Context ctx) {
        handle(ctx, FormParser.parse(ctx.queryString()));
    }

    public void post(Context ctx) {
        handle(ctx, FormRequest.readBody(ctx, maxRequestBytes));
    }

    private void handle(Context ctx, Map<String, String> params) {
        AuthorizationRequest request;
        try {
            request = validator.validate(params);
        } catch (AuthorizationRedirectException e) {
            responses.error(ctx, e.redirectUri(), e.responseMode(), e.error().code(), e.description(), e.state());
            return;
        }
        flow.proceed(ctx, request, null, false);
    }
}
