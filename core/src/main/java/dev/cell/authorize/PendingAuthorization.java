package dev.cell.authorize;

import java.time.Instant;
import java.util.Objects;

/**
 * A validated authorization request waiting for login or consent (RFC 6749 §4.1.1), kept in the database so any node
 * can continue it; pages carry only its id.
 *
 * @param browserId the browser binding (a cookie value hash): only that browser may continue it
 * @param clientAddress the IP address the request came from, used to bound pending requests per address
 * @param request the validated request
 * @param authenticatedSession the hash of the login session that signed in for this very request (it satisfies
 *     {@code prompt=login} and {@code max_age}), or null
 */
public record PendingAuthorization(
        String id,
        String browserId,
        String clientAddress,
        AuthorizationRequest request,
        String authenticatedSession,
        Instant createdAt,
        Instant expiresAt) {

    public PendingAuthorization {
        Objects.requireNonNull(request, "request");
    }

    public String clientId() {
        return request.clientId();
    }
}
