package dev.cell.grant;

import dev.cell.client.Client;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code resource} parameter (RFC 8707 §2): absolute URIs without a fragment, each one the client may ask for (its
 * registered audiences). The form parser keeps repeated values space-separated, as no URI holds a space.
 */
public final class Resources {
    public static final String PARAMETER = "resource";
    /** The most resources one request may name: each becomes an {@code aud} value of the token. */
    public static final int MAX_COUNT = 10;
    /** The longest resource URI accepted. */
    public static final int MAX_LENGTH = 1024;

    private Resources() {}

    /** The resources named by the space-separated parameter value, distinct and in order; null or blank is none. */
    public static List<String> parse(String value) {
        Set<String> out = new LinkedHashSet<>();
        if (value == null || value.isBlank()) {
            return List.of();
        }
        for (String r : value.split(" +")) {
            if (r.isEmpty()) {
                continue;
            }
            check(r);
            out.add(r);
            if (out.size() > MAX_COUNT) {
                throw invalidTarget("at most " + MAX_COUNT + " resources may be requested at once");
            }
        }
        return List.copyOf(out);
    }

    /** The resources the request named, each one the client may ask for; {@code invalid_target} otherwise. */
    public static List<String> allowed(Client client, String value) {
        List<String> requested = parse(value);
        for (String r : requested) {
            if (!client.audiences().contains(r)) {
                throw invalidTarget("the resource is not one this client may request (RFC 8707 section 2)");
            }
        }
        return requested;
    }

    /**
     * The resources for a later request of a grant that covers {@code granted} (RFC 8707 §2.2): the requested ones if all
     * are within it, else {@code invalid_target}; the granted ones when none is requested. An empty grant means the
     * client's default audience, within which any resource the client may request already lies.
     */
    public static List<String> narrow(List<String> requested, List<String> granted) {
        if (requested.isEmpty()) {
            return granted;
        }
        if (!granted.isEmpty() && !granted.containsAll(requested)) {
            throw invalidTarget("the resource was not granted; a later request may only narrow the resources (RFC 8707 section 2.2)");
        }
        return requested;
    }

    /** An absolute URI without fragment (RFC 8707 §2), of bounded length. */
    private static void check(String resource) {
        if (resource.length() > MAX_LENGTH) {
            throw invalidTarget("a resource is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(resource);
        } catch (URISyntaxException e) {
            throw invalidTarget("the resource is not a valid URI (RFC 8707 section 2)");
        }
        if (!uri.isAbsolute()) {
            throw invalidTarget("the resource must be an absolute URI (RFC 8707 section 2)");
        }
        if (uri.getRawFragment() != null) {
            throw invalidTarget("the resource must not include a fragment (RFC 8707 section 2)");
        }
    }

    private static OAuthException invalidTarget(String description) {
        return new OAuthException(OAuthError.INVALID_TARGET, description);
    }
}
