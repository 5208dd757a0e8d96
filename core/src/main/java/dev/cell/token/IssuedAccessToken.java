package dev.cell.token;

import java.time.Instant;

/** An access token as returned to the client (RFC 6749 §5.1). */
public record IssuedAccessToken(String value, Instant expiresAt, long expiresIn) {
    @Override
    public String toString() {
        return "IssuedAccessToken[expiresAt=" + expiresAt + "]";
    }
}
