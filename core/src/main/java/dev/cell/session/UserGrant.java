package dev.cell.session;

import java.time.Instant;

/**
 * A grant a user gave a client (RFC 6749 §1.3), with the login session it was issued through ({@code sid}, OIDC
 * Back-Channel Logout 1.0 §2.1), so ending the session ends the grant.
 *
 * @param sessionId the login session's id ({@link LoginSession#sid()}), or null for a grant without one (the password grant)
 * @param expiresAt when the grant's last token has expired at the latest
 */
public record UserGrant(String grantId, String userId, String clientId, String sessionId, Instant createdAt, Instant expiresAt) {}
