package dev.cell.server.web;

import dev.cell.client.Client;
import java.net.URI;

/**
 * Where a person can start a sign-in again: the client's home page. Clients have no {@code client_uri} yet, so it is the
 * origin of the client's first registered http(s) redirect URI, or none.
 */
final class StartAgainLink {
    private StartAgainLink() {}

    static String of(Client client) {
        for (String redirect : client.redirectUris()) {
            try {
                URI uri = URI.create(redirect);
                if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getRawAuthority() != null) {
                    return uri.getScheme() + "://" + uri.getRawAuthority() + "/";
                }
            } catch (IllegalArgumentException e) {
                // not a URI a browser can open: try the next one
            }
        }
        return null;
    }
}
