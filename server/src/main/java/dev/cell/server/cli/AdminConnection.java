package dev.cell.server.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The admin API of a running server and the credentials to call it: a bearer token (RFC 6750 §2.1), or a client's
 * credentials to get one (RFC 6749 §4.4), at {@code tokenEndpoint} or the one discovery names when that is null.
 *
 * @param server the server's URL, without {@code /admin/api/v1}
 */
record AdminConnection(URI server, String token, String clientId, String clientSecret, URI tokenEndpoint) {
    static final String API = "/admin/api/v1";

    static AdminConnection withToken(URI server, String token) {
        return new AdminConnection(server, token, null, null, null);
    }

    static AdminConnection withClient(URI server, String clientId, String clientSecret, URI tokenEndpoint) {
        return new AdminConnection(server, null, clientId, clientSecret, tokenEndpoint);
    }

    /**
     * An absolute http(s) URL without query or fragment, trailing slashes and {@value #API} removed. Plain http only to a
     * loopback host: credentials and tokens must not cross a network in the clear (RFC 6749 §2.3.1, RFC 6750 §5.3).
     */
    static URI url(String option, String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw CommandFailure.badInput(option + " is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw CommandFailure.badInput(option + " must be an http(s) URL without user, query or fragment, e.g. https://id.example.com");
        }
        if (scheme.equals("http") && !loopback(uri.getHost())) {
            throw CommandFailure.badInput(option + " must use https: plain http is allowed only to a loopback address (localhost, 127.0.0.1, [::1])");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        if (path.endsWith(API)) {
            path = path.substring(0, path.length() - API.length());
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    private static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    /** The admin API's URL of {@code path} (which starts with {@code /}). */
    URI api(String path) {
        return URI.create(server + API + path);
    }

    @Override
    public String toString() {
        return "AdminConnection[" + server + "]";     // never the token or the secret
    }
}
