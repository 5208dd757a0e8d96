package dev.cell.demo.client;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /login}: remembers a new state, nonce and PKCE verifier, then sends the browser to Cell (RFC 6749 §4.1.1). */
final class LoginServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient CellOidc oidc;

    LoginServlet(CellOidc oidc) {
        this.oidc = oidc;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        PendingSignIn pending = PendingSignIn.create();
        try {
            String target = oidc.authorizationUrl(pending).toString();
            req.getSession().setAttribute(Sessions.PENDING, pending);
            res.sendRedirect(target);
        } catch (DemoException e) {
            Sessions.html(res, 502, Html.error(e.getMessage()));
        }
    }
}
