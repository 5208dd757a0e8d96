package dev.cell.session;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code sid} claim (OIDC Front-Channel Logout 1.0 §3, Back-Channel Logout 1.0 §2.1): the login session a token was
 * issued through, carried by ID tokens, access tokens and the claims stored with refresh tokens, so that ending the session
 * (its id on the deny list) reaches every one of them.
 */
public final class Sid {
    public static final String CLAIM = "sid";

    private Sid() {}

    /** The claims with {@code sid} added, or the claims as they are when there is no session. */
    public static Map<String, Object> with(Map<String, Object> claims, String sessionId) {
        if (sessionId == null) {
            return claims;
        }
        Map<String, Object> out = new LinkedHashMap<>(claims);
        out.put(CLAIM, sessionId);
        return out;
    }

    /** The {@code sid} among the claims, or null. */
    public static String in(Map<String, Object> claims) {
        return claims.get(CLAIM) instanceof String s ? s : null;
    }
}
