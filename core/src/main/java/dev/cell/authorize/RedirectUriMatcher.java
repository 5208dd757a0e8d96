package dev.cell.authorize;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redirect URI comparison by exact string (RFC 9700 §4.1.1), except that a native client's loopback IP
 * redirect URI may use any port (RFC 8252 §7.3). {@code localhost} gets no such exception (RFC 8252 §8.3).
 */
public final class RedirectUriMatcher {
    /** {@code http://127.0.0.1[:port]} or {@code http://[::1][:port]}, then a path or query and no fragment. */
    private static final Pattern LOOPBACK = Pattern.compile("http://(127\\.0\\.0\\.1|\\[::1])(?::(\\d{1,5}))?([/?][^#]*)?");

    private RedirectUriMatcher() {}

    /** True if {@code presented} is one of the {@code registered} redirect URIs. */
    public static boolean matches(List<String> registered, String presented) {
        if (presented == null) {
            return false;
        }
        for (String r : registered) {
            if (r.equals(presented) || loopbackMatch(r, presented)) {
                return true;
            }
        }
        return false;
    }

    private static boolean loopbackMatch(String registered, String presented) {
        Matcher r = LOOPBACK.matcher(registered);
        Matcher p = LOOPBACK.matcher(presented);
        if (!r.matches() || !p.matches() || !r.group(1).equals(p.group(1))) {
            return false;
        }
        if (p.group(2) != null) {
            int port = Integer.parseInt(p.group(2));
            if (port < 1 || port > 65535) {
                return false;
            }
        }
        return Objects.equals(pathAndQuery(r), pathAndQuery(p));
    }

    private static String pathAndQuery(Matcher m) {
        String rest = m.group(3);
        return rest == null ? "" : rest;
    }
}
