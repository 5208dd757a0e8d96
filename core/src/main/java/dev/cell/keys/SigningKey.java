package dev.cell.keys;

import java.time.Instant;

/**
 * A stored JWS signing key (RFC 7517). The private part is sealed under the master key.
 *
 * @param publicJwk the public JWK as JSON, with kid, use and alg
 * @param privateKeyEncrypted the private JWK sealed by {@link MasterKey}, base64url
 * @param masterKeyId identifier of the master key that sealed it
 * @param retiredAt when it stopped signing, or null while it is active
 * @param expiresAt when it leaves the JWKS (after every token it signed has expired), or null
 */
public record SigningKey(
        String kid,
        String alg,
        String publicJwk,
        String privateKeyEncrypted,
        String masterKeyId,
        Instant createdAt,
        Instant retiredAt,
        Instant expiresAt) {

    public boolean isActive() {
        return retiredAt == null;
    }

    /** True while tokens it signed may still be presented. */
    public boolean isPublished(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }
}
