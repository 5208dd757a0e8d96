package dev.cell.demo.client;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code POST /logout}: ends the app's session, then Cell's, through RP-initiated logout with the ID token as hint. */
final class LogoutServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient CellOidc oidc;

    LogoutServlet(CellOidc oidc) {
        this.oidc = oidc;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        SignedIn user = Sessions.user(req);
        if (user == null || !Sessions.csrfOk(req)) {
            res.sendRedirect("/");
            return;
        }
        req.getSession().invalidate();
        try {
            res.sendRedirect(oidc.logoutUrl(user.idToken()).toString());
        } catch (DemoException e) {
            Sessions.html(res, 502, Html.error(e.getMessage()));
        }
    }
}
