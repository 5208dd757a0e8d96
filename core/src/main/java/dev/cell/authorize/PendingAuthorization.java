package dev.cell.authorize;

import java.time.Instant;
import java.util.Map;

/**
 * A validated authorization request waiting for login or consent; pages carry only its id.
 *
 * @param browserId the browser binding (a cookie value hash), used to bound pending requests per browser
 * @param clientAddress the IP address the request came from, used to bound pending requests per address
 * @param parameters the validated request parameters
 */
public record PendingAuthorization(
        String id,
        String clientId,
        String browserId,
        String clientAddress,
        Map<String, String> parameters,
        Instant createdAt,
        Instant expiresAt) {

    public PendingAuthorization {
        parameters = Map.copyOf(parameters);
    }
}
