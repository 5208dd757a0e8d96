package dev.cell.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which redirect URIs may be registered (RFC 6749 section 3.1.2, RFC 9700 section 2.6, RFC 8252 section 7): https, http to a
 * loopback host, or a native app's private-use scheme; absolute, without fragment, userinfo or wildcard.
 */
public final class RedirectUriPolicy {
    /** Schemes that run code or read local content in a browser instead of reaching a client. */
    private static final Set<String> DENIED_SCHEMES = Set.of("javascript", "data", "vbscript", "file", "about", "blob");
    /** Hosts a native app's redirect URI may reach over plain http (RFC 8252 section 7.3, section 8.3). */
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");
    /** A scheme as RFC 3986 section 3.1 defines it, read before the rest is parsed. */
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):.*", Pattern.DOTALL);

    private RedirectUriPolicy() {}

    /** True if {@code uri} may be registered as a redirect URI. */
    public static boolean allowed(String uri) {
        if (uri == null) {
            return false;
        }
        try {
            check(uri);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Checks one redirect or post-logout redirect URI.
     *
     * @throws IllegalArgumentException naming the rule it breaks, in printable ASCII without the URI itself
     */
    public static void check(String uri) {
        Matcher scheme = SCHEME.matcher(uri);
        if (scheme.matches() && DENIED_SCHEMES.contains(scheme.group(1).toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("the " + scheme.group(1).toLowerCase(Locale.ROOT)
                    + " scheme is never a redirect URI: use https, http to a loopback address or a private-use scheme");
        }
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URI (RFC 3986)");
        }
        if (!u.isAbsolute()) {
            throw new IllegalArgumentException("must be an absolute URI (RFC 6749 section 3.1.2)");
        }
        if (u.getRawFragment() != null) {
            throw new IllegalArgumentException("must not have a fragment (RFC 6749 section 3.1.2)");
        }
        if (uri.contains("*")) {
            throw new IllegalArgumentException("wildcards are not supported: redirect URIs are compared as exact strings (RFC 9700 section 4.1.3)");
        }
        if (u.getRawUserInfo() != null || (u.getRawAuthority() != null && u.getRawAuthority().contains("@"))) {
            throw new IllegalArgumentException("must not have userinfo (user@ before the host, RFC 9700 section 4.1.1)");
        }
        switch (u.getScheme().toLowerCase(Locale.ROOT)) {
            case "https" -> requireHost(u);
            case "http" -> {
                requireHost(u);
                if (!LOOPBACK_HOSTS.contains(u.getHost().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("http is allowed only to a loopback address (127.0.0.1, [::1], localhost); "
                            + "use https (RFC 9700 section 2.6)");
                }
            }
            default -> privateUse(u);
        }
    }

    private static void requireHost(URI u) {
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw new IllegalArgumentException("an http or https redirect URI needs a host");
        }
    }

    /** A native app's private-use scheme is a reversed domain name, so it contains a period (RFC 8252 section 7.1). */
    private static void privateUse(URI u) {
        if (!u.getScheme().contains(".")) {
            throw new IllegalArgumentException("use https, http to a loopback address, or a native app's private-use scheme "
                    + "in reverse domain name form such as com.example.app:/cb (RFC 8252 section 7.1)");
        }
        if (u.isOpaque()) {
            throw new IllegalArgumentException("a private-use scheme redirect URI needs a path, such as com.example.app:/cb "
                    + "(RFC 8252 section 7.1)");
        }
    }
}
