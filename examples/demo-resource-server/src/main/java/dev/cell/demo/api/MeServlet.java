package dev.cell.demo.api;

import dev.cell.resource.BearerTokenFilter;
import dev.cell.resource.TokenPrincipal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.TreeSet;

/** {@code GET /api/me}: what the access token says about its caller; any valid token will do. */
final class MeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        TokenPrincipal me = BearerTokenFilter.principal(req);
        Json.write(res, 200, Map.of("sub", me.subject(), "client_id", me.clientId(), "scope", String.join(" ", new TreeSet<>(me.scopes())),
                "exp", me.claims().get("exp"), "aud", me.claims().get("aud")));
    }
}
