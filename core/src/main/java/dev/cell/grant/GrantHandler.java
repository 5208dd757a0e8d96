package dev.cell.grant;

import dev.cell.client.Client;
import java.util.Map;

/** One grant type at the token endpoint (RFC 6749 §4); handlers sit in the {@link GrantRegistry} keyed by grant_type. */
public interface GrantHandler {
    /** The {@code grant_type} value this handler serves. */
    String grantType();

    /**
     * Handles a request from an authenticated client that is allowed this grant.
     *
     * @param clientIp the address the request came from, for rate limits
     */
    TokenResponse handle(Client client, Map<String, String> parameters, String clientIp);
}
