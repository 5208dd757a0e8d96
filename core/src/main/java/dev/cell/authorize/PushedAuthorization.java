package dev.cell.authorize;

import java.time.Instant;
import java.util.Map;

/**
 * A pushed authorization request (RFC 9126 §2): the validated parameters a client sent to the PAR endpoint, kept under the
 * SHA-256 of its {@code request_uri} until the client's authorization request redeems it once.
 *
 * @param requestUriHash SHA-256 (base64url) of the {@code request_uri}; the value itself is never stored
 * @param clientId the authenticated client that pushed it, the only one that may redeem it
 * @param parameters the authorization request parameters, without client authentication
 */
public record PushedAuthorization(String requestUriHash, String clientId, Map<String, String> parameters, Instant createdAt,
        Instant expiresAt) {

    public PushedAuthorization {
        parameters = Map.copyOf(parameters);
    }
}
