package dev.cell.server.web;

import dev.cell.error.OAuthException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CSRF token of a browser's forms: HMAC-SHA256 (RFC 2104) of its browser id under a server key every node shares, so
 * whoever can plant a {@code cell_browser} cookie still cannot compute the token; checked in constant time.
 */
public final class Csrf {
    /** The name of the server secret that keys the tokens. */
    public static final String SECRET = "csrf";
    private static final String MAC = "HmacSHA256";

    private final SecretKeySpec key;

    public Csrf(byte[] key) {
        this.key = new SecretKeySpec(key, MAC);
    }

    /** The token this browser's forms carry. */
    public String token(String browserId) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(("csrf:" + browserId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Refuses a form whose token is not this browser's. */
    public void check(String presented, String browserId) {
        String expected = token(browserId);
        if (presented == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII))) {
            throw OAuthException.invalidRequest("the form has expired or did not come from this site (CSRF check failed); start again");
        }
    }
}
