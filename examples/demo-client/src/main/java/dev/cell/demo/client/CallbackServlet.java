package dev.cell.demo.client;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * {@code GET /callback}: the authorization response (RFC 6749 §4.1.2). Checks {@code state} and {@code iss} (RFC 9207),
 * redeems the code, validates the ID token, and starts the signed-in session under a new session id.
 */
final class CallbackServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient CellOidc oidc;

    CallbackServlet(CellOidc oidc) {
        this.oidc = oidc;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        HttpSession session = req.getSession(false);
        PendingSignIn pending = session == null ? null : (PendingSignIn) session.getAttribute(Sessions.PENDING);
        if (pending == null || !pending.state().getValue().equals(req.getParameter("state"))) {
            Sessions.html(res, 400, Html.error("This sign-in was not started here (state mismatch). Please sign in again."));
            return;
        }
        session.removeAttribute(Sessions.PENDING);
        try {
            if (!oidc.fromCell(req.getParameter("iss"))) {
                Sessions.html(res, 400, Html.error("The answer did not come from Cell (iss mismatch)."));
                return;
            }
            if (req.getParameter("error") != null) {
                Sessions.html(res, 200, Html.signedOut("Sign-in ended: " + req.getParameter("error")));
                return;
            }
            SignedIn user = oidc.signIn(new AuthorizationCode(req.getParameter("code")), pending);
            req.changeSessionId();
            session.setAttribute(Sessions.USER, user);
            res.sendRedirect("/");
        } catch (DemoException | IllegalArgumentException e) {
            Sessions.html(res, 502, Html.error(e.getMessage()));
        }
    }
}
