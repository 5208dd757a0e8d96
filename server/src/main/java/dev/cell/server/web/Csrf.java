package dev.cell.server.web;

import dev.cell.error.OAuthException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks a form's CSRF token against the one derived from this browser's cookie, in constant time. */
final class Csrf {
    private Csrf() {}

    static void check(String presented, String browserId) {
        String expected = BrowserCookies.csrf(browserId);
        if (presented == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII))) {
            throw OAuthException.invalidRequest("the form has expired or did not come from this site (CSRF check failed); start again");
        }
    }
}
