package dev.cell.demo.client;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** What the app keeps in the servlet session, the CSRF token of its forms, and writing its pages. */
final class Sessions {
    static final String PENDING = "pendingSignIn";
    static final String USER = "signedIn";
    private static final String CSRF = "csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sessions() {}

    /** The signed-in user, or null; a session whose Cell session ended (back-channel logout) ends here. */
    static SignedIn user(HttpServletRequest req) {
        HttpSession s = req.getSession(false);
        SignedIn user = s == null ? null : (SignedIn) s.getAttribute(USER);
        if (user != null && EndedSessions.of(req.getServletContext()).ended(user)) {
            s.invalidate();
            return null;
        }
        return user;
    }

    static String csrf(HttpServletRequest req) {
        HttpSession s = req.getSession();
        String token = (String) s.getAttribute(CSRF);
        if (token == null) {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            s.setAttribute(CSRF, token);
        }
        return token;
    }

    /** True when the form's {@code csrf} field matches the session's token. */
    static boolean csrfOk(HttpServletRequest req) {
        HttpSession s = req.getSession(false);
        String expected = s == null ? null : (String) s.getAttribute(CSRF);
        String given = req.getParameter(CSRF);
        return expected != null && given != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    static void html(HttpServletResponse res, int status, String page) throws IOException {
        res.setStatus(status);
        res.setContentType("text/html;charset=utf-8");
        res.setHeader("Cache-Control", "no-store");
        res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        res.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
    }
}
