package dev.cell.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A Client Identifier URL (draft-ietf-oauth-client-id-metadata-document §3): https, a host, a path, no userinfo, no
 * single- or double-dot path segment, no fragment; Cell also refuses a query (the draft's SHOULD NOT) and more than
 * {@value #MAX_LENGTH} characters (the longest client id Cell stores). Compared as an exact string, never normalised.
 */
public final class ClientIdUrl {
    public static final int MAX_LENGTH = 255;

    private ClientIdUrl() {}

    /** True if {@code clientId} is meant as a Client Identifier URL: it starts with {@code https://}. */
    public static boolean candidate(String clientId) {
        return clientId != null && clientId.startsWith("https://");
    }

    /**
     * Checks a Client Identifier URL.
     *
     * @return its host in lower case
     * @throws IllegalArgumentException naming the rule it breaks
     */
    public static String host(String clientId) {
        if (!candidate(clientId)) {
            throw new IllegalArgumentException("a client ID metadata document URL must use https");
        }
        if (clientId.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a client ID metadata document URL may have at most " + MAX_LENGTH + " characters here");
        }
        URI u;
        try {
            u = new URI(clientId);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the client_id is not a valid URL (RFC 3986)");
        }
        if (u.getRawAuthority() == null || u.getRawAuthority().contains("@")) {
            throw new IllegalArgumentException("a client ID metadata document URL must not contain userinfo");
        }
        if (u.getHost() == null) {
            throw new IllegalArgumentException("a client ID metadata document URL needs a host");
        }
        if (clientId.indexOf('#') >= 0) {
            throw new IllegalArgumentException("a client ID metadata document URL must not contain a fragment");
        }
        if (u.getRawQuery() != null) {
            throw new IllegalArgumentException("a client ID metadata document URL must not contain a query");
        }
        String path = u.getRawPath();
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("a client ID metadata document URL must contain a path");
        }
        for (String segment : path.split("/", -1)) {
            String decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            if (decoded.equals(".") || decoded.equals("..")) {
                throw new IllegalArgumentException("a client ID metadata document URL must not contain . or .. path segments");
            }
        }
        return u.getHost().toLowerCase(Locale.ROOT);
    }
}
