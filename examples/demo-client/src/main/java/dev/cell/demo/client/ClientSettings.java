package dev.cell.demo.client;

import java.net.URI;

/**
 * Where the demo client finds Cell and the notes API, and its own registration (a confidential client, RFC 6749 §2.1).
 *
 * @param baseUrl where the browser reaches this app; {@code /callback} and {@code /} under it are registered at Cell
 */
public record ClientSettings(URI issuer, String clientId, String clientSecret, URI baseUrl, URI apiUrl) {
    /** The registered redirect URI (RFC 6749 §3.1.2). */
    URI callback() {
        return baseUrl.resolve("/callback");
    }

    /** The registered {@code post_logout_redirect_uri}. */
    URI home() {
        return baseUrl.resolve("/");
    }
}
