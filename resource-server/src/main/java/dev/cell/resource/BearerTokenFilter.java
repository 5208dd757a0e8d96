package dev.cell.resource;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Collections;

/**
 * A Jakarta Servlet filter that lets through only requests with a valid bearer token (RFC 6750 §2.1), or a DPoP-bound
 * token with its proof (RFC 9449 §7.1), holding the required scopes. The {@link TokenPrincipal} becomes the request's user principal; a {@link TokenException} thrown further down the
 * chain (say by {@link TokenPrincipal#requireScopes}) is answered like the filter's own refusals (RFC 6750 §3).
 */
public final class BearerTokenFilter implements Filter {
    private static final System.Logger LOG = System.getLogger(BearerTokenFilter.class.getName());

    private final ResourceServer resourceServer;
    private final String[] requiredScopes;

    public BearerTokenFilter(ResourceServer resourceServer, String... requiredScopes) {
        this.resourceServer = resourceServer;
        this.requiredScopes = requiredScopes.clone();
    }

    /** The principal the filter put on this request. */
    public static TokenPrincipal principal(HttpServletRequest request) {
        return (TokenPrincipal) request.getUserPrincipal();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        try {
            TokenPrincipal principal = resourceServer.authenticate(request.getHeader("Authorization"),
                    Collections.list(request.getHeaders("DPoP")), request.getMethod(), URI.create(request.getRequestURL().toString()))
                    .requireScopes(requiredScopes);
            chain.doFilter(new Authenticated(request, principal), response);
        } catch (TokenException e) {
            refuse(response, e);
        }
    }

    private void refuse(HttpServletResponse response, TokenException e) throws IOException {
        if (response.isCommitted()) {
            throw e;
        }
        response.reset();
        response.setStatus(e.status());
        response.setHeader("Cache-Control", "no-store");
        for (String challenge : resourceServer.challenges(e)) {
            response.addHeader("WWW-Authenticate", challenge);
        }
        String code = e.error().code();
        if (code == null && e.status() == 503) {
            LOG.log(System.Logger.Level.WARNING, "cannot check an access token: " + e.getMessage(), e.getCause());
            code = "temporarily_unavailable";
        }
        if (code != null) {
            String description = e.status() == 503 ? "the authorization server cannot be reached" : BearerChallenge.description(e.getMessage());
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"error\":\"" + code + "\",\"error_description\":\"" + description + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The request as the application sees it: its user principal is the token's. */
    private static final class Authenticated extends HttpServletRequestWrapper {
        private final TokenPrincipal principal;

        Authenticated(HttpServletRequest request, TokenPrincipal principal) {
            super(request);
            this.principal = principal;
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public String getAuthType() {
            return "Bearer";
        }
    }
}
